package dev.resilientsession.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Objects;

/**
 * The browser's way back: a redirect URI with {@code code} and {@code state}, or with {@code
 * error}. Reads the code only from the redirect that answers its request (RFC 6749 4.1.2, 10.12).
 */
final class AuthorizationRedirect {
  private AuthorizationRedirect() {
  }

  /** The authorization code in {@code redirect}; a typed failure for anything else. */
  static String code(AuthorizationRequest request, String redirect) throws SignInException {
    Map<String, String> fields = query(request, redirect);
    String state = fields.get("state");
    String error = fields.get("error");
    if (error != null) {
      // An error for another request says nothing about this one.
      if (state != null && !Pkce.same(state, request.state())) throw mismatch("the state of the error redirect differs");
      String description = fields.get("error_description");
      String message = "The authorization server answered " + error + (description != null ? ": " + description : "");
      SignInException.Reason reason = error.equals("access_denied")
          ? SignInException.Reason.ACCESS_DENIED : SignInException.Reason.AUTHORIZATION_FAILED;
      throw new SignInException(reason, error, message, null);
    }
    if (state == null || !Pkce.same(state, request.state())) throw mismatch("the redirect's state differs");
    String code = fields.get("code");
    if (code == null || code.isEmpty()) {
      throw new SignInException(SignInException.Reason.AUTHORIZATION_FAILED, null,
          "The redirect carries neither a code nor an error", null);
    }
    return code;
  }

  private static Map<String, String> query(AuthorizationRequest request, String redirect) throws SignInException {
    Objects.requireNonNull(redirect, "redirect");
    URI came;
    try {
      came = new URI(redirect);
    } catch (URISyntaxException e) {
      throw mismatch("the redirect is not a URI");
    }
    URI expected = AuthorizationRequest.parseRedirectUri(request.redirectUri());
    if (!sameEndpoint(came, expected)) throw mismatch("the redirect came to another URI than the request's");
    try {
      return FormFields.decode(came.getRawQuery());
    } catch (IllegalArgumentException e) {
      throw mismatch("the redirect's query is malformed");
    }
  }

  private static boolean sameEndpoint(URI came, URI expected) {
    return expected.getScheme().equalsIgnoreCase(String.valueOf(came.getScheme()))
        && Objects.equals(expected.getRawAuthority(), came.getRawAuthority())
        && Objects.equals(expected.getRawPath(), came.getRawPath());
  }

  private static SignInException mismatch(String why) {
    return new SignInException(SignInException.Reason.STATE_MISMATCH, null,
        "Not the answer to this sign-in: " + why, null);
  }
}
