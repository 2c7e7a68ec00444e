package dev.resilientsession.lab.fleet;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import dev.resilientsession.lab.scenario.Event;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * The mock gateway's QA controls ({@code /admin}) over HTTP: the same calls for the embedded
 * gateway and a standalone one, so the lab has one way to change passwords, revoke, move the clock
 * and inject faults. A real WSO2 server has none, and a standalone mock beyond loopback wants its
 * admin token, sent with every /admin request; {@link #probe} tells them apart before a run starts.
 */
final class GatewayAdmin {
  private static final JsonAdapter<Map<String, Object>> JSON = new Moshi.Builder().build()
      .adapter(Types.newParameterizedType(Map.class, String.class, Object.class));
  /** The realm of the mock's 401 for /admin without its token; a real server's 401 is something else. */
  private static final String MOCK_ADMIN_REALM = "realm=\"mock-gateway admin\"";

  /** What {@code GET /admin} says about the gateway's controls. */
  enum Controls {
    /** The mock's controls answered. */
    PRESENT,
    /** Nothing of the mock's there: a real server. */
    ABSENT,
    /** The mock's controls, refusing the request for want of its admin token (or for a wrong one). */
    REFUSED
  }

  private final OkHttpClient client;
  private final HttpUrl admin;
  /** Null sends no Authorization header. */
  private final @Nullable String authorization;

  /** @param admin where the controls would be, ending with '/': {@code https://gateway:9443/admin/} */
  GatewayAdmin(OkHttpClient client, HttpUrl admin, @Nullable String adminToken) {
    this.client = client;
    this.admin = admin;
    this.authorization = adminToken == null ? null : "Bearer " + adminToken;
  }

  boolean sendsAdminToken() {
    return authorization != null;
  }

  /**
   * Whether the server has the mock's controls: {@code GET .../admin} answers their list of
   * endpoints. Redirects are not followed: a real server's admin console (Keycloak's is at {@code
   * /admin}) redirects to its login page, and is no mock.
   */
  Controls probe() {
    HttpUrl list = admin.newBuilder().removePathSegment(admin.pathSize() - 1).build();
    OkHttpClient noRedirects = client.newBuilder().followRedirects(false).followSslRedirects(false).build();
    try (Response response = noRedirects.newCall(request(list).build()).execute()) {
      if (response.code() == 401 && response.headers("WWW-Authenticate").stream()
          .anyMatch(challenge -> challenge.contains(MOCK_ADMIN_REALM))) {
        return Controls.REFUSED;
      }
      if (!response.isSuccessful()) return Controls.ABSENT;
      Map<String, Object> body = JSON.fromJson(response.body().string());
      return body != null && body.get("endpoints") instanceof List ? Controls.PRESENT : Controls.ABSENT;
    } catch (IOException | RuntimeException e) {
      return Controls.ABSENT;
    }
  }

  void changePassword(String user, String password) throws IOException {
    post(userUrl(user, "password"), new FormBody.Builder().add("password", password));
  }

  int revokeUser(String user) throws IOException {
    Object revoked = post(userUrl(user, "revoke"), new FormBody.Builder()).get("revoked");
    return revoked instanceof Number ? ((Number) revoked).intValue() : 0;
  }

  void advanceClock(Duration by) throws IOException {
    post(admin.resolve("clock"), new FormBody.Builder().add("advance", by.toString()));
  }

  /**
   * Injects a {@code token_fault} or {@code api_fault} event's fault into {@code target} ("token"
   * or "api"): for its {@code for}, for its count of responses, or until cleared when it has neither.
   */
  void injectFault(String target, Event fault) throws IOException {
    FormBody.Builder form = new FormBody.Builder().add("target", target).add("kind", fault.fault());
    if (fault.duration() != null) {
      form.add("duration", fault.duration().toString());
    } else {
      form.add("count", fault.count() == 0 ? "unlimited" : Integer.toString(fault.count()));
    }
    if (fault.noRetryAfter()) {
      form.add("retry_after", "none");
    } else if (fault.retryAfter() != null) {
      form.add("retry_after", Long.toString(fault.retryAfter().toSeconds()));
    }
    if (fault.status() != null) form.add("status", fault.status().toString());
    if (fault.capacity() != null) form.add("capacity", fault.capacity().toString());
    post(admin.resolve("faults"), form);
  }

  /** The active tokens, one line each: "alice device_desktop (JWT)". */
  List<String> activeTokens() throws IOException {
    Request request = request(admin.resolve("tokens")).build();
    Map<String, Object> body = send(request);
    List<String> lines = new ArrayList<>();
    if (body.get("tokens") instanceof List) {
      for (Object token : (List<?>) body.get("tokens")) {
        if (!(token instanceof Map)) continue;
        Map<?, ?> fields = (Map<?, ?>) token;
        String id = String.valueOf(fields.get("id"));
        lines.add(id.substring(0, Math.min(8, id.length())) + " " + fields.get("user") + " " + fields.get("scopes"));
      }
    }
    return lines;
  }

  private HttpUrl userUrl(String user, String action) {
    return admin.newBuilder().addPathSegment("users").addPathSegment(user).addPathSegment(action).build();
  }

  private Map<String, Object> post(HttpUrl url, FormBody.Builder form) throws IOException {
    return send(request(url).post(form.build()).build());
  }

  /** A request to the controls, carrying the admin token when there is one. */
  private Request.Builder request(HttpUrl url) {
    Request.Builder request = new Request.Builder().url(url);
    if (authorization != null) request.header("Authorization", authorization);
    return request;
  }

  private Map<String, Object> send(Request request) throws IOException {
    try (Response response = client.newCall(request).execute()) {
      String text = response.body().string();
      Map<String, Object> body;
      try {
        body = JSON.fromJson(text);
      } catch (IOException | RuntimeException e) {
        body = null;
      }
      if (!response.isSuccessful() || body == null) {
        Object reason = body == null ? null : body.get("error_description");
        throw new IOException(request.method() + " " + request.url().encodedPath() + " answered " + response.code()
            + (reason == null ? "" : ": " + reason));
      }
      return body;
    }
  }
}
