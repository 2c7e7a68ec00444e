package dev.resilientsession.gateway.token;

import java.util.Set;
import java.util.SortedSet;

/**
 * The client credentials grant: the application acts as its owner, with the owner's scopes, and gets
 * no refresh token.
 */
final class ClientCredentialsGrant implements Grant {
  private final UserStore users;
  private final TokenIssuer issuer;

  ClientCredentialsGrant(UserStore users, TokenIssuer issuer) {
    this.users = users;
    this.issuer = issuer;
  }

  @Override public IssuedToken token(Application application, TokenRequest request) {
    User owner = users.get(application.owner());
    Set<String> allowed = owner != null ? owner.scopes() : Set.of();
    SortedSet<String> scopes = Scopes.grant(Scopes.parse(request.scope()), allowed);
    return issuer.issue(application, application.owner(), scopes, GrantType.CLIENT_CREDENTIALS);
  }
}
