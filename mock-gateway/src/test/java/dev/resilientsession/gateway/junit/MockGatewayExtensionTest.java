package dev.resilientsession.gateway.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.resilientsession.gateway.GatewayConfig;
import dev.resilientsession.gateway.PasswordGrant;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.tls.HandshakeCertificates;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The extension in test classes of each shape a user writes: a static field (one gateway for the
 * class and its nested classes), an instance field (a fresh gateway per test), HTTPS. Each shape is
 * a fixture class played on JUnit's own engine, as JUnit's extensions are tested, so its tests run
 * exactly as in a user's build and this class's own counts stay true (surefire miscounts classes
 * with @Nested ones).
 */
class MockGatewayExtensionTest {
  private static final OkHttpClient CLIENT = new OkHttpClient();

  @Test void aStaticExtensionServesEveryTestOfItsClassAndOfItsNestedClasses() {
    assertEveryTestPasses(StaticExtension.class, 3);
  }

  @Test void anInstanceFieldExtensionGivesEachTestAFreshGateway() {
    assertEveryTestPasses(InstanceFieldExtension.class, 2);
  }

  @Test void anHttpsExtensionIssuesTokensToClientsThatTrustItsCertificates() {
    assertEveryTestPasses(HttpsExtension.class, 1);
  }

  @Test void anExtensionWithAnAdminTokenRefusesAdminRequestsWithoutIt() {
    assertEveryTestPasses(AdminTokenExtension.class, 1);
  }

  private static void assertEveryTestPasses(Class<?> fixture, int tests) {
    EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).execute();

    List<String> failures = results.testEvents().failed().stream()
        .map(event -> event.getTestDescriptor().getDisplayName() + ": " + event.getPayload(TestExecutionResult.class)
            .flatMap(TestExecutionResult::getThrowable).map(Throwable::toString).orElse("failed"))
        .collect(Collectors.toList());
    assertThat(failures).as(fixture.getSimpleName() + "'s failed tests").isEmpty();
    assertThat(results.containerEvents().failed().count()).as(fixture.getSimpleName() + "'s failed containers").isZero();
    assertThat(results.testEvents().succeeded().count()).isEqualTo(tests);
  }

  private static int status(OkHttpClient client, Request request) throws IOException {
    try (Response response = client.newCall(request).execute()) {
      return response.code();
    }
  }

  private static int apiStatus(OkHttpClient client, HttpUrl url, String token) throws IOException {
    Request request = new Request.Builder().url(url).header("Authorization", "Bearer " + token).build();
    try (Response response = client.newCall(request).execute()) {
      return response.code();
    }
  }

  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class StaticExtension {
    @RegisterExtension
    static MockGatewayExtension classGateway = MockGatewayExtension.builder()
        .config(GatewayConfig.defaults())
        .build();

    static int classPort;
    static String classToken;

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

    @Nested
    class NestedClasses {
      @Test void shareTheClassWideGatewayAndItsTokens() throws IOException {
        assertThat(classToken).as("the outer class's tests run first").isNotNull();

        assertThat(classGateway.server().port()).isEqualTo(classPort);
        assertThat(apiStatus(CLIENT, classGateway.url("/orders"), classToken)).isEqualTo(200);
      }
    }
  }

  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class InstanceFieldExtension {
    static String perTestToken;

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

  static class HttpsExtension {
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

  static class AdminTokenExtension {
    @RegisterExtension
    final MockGatewayExtension guardedGateway = MockGatewayExtension.builder().adminToken("qa-admin-token").build();

    @Test void answersAdminRequestsOnlyWithTheToken() throws IOException {
      HttpUrl reset = guardedGateway.url("/admin/reset");
      RequestBody empty = RequestBody.create(new byte[0]);
      guardedGateway.gateway().advanceClock(Duration.ofHours(1));
      Instant advanced = guardedGateway.gateway().now();

      int without = status(CLIENT, new Request.Builder().url(reset).post(empty).build());
      assertThat(guardedGateway.gateway().now()).as("nothing was reset").isAfterOrEqualTo(advanced);
      int with = status(CLIENT, new Request.Builder().url(reset).post(empty)
          .header("Authorization", "Bearer qa-admin-token").build());

      assertThat(without).isEqualTo(401);
      assertThat(with).isEqualTo(200);
      assertThat(guardedGateway.gateway().now()).as("the reset undid the hour").isBefore(advanced);
    }
  }
}
