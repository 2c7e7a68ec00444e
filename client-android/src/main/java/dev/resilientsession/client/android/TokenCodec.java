package dev.resilientsession.client.android;

import dev.resilientsession.client.SignInMethod;
import dev.resilientsession.client.StoredTokens;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@link StoredTokens} as bytes and back: a version byte, then the fields. No password exists to
 * write. Version 2 added the sign-in method; version 1 entries, written before browser sign-in
 * existed, read as {@link SignInMethod#PASSWORD}.
 */
final class TokenCodec {
  private static final int VERSION = 2;
  private static final int VERSION_WITHOUT_SIGN_IN_METHOD = 1;
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
      out.writeUTF(tokens.signInMethod().name());
    } catch (IOException e) {
      throw new AssertionError(e); // writing to memory does not fail
    }
    return bytes.toByteArray();
  }

  /** The tokens in {@code bytes}; throws IOException for anything malformed. */
  static StoredTokens decode(byte[] bytes) throws IOException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int version = in.readUnsignedByte();
      if (version != VERSION && version != VERSION_WITHOUT_SIGN_IN_METHOD) {
        throw new IOException("unknown token format version " + version);
      }
      String accessToken = in.readUTF();
      String refreshToken = in.readBoolean() ? in.readUTF() : null;
      Instant issuedAt = Instant.ofEpochMilli(in.readLong());
      Instant expiresAt = Instant.ofEpochMilli(in.readLong());
      int scopeCount = in.readUnsignedShort();
      if (scopeCount > MAX_SCOPES) throw new IOException("too many scopes: " + scopeCount);
      Set<String> scopes = new LinkedHashSet<>();
      for (int i = 0; i < scopeCount; i++) scopes.add(in.readUTF());
      SignInMethod signInMethod = version == VERSION ? signInMethod(in.readUTF()) : SignInMethod.PASSWORD;
      if (in.read() != -1) throw new IOException("trailing bytes after the tokens");
      return new StoredTokens(accessToken, refreshToken, issuedAt, expiresAt, scopes, signInMethod);
    } catch (IllegalArgumentException e) {
      throw new IOException("invalid tokens: " + e.getMessage(), e);
    }
  }

  private static SignInMethod signInMethod(String name) throws IOException {
    for (SignInMethod method : SignInMethod.values()) {
      if (method.name().equals(name)) return method;
    }
    throw new IOException("unknown sign-in method " + name);
  }
}
