package dev.resilientsession.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.squareup.moshi.Moshi;
import dev.resilientsession.gateway.junit.TestClock;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import okhttp3.Headers;
import okhttp3.internal.Internal;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;

/**
 * Whole requests through the dispatcher, built as MockWebServer builds them. An input is a request
 * as on the wire: request line, header lines, a blank line, the body. {@code {access_token}} and
 * {@code {refresh_token}} in it become live tokens of admin's, so seeds get past the token checks.
 * Whatever the input, the answer comes within {@link Bounded#LIMIT}, nothing escapes, and it is no
 * 5xx: this gateway has no fault injected, so a 5xx is the dispatcher reporting its own bug.
 */
class GatewayDispatcherFuzzTest {
  private static final MockGateway GATEWAY = MockGateway.create(GatewayConfig.defaults(), new TestClock());

  @FuzzTest(maxDuration = "20s")
  @DictionaryEntries({"/oauth2/token", "/oauth2/revoke", "/oauth2/introspect", "/oauth2/jwks", "/admin/",
      "/admin/users/admin/", "grant_type=", "refresh_token", "client_credentials", "token_type_hint=",
      "Authorization: Basic ", "Authorization: Bearer ", "{access_token}", "{refresh_token}",
      "Content-Type: application/x-www-form-urlencoded", "Connection: close"})
  void anyRequestIsAnsweredInTimeAndNeverWithA5xx(byte[] input) throws Exception {
    GATEWAY.reset();
    RecordedRequest request = request(withLiveTokens(input));

    MockResponse response = Bounded.call(() -> GATEWAY.dispatcher().dispatch(request));

    assertThat(Dispatched.statusCode(response))
        .as("%s answered %s %s", request.getRequestLine(), response.getStatus(), Dispatched.body(response))
        .isBetween(100, 499);
  }

  /** Splits {@code wire} as MockWebServer reads a request: UTF-8 lines up to a blank one, then the body. */
  static RecordedRequest request(byte[] wire) {
    int start = 0;
    String requestLine = null;
    Headers.Builder headers = new Headers.Builder();
    while (start < wire.length) {
      int end = start;
      while (end < wire.length && wire[end] != '\n') end++;
      int lineEnd = end > start && wire[end - 1] == '\r' ? end - 1 : end;
      String line = new String(wire, start, lineEnd - start, StandardCharsets.UTF_8);
      start = Math.min(end + 1, wire.length);
      if (requestLine == null) {
        requestLine = line;
      } else if (line.isEmpty()) {
        break;
      } else {
        // As MockWebServer adds header lines: "Authorization :Basic ..." keeps its odd name.
        Internal.addHeaderLenient(headers, line);
      }
    }
    Buffer body = new Buffer().write(wire, start, wire.length - start);
    return Dispatched.request(wellFormed(requestLine == null ? "" : requestLine), headers.build(), body);
  }

  /** RecordedRequest needs two spaces in the request line, as MockWebServer never passes it one without. */
  private static String wellFormed(String requestLine) {
    String[] parts = requestLine.split(" ", 3);
    return parts[0] + " " + (parts.length > 1 ? parts[1] : "/") + " HTTP/1.1";
  }

  private static byte[] withLiveTokens(byte[] input) throws Exception {
    // Latin-1 maps bytes to chars one to one, so the body's bytes survive the round trip.
    String wire = new String(input, StandardCharsets.ISO_8859_1);
    if (!wire.contains("{access_token}") && !wire.contains("{refresh_token}")) return input;
    Map<String, Object> tokens = passwordGrant();
    return wire.replace("{access_token}", String.valueOf(tokens.get("access_token")))
        .replace("{refresh_token}", String.valueOf(tokens.get("refresh_token")))
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> passwordGrant() throws Exception {
    String client = GatewayConfig.DEFAULT_JWT_KEY + ":" + GatewayConfig.DEFAULT_JWT_SECRET;
    String grant = "POST /oauth2/token HTTP/1.1\r\n"
        + "Authorization: Basic " + Base64.getEncoder().encodeToString(client.getBytes(StandardCharsets.UTF_8)) + "\r\n"
        + "Content-Type: application/x-www-form-urlencoded\r\n\r\n"
        + "grant_type=password&username=admin&password=admin";
    MockResponse response = GATEWAY.dispatcher().dispatch(request(grant.getBytes(StandardCharsets.UTF_8)));
    if (Dispatched.statusCode(response) != 200) {
      throw new IllegalStateException("No tokens for the seeds: " + Dispatched.body(response));
    }
    return new Moshi.Builder().build().adapter(Map.class).fromJson(Dispatched.body(response));
  }
}
