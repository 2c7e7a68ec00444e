package dev.resilientsession.gateway;

import static dev.resilientsession.gateway.GatewayClient.ALICE;
import static dev.resilientsession.gateway.GatewayClient.ALICE_PASSWORD;
import static dev.resilientsession.gateway.GatewayClient.CC_ONLY_APP;
import static dev.resilientsession.gateway.GatewayClient.JWT_APP;
import static dev.resilientsession.gateway.GatewayClient.assertOAuthError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resilientsession.gateway.Fault.Kind;
import dev.resilientsession.gateway.Fault.Target;
import dev.resilientsession.gateway.GatewayClient.Reply;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The token endpoint as an overloaded key manager, over HTTP: it admits its capacity a second and
 * sheds the rest, cheaply, with 503 or 429 and Retry-After. The gateway's test clock stands still
 * unless a test moves it, so "at once" is exact.
 */
class OverloadedTokenEndpointTest {
  private GatewayClient gateway;

  @AfterEach void stop() throws IOException {
    if (gateway != null) gateway.close();
  }

  private GatewayClient start(GatewayConfig config) throws IOException {
    gateway = GatewayClient.start(config);
    return gateway;
  }

  private static Fault overloaded(int capacity) {
    return Fault.of(Target.TOKEN, Kind.OVERLOADED).capacity(capacity);
  }

  @Test void anOverloadedEndpointShedsBeyondItsCapacityWith503AndRetryAfter() throws IOException {
    start(GatewayClient.config().build()).gateway.injectFault(overloaded(2));

    Reply first = gateway.login(JWT_APP, null);
    Reply second = gateway.clientCredentials(CC_ONLY_APP, null);
    Reply shed = gateway.password(JWT_APP, ALICE, ALICE_PASSWORD, null);

    assertThat(first.accessToken()).isNotBlank();
    assertThat(second.accessToken()).isNotBlank();
    assertOAuthError(shed, 503, "temporarily_unavailable");
    assertThat(shed.header("Retry-After")).isEqualTo("1");
    assertThat(shed.header("Cache-Control")).isEqualTo("no-store");
    assertThat(shed.string("error_description")).contains("overloaded");
  }

  @Test void withStatus429ItAnswersTooManyRequestsWithItsRetryAfter() throws IOException {
    start(GatewayClient.config().build())
        .gateway.injectFault(overloaded(1).status(429).retryAfter(Duration.ofSeconds(5)));
    gateway.login(JWT_APP, null);

    Reply shed = gateway.password(JWT_APP, ALICE, ALICE_PASSWORD, null);

    assertOAuthError(shed, 429, "temporarily_unavailable");
    assertThat(shed.header("Retry-After")).isEqualTo("5");
  }

  @Test void aSecondLaterItAdmitsItsCapacityAgain() throws IOException {
    start(GatewayClient.config().build()).gateway.injectFault(overloaded(2));
    assertThat(statuses(3)).containsExactly(200, 200, 503);

    gateway.advance(Duration.ofSeconds(1));

    assertThat(statuses(3)).containsExactly(200, 200, 503);
  }

  @Test void clearingTheFaultRestoresService() throws IOException {
    start(GatewayClient.config().build()).gateway.injectFault(overloaded(1));
    assertThat(statuses(2)).containsExactly(200, 503);

    gateway.gateway.clearFaults();

    assertThat(statuses(5)).containsOnly(200);
  }

  @Test void anOverloadForAWindowEndsWhenTheGatewaysClockPassesIt() throws IOException {
    start(GatewayClient.config().build()).gateway.injectFault(overloaded(1).during(Duration.ofSeconds(30)));
    assertThat(statuses(2)).containsExactly(200, 503);

    gateway.advance(Duration.ofSeconds(29));
    assertThat(statuses(2)).containsExactly(200, 503);
    assertThat(gateway.gateway.pendingFaults()).singleElement()
        .satisfies(fault -> assertThat(fault.duration()).isEqualTo(Duration.ofSeconds(1)));

    gateway.advance(Duration.ofSeconds(1));

    assertThat(statuses(5)).containsOnly(200);
    assertThat(gateway.gateway.pendingFaults()).isEmpty();
  }

  @Test void aShedRequestDoesNoGrantWorkSoAShedWrongPasswordLocksNobodyOut() throws IOException {
    start(GatewayClient.config().accountLockout(AccountLockout.after(1, Duration.ofMinutes(5))).build())
        .gateway.injectFault(overloaded(1));
    gateway.clientCredentials(CC_ONLY_APP, null);

    assertOAuthError(gateway.password(JWT_APP, ALICE, "wrong", null), 503, "temporarily_unavailable");
    assertOAuthError(gateway.token(JWT_APP, "grant_type", "no-such-grant"), 503, "temporarily_unavailable");
    gateway.advance(Duration.ofSeconds(1));

    assertThat(gateway.password(JWT_APP, ALICE, ALICE_PASSWORD, null).status()).isEqualTo(200);
  }

  @Test void concurrentTokenRequestsGetExactlyTheCapacity() throws Exception {
    start(GatewayClient.config().build()).gateway.injectFault(overloaded(10));

    List<List<Integer>> statuses = Simultaneously.run(16, () -> statuses(4));

    List<Integer> all = statuses.stream().flatMap(List::stream).toList();
    assertThat(all).filteredOn(status -> status == 200).hasSize(10);
    assertThat(all).filteredOn(status -> status == 503).hasSize(54);
    assertThat(gateway.gateway.tokenRequestsAdmitted()).isEqualTo(10);
    assertThat(gateway.gateway.tokenRequestsShed()).isEqualTo(54);
  }

