package dev.resilientsession.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

class TlsMaterialTest {
  private static final int DNS_NAME = 2;
  private static final int IP_ADDRESS = 7;

  @Test void theServerCertificateIsSignedByTheAuthorityAndNamesTheLoopbackHosts() throws Exception {
    TlsMaterial tls = TlsMaterial.generate("localhost");
    X509Certificate server = tls.serverCertificate();

    server.verify(tls.authorityCertificate().getPublicKey());
    server.checkValidity();
    assertThat(server.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
    assertThat(server.getIssuerX500Principal()).isEqualTo(tls.authorityCertificate().getSubjectX500Principal());
    assertThat(names(server)).containsExactly("2:localhost", "7:127.0.0.1", "7:0:0:0:0:0:0:0:1");
    assertThat(server.getBasicConstraints()).as("not a CA").isEqualTo(-1);
    assertThat(server.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
  }

  @Test void theAuthoritySignsServerCertificatesOnlyAndIsValidForAYear() throws Exception {
    X509Certificate authority = TlsMaterial.generate(null).authorityCertificate();

    authority.verify(authority.getPublicKey());
    assertThat(authority.getSubjectX500Principal().getName()).isEqualTo("CN=mock-gateway CA");
    assertThat(authority.getBasicConstraints()).as("a CA with no CA below it").isEqualTo(0);
    assertThat(authority.getKeyUsage()[5]).as("keyCertSign").isTrue();
    assertThat(authority.getNotAfter()).isAfter(Date.from(Instant.now().plus(Duration.ofDays(364))));
    assertThat(authority.getNotBefore()).isBefore(new Date());
  }

  @Test void anExtraHostIsNamedByNameOrByAddress() throws Exception {
    assertThat(names(TlsMaterial.generate("gateway.staging.test").serverCertificate())).contains("2:gateway.staging.test");
    assertThat(names(TlsMaterial.generate("10.1.2.3").serverCertificate())).contains("7:10.1.2.3");
    assertThat(names(TlsMaterial.generate("[fd00::1]").serverCertificate())).contains("7:fd00:0:0:0:0:0:0:1");
    assertThat(names(TlsMaterial.generate("0.0.0.0").serverCertificate())).as("no wildcard").hasSize(3);
  }

  @Test void eachCertificateHasItsOwnSerialNumber() {
    assertThat(TlsMaterial.generate(null).serverCertificate().getSerialNumber())
        .isNotEqualTo(TlsMaterial.generate(null).serverCertificate().getSerialNumber())
        .isPositive();
  }

  @Test void thePemReadsBackAsTheAuthority() throws Exception {
    TlsMaterial tls = TlsMaterial.generate(null);

    X509Certificate read = (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(tls.authorityPem().getBytes(StandardCharsets.US_ASCII)));

    assertThat(read).isEqualTo(tls.authorityCertificate());
    assertThat(tls.authorityPem()).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
  }

  private static List<String> names(X509Certificate certificate) throws Exception {
    List<String> names = new ArrayList<>();
    for (List<?> name : certificate.getSubjectAlternativeNames()) names.add(name.get(0) + ":" + name.get(1));
    return names;
  }
}
