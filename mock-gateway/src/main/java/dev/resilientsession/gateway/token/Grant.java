package dev.resilientsession.gateway.token;

/** One grant type's rules: how a token request of that grant becomes a token, or an OAuth error. */
interface Grant {
  /** Answers {@code request} from the authenticated {@code application}, which may use this grant. */
  IssuedToken token(Application application, TokenRequest request);
}