  // The configured capacity

  @Test void theConfiguredCapacityShedsWithoutAnyFaultAndOutlastsClearingThem() throws IOException {
    start(GatewayClient.config().tokenCapacity(2).build());
    assertThat(statuses(3)).containsExactly(200, 200, 503);

    gateway.gateway.clearFaults();
    gateway.advance(Duration.ofSeconds(1));

    assertThat(statuses(3)).containsExactly(200, 200, 503);
    Reply shed = gateway.clientCredentials(CC_ONLY_APP, null);
    assertOAuthError(shed, 503, "temporarily_unavailable");
    assertThat(shed.header("Retry-After")).isEqualTo("1");
  }

  @Test void anInjectedOverloadTakesOverFromTheConfiguredCapacityWhileInForce() throws IOException {
    start(GatewayClient.config().tokenCapacity(1).build())
        .gateway.injectFault(overloaded(3).during(Duration.ofSeconds(10)));
    assertThat(statuses(4)).containsExactly(200, 200, 200, 503);

    gateway.advance(Duration.ofSeconds(10));

    assertThat(statuses(2)).containsExactly(200, 503);
  }

  @Test void theNewestOverloadInForceDecides() throws IOException {
    start(GatewayClient.config().build()).gateway.injectFault(overloaded(1));
    gateway.gateway.injectFault(overloaded(3).during(Duration.ofSeconds(5)));
    assertThat(statuses(4)).containsExactly(200, 200, 200, 503);

    gateway.advance(Duration.ofSeconds(5));

    assertThat(statuses(2)).containsExactly(200, 503);
  }

  // Counting

  @Test void theGatewayCountsWhatWasAdmittedAndShedUntilReset() throws IOException {
    start(GatewayClient.config().tokenCapacity(2).build()).gateway.injectFault(overloaded(1));
    statuses(3);
    gateway.gateway.clearFaults();
    statuses(3);

    assertThat(gateway.gateway.tokenRequestsAdmitted()).isEqualTo(1 + 2);
    assertThat(gateway.gateway.tokenRequestsShed()).isEqualTo(2 + 1);

    gateway.gateway.reset();

    assertThat(gateway.gateway.tokenRequestsAdmitted()).isZero();
    assertThat(gateway.gateway.tokenRequestsShed()).isZero();
    assertThat(statuses(3)).as("reset refills the configured capacity").containsExactly(200, 200, 503);
  }

  @Test void requestsStruckByAnotherFaultAreNeitherAdmittedNorShed() throws IOException {
    start(GatewayClient.config().build()).gateway.injectFault(overloaded(1));
    gateway.gateway.injectFault(Fault.of(Target.TOKEN, Kind.UNAVAILABLE).times(2));

    assertThat(statuses(4)).containsExactly(503, 503, 200, 503);
    assertThat(gateway.gateway.tokenRequestsAdmitted()).isEqualTo(1);
    assertThat(gateway.gateway.tokenRequestsShed()).isEqualTo(1);
  }

  // The Java API

  @Test void anOverloadLastsUntilClearedAndListsItsCapacity() throws IOException {
    Fault fault = overloaded(500).status(429);

    assertThat(fault.count()).isEqualTo(Fault.UNLIMITED);
    assertThat(fault.capacity()).isEqualTo(500);
    assertThat(fault.status()).isEqualTo(429);
    assertThat(fault.retryAfter()).isEqualTo(Duration.ofSeconds(1));
    assertThat(fault).hasToString("Fault{TOKEN OVERLOADED, count=unlimited, retryAfter=1s, status=429, capacity=500/s}");
    assertThat(Fault.of(Target.TOKEN, Kind.THROTTLED).capacity()).isZero();
  }

  @Test void theJavaApiRefusesAnOverloadThatMakesNoSense() {
    assertThatThrownBy(() -> Fault.of(Target.API, Kind.OVERLOADED)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("token endpoint only");
    assertThatThrownBy(() -> overloaded(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("capacity must be 1 to 1000000");
    assertThatThrownBy(() -> overloaded(-5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> overloaded(1_000_001)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fault.of(Target.TOKEN, Kind.THROTTLED).capacity(10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overloaded faults only");
    assertThatThrownBy(() -> overloaded(10).status(500)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("503 or 429");
    assertThatThrownBy(() -> overloaded(10).times(3)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not for a count");
    assertThatThrownBy(() -> GatewayConfig.builder().tokenCapacity(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test void injectingAnOverloadWithoutACapacityIsRefused() throws IOException {
    start(GatewayClient.config().build());

    assertThatThrownBy(() -> gateway.gateway.injectFault(Fault.of(Target.TOKEN, Kind.OVERLOADED)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a capacity");
    assertThat(gateway.gateway.pendingFaults()).isEmpty();
  }

  /** The statuses of {@code count} client-credentials token requests, one after another. */
  private List<Integer> statuses(int count) {
    Integer[] statuses = new Integer[count];
    for (int i = 0; i < count; i++) statuses[i] = gateway.clientCredentials(CC_ONLY_APP, null).status();
    return List.of(statuses);
  }
}
