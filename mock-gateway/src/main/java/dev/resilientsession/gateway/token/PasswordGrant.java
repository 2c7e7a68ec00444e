package dev.resilientsession.gateway.token;

import java.util.SortedSet;
import java.util.function.BiFunction;

/**
 * The resource owner password grant: the user's password buys a token for the scopes the user may
 * have. The password is checked as the login page checks it, lockout included.
 */
final class PasswordGrant implements Grant {
  /** Returns the user whose password it is, or throws the OAuth error (wrong password, locked account). */
  private final BiFunction<String, String, User> checkPassword;
  private final TokenIssuer issuer;

  PasswordGrant(BiFunction<String, String, User> checkPassword, TokenIssuer issuer) {
    this.checkPassword = checkPassword;
    this.issuer = issuer;
  }

  @Override public IssuedToken token(Application application, TokenRequest request) {
    if (isBlank(request.username()) || request.password() == null) {
      throw new OAuthException(OAuthError.INVALID_REQUEST,
          "Missing parameters: username and password are required for the password grant");
    }
    User user = checkPassword.apply(request.username(), request.password());
    SortedSet<String> scopes = Scopes.grant(Scopes.parse(request.scope()), user.scopes());
    return issuer.issue(application, user.username(), scopes, GrantType.PASSWORD);
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
