package dev.resilientsession.gateway.token;

import dev.resilientsession.gateway.GatewayConfig;
import dev.resilientsession.gateway.junit.TestClock;
import java.time.Duration;

/** Builds token services and requests for the rule tests. */
final class Tokens {
  static final String JWT_APP = "jwt-app";
  static final String OPAQUE_APP = "opaque-app";
  static final String CC_ONLY_APP = "cc-app";
  static final String NO_REFRESH_APP = "no-refresh-app";
  static final String SECRET = "secret";

  private Tokens() {
  }

  /** Three users and four applications; add switches to the returned builder. */
  static GatewayConfig.Builder config() {
    return GatewayConfig.builder()
        .user(User.of("alice", "alice-pw", "orders:read", "orders:write"))
        .user(User.of("bob", "bob-pw"))
        .user(User.of("admin", "admin", "orders:read"))
        .application(Application.builder(JWT_APP, SECRET).tokenType(TokenType.JWT).build())
        .application(Application.builder(OPAQUE_APP, SECRET).tokenType(TokenType.OPAQUE).build())
        .application(Application.builder(CC_ONLY_APP, SECRET).tokenType(TokenType.OPAQUE)
            .grantTypes(GrantType.CLIENT_CREDENTIALS).build())
        .application(Application.builder(NO_REFRESH_APP, SECRET).tokenType(TokenType.JWT)
            .grantTypes(GrantType.PASSWORD).accessTokenValidity(Duration.ofSeconds(600)).build());
  }

  static TokenService service(TestClock clock) {
    return service(config(), clock);
  }

  static TokenService service(GatewayConfig.Builder config, TestClock clock) {
    return TokenService.create(config.build(), clock);
  }

  static TokenRequest password(String app, String user, String password, String scope) {
    return TokenRequest.builder().client(app, SECRET).grantType("password")
        .username(user).password(password).scope(scope).build();
  }

  static TokenRequest password(String app, String scope) {
    return password(app, "alice", "alice-pw", scope);
  }

  static TokenRequest refresh(String app, String refreshToken) {
    return TokenRequest.builder().client(app, SECRET).grantType("refresh_token").refreshToken(refreshToken).build();
  }

  static TokenRequest clientCredentials(String app, String scope) {
    return TokenRequest.builder().client(app, SECRET).grantType("client_credentials").scope(scope).build();
  }

  /** The OAuth error a refresh with {@code refreshToken} fails with, or null when it succeeds. */
  static OAuthError refreshFails(TokenService tokens, String app, String refreshToken) {
    try {
      tokens.token(refresh(app, refreshToken));
      return null;
    } catch (OAuthException e) {
      return e.error();
    }
  }

  /** The OAuth error {@code request} fails with, or null when it succeeds. */
  static OAuthException failure(TokenService tokens, TokenRequest request) {
    try {
      tokens.token(request);
      return null;
    } catch (OAuthException e) {
      return e;
    }
  }
}
