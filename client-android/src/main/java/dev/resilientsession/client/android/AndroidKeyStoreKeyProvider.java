package dev.resilientsession.client.android;

import android.os.Build;
import android.security.keystore.KeyGenParameterSpec;
import android.security.keystore.KeyProperties;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

/**
 * An AES-256-GCM key that never leaves the AndroidKeyStore (hardware-backed where the device has
 * it). AES keys in the AndroidKeyStore need API 23; below that, supply a {@link KeyProvider} of
 * your own.
 */
public final class AndroidKeyStoreKeyProvider implements KeyProvider {
  private static final String ANDROID_KEY_STORE = "AndroidKeyStore";

  private final String alias;

  /** @param alias the key's name in the AndroidKeyStore, such as {@code "resilient-session-tokens"}. */
  public AndroidKeyStoreKeyProvider(String alias) {
    if (alias == null || alias.isEmpty()) throw new IllegalArgumentException("alias is empty");
    this.alias = alias;
  }

  @Override public synchronized SecretKey key() throws GeneralSecurityException {
    if (Build.VERSION.SDK_INT < 23) {
      throw new GeneralSecurityException("AES keys in the AndroidKeyStore need API 23, this is "
          + Build.VERSION.SDK_INT + ": supply a KeyProvider of your own");
    }
    KeyStore keyStore = keyStore();
    KeyStore.Entry entry = keyStore.getEntry(alias, null);
    if (entry instanceof KeyStore.SecretKeyEntry) return ((KeyStore.SecretKeyEntry) entry).getSecretKey();
    KeyGenerator generator = KeyGenerator.getInstance(KeyProperties.KEY_ALGORITHM_AES, ANDROID_KEY_STORE);
    generator.init(new KeyGenParameterSpec.Builder(alias, KeyProperties.PURPOSE_ENCRYPT | KeyProperties.PURPOSE_DECRYPT)
        .setBlockModes(KeyProperties.BLOCK_MODE_GCM)
        .setEncryptionPaddings(KeyProperties.ENCRYPTION_PADDING_NONE)
        .setKeySize(256)
        .build());
    return generator.generateKey();
  }

  @Override public synchronized void delete() throws GeneralSecurityException {
    keyStore().deleteEntry(alias);
  }

  private static KeyStore keyStore() throws GeneralSecurityException {
    KeyStore keyStore = KeyStore.getInstance(ANDROID_KEY_STORE);
    try {
      keyStore.load(null);
    } catch (IOException e) {
      throw new GeneralSecurityException("cannot open the AndroidKeyStore", e);
    }
    return keyStore;
  }

  @Override public String toString() {
    return "AndroidKeyStoreKeyProvider{" + alias + "}";
  }
}
