package dev.resilientsession.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class AuthorizationRequestTest {
  private static final HttpUrl AUTHORIZE = HttpUrl.get("https://gateway.example.com:9443/oauth2/authorize");
  private final SecureRandom random = new SecureRandom();

  @Test void theUrlAsksForACodeWithAnS256ChallengeOfTheVerifier() {
    AuthorizationRequest request = create("openid device_laptop");
    HttpUrl url = HttpUrl.get(request.url());

    assertThat(url.queryParameter("response_type")).isEqualTo("code");
    assertThat(url.queryParameter("client_id")).isEqualTo("app");
    assertThat(url.queryParameter("redirect_uri")).isEqualTo("http://127.0.0.1:8765/callback");
    assertThat(url.queryParameter("scope")).isEqualTo("openid device_laptop");
    assertThat(url.queryParameter("state")).isEqualTo(request.state());
    assertThat(url.queryParameter("code_challenge_method")).isEqualTo("S256");
    assertThat(url.queryParameter("code_challenge")).isEqualTo(Pkce.challenge(request.codeVerifier()));
    assertThat(url.queryParameter("nonce")).isEqualTo(request.nonce()).isNotNull();
    assertThat(url.queryParameter("code_verifier")).isNull();
  }

  @Test void theVerifierIsFortyThreeUnreservedCharactersAndNeverRepeats() {
    Set<String> verifiers = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String verifier = create(null).codeVerifier();
      assertThat(verifier).hasSize(43).matches("[A-Za-z0-9._~-]+");
      verifiers.add(verifier);
    }
    assertThat(verifiers).hasSize(1000);
  }

  /** RFC 7636, appendix B. */
  @Test void theChallengeIsRfc7636sExample() {
    assertThat(Pkce.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
        .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  }

  @Test void withoutOpenidThereIsNoNonce() {
    assertThat(HttpUrl.get(create("orders:read").url()).queryParameter("nonce")).isNull();
  }

  @Test void anEncodedRequestDecodesToTheSameRequest() {
    AuthorizationRequest request = create("openid");
    AuthorizationRequest decoded = AuthorizationRequest.decode(request.encode());

    assertThat(decoded.url()).isEqualTo(request.url());
    assertThat(decoded.redirectUri()).isEqualTo(request.redirectUri());
    assertThat(decoded.state()).isEqualTo(request.state());
    assertThat(decoded.codeVerifier()).isEqualTo(request.codeVerifier());
    assertThat(decoded.nonce()).isEqualTo(request.nonce());
  }

  @Test void garbageIsNotARequest() {
    for (String garbage : new String[] {"", "v=2", "v=1&url=x", "%zz", "v=1&url=u&redirect_uri=app:/cb&state=s&code_verifier=short"}) {
      assertThatThrownBy(() -> AuthorizationRequest.decode(garbage)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("not an encoded AuthorizationRequest");
    }
  }

  @Test void toStringShowsNoSecret() {
    AuthorizationRequest request = create("openid");
    assertThat(request.toString()).doesNotContain(request.codeVerifier(), request.state(), request.nonce());
  }

  @Test void redirectUrisMustBeAbsoluteWithoutAFragmentAndPlainHttpOnlyToLoopback() {
    assertThat(AuthorizationRequest.create(AUTHORIZE, "app", "com.example.app:/callback", null, random).redirectUri())
        .isEqualTo("com.example.app:/callback");
    assertThat(AuthorizationRequest.create(AUTHORIZE, "app", "http://[::1]:9000/cb", null, random)).isNotNull();
    for (String bad : new String[] {"/callback", "http://example.com/callback", "com.example.app:/cb#frag", "not a uri"}) {
      assertThatThrownBy(() -> AuthorizationRequest.create(AUTHORIZE, "app", bad, null, random))
          .as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  private AuthorizationRequest create(String scope) {
    return AuthorizationRequest.create(AUTHORIZE, "app", "http://127.0.0.1:8765/callback", scope, random);
  }
}
