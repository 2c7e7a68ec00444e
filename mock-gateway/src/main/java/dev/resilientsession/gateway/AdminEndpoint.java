package dev.resilientsession.gateway;

import com.squareup.moshi.JsonWriter;
import dev.resilientsession.gateway.browser.BrowserSession;
import dev.resilientsession.gateway.config.DurationText;
import dev.resilientsession.gateway.http.HttpResponse;
import dev.resilientsession.gateway.token.TokenInfo;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * The QA controls under {@code /admin/}: list tokens, advance the clock, revoke a user's tokens,
 * change a password, list and end browser sessions, inject faults, reset. They answer JSON; mistakes
 * get 400 with a reason. A gateway built with an admin token answers none of them without it.
 */
final class AdminEndpoint {
  private static final String USERS = "/admin/users/";
  private static final String SESSIONS = "/admin/sessions/";
  private static final String REALM = "realm=\"mock-gateway admin\"";
  private static final String HOW = "send Authorization: Bearer <admin token>, or Basic with the admin token as the "
      + "password (curl -u admin:<admin token>). The admin token is the one given with --admin-token or "
      + "MOCK_GATEWAY_ADMIN_TOKEN (MockGateway.Builder.adminToken in Java), or else the one printed at start.";

  private final MockGateway gateway;
  /** Null when the controls are open. */
  private final AdminToken token;

  AdminEndpoint(MockGateway gateway) {
    this.gateway = gateway;
    this.token = gateway.adminToken();
  }

  /** Whether a request with this Authorization header (or null) may use the controls. */
  boolean admits(String authorization) {
    return token == null || token.admits(authorization);
  }

  /**
   * The 401 for a request {@link #admits} refused: both challenges, and how to pass the token
   * without ever repeating what the request sent.
   */
  static HttpResponse unauthorized(String authorization) {
    String reason = authorization == null
        ? "This gateway's /admin controls need its admin token: "
        : "The credential sent is not this gateway's admin token: ";
    return Responses.noStore(error(401, authorization == null ? "unauthorized" : "invalid_token", reason + HOW))
        .addHeader("WWW-Authenticate", "Bearer " + REALM)
        .addHeader("WWW-Authenticate", "Basic " + REALM + ", charset=\"UTF-8\"");
  }

  HttpResponse handle(String method, String path, Form form) {
    switch (path) {
      case "/admin":
      case "/admin/":
        return only("GET", method, () -> index());
      case "/admin/tokens":
        return only("GET", method, () -> tokens("all".equals(form.get("state"))));
      case "/admin/clock":
        if (method.equals("GET")) return now();
        return only("POST", method, () -> advanceClock(form.get("advance")));
      case "/admin/faults":
        if (method.equals("GET")) return faults();
        if (method.equals("DELETE")) {
          gateway.clearFaults();
          return faults();
        }
        return only("POST", method, () -> injectFault(form));
      case "/admin/reset":
        return only("POST", method, () -> {
          gateway.reset();
          return Responses.json(200, writer -> writer.beginObject().name("reset").value(true).endObject());
        });
      case "/admin/sessions":
        if (method.equals("GET")) return sessions(form.get("user"));
        return only("DELETE", method, () -> endSessions(form.get("user")));
      default:
        if (path.startsWith(SESSIONS)) {
          return only("DELETE", method, () -> endSession(path.substring(SESSIONS.length())));
        }
        if (path.startsWith(USERS)) return user(method, path.substring(USERS.length()), form);
        return error(404, "not_found", "No admin endpoint " + path + "; GET /admin lists them");
    }
  }

