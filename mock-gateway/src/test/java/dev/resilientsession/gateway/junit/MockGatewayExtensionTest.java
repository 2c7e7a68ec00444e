package dev.resilientsession.gateway.junit;

import dev.resilientsession.gateway.PasswordGrant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientsession.gateway.GatewayConfig;
import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.tls.HandshakeCertificates;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The extension as a static field (one gateway for the class and its nested classes), as an
 * instance field (a fresh gateway per test), and over HTTPS. Only nested classes hold tests, in
 * order, so surefire reports each class's own count (it misattributes an outer class's tests once
 * nested classes exist) and the outer class is a container of none.
 */
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class MockGatewayExtensionTest {
  private static final OkHttpClient CLIENT = new OkHttpClient();

  @RegisterExtension
  static MockGatewayExtension classGateway = MockGatewayExtension.builder()
      .config(GatewayConfig.defaults())
      .build();

  private static int classPort;
  private static String classToken;
  private static String perTestToken;

  @Nested
  @Order(1)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  class AStaticExtension {
    @Test @Order(1)
    void isRunningInTheFirstTest() throws IOException {
      classPort = classGateway.server().port();
      classToken = (String) PasswordGrant.request(CLIENT, classGateway.url("/oauth2/token")).get("access_token");

      assertThat(classGateway.url("/").scheme()).isEqualTo("http");
      assertThat(apiStatus(CLIENT, classGateway.url("/orders"), classToken)).isEqualTo(200);
    }

    @Test @Order(2)
    void keepsItsPortAndTokensForTheNextTest() throws IOException {
      assertThat(classToken).as("the first test ran first").isNotNull();

      assertThat(classGateway.server().port()).isEqualTo(classPort);
      assertThat(apiStatus(CLIENT, classGateway.url("/orders"), classToken)).isEqualTo(200);
      assertThat(classGateway.gateway().activeTokens()).hasSize(1);
    }
  }

  @Nested
  @Order(2)
  class NestedClassesOfTheSameTestClass {
    @Test void shareTheClassWideGatewayAndItsTokens() throws IOException {
      assertThat(classToken).as("the static extension's tests ran first").isNotNull();

      assertThat(classGateway.server().port()).isEqualTo(classPort);
      assertThat(apiStatus(CLIENT, classGateway.url("/orders"), classToken)).isEqualTo(200);
    }
  }

  @Nested
  @Order(3)
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  class AnInstanceFieldExtension {
    @RegisterExtension
    final MockGatewayExtension testGateway = MockGatewayExtension.builder().build();

    @Test @Order(1)
    void servesTheFirstTest() throws IOException {
      perTestToken = (String) PasswordGrant.request(CLIENT, testGateway.url("/oauth2/token")).get("access_token");

      assertThat(apiStatus(CLIENT, testGateway.url("/orders"), perTestToken)).isEqualTo(200);
    }

    @Test @Order(2)
    void givesTheNextTestAFreshGatewayThatNeverSawThoseTokens() throws IOException {
      assertThat(perTestToken).as("the first test ran first").isNotNull();

      assertThat(testGateway.gateway().activeTokens()).isEmpty();
      assertThat(apiStatus(CLIENT, testGateway.url("/orders"), perTestToken)).isEqualTo(401);
    }
  }

  @Nested
  @Order(4)
  class AnHttpsExtension {
    @RegisterExtension
    final MockGatewayExtension httpsGateway = MockGatewayExtension.builder().https().build();

    @Test void issuesTokensToClientsThatTrustTheServersCertificates() throws IOException {
      HandshakeCertificates certificates = httpsGateway.server().clientCertificates();
      OkHttpClient client = CLIENT.newBuilder()
          .sslSocketFactory(certificates.sslSocketFactory(), certificates.trustManager())
          .build();

      String token = (String) PasswordGrant.request(client, httpsGateway.url("/oauth2/token")).get("access_token");

      assertThat(httpsGateway.url("/").scheme()).isEqualTo("https");
      assertThat(apiStatus(client, httpsGateway.url("/orders"), token)).isEqualTo(200);
    }
  }

  private static int apiStatus(OkHttpClient client, HttpUrl url, String token) throws IOException {
    Request request = new Request.Builder().url(url).header("Authorization", "Bearer " + token).build();
    try (Response response = client.newCall(request).execute()) {
      return response.code();
    }
  }
}
