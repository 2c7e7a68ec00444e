package dev.resilientsession.gateway.server;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A throwaway certificate authority and the server certificate it signs, like the self-signed
 * certificate WSO2 ships on 9443. Clients trust the CA's PEM ({@code --cert-out}) instead of
 * {@code -k}. Made with the JDK alone: EC P-256 keys, ECDSA with SHA-256, valid for a year.
 */
final class TlsMaterial {
  private static final String EC_WITH_SHA256 = "1.2.840.10045.4.3.2";
  private static final String COMMON_NAME = "2.5.4.3";
  private static final String SUBJECT_KEY_IDENTIFIER = "2.5.29.14";
  private static final String KEY_USAGE = "2.5.29.15";
  private static final String SUBJECT_ALTERNATIVE_NAME = "2.5.29.17";
  private static final String BASIC_CONSTRAINTS = "2.5.29.19";
  private static final String AUTHORITY_KEY_IDENTIFIER = "2.5.29.35";
  private static final String EXTENDED_KEY_USAGE = "2.5.29.37";
  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final Duration VALIDITY = Duration.ofDays(365);
  /** Clients whose clocks run a little behind still accept a certificate made a moment ago. */
  private static final Duration BACKDATE = Duration.ofHours(1);

  private final X509Certificate authority;
  private final X509Certificate server;
  private final SSLSocketFactory serverSocketFactory;

  private TlsMaterial(X509Certificate authority, X509Certificate server, SSLSocketFactory serverSocketFactory) {
    this.authority = authority;
    this.server = server;
    this.serverSocketFactory = serverSocketFactory;
  }

  /** Generates a CA and a certificate for {@code localhost}, the loopback addresses and {@code extraHost}. */
  static TlsMaterial generate(String extraHost) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair authorityKeys = generator.generateKeyPair();
      KeyPair serverKeys = generator.generateKeyPair();
      SecureRandom random = new SecureRandom();
      Instant now = Instant.now();

      byte[] authorityName = name("mock-gateway CA");
      byte[] authorityKeyId = keyIdentifier(authorityKeys.getPublic());
      X509Certificate authority = sign(authorityKeys.getPrivate(), random, now, authorityName, authorityName,
          authorityKeys.getPublic(),
          extension(BASIC_CONSTRAINTS, true, Der.sequence(Der.bool(true), Der.integer(BigInteger.ZERO))),
          extension(KEY_USAGE, true, Der.bits(1, new byte[] {0x06})), // keyCertSign, cRLSign
          extension(SUBJECT_KEY_IDENTIFIER, false, Der.octets(authorityKeyId)));

      X509Certificate server = sign(authorityKeys.getPrivate(), random, now, authorityName, name("localhost"),
          serverKeys.getPublic(),
          extension(BASIC_CONSTRAINTS, true, Der.sequence()),
          extension(KEY_USAGE, true, Der.bits(7, new byte[] {(byte) 0x80})), // digitalSignature
          extension(EXTENDED_KEY_USAGE, false, Der.sequence(Der.oid(SERVER_AUTH))),
          extension(SUBJECT_ALTERNATIVE_NAME, false, subjectAlternativeNames(extraHost)),
          extension(SUBJECT_KEY_IDENTIFIER, false, Der.octets(keyIdentifier(serverKeys.getPublic()))),
          extension(AUTHORITY_KEY_IDENTIFIER, false, Der.sequence(Der.implicit(0, authorityKeyId))));

