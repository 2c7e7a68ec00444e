package dev.resilientsession.gateway.token;

import static dev.resilientsession.gateway.token.Tokens.JWT_APP;
import static dev.resilientsession.gateway.token.Tokens.OPAQUE_APP;
import static dev.resilientsession.gateway.token.Tokens.SECRET;
import static dev.resilientsession.gateway.token.Tokens.password;
import static dev.resilientsession.gateway.token.Tokens.refresh;
import static dev.resilientsession.gateway.token.Tokens.refreshFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resilientsession.gateway.junit.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Revocation and introspection: sections 5 and 6 of docs/gateway-behaviour.md. */
class RevocationTest {
  private final TestClock clock = new TestClock();
  private final TokenService tokens = Tokens.service(clock);

  @Test void revokingTheAccessTokenAlsoKillsTheRefreshToken() {
    IssuedToken token = tokens.token(password(OPAQUE_APP, null));

    Revocation revocation = tokens.revoke(OPAQUE_APP, SECRET, token.accessToken(), null);

    assertThat(revocation.revoked()).isTrue();
    assertThat(revocation.accessToken()).isEqualTo(token.accessToken());
    assertThat(revocation.refreshToken()).isEqualTo(token.refreshToken());
    assertThat(revocation.user()).isEqualTo("alice");
    assertThat(tokens.validate(token.accessToken())).isEmpty();
    assertThat(refreshFails(tokens, OPAQUE_APP, token.refreshToken())).isEqualTo(OAuthError.INVALID_GRANT);
  }

  @Test void revokingTheRefreshTokenAlsoKillsTheAccessToken() {
    IssuedToken token = tokens.token(password(JWT_APP, null));

    Revocation revocation = tokens.revoke(JWT_APP, SECRET, token.refreshToken(), "refresh_token");

    assertThat(revocation.revoked()).isTrue();
    assertThat(tokens.validate(token.accessToken())).isEmpty();
  }

  @Test void revokingTheSharedOpaqueTokenLogsOutEveryDevice() {
    IssuedToken desktop = tokens.token(password(OPAQUE_APP, null));
    IssuedToken tablet = tokens.token(password(OPAQUE_APP, null));

    tokens.revoke(OPAQUE_APP, SECRET, desktop.accessToken(), null);

    assertThat(tokens.validate(tablet.accessToken())).isEmpty();
  }

  @Test void anUnknownTokenRevokesNothingAndIsNoError() {
    assertThat(tokens.revoke(OPAQUE_APP, SECRET, "no-such-token", null).revoked()).isFalse();
  }

  @Test void revokingTwiceIsNoError() {
    IssuedToken token = tokens.token(password(OPAQUE_APP, null));
    tokens.revoke(OPAQUE_APP, SECRET, token.accessToken(), null);

    assertThat(tokens.revoke(OPAQUE_APP, SECRET, token.accessToken(), null).revoked()).isFalse();
  }

  @Test void aClientMayNotRevokeAnotherClientsToken() {
    IssuedToken token = tokens.token(password(OPAQUE_APP, null));

    assertThatThrownBy(() -> tokens.revoke(JWT_APP, SECRET, token.accessToken(), null))
        .isInstanceOfSatisfying(OAuthException.class,
            e -> assertThat(e.error()).isEqualTo(OAuthError.UNAUTHORIZED_CLIENT));
    assertThat(tokens.validate(token.accessToken())).isPresent();
  }

  @Test void revocationNeedsValidClientCredentials() {
    IssuedToken token = tokens.token(password(OPAQUE_APP, null));

    assertThatThrownBy(() -> tokens.revoke(OPAQUE_APP, "wrong", token.accessToken(), null))
        .isInstanceOfSatisfying(OAuthException.class,
            e -> assertThat(e.error()).isEqualTo(OAuthError.INVALID_CLIENT));
  }

  @Test void aMissingTokenIsInvalidRequest() {
    assertThatThrownBy(() -> tokens.revoke(OPAQUE_APP, SECRET, " ", null))
        .isInstanceOfSatisfying(OAuthException.class,
            e -> assertThat(e.error()).isEqualTo(OAuthError.INVALID_REQUEST));
  }

  @Test void anExpiredTokensRefreshTokenCanBeRevoked() {
    IssuedToken token = tokens.token(password(OPAQUE_APP, null));
    clock.advance(Duration.ofHours(2));

    assertThat(tokens.revoke(OPAQUE_APP, SECRET, token.refreshToken(), "refresh_token").revoked()).isTrue();
    assertThat(refreshFails(tokens, OPAQUE_APP, token.refreshToken())).isEqualTo(OAuthError.INVALID_GRANT);
  }

