package dev.resilientsession.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tokens an app obtained with another library (AppAuth, a WebView), kept alive by the session. */
class AdoptTokensTest {
  private final SessionFixture fixture = new SessionFixture();
  private final ResilientSession session = fixture.builder().build();
  private final OkHttpClient client = session.newClient(new OkHttpClient());

  AdoptTokensTest() throws Exception {
  }

  @AfterEach void close() throws Exception {
    session.close();
    fixture.close();
  }

  @Test void adoptedTokensAreSentSavedAndSaidToTheListener() throws Exception {
    adopt("appauth-at", "appauth-rt", Duration.ofHours(1));

    assertThat(fixture.status(client, "/orders")).isEqualTo(200);
    assertThat(fixture.store.load().signInMethod()).isEqualTo(SignInMethod.ADOPTED);
    assertThat(fixture.listener.events).containsExactly("signedIn [device_desktop]");
    assertThat(fixture.gateway.tokenRequests.get()).isZero();
  }

  @Test void adoptedTokensAreRefreshedWhenTheyExpire() throws Exception {
    adopt("appauth-at", "appauth-rt", Duration.ofHours(1));
    fixture.clock.advance(Duration.ofHours(2));

    assertThat(fixture.status(client, "/orders")).isEqualTo(200);
    assertThat(fixture.gateway.tokenRequests.get()).isEqualTo(1);
    assertThat(fixture.gateway.tokenCalls.get(0).getBody().readUtf8()).contains("refresh_token=appauth-rt");
    assertThat(fixture.store.load().signInMethod()).as("still adopted after a refresh").isEqualTo(SignInMethod.ADOPTED);
  }

  @Test void adoptedTokensWhoseRefreshTokenIsRefusedNeedTheBrowserAgain() throws Exception {
    adopt("appauth-at", "appauth-rt", Duration.ofHours(1));
    fixture.gateway.revokeCurrentTokens();

    assertThat(fixture.status(client, "/orders")).isEqualTo(401);
    assertThat(fixture.listener.events).endsWith("lost BROWSER_SIGN_IN_REQUIRED");
    assertThat(fixture.gateway.tokenRequests.get()).as("the refresh token only: there is no password").isEqualTo(1);
  }

  @Test void withoutARefreshTokenThereIsNoRungToSpendATokenRequestOn() throws Exception {
    adopt("appauth-at", null, Duration.ofHours(1));
    fixture.gateway.revokeCurrentTokens();

    assertThat(fixture.status(client, "/orders")).isEqualTo(401);
    assertThat(fixture.listener.events).endsWith("lost BROWSER_SIGN_IN_REQUIRED");
    assertThat(fixture.gateway.tokenRequests.get()).isZero();
  }

  @Test void aStoreWrittenByABrowserSignInRestoresABrowserSession() throws Exception {
    adopt("appauth-at", "appauth-rt", Duration.ofHours(1));
    ResilientSession restarted = fixture.builder().build();
    fixture.gateway.revokeCurrentTokens();

    assertThat(fixture.status(restarted.newClient(new OkHttpClient()), "/orders")).isEqualTo(401);
    assertThat(fixture.listener.events).endsWith("lost BROWSER_SIGN_IN_REQUIRED");
    restarted.close();
  }

  private void adopt(String accessToken, String refreshToken, Duration lifetime) {
    Instant now = fixture.clock.instant();
    fixture.gateway.validAccessToken = accessToken;
    fixture.gateway.validRefreshToken = refreshToken;
    session.adopt(new StoredTokens(accessToken, refreshToken, now, now.plus(lifetime), Set.of("device_desktop")));
  }
}
