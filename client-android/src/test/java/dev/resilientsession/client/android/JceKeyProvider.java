package dev.resilientsession.client.android;

import java.security.GeneralSecurityException;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

/** An AES key from the JVM's JCE, standing in for the AndroidKeyStore that Robolectric lacks. */
final class JceKeyProvider implements KeyProvider {
  private SecretKey key;
  int deletions;

  @Override public synchronized SecretKey key() throws GeneralSecurityException {
    if (key == null) {
      KeyGenerator generator = KeyGenerator.getInstance("AES");
      generator.init(256);
      key = generator.generateKey();
    }
    return key;
  }

  @Override public synchronized void delete() {
    key = null;
    deletions++;
  }
}