  @Test void revokeAllRevokesOnlyThatUsersTokens() {
    IssuedToken alice = tokens.token(password(OPAQUE_APP, "device_desktop"));
    IssuedToken aliceTablet = tokens.token(password(JWT_APP, "device_tablet"));
    IssuedToken admin = tokens.token(password(OPAQUE_APP, "admin", "admin", null));

    assertThat(tokens.revokeAll("alice")).isEqualTo(2);

    assertThat(tokens.validate(alice.accessToken())).isEmpty();
    assertThat(tokens.validate(aliceTablet.accessToken())).isEmpty();
    assertThat(tokens.validate(admin.accessToken())).isPresent();
  }

  @Test void introspectionDescribesAnActiveToken() {
    IssuedToken token = tokens.token(password(OPAQUE_APP, "orders:read"));

    Introspection introspection = tokens.introspect(token.accessToken()).orElseThrow();

    assertThat(introspection.tokenType()).isEqualTo("Bearer");
    assertThat(introspection.token().user()).isEqualTo("alice");
    assertThat(introspection.token().clientId()).isEqualTo(OPAQUE_APP);
    assertThat(introspection.token().scopes()).containsExactly("orders:read");
    assertThat(introspection.issuedAt()).isEqualTo(clock.instant());
    assertThat(introspection.expiresAt()).isEqualTo(clock.instant().plusSeconds(3600));
  }

  @Test void aRefreshTokenIntrospectsAsRefreshWithItsOwnExpiry() {
    Instant signedIn = clock.instant();
    IssuedToken token = tokens.token(password(OPAQUE_APP, "orders:read"));
    clock.advance(Duration.ofHours(2));

    Introspection introspection = tokens.introspect(token.refreshToken()).orElseThrow();

    assertThat(introspection.tokenType()).isEqualTo("Refresh");
    assertThat(introspection.refreshToken()).isTrue();
    assertThat(introspection.issuedAt()).isEqualTo(signedIn);
    assertThat(introspection.expiresAt()).isEqualTo(signedIn.plusSeconds(86400));
    assertThat(introspection.token().user()).isEqualTo("alice");
    assertThat(introspection.token().clientId()).isEqualTo(OPAQUE_APP);
    assertThat(introspection.token().scopes()).containsExactly("orders:read");
    assertThat(tokens.introspect(token.accessToken())).as("the access token itself has expired").isEmpty();
  }

  @Test void anInheritedRefreshTokenIntrospectsWithTheTimeItWasFirstIssued() {
    Instant signedIn = clock.instant();
    tokens.token(password(JWT_APP, null));
    clock.advance(Duration.ofHours(2));
    IssuedToken tablet = tokens.token(password(JWT_APP, null));

    Introspection introspection = tokens.introspect(tablet.refreshToken()).orElseThrow();

    assertThat(introspection.issuedAt()).as("not when the tablet signed in").isEqualTo(signedIn);
    assertThat(introspection.expiresAt()).isEqualTo(signedIn.plusSeconds(86400));
  }

  @Test void aRotatedRefreshTokenIntrospectsWithTheTimeOfTheRefresh() {
    IssuedToken token = tokens.token(password(OPAQUE_APP, null));
    clock.advance(Duration.ofHours(2));
    Instant refreshedAt = clock.instant();

    IssuedToken refreshed = tokens.token(refresh(OPAQUE_APP, token.refreshToken()));

    Introspection introspection = tokens.introspect(refreshed.refreshToken()).orElseThrow();
    assertThat(introspection.issuedAt()).isEqualTo(refreshedAt);
    assertThat(introspection.expiresAt()).isEqualTo(refreshedAt.plusSeconds(86400));
    assertThat(tokens.introspect(token.refreshToken())).as("the used refresh token").isEmpty();
  }

  @Test void introspectionSaysInactiveForRevokedExpiredAndUnknownTokens() {
    IssuedToken revoked = tokens.token(password(OPAQUE_APP, null));
    tokens.revoke(OPAQUE_APP, SECRET, revoked.accessToken(), null);
    IssuedToken expiring = tokens.token(password(JWT_APP, null));
    clock.advance(Duration.ofHours(1));

    assertThat(tokens.introspect(revoked.accessToken())).isEmpty();
    assertThat(tokens.introspect(expiring.accessToken())).isEmpty();
    assertThat(tokens.introspect("unknown")).isEmpty();
  }
}
