package dev.resilientsession.client.android;

import dev.resilientsession.client.StoredTokens;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/** {@link StoredTokens} as bytes and back: a version byte, then the fields. No password exists to write. */
final class TokenCodec {
  private static final int VERSION = 1;
  private static final int MAX_SCOPES = 256;

  private TokenCodec() {
  }

  static byte[] encode(StoredTokens tokens) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeUTF(tokens.accessToken());
      out.writeBoolean(tokens.refreshToken() != null);
      if (tokens.refreshToken() != null) out.writeUTF(tokens.refreshToken());
      out.writeLong(tokens.issuedAt().toEpochMilli());
      out.writeLong(tokens.expiresAt().toEpochMilli());
      out.writeShort(tokens.scopes().size());
      for (String scope : tokens.scopes()) out.writeUTF(scope);
    } catch (IOException e) {
      throw new AssertionError(e); // writing to memory does not fail
    }
    return bytes.toByteArray();
  }

  /** The tokens in {@code bytes}; throws IOException for anything malformed. */
  static StoredTokens decode(byte[] bytes) throws IOException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int version = in.readUnsignedByte();
      if (version != VERSION) throw new IOException("unknown token format version " + version);
      String accessToken = in.readUTF();
      String refreshToken = in.readBoolean() ? in.readUTF() : null;
      Instant issuedAt = Instant.ofEpochMilli(in.readLong());
      Instant expiresAt = Instant.ofEpochMilli(in.readLong());
      int scopeCount = in.readUnsignedShort();
      if (scopeCount > MAX_SCOPES) throw new IOException("too many scopes: " + scopeCount);
      Set<String> scopes = new LinkedHashSet<>();
      for (int i = 0; i < scopeCount; i++) scopes.add(in.readUTF());
      if (in.read() != -1) throw new IOException("trailing bytes after the tokens");
      return new StoredTokens(accessToken, refreshToken, issuedAt, expiresAt, scopes);
    } catch (IllegalArgumentException e) {
      throw new IOException("invalid tokens: " + e.getMessage(), e);
    }
  }
}
