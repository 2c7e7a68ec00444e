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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MockGatewayExtensionTest {
  private static final OkHttpClient CLIENT = new OkHttpClient();

  @RegisterExtension
  static MockGatewayExtension classGateway = MockGatewayExtension.builder()
      .config(GatewayConfig.defaults())
      .build();

  private static int classPort;
  private static String classToken;
  private static String perTestToken;

  @Test @Order(1)
  void aStaticExtensionIsRunningInTheFirstTest() throws IOException {
    classPort = classGateway.server().port();
    classToken = (String) PasswordGrant.request(CLIENT, classGateway.url("/oauth2/token")).get("access_token");

    assertThat(classGateway.url("/").scheme()).isEqualTo("http");
    assertThat(apiStatus(CLIENT, classGateway.url("/orders"), classToken)).isEqualTo(200);
  }

  @Test @Order(2)
  void aStaticExtensionKeepsItsPortAndTokensForTheNextTest() throws IOException {
    assertThat(classToken).as("the first test ran first").isNotNull();

    assertThat(classGateway.server().port()).isEqualTo(classPort);
    assertThat(apiStatus(CLIENT, classGateway.url("/orders"), classToken)).isEqualTo(200);
    assertThat(classGateway.gateway().activeTokens()).hasSize(1);
  }

  @Nested
  class NestedClassesOfTheSameTestClass {
    @Test void shareTheClassWideGatewayAndItsTokens() throws IOException {
      assertThat(classToken).as("the outer class's tests run first").isNotNull();

      assertThat(classGateway.server().port()).isEqualTo(classPort);
      assertThat(apiStatus(CLIENT, classGateway.url("/orders"), classToken)).isEqualTo(200);
    }
  }

  @Nested
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
