package dev.resilientsession.gateway.server;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * A throwaway certificate authority and the server certificate it signs, like the self-signed
 * certificate WSO2 ships on 9443. Clients trust the CA's PEM ({@code --cert-out}) instead of {@code -k}.
 */
final class TlsMaterial {
  private final HeldCertificate authority;
  private final HandshakeCertificates serverCertificates;

  private TlsMaterial(HeldCertificate authority, HandshakeCertificates serverCertificates) {
    this.authority = authority;
    this.serverCertificates = serverCertificates;
  }

  /** Generates EC P-256 keys (fast) for {@code localhost}, the loopback addresses and {@code extraHost}. */
  static TlsMaterial generate(String extraHost) {
    HeldCertificate authority = new HeldCertificate.Builder()
        .commonName("mock-gateway CA")
        .certificateAuthority(0)
        .ecdsa256()
        .duration(Duration.ofDays(365).toMillis(), TimeUnit.MILLISECONDS)
        .build();
    HeldCertificate.Builder server = new HeldCertificate.Builder()
        .commonName("localhost")
        .addSubjectAlternativeName("localhost")
        .addSubjectAlternativeName("127.0.0.1")
        .addSubjectAlternativeName("::1")
        .ecdsa256()
        .duration(Duration.ofDays(365).toMillis(), TimeUnit.MILLISECONDS)
        .signedBy(authority);
    if (extraHost != null && !extraHost.isEmpty() && !isWildcard(extraHost)) server.addSubjectAlternativeName(extraHost);
    HandshakeCertificates certificates = new HandshakeCertificates.Builder()
        .heldCertificate(server.build(), authority.certificate())
        .build();
    return new TlsMaterial(authority, certificates);
  }

  HandshakeCertificates serverCertificates() {
    return serverCertificates;
  }

  java.security.cert.X509Certificate authorityCertificate() {
    return authority.certificate();
  }

  /** The CA certificate as PEM, for a client's trust store or {@code curl --cacert}. */
  String authorityPem() {
    return authority.certificatePem();
  }

  private static boolean isWildcard(String host) {
    return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
  }
}
