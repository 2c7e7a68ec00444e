package dev.resilientsession.demo;

import dev.resilientsession.gateway.GatewayConfig;
import dev.resilientsession.gateway.token.Application;
import dev.resilientsession.gateway.token.GrantType;
import dev.resilientsession.gateway.token.RenewalPolicy;
import dev.resilientsession.gateway.token.TokenType;
import dev.resilientsession.gateway.token.User;
import java.time.Duration;
import java.util.EnumSet;

/** The stories of WSO2's documentation, each played by a desktop and a tablet of one user. */
enum Scenario {
  OPAQUE_SHARED_TOKEN("OPAQUE tokens, no device scope: one shared token, and the desktop signs out",
      TokenType.OPAQUE, false) {
    @Override void play(Stage stage) {
      bothSignInThenTheDesktopSignsOut(stage, "the shared token is revoked: the tablet's session died with the desktop's");
    }
  },

  JWT_REVOKE_PREVIOUS("JWT tokens, no device scope: each token request revokes the other device's token",
      TokenType.JWT, false) {
    @Override void play(Stage stage) {
      stage.desktopSignsIn();
      stage.desktopCalls();
      stage.tabletSignsIn();
      stage.gatewayNote("the tablet's sign-in revoked the desktop's JWT");
      for (int round = 0; round < 3; round++) {
        stage.desktopCalls();
        stage.tabletCalls();
      }
      stage.showActiveTokens();
    }
  },

  DEVICE_SCOPES("Device scopes device_desktop and device_tablet: two tokens, and the desktop signs out",
      TokenType.OPAQUE, true) {
    @Override void play(Stage stage) {
      bothSignInThenTheDesktopSignsOut(stage, "only the desktop's token is revoked");
    }
  },

  RENEW_WITHOUT_REVOKING("renew_token_without_revoking_existing for the password grant (JWT): both tokens stay active",
      TokenType.JWT, false) {
    @Override GatewayConfig gatewayConfig() {
      return super.gatewayConfig().newBuilder()
          .jwtRenewal(RenewalPolicy.enabledFor(EnumSet.of(GrantType.CLIENT_CREDENTIALS, GrantType.PASSWORD)))
          .build();
    }

    @Override void play(Stage stage) {
      stage.desktopSignsIn();
      stage.tabletSignsIn();
      stage.showActiveTokens();
      for (int round = 0; round < 2; round++) {
        stage.desktopCalls();
        stage.tabletCalls();
      }
    }
  },

  REFRESH_FIRST("Refresh first: an hour passes; the tablet renews its expired token with the refresh token before calling",
      TokenType.JWT, true) {
    @Override void play(Stage stage) {
      stage.desktopSignsIn();
      stage.tabletSignsIn();
      stage.tabletCalls();
      stage.gateway.advanceClock(Duration.ofSeconds(3600));
      stage.gatewayNote("an hour passed: every access token has expired, refresh tokens live on");
      stage.tabletCalls();
      stage.tabletCalls();
      stage.showActiveTokens();
    }
  };

  static final String OPAQUE_KEY = "demo-opaque";
  static final String JWT_KEY = "demo-jwt";
  static final String SECRET = "demo-secret";

  private final String title;
  private final TokenType tokenType;
  private final boolean deviceScopes;

  Scenario(String title, TokenType tokenType, boolean deviceScopes) {
    this.title = title;
    this.tokenType = tokenType;
    this.deviceScopes = deviceScopes;
  }

  String title() {
    return title;
  }

  int number() {
    return ordinal() + 1;
  }

  boolean deviceScopes() {
    return deviceScopes;
  }

  /** The consumer key of the application this scenario's devices use. */
  String consumerKey() {
    return tokenType == TokenType.JWT ? JWT_KEY : OPAQUE_KEY;
  }

  /** The user alice and one JWT and one OPAQUE application, WSO2's defaults otherwise. */
  GatewayConfig gatewayConfig() {
    return GatewayConfig.builder()
        .user(User.of(Stage.USER, "alice-pw", "orders:read"))
        .application(Application.builder(JWT_KEY, SECRET).tokenType(TokenType.JWT).build())
        .application(Application.builder(OPAQUE_KEY, SECRET).tokenType(TokenType.OPAQUE).build())
        .build();
  }

  abstract void play(Stage stage);

  /** Scenarios 1 and 3 play the same story; only the device scopes change how it ends. */
  private static void bothSignInThenTheDesktopSignsOut(Stage stage, String gatewayNote) {
    stage.desktopSignsIn();
    stage.tabletSignsIn();
    stage.showActiveTokens();
    stage.desktopCalls();
    stage.tabletCalls();
    stage.desktopSignsOut();
    stage.gatewayNote(gatewayNote);
    stage.tabletCalls();
    stage.tabletCalls();
    stage.showActiveTokens();
  }
}
