package dev.resilientsession.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Token requests share the app's client but not its interceptors, which would see the password;
 * the bearer token goes only where it belongs; the app's own wiring is kept, not replaced.
 */
class TokenClientTest {
  private final SessionFixture fixture = new SessionFixture();
  private final ScriptedGateway gateway = fixture.gateway;
  private final List<String> seenByTheAppsInterceptor = new CopyOnWriteArrayList<>();
  private final Interceptor logging = chain -> {
    Request request = chain.request();
    Buffer body = new Buffer();
    if (request.body() != null) request.body().writeTo(body);
    seenByTheAppsInterceptor.add(request.url().encodedPath() + " " + request.headers() + " " + body.readUtf8());
    return chain.proceed(request);
  };
  private final OkHttpClient app = new OkHttpClient.Builder().addInterceptor(logging).build();

  TokenClientTest() throws IOException {
  }

  @AfterEach void stop() throws IOException {
    fixture.close();
  }

  @Test void theAppsInterceptorsNeverSeeATokenRequest() throws IOException {
    ResilientSession session = fixture.builder().okHttpClient(app).build();
    OkHttpClient client = session.newClient(app);
    session.signIn("alice", "Tr0ub4dor".toCharArray());
    gateway.revokeCurrentTokens();

    assertThat(fixture.status(client, "/orders")).isEqualTo(200);

    assertThat(gateway.tokenRequests).hasValue(2);
    assertThat(seenByTheAppsInterceptor).hasSize(1).allSatisfy(seen -> assertThat(seen)
        .startsWith("/orders").doesNotContain("Tr0ub4dor", "password=", "rt-", "Basic "));
    session.close();
  }

  @Test void aTokenClientTheAppChoseIsUsedWithItsInterceptors() throws IOException {
    ResilientSession session = fixture.builder().okHttpClient(new OkHttpClient()).tokenHttpClient(app).build();

    session.signIn("alice", "Tr0ub4dor".toCharArray());

    assertThat(seenByTheAppsInterceptor).singleElement().satisfies(seen -> assertThat(seen)
        .startsWith("/oauth2/token").contains("password=Tr0ub4dor"));
    session.close();
  }

  @Test void theTokenNeverGoesOverPlainHttpWhenTheTokenEndpointIsHttps() throws Exception {
    ResilientSession session = ResilientSession.builder()
        .tokenUrl("https://gateway.example/oauth2/token")
        .client("app", "app-secret")
        .deviceIdentity(DeviceIdentity.of("desktop"))
        .apiHosts(fixture.server.getHostName())
        .tokenEndpoint(new PasswordOnly() {
          @Override public TokenOutcome password(String username, char[] password, String scope) {
            return TokenOutcome.granted(new TokenGrant("at-1", "rt-1", 3600, scope));
          }
        })
        .build();
    session.signIn("alice", "pw".toCharArray());

    fixture.status(session.newClient(new OkHttpClient()), "/orders");

    RecordedRequest seen = fixture.server.takeRequest();
    assertThat(seen.getRequestUrl().isHttps()).isFalse();
    assertThat(seen.getHeader("Authorization")).as("a plain-HTTP call is not given the token").isNull();
    session.close();
  }

  @Test void thePasswordCopyIsWipedWhenTheTokenEndpointThrows() {
    List<char[]> handedOver = new CopyOnWriteArrayList<>();
    ResilientSession session = fixture.builder().tokenEndpoint(new PasswordOnly() {
      @Override public TokenOutcome password(String username, char[] password, String scope) {
        handedOver.add(password);
        throw new IllegalStateException("a bug in the token client");
      }
    }).build();

    assertThatThrownBy(() -> session.signIn("alice", "Tr0ub4dor".toCharArray())).isInstanceOf(IllegalStateException.class);

    assertThat(handedOver).singleElement().satisfies(copy -> assertThat(new String(copy)).isEqualTo(
        new String(new char[copy.length])));
    assertThat(Arrays.toString(handedOver.get(0))).doesNotContain("T");
    session.close();
  }

  @Test void asANetworkInterceptorTheSessionsInterceptorSaysHowToAddIt() throws IOException {
    ResilientSession session = fixture.builder().build();
    session.signIn("alice", "pw".toCharArray());
    OkHttpClient misWired = new OkHttpClient.Builder().addNetworkInterceptor(session.interceptor()).build();

    assertThatThrownBy(() -> fixture.status(misWired, "/orders"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("addInterceptor");
    session.close();
  }

  @Test void newClientKeepsTheBaseClientsAuthenticatorForCallsTheSessionDidNotSign() throws IOException {
    ResilientSession session = fixture.builder().build();
    session.signIn("alice", "pw".toCharArray());
    List<String> askedTheAppsAuthenticator = new CopyOnWriteArrayList<>();
    OkHttpClient base = new OkHttpClient.Builder().authenticator((route, response) -> {
      askedTheAppsAuthenticator.add(response.request().header("Authorization"));
      return null;
    }).build();
    OkHttpClient client = session.newClient(base);

    Request ownCredentials = new Request.Builder().url(fixture.server.url("/orders"))
        .header("Authorization", "Basic b3duOmNyZWRz").build();
    client.newCall(ownCredentials).execute().close();

    assertThat(askedTheAppsAuthenticator).containsExactly("Basic b3duOmNyZWRz");
    assertThat(session.newClient(client).interceptors()).as("installed once however often newClient is called")
        .containsOnlyOnce(session.interceptor());
    session.close();
  }

  /** A token endpoint that only a test's password grant answers. */
  private abstract static class PasswordOnly implements TokenEndpoint {
    @Override public TokenOutcome refresh(String refreshToken) {
      return TokenOutcome.refused(400, "invalid_grant", "not in this test");
    }

    @Override public TokenOutcome authorizationCode(String code, String redirectUri, String codeVerifier) {
      return TokenOutcome.refused(400, "invalid_grant", "not in this test");
    }

    @Override public String revoke(String token, String tokenTypeHint) {
      return null;
    }
  }
}
