package dev.resilientsession.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The code exchange when the token endpoint misbehaves, and the id_token checks. */
class CodeExchangeTest {
  private static final String REDIRECT = "http://127.0.0.1:8765/callback";

  private final SessionFixture fixture = new SessionFixture();
  private final ResilientSession session = fixture.builder().scopes("openid").build();

  CodeExchangeTest() throws Exception {
  }

  @AfterEach void close() throws Exception {
    session.close();
    fixture.close();
  }

  /** The code may have been spent: a second use would make WSO2 revoke what the first bought. */
  @Test void aCodeExchangeWhoseAnswerIsLostIsNotRetried() {
    fixture.gateway.enqueueTokenResponse(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    AuthorizationRequest request = session.authorizationRequest(REDIRECT);

    assertReason(() -> session.completeSignIn(request, redirect(request)), SignInException.Reason.UNAVAILABLE);
    assertThat(fixture.gateway.tokenRequests.get()).isEqualTo(1);
  }

  @Test void aCodeExchangeTheEndpointDidNotServeIsRetried() throws Exception {
    fixture.gateway.enqueueTokenResponse(ScriptedGateway.json(503, "{}").setHeader("Retry-After", "1"));
    AuthorizationRequest request = session.authorizationRequest(REDIRECT);

    session.completeSignIn(request, redirect(request));

    assertThat(fixture.gateway.tokenRequests.get()).isEqualTo(2);
    assertThat(session.state()).isEqualTo(SessionState.SIGNED_IN);
  }

  @Test void anIdTokenWithAnotherNonceIsRejectedAndItsTokenRevoked() throws Exception {
    AuthorizationRequest request = session.authorizationRequest(REDIRECT);
    fixture.gateway.enqueueTokenResponse(granted(idToken("{\"aud\":\"app\",\"nonce\":\"someone-elses\"}")));

    assertReason(() -> session.completeSignIn(request, redirect(request)), SignInException.Reason.ID_TOKEN_REJECTED);
    assertThat(session.state()).isEqualTo(SessionState.SIGNED_OUT);
    assertThat(fixture.gateway.revokeCalls).hasSize(1);
  }

  @Test void anIdTokenForAnotherClientIsRejected() {
    AuthorizationRequest request = session.authorizationRequest(REDIRECT);
    fixture.gateway.enqueueTokenResponse(granted(idToken("{\"aud\":[\"other\"],\"nonce\":\"" + request.nonce() + "\"}")));

    assertReason(() -> session.completeSignIn(request, redirect(request)), SignInException.Reason.ID_TOKEN_REJECTED);
  }

  @Test void anIdTokenForThisSignInIsAccepted() throws Exception {
    AuthorizationRequest request = session.authorizationRequest(REDIRECT);
    fixture.gateway.enqueueTokenResponse(granted(idToken("{\"aud\":[\"app\"],\"nonce\":\"" + request.nonce() + "\"}")));

    session.completeSignIn(request, redirect(request));

    assertThat(session.state()).isEqualTo(SessionState.SIGNED_IN);
  }

  @Test void anUnreadableIdTokenIsRejectedNotACrash() {
    AuthorizationRequest request = session.authorizationRequest(REDIRECT);
    fixture.gateway.enqueueTokenResponse(granted("not.a-jwt!.at all"));

    assertReason(() -> session.completeSignIn(request, redirect(request)), SignInException.Reason.ID_TOKEN_REJECTED);
  }

  @Test void aMalformedRedirectIsATypedError() {
    AuthorizationRequest request = session.authorizationRequest(REDIRECT);

    assertReason(() -> session.completeSignIn(request, REDIRECT + "?code=%zz&state=" + request.state()),
        SignInException.Reason.STATE_MISMATCH);
    assertReason(() -> session.completeSignIn(request, "::not a uri"), SignInException.Reason.STATE_MISMATCH);
    assertReason(() -> session.completeSignIn(request, REDIRECT + "?state=" + request.state()),
        SignInException.Reason.AUTHORIZATION_FAILED);
    assertThat(fixture.gateway.tokenRequests.get()).isZero();
  }

  private static String redirect(AuthorizationRequest request) {
    return REDIRECT + "?code=the-code&state=" + request.state() + "&session_state=abc";
  }

  private static MockResponse granted(String idToken) {
    return ScriptedGateway.json(200, "{\"access_token\":\"at\",\"refresh_token\":\"rt\",\"expires_in\":3600,"
        + "\"scope\":\"openid\",\"token_type\":\"Bearer\",\"id_token\":\"" + idToken + "\"}");
  }

  private static String idToken(String claims) {
    Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
    return base64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
  }

  private static void assertReason(org.assertj.core.api.ThrowableAssert.ThrowingCallable call,
      SignInException.Reason reason) {
    assertThatThrownBy(call).isInstanceOfSatisfying(SignInException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }
}