  private HttpResponse user(String method, String rest, Form form) {
    int slash = rest.indexOf('/');
    if (slash <= 0) return error(404, "not_found", "Use /admin/users/{username}/revoke or /password");
    String username;
    try {
      username = URLDecoder.decode(rest.substring(0, slash), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return error(400, "invalid_request", "The username in the path is not valid percent-encoding");
    }
    String action = rest.substring(slash + 1);
    if (action.equals("revoke")) {
      return only("POST", method, () -> {
        int revoked = gateway.revokeAllTokens(username);
        return Responses.json(200, writer -> writer.beginObject()
            .name("user").value(username).name("revoked").value(revoked).endObject());
      });
    }
    if (action.equals("password")) {
      return only("POST", method, () -> {
        String password = form.get("password");
        if (password == null || password.isEmpty()) return error(400, "invalid_request", "Missing password parameter");
        if (!gateway.changePassword(username, password)) return error(404, "not_found", "No user " + username);
        return Responses.json(200, writer -> writer.beginObject()
            .name("user").value(username).name("password_changed").value(true).endObject());
      });
    }
    return error(404, "not_found", "Use /admin/users/{username}/revoke or /password");
  }

  private HttpResponse index() {
    return Responses.json(200, writer -> {
      writer.beginObject().name("endpoints").beginArray();
      writer.value("GET /admin/tokens[?state=all]: active tokens (with state=all, also the last retired ones)");
      writer.value("GET /admin/clock: the gateway's time");
      writer.value("POST /admin/clock advance=PT1H: move the gateway's clock forward");
      writer.value("POST /admin/users/{username}/revoke: revoke every token of a user");
      writer.value("POST /admin/users/{username}/password password=...: change a password (revokes the user's tokens)");
      writer.value("POST /admin/faults target=api|token kind=" + names(Fault.Kind.class)
          + " [count=N|unlimited | duration=PT30S|30s (or for=30s)] [retry_after=S|5s|none] [status=NNN] [capacity=N]:"
          + " inject a fault; the key manager's verdicts (expired, inactive, blocked, forbidden, subscription_inactive)"
          + " are for api only, status for html (default 503), empty (default 502) and overloaded (503 or 429) only");
      writer.value("POST /admin/faults target=token kind=overloaded capacity=N [retry_after=1s] [status=429] [for=60s]:"
          + " the token endpoint admits N requests a second (bursts up to N) and sheds the rest with 503"
          + " temporarily_unavailable and Retry-After (default 1 s), until cleared or for the duration");
      writer.value("GET /admin/faults, DELETE /admin/faults: list or clear injected faults; an overloaded one lists"
          + " the requests it admitted and shed, token_requests the admitted and shed since start or reset");
      writer.value("GET /admin/sessions[?user=U]: browser sessions (single sign-on): id, user, clients, age");
      writer.value("DELETE /admin/sessions?user=U: end every browser session of a user; DELETE /admin/sessions/{id}: end one");
      writer.value("POST /admin/reset: forget every token, browser session, fault, password change and clock advance");
      writer.endArray().endObject();
    });
  }

  private HttpResponse tokens(boolean includeRetired) {
    List<TokenInfo> tokens = gateway.tokens().tokens(includeRetired);
    return Responses.json(200, writer -> {
      writer.beginObject();
      writer.name("now").value(gateway.now().toString());
      writer.name("tokens").beginArray();
      for (TokenInfo token : tokens) writeToken(writer, token);
      writer.endArray();
      writer.endObject();
    });
  }

  private static void writeToken(JsonWriter writer, TokenInfo token) throws IOException {
    writer.beginObject();
    writer.name("id").value(token.id());
    Responses.writeOwner(writer, token);
    writer.name("grant_type").value(token.grantType().wireName());
    writer.name("state").value(token.state().name());
    writer.name("issued_at").value(token.issuedAt().toString());
    writer.name("expires_at").value(token.expiresAt().toString());
    if (token.refreshExpiresAt() != null) writer.name("refresh_expires_at").value(token.refreshExpiresAt().toString());
    writer.endObject();
  }

  private HttpResponse sessions(String user) {
    Instant now = gateway.now();
    List<BrowserSession> sessions = gateway.browserSessions();
    return Responses.json(200, writer -> {
      writer.beginObject().name("now").value(now.toString()).name("sessions").beginArray();
      for (BrowserSession session : sessions) {
        if (user != null && !user.equals(session.user())) continue;
        writer.beginObject();
        writer.name("id").value(session.id());
        writer.name("user").value(session.user());
        writer.name("clients").beginArray();
        for (String client : session.clients()) writer.value(client);
        writer.endArray();
        writer.name("signed_in_at").value(session.signedInAt().toString());
        writer.name("last_used_at").value(session.lastUsedAt().toString());
        writer.name("age_seconds").value(Duration.between(session.signedInAt(), now).getSeconds());
        writer.endObject();
      }
      writer.endArray().endObject();
    });
  }

  private HttpResponse endSessions(String user) {
    if (user == null || user.isEmpty()) {
      return error(400, "invalid_request", "Missing user parameter: DELETE /admin/sessions?user=U ends a user's "
          + "sessions, DELETE /admin/sessions/{id} one session");
    }
    int ended = gateway.endBrowserSessions(user);
    return Responses.json(200, writer -> writer.beginObject().name("user").value(user).name("ended").value(ended).endObject());
  }

  private HttpResponse endSession(String id) {
    if (!gateway.endBrowserSession(id)) return error(404, "not_found", "No browser session " + id);
    return Responses.json(200, writer -> writer.beginObject().name("id").value(id).name("ended").value(1).endObject());
  }

  private HttpResponse now() {
    Instant now = gateway.now();
    return Responses.json(200, writer -> writer.beginObject().name("now").value(now.toString()).endObject());
  }

  private HttpResponse advanceClock(String advance) {
    if (advance == null) return error(400, "invalid_request", "Missing advance parameter, e.g. advance=PT1H");
    Duration amount;
    try {
      amount = Duration.parse(advance);
    } catch (DateTimeParseException e) {
      return error(400, "invalid_request", "advance must be an ISO-8601 duration such as PT1H or PT90S, was '" + advance + "'");
    }
    if (amount.isNegative()) return error(400, "invalid_request", "The gateway clock only moves forward");
    gateway.advanceClock(amount);
    return now();
  }

  private HttpResponse injectFault(Form form) {
    Fault fault;
    try {
      fault = parseFault(form);
    } catch (IllegalArgumentException e) {
      return error(400, "invalid_request", e.getMessage());
    }
    gateway.injectFault(fault);
    return faults();
  }

  /** The fault a form describes; IllegalArgumentException says what is wrong with it. */
  private static Fault parseFault(Form form) {
    Fault.Target target = parseEnum(Fault.Target.class, "target", required(form, "target"));
    Fault.Kind kind = parseEnum(Fault.Kind.class, "kind", required(form, "kind"));
    Fault fault = Fault.of(target, kind);
    String count = form.get("count");
    if (form.get("for") != null && form.get("duration") != null) {
      throw new IllegalArgumentException("Give for or duration, not both");
    }
    // for=60s, as the device lab's scenarios write it, is duration by another name.
    String durationName = form.get("for") != null ? "for" : "duration";
    String duration = form.get(durationName);
    if (count != null && duration != null) {
      throw new IllegalArgumentException("Give count or " + durationName + ", not both");
    }
    if ("unlimited".equals(count)) {
      fault = fault.untilCleared();
    } else if (count != null) {
      fault = fault.times(positiveInt("count", count, "a positive number or 'unlimited'"));
    }
    if (duration != null) fault = fault.during(duration(durationName, duration));
    String capacity = form.get("capacity");
    if (capacity != null) {
      fault = fault.capacity(positiveInt("capacity", capacity, "a whole number of requests per second, at least 1"));
    } else if (kind == Fault.Kind.OVERLOADED) {
      throw new IllegalArgumentException("kind=overloaded needs capacity=N: the token requests a second it admits");
    }
    String retryAfter = form.get("retry_after");
    if ("none".equals(retryAfter)) {
      fault = fault.withoutRetryAfter();
    } else if (retryAfter != null) {
      fault = fault.retryAfter(retryAfter(retryAfter));
    }
    String status = form.get("status");
    if (status != null) {
      fault = fault.status(positiveInt("status", status,
          kind == Fault.Kind.OVERLOADED ? "429 or 503" : "an HTTP status from 200 to 599"));
    }
    return fault;
  }

  /** An ISO-8601 duration ({@code PT30S}), or a number with a unit as the configs write them ({@code 30s}). */
  private static Duration duration(String name, String value) {
    Duration withUnit = DurationText.parse(value);
    if (withUnit != null) return withUnit;
    try {
      return Duration.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(name + " must be a duration such as PT30S or 30s (ms, s, m, h), was '"
          + value + "'");
    }
  }

  /** Whole seconds, bare ({@code 5}) or with a unit ({@code 5s}, {@code 2m}), as a {@code Retry-After} header carries them. */
  private static Duration retryAfter(String value) {
    Duration duration = DurationText.parse(value);
    if (duration == null) {
      try {
        duration = Duration.ofSeconds(Long.parseLong(value));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("retry_after must be a number of seconds such as 5 or 5s, or none, was '"
            + value + "'");
      }
    }
    if (duration.getNano() != 0) {
      throw new IllegalArgumentException("retry_after must be whole seconds, as Retry-After is, was '" + value + "'");
    }
    return duration;
  }

  private static <E extends Enum<E>> E parseEnum(Class<E> type, String name, String value) {
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(value)) return constant;
    }
    throw new IllegalArgumentException(name + " must be one of " + names(type) + ", was '" + value + "'");
  }

  private static int positiveInt(String name, String value, String expected) {
    try {
      int number = Integer.parseInt(value);
      if (number >= 1) return number;
    } catch (NumberFormatException ignored) {
      // refused below with the same reason as a negative number
    }
    throw new IllegalArgumentException(name + " must be " + expected + ", was '" + value + "'");
  }

  private static String names(Class<? extends Enum<?>> type) {
    StringJoiner names = new StringJoiner("|");
    for (Enum<?> constant : type.getEnumConstants()) names.add(constant.name().toLowerCase(Locale.ROOT));
    return names.toString();
  }

  private HttpResponse faults() {
    List<FaultPlan.Listed> faults = gateway.listFaults();
    int configuredCapacity = gateway.config().tokenCapacity();
    long admitted = gateway.tokenRequestsAdmitted();
    long shed = gateway.tokenRequestsShed();
    return Responses.json(200, writer -> {
      writer.beginObject().name("faults").beginArray();
      for (FaultPlan.Listed listed : faults) {
        Fault fault = listed.fault;
        writer.beginObject();
        writer.name("target").value(fault.target().name().toLowerCase(Locale.ROOT));
        writer.name("kind").value(fault.kind().name().toLowerCase(Locale.ROOT));
        if (fault.duration() != null) {
          writer.name("duration").value(fault.duration().toString());
        } else if (fault.count() == Fault.UNLIMITED) {
          writer.name("count").value("unlimited");
        } else {
          writer.name("count").value(fault.count());
        }
        if (fault.status() != 0) writer.name("status").value(fault.status());
        if (fault.retryAfter() != null) writer.name("retry_after").value(fault.retryAfter().getSeconds());
        if (listed.capacity != null) {
          writer.name("capacity").value(listed.capacity.perSecond());
          writer.name("admitted").value(listed.capacity.admitted());
          writer.name("shed").value(listed.capacity.shed());
        }
        writer.endObject();
      }
      writer.endArray();
      if (configuredCapacity != 0) writer.name("token_capacity").value(configuredCapacity);
      writer.name("token_requests").beginObject().name("admitted").value(admitted).name("shed").value(shed).endObject();
      writer.endObject();
    });
  }

  private static String required(Form form, String name) {
    String value = form.get(name);
    if (value == null) throw new IllegalArgumentException("Missing " + name + " parameter");
    return value;
  }

  private static HttpResponse only(String allowed, String method, Action action) {
    if (!method.equals(allowed)) return error(405, "invalid_request", "Use " + allowed).setHeader("Allow", allowed);
    return action.run();
  }

  private static HttpResponse error(int status, String error, String description) {
    return Responses.oauthError(status, error, description);
  }

  private interface Action {
    HttpResponse run();
  }
}
