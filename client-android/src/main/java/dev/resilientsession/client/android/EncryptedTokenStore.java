package dev.resilientsession.client.android;

import android.content.Context;
import android.content.SharedPreferences;
import android.util.Base64;
import dev.resilientsession.client.StoredTokens;
import dev.resilientsession.client.TokenStore;
import dev.resilientsession.client.TokenStoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import org.jspecify.annotations.Nullable;

/**
 * A {@link TokenStore} in {@code SharedPreferences}, encrypted with AES-GCM under a key from a
 * {@link KeyProvider}. Each save commits one encrypted blob, so a crash leaves the old tokens or
 * the new ones, never half of each; saves are serialised. An entry that cannot be decrypted (the
 * key was invalidated by a lock-screen change, the file was edited) is cleared and reported, and
 * the session starts signed out. Never holds the password: a {@link StoredTokens} has none.
 */
public final class EncryptedTokenStore implements TokenStore {
  private static final String ENTRY = "tokens";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final byte[] ASSOCIATED_DATA = "dev.resilientsession.tokens.v1".getBytes(StandardCharsets.UTF_8);

  private final SharedPreferences preferences;
  private final KeyProvider keys;
  private final SecureRandom random = new SecureRandom();

  private EncryptedTokenStore(SharedPreferences preferences, KeyProvider keys) {
    this.preferences = preferences;
    this.keys = keys;
  }

  /** A store in the app's private preferences file {@code fileName}, keyed by {@code keys}. */
  public static EncryptedTokenStore create(Context context, String fileName, KeyProvider keys) {
    return new EncryptedTokenStore(context.getSharedPreferences(fileName, Context.MODE_PRIVATE), keys);
  }

  /** The usual store: preferences {@code resilient_session}, key {@code resilient-session-tokens} in the AndroidKeyStore. */
  public static EncryptedTokenStore create(Context context) {
    return create(context, "resilient_session", new AndroidKeyStoreKeyProvider("resilient-session-tokens"));
  }

  @Override public synchronized @Nullable StoredTokens load() throws TokenStoreException {
    String blob = preferences.getString(ENTRY, null);
    if (blob == null) return null;
    try {
      byte[] sealed = Base64.decode(blob, Base64.NO_WRAP);
      if (sealed.length <= IV_BYTES) throw new IOException("entry too short");
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, keys.key(), new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
      cipher.updateAAD(ASSOCIATED_DATA);
      return TokenCodec.decode(cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES));
    } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
      discardUnreadable(e);
      throw new TokenStoreException("stored tokens were unreadable and have been cleared: "
          + e.getClass().getSimpleName());
    }
  }

  @Override public synchronized void save(StoredTokens tokens) throws TokenStoreException {
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    byte[] sealed;
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, keys.key(), new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(ASSOCIATED_DATA);
      byte[] ciphertext = cipher.doFinal(TokenCodec.encode(tokens));
      sealed = new byte[IV_BYTES + ciphertext.length];
      System.arraycopy(iv, 0, sealed, 0, IV_BYTES);
      System.arraycopy(ciphertext, 0, sealed, IV_BYTES, ciphertext.length);
    } catch (GeneralSecurityException e) {
      throw new TokenStoreException("cannot encrypt the tokens: " + e.getClass().getSimpleName(), e);
    }
    if (!preferences.edit().putString(ENTRY, Base64.encodeToString(sealed, Base64.NO_WRAP)).commit()) {
      throw new TokenStoreException("SharedPreferences did not commit the tokens");
    }
  }

  @Override public synchronized void clear() throws TokenStoreException {
    if (!preferences.edit().remove(ENTRY).commit()) {
      throw new TokenStoreException("SharedPreferences did not commit the removal");
    }
  }

  private void discardUnreadable(Exception cause) {
    preferences.edit().remove(ENTRY).commit();
    if (cause.getClass().getSimpleName().equals("KeyPermanentlyInvalidatedException")) {
      try {
        keys.delete();
      } catch (GeneralSecurityException ignored) {
        // The next save makes a new key or fails and says so.
      }
    }
  }

  @Override public String toString() {
    return "EncryptedTokenStore{" + keys + "}";
  }
}
