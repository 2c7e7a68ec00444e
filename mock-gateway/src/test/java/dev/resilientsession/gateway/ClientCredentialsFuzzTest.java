package dev.resilientsession.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.resilientsession.gateway.token.OAuthError;
import dev.resilientsession.gateway.token.OAuthException;
import java.nio.charset.StandardCharsets;

/**
 * Authorization headers as clients send them, WSO2's documented {@code "Authorization :Basic
 * <b64>, Content-Type: ..."} included. An input is the header value (first line) and a form body
 * after it. A bad header is {@code invalid_client}, a client_id that contradicts it {@code
 * invalid_request}; nothing else may be thrown.
 */
class ClientCredentialsFuzzTest {
  @FuzzTest(maxDuration = "20s")
  void aBasicHeaderGivesCredentialsOrATypedError(byte[] input) throws Exception {
    String text = new String(input, StandardCharsets.UTF_8);
    int newline = text.indexOf('\n');
    String authorization = newline == -1 ? text : text.substring(0, newline);
    Form form = formOrEmpty(newline == -1 ? "" : text.substring(newline + 1));

    Bounded.call(() -> {
      try {
        ClientCredentials credentials = ClientCredentials.from(authorization, form);
        if (credentials.id != null && form.get("client_id") != null) {
          assertThat(credentials.id).isEqualTo(form.get("client_id"));
        }
      } catch (OAuthException e) {
        assertThat(e.error()).isIn(OAuthError.INVALID_CLIENT, OAuthError.INVALID_REQUEST);
        assertThat(e.description()).isNotBlank();
      }
      return null;
    });
  }

  /** Bad forms are FormFuzzTest's business; here they only feed client_id and client_secret. */
  private static Form formOrEmpty(String body) {
    try {
      return Form.parse(body);
    } catch (OAuthException e) {
      return Form.empty();
    }
  }
}
