package dev.resilientsession.client.android;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resilientsession.client.SignInMethod;
import dev.resilientsession.client.StoredTokens;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import org.junit.Test;

public class TokenCodecTest {
  private static final Instant ISSUED = Instant.parse("2026-01-01T00:00:00Z");

  @Test public void everySignInMethodComesBackIntact() throws Exception {
    for (SignInMethod method : SignInMethod.values()) {
      StoredTokens tokens = new StoredTokens("at", "rt", ISSUED, ISSUED.plusSeconds(3600), Set.of("device_tablet"), method);

      assertThat(TokenCodec.decode(TokenCodec.encode(tokens))).as(method.name()).isEqualTo(tokens);
    }
  }

  @Test public void tokensSavedBeforeBrowserSignInReadAsAPasswordSignIn() throws Exception {
    byte[] version1 = version1("at-old", "rt-old", "device_tablet", "orders:read");

    StoredTokens tokens = TokenCodec.decode(version1);

    assertThat(tokens).isEqualTo(new StoredTokens("at-old", "rt-old", ISSUED, ISSUED.plusSeconds(3600),
        Set.of("device_tablet", "orders:read"), SignInMethod.PASSWORD));
  }

  @Test public void anUnknownSignInMethodIsMalformed() throws Exception {
    byte[] bytes = TokenCodec.encode(new StoredTokens("at", null, ISSUED, ISSUED, Set.of(), SignInMethod.BROWSER));
    byte[] renamed = new String(bytes, StandardCharsets.ISO_8859_1).replace("BROWSER", "BROWSEX")
        .getBytes(StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> TokenCodec.decode(renamed)).isInstanceOf(IOException.class)
        .hasMessage("unknown sign-in method BROWSEX");
  }

  @Test public void aVersion2EntryWithoutItsSignInMethodIsMalformed() {
    byte[] bytes = TokenCodec.encode(new StoredTokens("at", null, ISSUED, ISSUED, Set.of(), SignInMethod.BROWSER));
    byte[] cut = Arrays.copyOf(bytes, bytes.length - "BROWSER".length() - 2);

    assertThatThrownBy(() -> TokenCodec.decode(cut)).isInstanceOf(IOException.class);
  }

  @Test public void aFutureVersionIsRefused() {
    byte[] bytes = TokenCodec.encode(new StoredTokens("at", null, ISSUED, ISSUED, Set.of(), SignInMethod.PASSWORD));
    bytes[0] = 3;

    assertThatThrownBy(() -> TokenCodec.decode(bytes)).isInstanceOf(IOException.class)
        .hasMessage("unknown token format version 3");
  }

  /** What the first release wrote: no sign-in method. */
  private static byte[] version1(String accessToken, String refreshToken, String... scopes) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(1);
      out.writeUTF(accessToken);
      out.writeBoolean(true);
      out.writeUTF(refreshToken);
      out.writeLong(ISSUED.toEpochMilli());
      out.writeLong(ISSUED.plusSeconds(3600).toEpochMilli());
      out.writeShort(scopes.length);
      for (String scope : scopes) out.writeUTF(scope);
    }
    return bytes.toByteArray();
  }
}
