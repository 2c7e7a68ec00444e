package dev.resilientsession.gateway;

import com.squareup.moshi.JsonWriter;
import dev.resilientsession.gateway.token.TokenInfo;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import okhttp3.mockwebserver.MockResponse;

/**
 * The QA controls under {@code /admin/}: list tokens, advance the clock, revoke a user's tokens,
 * change a password, inject faults, reset. They answer JSON; mistakes get 400 with a reason.
 */
final class AdminEndpoint {
  private static final String USERS = "/admin/users/";

  private final MockGateway gateway;

  AdminEndpoint(MockGateway gateway) {
    this.gateway = gateway;
  }

  MockResponse handle(String method, String path, Form form) {
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
      default:
        if (path.startsWith(USERS)) return user(method, path.substring(USERS.length()), form);
        return error(404, "not_found", "No admin endpoint " + path + "; GET /admin lists them");
    }
  }

  private MockResponse user(String method, String rest, Form form) {
    int slash = rest.indexOf('/');
    if (slash <= 0) return error(404, "not_found", "Use /admin/users/{username}/revoke or /password");
    String username = java.net.URLDecoder.decode(rest.substring(0, slash), java.nio.charset.StandardCharsets.UTF_8);
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

  private MockResponse index() {
    return Responses.json(200, writer -> {
      writer.beginObject().name("endpoints").beginArray();
      writer.value("GET /admin/tokens[?state=all]: active tokens (with state=all, also the last retired ones)");
      writer.value("GET /admin/clock: the gateway's time");
      writer.value("POST /admin/clock advance=PT1H: move the gateway's clock forward");
      writer.value("POST /admin/users/{username}/revoke: revoke every token of a user");
      writer.value("POST /admin/users/{username}/password password=...: change a password (revokes the user's tokens)");
      writer.value("POST /admin/faults target=api|token kind=throttled|unavailable [count=N|unlimited] [retry_after=S]");
      writer.value("GET /admin/faults, DELETE /admin/faults: list or clear injected faults");
      writer.value("POST /admin/reset: forget every token, fault, password change and clock advance");
      writer.endArray().endObject();
    });
  }

  private MockResponse tokens(boolean includeRetired) {
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

  private MockResponse now() {
    Instant now = gateway.now();
    return Responses.json(200, writer -> writer.beginObject().name("now").value(now.toString()).endObject());
  }

  private MockResponse advanceClock(String advance) {
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

  private MockResponse injectFault(Form form) {
    Fault.Target target;
    Fault.Kind kind;
    try {
      target = Fault.Target.valueOf(required(form, "target").toUpperCase(Locale.ROOT));
      kind = Fault.Kind.valueOf(required(form, "kind").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return error(400, "invalid_request", "target must be api or token, kind must be throttled or unavailable");
    }
    Fault fault = Fault.of(target, kind);
    try {
      String count = form.get("count");
      if ("unlimited".equals(count)) {
        fault = fault.untilCleared();
      } else if (count != null) {
        int times = Integer.parseInt(count);
        // Fault.times(-1) would mean UNLIMITED: a negative count must be refused, not made endless.
        if (times < 1) throw new IllegalArgumentException("count must be positive: " + count);
        fault = fault.times(times);
      }
      String retryAfter = form.get("retry_after");
      if (retryAfter != null) fault = fault.retryAfter(Duration.ofSeconds(Long.parseLong(retryAfter)));
    } catch (IllegalArgumentException e) {
      return error(400, "invalid_request", "count must be a positive number or 'unlimited', retry_after a number of seconds");
    }
    gateway.injectFault(fault);
    return faults();
  }

  private MockResponse faults() {
    List<Fault> faults = gateway.pendingFaults();
    return Responses.json(200, writer -> {
      writer.beginObject().name("faults").beginArray();
      for (Fault fault : faults) {
        writer.beginObject();
        writer.name("target").value(fault.target().name().toLowerCase(Locale.ROOT));
        writer.name("kind").value(fault.kind().name().toLowerCase(Locale.ROOT));
        if (fault.count() == Fault.UNLIMITED) {
          writer.name("count").value("unlimited");
        } else {
          writer.name("count").value(fault.count());
        }
        writer.name("retry_after").value(fault.retryAfter().getSeconds());
        writer.endObject();
      }
      writer.endArray().endObject();
    });
  }

  private static String required(Form form, String name) {
    String value = form.get(name);
    if (value == null) throw new IllegalArgumentException("missing " + name);
    return value;
  }

  private static MockResponse only(String allowed, String method, Action action) {
    if (!method.equals(allowed)) return error(405, "invalid_request", "Use " + allowed).setHeader("Allow", allowed);
    return action.run();
  }

  private static MockResponse error(int status, String error, String description) {
    return Responses.oauthError(status, error, description);
  }

  private interface Action {
    MockResponse run();
  }
}
