package dev.resilientsession.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.resilientsession.gateway.token.OAuthError;
import dev.resilientsession.gateway.token.OAuthException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Form bodies from the wire. An input is the Content-Type (first line; an empty line means no
 * header) and the body bytes after it. The only way to refuse is {@code invalid_request}.
 */
class FormFuzzTest {
  @FuzzTest(maxDuration = "20s")
  void aFormBodyParsesOrIsAnInvalidRequest(byte[] input) throws Exception {
    int newline = indexOf(input, (byte) '\n');
    String contentType = newline <= 0 ? null : new String(input, 0, newline, StandardCharsets.UTF_8);
    byte[] body = newline == -1 ? input : Arrays.copyOfRange(input, newline + 1, input.length);

    Bounded.call(() -> parsesOrRefuses(() -> Form.parse(contentType, body)));
    // Query strings reach Form.parse(String) already decoded, as MockWebServer decodes the request line.
    Bounded.call(() -> parsesOrRefuses(() -> Form.parse(new String(body, StandardCharsets.UTF_8))));
  }

  private static Form parsesOrRefuses(Supplier<Form> parse) {
    try {
      return parse.get();
    } catch (OAuthException e) {
      assertThat(e.error()).isEqualTo(OAuthError.INVALID_REQUEST);
      assertThat(e.description()).isNotBlank();
      return null;
    }
  }

  static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == b) return i;
    }
    return -1;
  }
}
