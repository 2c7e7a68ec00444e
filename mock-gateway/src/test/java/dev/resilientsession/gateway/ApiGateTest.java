package dev.resilientsession.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientsession.gateway.junit.TestClock;
import dev.resilientsession.gateway.token.Application;
import dev.resilientsession.gateway.token.TokenRequest;
import dev.resilientsession.gateway.token.TokenService;
import dev.resilientsession.gateway.token.TokenType;
import dev.resilientsession.gateway.token.User;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which fault a call gets, without HTTP: section 7 of docs/gateway-behaviour.md. */
class ApiGateTest {
  private final TestClock clock = new TestClock();
  private final TokenService tokens = TokenService.create(GatewayConfig.builder()
      .user(User.of("alice", "pw", "orders:read"))
      .user(User.of("bob", "pw"))
      .application(Application.builder("app", "secret").tokenType(TokenType.OPAQUE).build())
      .build(), clock);
  private final List<ResourceRule> resources = List.of(
      ResourceRule.of("GET", "/orders/**", Set.of("orders:read")),
      ResourceRule.of("/public/*"));

  private final ApiGate gate = new ApiGate(new GatewayTokenCache(tokens, Duration.ZERO, clock), resources, false);
  private final ApiGate strictGate = new ApiGate(new GatewayTokenCache(tokens, Duration.ZERO, clock), resources, true);

  @Test void aCallWithoutATokenIsMissingCredentials() {
    assertThat(gate.check("GET", "/orders", null).fault()).isEqualTo(ApiFault.MISSING_CREDENTIALS);
    assertThat(gate.check("GET", "/orders", "Basic YTpi").fault()).isEqualTo(ApiFault.MISSING_CREDENTIALS);
    assertThat(gate.check("GET", "/orders", "Bearer ").fault()).isEqualTo(ApiFault.MISSING_CREDENTIALS);
  }

  @Test void anUnknownTokenIsInvalidCredentials() {
    assertThat(gate.check("GET", "/orders", "Bearer nope").fault()).isEqualTo(ApiFault.INVALID_CREDENTIALS);
  }

  @Test void anExpiredTokenIsInvalidCredentials() {
    String token = token("alice", "orders:read");
    clock.advance(Duration.ofHours(1));

    assertThat(gate.check("GET", "/orders/1", "Bearer " + token).fault()).isEqualTo(ApiFault.INVALID_CREDENTIALS);
  }

  @Test void aTokenWithTheResourcesScopeIsLetThrough() {
    AccessDecision decision = gate.check("GET", "/orders/42/lines", "Bearer " + token("alice", "orders:read"));

    assertThat(decision.isAllowed()).isTrue();
    assertThat(decision.token().user()).isEqualTo("alice");
  }

  @Test void aTokenWithoutTheResourcesScopeIsForbidden() {
    AccessDecision decision = gate.check("GET", "/orders", "Bearer " + token("bob", "orders:read"));

    assertThat(decision.fault()).isEqualTo(ApiFault.RESOURCE_FORBIDDEN);
    assertThat(decision.fault().status()).isEqualTo(403);
    assertThat(decision.fault().code()).isEqualTo(900910);
  }

  @Test void theBearerSchemeIsCaseSensitive() {
    assertThat(gate.check("GET", "/orders", "bearer " + token("alice", "orders:read")).fault())
        .isEqualTo(ApiFault.MISSING_CREDENTIALS);
  }

  @Test void anyOtherPathNeedsOnlyAValidToken() {
    assertThat(gate.check("POST", "/anything/else", "Bearer " + token("bob", null)).isAllowed()).isTrue();
    assertThat(gate.check("POST", "/orders", "Bearer " + token("bob", null)).isAllowed())
        .as("the orders rule is for GET only").isTrue();
  }

  @Test void strictResourcesAnswerNoMatchingResourceBeforeCheckingTheToken() {
    assertThat(strictGate.check("GET", "/nowhere", null).fault()).isEqualTo(ApiFault.NO_MATCHING_RESOURCE);
    assertThat(strictGate.check("GET", "/public/page", "Bearer " + token("bob", null)).isAllowed()).isTrue();
    assertThat(strictGate.check("GET", "/public/a/b", "Bearer " + token("bob", null)).fault())
        .as("* is one segment").isEqualTo(ApiFault.NO_MATCHING_RESOURCE);
  }

  @Test void patternsMatchSegmentsNotPrefixes() {
    ResourceRule rule = ResourceRule.of("/orders/{id}/lines");

    assertThat(rule.matches("GET", "/orders/7/lines")).isTrue();
    assertThat(rule.matches("GET", "/orders/7/lines/")).isTrue();
    assertThat(rule.matches("GET", "/orders/7")).isFalse();
    assertThat(rule.matches("GET", "/ordersX/7/lines")).isFalse();
    assertThat(ResourceRule.of("/orders/**").matches("GET", "/orders")).isTrue();
    assertThat(ResourceRule.of("/**").matches("DELETE", "/a/b/c")).isTrue();
  }

  private String token(String user, String scope) {
    return tokens.token(TokenRequest.builder().client("app", "secret").grantType("password")
        .username(user).password("pw").scope(scope).build()).accessToken();
  }
}
