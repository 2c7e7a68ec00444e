package dev.resilientsession.gateway.token;

import java.time.Clock;
import java.util.SortedSet;
import java.util.function.Consumer;

/**
 * The resource owner password grant: the user's password buys a token for the scopes the user may
 * have. With account locking on, the failure that locks the account also revokes the user's
 * tokens, as WSO2 does.
 */
final class PasswordGrant implements Grant {
  private final UserStore users;
  private final TokenIssuer issuer;
  private final Clock clock;
  private final Consumer<String> revokeAll;

  PasswordGrant(UserStore users, TokenIssuer issuer, Clock clock, Consumer<String> revokeAll) {
    this.users = users;
    this.issuer = issuer;
    this.clock = clock;
    this.revokeAll = revokeAll;
  }

  @Override public IssuedToken token(Application application, TokenRequest request) {
    if (isBlank(request.username()) || request.password() == null) {
      throw new OAuthException(OAuthError.INVALID_REQUEST,
          "Missing parameters: username and password are required for the password grant");
    }
    UserStore.SignIn signIn = users.signIn(request.username(), request.password(), clock.instant());
    if (signIn.lockedNow) {
      revokeAll.accept(signIn.user.username());
      throw UserStore.locked(signIn.user.username());
    }
    SortedSet<String> scopes = Scopes.grant(Scopes.parse(request.scope()), signIn.user.scopes());
    return issuer.issue(application, signIn.user.username(), scopes, GrantType.PASSWORD);
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
