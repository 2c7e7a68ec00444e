package dev.resilientsession.gateway;

import dev.resilientsession.gateway.GatewayClient.Reply;
import static dev.resilientsession.gateway.GatewayClient.BOB;
import static dev.resilientsession.gateway.GatewayClient.BOB_PASSWORD;
import static dev.resilientsession.gateway.GatewayClient.JWT_APP;
import static dev.resilientsession.gateway.GatewayClient.OAUTH2_CHALLENGE;
import static dev.resilientsession.gateway.GatewayClient.assertOAuthError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resilientsession.gateway.Fault.Kind;
import dev.resilientsession.gateway.Fault.Target;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Injected faults over HTTP: what each kind answers, when an API call meets it, and how long it lasts. */
class FaultTest {
  private GatewayClient gateway;
  private String token;

  @BeforeEach void start() throws IOException {
    gateway = GatewayClient.start(GatewayClient.config()
        .resource(ResourceRule.of("/orders/**", "orders:read"))
        .build());
    token = gateway.login(JWT_APP, "orders:read").accessToken();
  }

  @AfterEach void stop() throws IOException {
    gateway.close();
  }

  private void inject(Fault fault) {
    gateway.gateway.injectFault(fault);
  }

  // Kinds

  @Test void anHtmlFaultIsAMaintenancePageWith503ByDefault() {
    inject(Fault.of(Target.API, Kind.HTML));

    Reply page = gateway.call("/orders", token);

    assertThat(page.status()).isEqualTo(503);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    assertThat(page.body()).startsWith("<!DOCTYPE html>").contains("503 Service Unavailable");
    assertThat(page.headers().names()).doesNotContain("WWW-Authenticate", "Retry-After");
    assertThat(gateway.call("/orders", token).status()).isEqualTo(200);
  }

  @Test void anHtmlFaultOnTheTokenEndpointTakesItsStatus() {
    inject(Fault.of(Target.TOKEN, Kind.HTML).status(502));

    Reply page = gateway.password(JWT_APP, BOB, BOB_PASSWORD, null);

    assertThat(page.status()).isEqualTo(502);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    assertThat(page.body()).contains("502 Bad Gateway");
  }

  @Test void anEmptyFaultHasNoBodyAnd502ByDefault() {
    inject(Fault.of(Target.API, Kind.EMPTY));
    inject(Fault.of(Target.TOKEN, Kind.EMPTY).status(504).retryAfter(Duration.ofSeconds(9)));

    Reply api = gateway.call("/orders", token);
    Reply tokens = gateway.password(JWT_APP, BOB, BOB_PASSWORD, null);

    assertThat(api.status()).isEqualTo(502);
    assertThat(api.body()).isEmpty();
    assertThat(api.header("Content-Type")).isNull();
    assertThat(tokens.status()).isEqualTo(504);
    assertThat(tokens.body()).isEmpty();
    assertThat(tokens.header("Retry-After")).isEqualTo("9");
  }

  @Test void aDisconnectFaultDropsTheConnectionWithNoResponse() {
    inject(Fault.of(Target.API, Kind.DISCONNECT));
    inject(Fault.of(Target.TOKEN, Kind.DISCONNECT));

    assertThatThrownBy(() -> gateway.call("/orders", token)).isInstanceOf(UncheckedIOException.class);
    assertThatThrownBy(() -> gateway.password(JWT_APP, BOB, BOB_PASSWORD, null)).isInstanceOf(UncheckedIOException.class);
    assertThat(gateway.call("/orders", token).status()).isEqualTo(200);
    assertThat(gateway.password(JWT_APP, BOB, BOB_PASSWORD, null).status()).isEqualTo(200);
  }

  @Test void aDisconnectFaultDropsTheConnectionEvenWhenTheClientAsksToClose() {
    inject(Fault.of(Target.API, Kind.DISCONNECT));

    assertThatThrownBy(() -> gateway.send(new Request.Builder().url(gateway.url("/orders"))
        .header("Authorization", "Bearer " + token).header("Connection", "close")))
        .isInstanceOf(UncheckedIOException.class);
  }

  @ParameterizedTest
  @CsvSource({
      "EXPIRED, 401, 900903, Access Token Expired",
      "INACTIVE, 401, 900904, Access Token Inactive",
      "BLOCKED, 401, 900907, The requested API is temporarily blocked",
      "SUBSCRIPTION_INACTIVE, 401, 900909, The subscription to the API is inactive",
  })
  void theKeyManagersVerdictsAre401sWithTheChallenge(Kind kind, int status, String code, String message) {
    inject(Fault.of(Target.API, kind));

    Reply refused = gateway.call("/orders", token);

    assertThat(refused.status()).isEqualTo(status);
    assertThat(refused.json()).containsEntry("code", code).containsEntry("message", message).containsKey("description");
    assertThat(refused.headers().values("WWW-Authenticate")).containsExactly(OAUTH2_CHALLENGE);
    assertThat(refused.headers().names()).doesNotContain("Retry-After");
    assertThat(gateway.call("/orders", token).status()).isEqualTo(200);
  }

