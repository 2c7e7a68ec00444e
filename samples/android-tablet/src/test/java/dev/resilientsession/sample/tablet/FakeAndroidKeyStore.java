package dev.resilientsession.sample.tablet;

import android.security.keystore.KeyGenParameterSpec;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreSpi;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Collections;
import java.util.Date;
import java.util.Enumeration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.KeyGeneratorSpi;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Robolectric has no AndroidKeyStore: this JCA provider of that name stands in for it, so that
 * TabletActivity's wiring, {@code AndroidKeyStoreKeyProvider} included, runs in tests as it is. It
 * keeps plain AES keys in memory, and only what that provider asks of the real one.
 */
public final class FakeAndroidKeyStore extends Provider {
  private static final long serialVersionUID = 1L;
  private static final String NAME = "AndroidKeyStore";
  /** The keys by alias, as the real store keeps them by alias. */
  static final Map<String, SecretKey> KEYS = new ConcurrentHashMap<>();

  private FakeAndroidKeyStore() {
    super(NAME, "1", "AndroidKeyStore stand-in for Robolectric");
    put("KeyStore." + NAME, Store.class.getName());
    put("KeyGenerator.AES", Generator.class.getName());
  }

  /** Last in line, so that no one asking for a plain AES key generator gets this one. */
  static void install() {
    KEYS.clear();
    Security.addProvider(new FakeAndroidKeyStore());
  }

  static void uninstall() {
    Security.removeProvider(NAME);
    KEYS.clear();
  }

  /** {@code KeyStore.getInstance("AndroidKeyStore")}: the keys in {@link #KEYS}. */
  public static final class Store extends KeyStoreSpi {
    @Override public Key engineGetKey(String alias, char[] password) {
      return KEYS.get(alias);
    }

    @Override public KeyStore.Entry engineGetEntry(String alias, KeyStore.ProtectionParameter protection) {
      SecretKey key = KEYS.get(alias);
      return key != null ? new KeyStore.SecretKeyEntry(key) : null;
    }

    @Override public void engineDeleteEntry(String alias) {
      KEYS.remove(alias);
    }

    @Override public boolean engineContainsAlias(String alias) {
      return KEYS.containsKey(alias);
    }

    @Override public boolean engineIsKeyEntry(String alias) {
      return KEYS.containsKey(alias);
    }

    @Override public Enumeration<String> engineAliases() {
      return Collections.enumeration(KEYS.keySet());
    }

    @Override public int engineSize() {
      return KEYS.size();
    }

    @Override public void engineLoad(InputStream stream, char[] password) {
    }

    @Override public boolean engineIsCertificateEntry(String alias) {
      return false;
    }

    @Override public Certificate[] engineGetCertificateChain(String alias) {
      return null;
    }

    @Override public Certificate engineGetCertificate(String alias) {
      return null;
    }

    @Override public String engineGetCertificateAlias(Certificate certificate) {
      return null;
    }

    @Override public Date engineGetCreationDate(String alias) {
      return null;
    }

    @Override public void engineSetKeyEntry(String alias, Key key, char[] password, Certificate[] chain) {
      throw new UnsupportedOperationException("keys are made by the AndroidKeyStore's KeyGenerator");
    }

    @Override public void engineSetKeyEntry(String alias, byte[] key, Certificate[] chain) {
      throw new UnsupportedOperationException("keys are made by the AndroidKeyStore's KeyGenerator");
    }

    @Override public void engineSetCertificateEntry(String alias, Certificate certificate) {
      throw new UnsupportedOperationException("no certificates");
    }

    @Override public void engineStore(OutputStream stream, char[] password) {
      throw new UnsupportedOperationException("the AndroidKeyStore is not stored in a stream");
    }
  }

  /** {@code KeyGenerator.getInstance("AES", "AndroidKeyStore")}: a new key, kept under the spec's alias. */
  public static final class Generator extends KeyGeneratorSpi {
    private final SecureRandom random = new SecureRandom();
    private KeyGenParameterSpec spec;

    @Override protected void engineInit(AlgorithmParameterSpec params, SecureRandom ignored) {
      spec = (KeyGenParameterSpec) params;
    }

    @Override protected void engineInit(SecureRandom ignored) {
      throw new UnsupportedOperationException("the AndroidKeyStore needs a KeyGenParameterSpec");
    }

    @Override protected void engineInit(int keySize, SecureRandom ignored) {
      throw new UnsupportedOperationException("the AndroidKeyStore needs a KeyGenParameterSpec");
    }

    @Override protected SecretKey engineGenerateKey() {
      byte[] bytes = new byte[spec.getKeySize() / 8];
      random.nextBytes(bytes);
      SecretKey key = new SecretKeySpec(bytes, "AES");
      KEYS.put(spec.getKeystoreAlias(), key);
      return key;
    }
  }
}
