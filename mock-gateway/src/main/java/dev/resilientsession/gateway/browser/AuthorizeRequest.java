package dev.resilientsession.gateway.browser;

import dev.resilientsession.gateway.token.Application;
import dev.resilientsession.gateway.token.GrantType;
import dev.resilientsession.gateway.token.Pkce;
import java.util.Map;

/**
 * A checked {@code /oauth2/authorize} request (RFC 6749 section 4.1.1, RFC 7636 section 4.3, OIDC
 * Core section 3.1.2.1). The client and redirect URI are checked first, since until both are known
 * good an error must not be redirected anywhere; every later error goes back to the client.
 */
final class AuthorizeRequest {
  enum Prompt { DEFAULT, NONE, LOGIN }

  final Application application;
  final String redirectUri;
  final String scope;
  final String state;
  final String codeChallenge;
  final String codeChallengeMethod;
  final String nonce;
  final Prompt prompt;
  /** Null unless the client sent {@code max_age}; then the ID token carries {@code auth_time}. */
  final Long maxAge;

  private AuthorizeRequest(Application application, String redirectUri, String scope, String state,
      String codeChallenge, String codeChallengeMethod, String nonce, Prompt prompt, Long maxAge) {
    this.application = application;
    this.redirectUri = redirectUri;
    this.scope = scope;
    this.state = state;
    this.codeChallenge = codeChallenge;
    this.codeChallengeMethod = codeChallengeMethod;
    this.nonce = nonce;
    this.prompt = prompt;
    this.maxAge = maxAge;
  }

  /** Checks {@code parameters} against {@code application} (null when the client is unknown). */
  static AuthorizeRequest parse(Map<String, String> parameters, Application application) {
    String clientId = parameters.get("client_id");
    if (clientId == null || clientId.isEmpty()) {
      throw AuthorizeError.page("invalid_request", "client.id.not.present");
    }
    if (application == null) throw AuthorizeError.page("invalid_client", "application.not.found");
    String redirectUri = redirectUri(parameters.get("redirect_uri"), application);
    String state = parameters.get("state");

    String responseType = parameters.get("response_type");
    if (responseType == null || responseType.isEmpty()) {
      throw AuthorizeError.redirect("invalid_request", "Missing response_type parameter value", redirectUri, state);
    }
    if (!responseType.equals("code")) {
      throw AuthorizeError.redirect("unsupported_response_type", "Unsupported response_type value: only code is "
          + "supported", redirectUri, state);
    }
    if (!application.allows(GrantType.AUTHORIZATION_CODE)) {
      throw AuthorizeError.redirect("unauthorized_client", "The authenticated client is not authorized to use this "
          + "authorization grant type", redirectUri, state);
    }
    Prompt prompt = prompt(parameters.get("prompt"), redirectUri, state);

    Long maxAge = maxAge(parameters.get("max_age"), redirectUri, state);

    // WSO2's order: a mandatory PKCE first, then the method, plain, and the challenge's form.
    String challenge = blankToNull(parameters.get("code_challenge"));
    String method = blankToNull(parameters.get("code_challenge_method"));
    if (application.pkceMandatory() && (challenge == null || !Pkce.isChallenge(challenge, method))) {
      throw AuthorizeError.redirect("invalid_request", "PKCE is mandatory for this application. PKCE Challenge is "
          + "not provided or is not upto RFC 7636 specification.", redirectUri, state);
    }
    if (challenge != null) {
      if (method != null && !method.equals(Pkce.S256) && !method.equals(Pkce.PLAIN)) {
        throw AuthorizeError.redirect("invalid_request", "Unsupported PKCE Challenge Method", redirectUri, state);
      }
      if (method == null) method = Pkce.PLAIN; // RFC 7636 section 4.3
      if (method.equals(Pkce.PLAIN) && !application.pkcePlainAllowed()) {
        throw AuthorizeError.redirect("invalid_request", "This application does not support \"plain\" transformation "
            + "algorithm.", redirectUri, state);
      }
      if (!Pkce.isChallenge(challenge, method)) {
        throw AuthorizeError.redirect("invalid_request", "Code challenge used is not up to RFC 7636 specifications.",
            redirectUri, state);
      }
    } else {
      method = null; // a method without a challenge asks for nothing
    }
    String scope = parameters.get("scope");
    return new AuthorizeRequest(application, redirectUri, scope == null ? "" : scope, state, challenge, method,
        parameters.get("nonce"), prompt, maxAge);
  }

  private static String blankToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  /** OIDC's {@code max_age}: seconds since the user signed in beyond which the form is shown again. */
  private static Long maxAge(String maxAge, String redirectUri, String state) {
    if (maxAge == null || maxAge.isEmpty()) return null;
    try {
      long seconds = Long.parseLong(maxAge);
      if (seconds >= 0) return seconds;
    } catch (NumberFormatException ignored) {
      // refused below, as a negative one is
    }
    throw AuthorizeError.redirect("invalid_request", "max_age must be a whole number of seconds", redirectUri, state);
  }

  /**
   * The redirect URI to answer: required for the code flow, as on WSO2, and one the application
   * registered; otherwise an error page, since nobody trustworthy is known to redirect to.
   */
  private static String redirectUri(String sent, Application application) {
    if (sent == null || sent.isEmpty()) throw AuthorizeError.page("invalid_request", "invalid.redirect.uri");
    if (!application.redirectUris().matches(sent)) throw AuthorizeError.page("invalid_callback", "callback.not.match");
    return sent;
  }

  /** OIDC's {@code prompt}, a space-separated list; {@code consent} and {@code select_account} change nothing here. */
  private static Prompt prompt(String prompt, String redirectUri, String state) {
    if (prompt == null || prompt.isBlank()) return Prompt.DEFAULT;
    java.util.List<String> values = java.util.List.of(prompt.trim().split(" +"));
    for (String value : values) {
      if (!value.equals("none") && !value.equals("login") && !value.equals("consent") && !value.equals("select_account")) {
        throw AuthorizeError.redirect("invalid_request", "Invalid prompt variables passed with the authorization "
            + "request", redirectUri, state);
      }
    }
    if (values.contains("none")) {
      if (values.size() > 1) {
        throw AuthorizeError.redirect("invalid_request", "Invalid prompt variable combination. The value 'none' "
            + "cannot be used with others prompts. Prompt: " + prompt, redirectUri, state);
      }
      return Prompt.NONE;
    }
    return values.contains("login") ? Prompt.LOGIN : Prompt.DEFAULT;
  }

}