  @Test void aForbiddenFaultIs403With900908AndNoChallenge() {
    inject(Fault.of(Target.API, Kind.FORBIDDEN));

    Reply refused = gateway.call("/orders", token);

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json()).containsEntry("code", "900908").containsEntry("message", "Resource forbidden ");
    assertThat(refused.headers().names()).doesNotContain("WWW-Authenticate");
  }

  // When an API call meets a fault

  @Test void throttlingComesAfterAuthenticationSoABadTokenGetsIts401AndLeavesTheFault() {
    inject(Fault.of(Target.API, Kind.THROTTLED));

    assertThat(gateway.call("/orders", null).json()).containsEntry("code", "900902");
    assertThat(gateway.call("/orders", "made-up-token").json()).containsEntry("code", "900901");
    assertThat(gateway.gateway.pendingFaults()).hasSize(1);

    assertThat(gateway.call("/orders", token).status()).isEqualTo(429);
    assertThat(gateway.gateway.pendingFaults()).isEmpty();
  }

  @Test void aCallThatFailsItsScopeCheckIsNotThrottled() {
    String bobs = gateway.password(JWT_APP, BOB, BOB_PASSWORD, null).accessToken();
    inject(Fault.of(Target.API, Kind.THROTTLED));

    assertThat(gateway.call("/orders", bobs).json()).containsEntry("code", "900910");
    assertThat(gateway.call("/orders", token).status()).isEqualTo(429);
  }

  @Test void theKeyManagersVerdictsNeedAnOtherwiseValidToken() {
    inject(Fault.of(Target.API, Kind.EXPIRED));

    assertThat(gateway.call("/orders", null).json()).containsEntry("code", "900902");
    assertThat(gateway.call("/orders", "made-up-token").json()).containsEntry("code", "900901");

    assertThat(gateway.call("/orders", token).json()).containsEntry("code", "900903");
  }

  @Test void backendAndNetworkFaultsStrikeBeforeAuthentication() {
    inject(Fault.of(Target.API, Kind.UNAVAILABLE));
    inject(Fault.of(Target.API, Kind.HTML));
    inject(Fault.of(Target.API, Kind.EMPTY));
    inject(Fault.of(Target.API, Kind.DISCONNECT));

    assertThat(gateway.call("/orders", null).status()).isEqualTo(500);
    assertThat(gateway.call("/orders", "made-up-token").status()).isEqualTo(503);
    assertThat(gateway.call("/orders", null).status()).isEqualTo(502);
    assertThatThrownBy(() -> gateway.call("/orders", null)).isInstanceOf(UncheckedIOException.class);
    assertThat(gateway.call("/orders", null).status()).isEqualTo(401);
  }

  // How long a fault lasts

  @Test void aFaultDuringAWindowStrikesEveryCallUntilTheGatewaysClockPassesIt() {
    inject(Fault.of(Target.API, Kind.THROTTLED).during(Duration.ofSeconds(30)));

    for (int i = 0; i < 3; i++) assertThat(gateway.call("/orders", token).status()).isEqualTo(429);
    gateway.advance(Duration.ofSeconds(29));
    assertThat(gateway.call("/orders", token).status()).isEqualTo(429);
    assertThat(gateway.gateway.pendingFaults()).singleElement()
        .satisfies(fault -> assertThat(fault.duration()).isEqualTo(Duration.ofSeconds(1)));

    gateway.advance(Duration.ofSeconds(1));

    assertThat(gateway.call("/orders", token).status()).isEqualTo(200);
    assertThat(gateway.gateway.pendingFaults()).isEmpty();
  }

  @Test void aWindowRunsOnTheGatewaysClockIncludingItsAdvances() {
    inject(Fault.of(Target.TOKEN, Kind.UNAVAILABLE).during(Duration.ofMinutes(5)));
    assertOAuthError(gateway.password(JWT_APP, BOB, BOB_PASSWORD, null), 503, "temporarily_unavailable");

    gateway.gateway.advanceClock(Duration.ofMinutes(5));

    assertThat(gateway.password(JWT_APP, BOB, BOB_PASSWORD, null).status()).isEqualTo(200);
  }

  @Test void aCountedFaultListsTheCountItHasLeft() {
    inject(Fault.of(Target.API, Kind.INACTIVE).times(3));

    gateway.call("/orders", token);

    assertThat(gateway.gateway.pendingFaults()).singleElement()
        .satisfies(fault -> assertThat(fault.count()).isEqualTo(2));
  }

  // The Java API

  @Test void faultsAreImmutableAndTheLastSpanWins() {
    Fault once = Fault.of(Target.API, Kind.HTML);
    Fault timed = once.times(5).during(Duration.ofSeconds(10));
    Fault counted = timed.times(2);

    assertThat(once.count()).isEqualTo(1);
    assertThat(timed.count()).isEqualTo(Fault.UNLIMITED);
    assertThat(timed.duration()).isEqualTo(Duration.ofSeconds(10));
    assertThat(counted.count()).isEqualTo(2);
    assertThat(counted.duration()).isNull();
    assertThat(once.status(418).status()).isEqualTo(418);
    assertThat(once.status()).isEqualTo(503);
  }

  @Test void theJavaApiRefusesWhatMakesNoSense() {
    assertThatThrownBy(() -> Fault.of(Target.TOKEN, Kind.EXPIRED)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("API calls only");
    assertThatThrownBy(() -> Fault.of(Target.API, Kind.THROTTLED).status(503)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fault.of(Target.API, Kind.HTML).status(600)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fault.of(Target.API, Kind.HTML).times(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fault.of(Target.API, Kind.HTML).times(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fault.of(Target.API, Kind.HTML).during(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fault.of(Target.API, Kind.DISCONNECT).retryAfter(Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
