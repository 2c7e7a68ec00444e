package dev.resilientsession.client.android;

import java.security.GeneralSecurityException;
import javax.crypto.SecretKey;

/**
 * Where {@link EncryptedTokenStore}'s AES key comes from: the AndroidKeyStore on devices
 * ({@link AndroidKeyStoreKeyProvider}), any JCE key in tests, since Robolectric has no AndroidKeyStore.
 */
public interface KeyProvider {
  /** The key, created on first use. */
  SecretKey key() throws GeneralSecurityException;

  /** Forgets the key, for example after it was invalidated; the next {@link #key()} makes a new one. */
  void delete() throws GeneralSecurityException;
}