      SSLContext context = SSLContext.getInstance("TLS");
      context.init(new KeyManager[] {new ServerKeyManager(serverKeys.getPrivate(), server, authority)}, null, random);
      return new TlsMaterial(authority, server, context.getSocketFactory());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot make a TLS certificate with this JDK: " + e, e);
    }
  }

  /**
   * Starts {@link #generate} on a thread of its own, made without a lambda: a cold JVM's first
   * lambda costs tens of milliseconds, which would come before the certificate's work.
   */
  static Future<TlsMaterial> generateInBackground(String extraHost) {
    FutureTask<TlsMaterial> task = new FutureTask<>(new Generation(extraHost));
    Thread thread = new Thread(task, "mock-gateway-tls");
    thread.setDaemon(true);
    thread.start();
    return task;
  }

  /** Wraps accepted sockets as the TLS server's side. */
  SSLSocketFactory serverSocketFactory() {
    return serverSocketFactory;
  }

  X509Certificate authorityCertificate() {
    return authority;
  }

  X509Certificate serverCertificate() {
    return server;
  }

  /** The CA certificate as PEM, for a client's trust store or {@code curl --cacert}. */
  String authorityPem() {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(authority.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e); // it was parsed from its encoding
    }
  }

  private static X509Certificate sign(PrivateKey issuerKey, SecureRandom random, Instant now, byte[] issuer,
      byte[] subject, PublicKey subjectKey, byte[]... extensions) throws GeneralSecurityException {
    byte[] algorithm = Der.sequence(Der.oid(EC_WITH_SHA256));
    byte[] toBeSigned = Der.sequence(
        Der.constructed(0, Der.integer(BigInteger.valueOf(2))), // v3
        Der.integer(new BigInteger(63, random).add(BigInteger.ONE)), // positive and unique, for browsers
        algorithm,
        issuer,
        Der.sequence(Der.time(now.minus(BACKDATE).getEpochSecond()), Der.time(now.plus(VALIDITY).getEpochSecond())),
        subject,
        subjectKey.getEncoded(), // already a SubjectPublicKeyInfo
        Der.constructed(3, Der.sequence(extensions)));
    Signature signature = Signature.getInstance("SHA256withECDSA");
    signature.initSign(issuerKey);
    signature.update(toBeSigned);
    byte[] certificate = Der.sequence(toBeSigned, algorithm, Der.bits(0, signature.sign()));
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(certificate));
  }

  private static byte[] name(String commonName) {
    return Der.sequence(Der.set(Der.sequence(Der.oid(COMMON_NAME), Der.utf8(commonName))));
  }

  private static byte[] extension(String oid, boolean critical, byte[] value) {
    return critical ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octets(value))
        : Der.sequence(Der.oid(oid), Der.octets(value));
  }

  /** SHA-1 of the encoded key: RFC 5280 4.2.1.2 leaves the method open, and it only has to be unique. */
  private static byte[] keyIdentifier(PublicKey key) throws GeneralSecurityException {
    return MessageDigest.getInstance("SHA-1").digest(key.getEncoded());
  }

  private static byte[] subjectAlternativeNames(String extraHost) {
    List<byte[]> names = new ArrayList<>();
    names.add(dnsName("localhost"));
    names.add(ipAddress("127.0.0.1"));
    names.add(ipAddress("::1"));
    if (extraHost != null && !extraHost.isEmpty() && !isWildcard(extraHost) && !extraHost.equals("localhost")) {
      String host = extraHost.startsWith("[") && extraHost.endsWith("]")
          ? extraHost.substring(1, extraHost.length() - 1) : extraHost;
      names.add(isIpLiteral(host) ? ipAddress(host) : dnsName(host));
    }
    return Der.sequence(names.toArray(new byte[0][]));
  }

  private static byte[] dnsName(String host) {
    return Der.implicit(2, host.getBytes(StandardCharsets.US_ASCII));
  }

  /** {@code literal} is an IP address literal, which the JDK parses without asking a resolver. */
  private static byte[] ipAddress(String literal) {
    try {
      return Der.implicit(7, InetAddress.getByName(literal).getAddress());
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + literal, e);
    }
  }

  private static boolean isIpLiteral(String host) {
    if (host.indexOf(':') != -1) return true;
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (c != '.' && (c < '0' || c > '9')) return false;
    }
    return true;
  }

  private static boolean isWildcard(String host) {
    return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
  }

  /**
   * Offers the one EC key and its chain to every handshake. A PKCS12 key store and a
   * KeyManagerFactory would do the same after encrypting the key with 10,000 rounds of PBKDF2,
   * which a cold JVM pays for in start-up.
   */
  private static final class ServerKeyManager extends X509ExtendedKeyManager {
    private static final String ALIAS = "server";

    private final PrivateKey key;
    private final X509Certificate[] chain;

    ServerKeyManager(PrivateKey key, X509Certificate... chain) {
      this.key = key;
      this.chain = chain;
    }

    @Override public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return "EC".equals(keyType) ? ALIAS : null;
    }

    @Override public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
      return chooseServerAlias(keyType, issuers, null);
    }

    @Override public String[] getServerAliases(String keyType, Principal[] issuers) {
      return "EC".equals(keyType) ? new String[] {ALIAS} : null;
    }

    @Override public X509Certificate[] getCertificateChain(String alias) {
      return ALIAS.equals(alias) ? chain.clone() : null;
    }

    @Override public PrivateKey getPrivateKey(String alias) {
      return ALIAS.equals(alias) ? key : null;
    }

    @Override public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
      return null; // a server's, never a client's
    }

    @Override public String[] getClientAliases(String keyType, Principal[] issuers) {
      return null;
    }
  }

  private static final class Generation implements Callable<TlsMaterial> {
    private final String extraHost;

    Generation(String extraHost) {
      this.extraHost = extraHost;
    }

    @Override public TlsMaterial call() {
      return generate(extraHost);
    }
  }
}
