package dev.resilientsession.client;

import static dev.resilientsession.client.ScriptedGateway.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Signing in and out, and what the session keeps, shows and hides along the way. */
class SignInSignOutTest {
  private final SessionFixture fixture = new SessionFixture();
  private final ScriptedGateway gateway = fixture.gateway;
  private final RecordingListener listener = fixture.listener;
  private final List<ResilientSession> sessions = new ArrayList<>();
  private final List<MockWebServer> otherServers = new ArrayList<>();

  SignInSignOutTest() throws IOException {
  }

  @AfterEach void stop() throws IOException {
    for (ResilientSession session : sessions) session.close();
    for (MockWebServer server : otherServers) server.shutdown();
    fixture.close();
  }

  // Signing in.

  @Test void signingInStoresTheTokenAndReportsTheGrantedScopeWithTheDeviceScope() throws IOException {
    ResilientSession session = open(fixture.builder());

    session.signIn("alice", "pw".toCharArray());

    assertThat(session.state()).isEqualTo(SessionState.SIGNED_IN);
    assertThat(listener.events).containsExactly("signedIn [device_desktop]");
    assertThat(body(gateway.tokenCalls.get(0))).contains("grant_type=password", "username=alice", "scope=device_desktop");
    StoredTokens stored = fixture.store.load();
    assertThat(stored.accessToken()).isEqualTo("at-1");
    assertThat(stored.refreshToken()).isEqualTo("rt-1");
    assertThat(stored.scopes()).containsExactly("device_desktop");
    assertThat(stored.expiresAt()).isEqualTo(fixture.clock.instant().plusSeconds(3600));
    assertThat(fixture.status(session.newClient(new OkHttpClient()), "/orders")).isEqualTo(200);
  }

  @Test void aWrongPasswordIsReportedAsInvalidCredentialsAndNothingIsKept() throws IOException {
    ResilientSession session = open(fixture.builder());
    gateway.enqueueTokenResponse(json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Authentication failed for alice\"}"));

    SignInException failure = catchThrowableOfType(() -> session.signIn("alice", "wrong".toCharArray()), SignInException.class);

    assertThat(failure.reason()).isEqualTo(SignInException.Reason.INVALID_CREDENTIALS);
    assertThat(failure.oauthError()).isEqualTo("invalid_grant");
    assertThat(session.state()).isEqualTo(SessionState.SIGNED_OUT);
    assertThat(fixture.store.load()).isNull();
    assertThat(listener.events).isEmpty();
    assertThat(gateway.tokenRequests).as("an OAuth refusal is not retried").hasValue(1);
  }

  @Test void aRejectedClientIsReportedAsClientRejected() throws IOException {
    ResilientSession session = open(fixture.builder());
    gateway.enqueueTokenResponse(json(401, "{\"error\":\"invalid_client\",\"error_description\":\"Client credentials are invalid.\"}")
        .setHeader("WWW-Authenticate", "Basic realm=\"WSO2\""));

    SignInException failure = catchThrowableOfType(() -> session.signIn("alice", "pw".toCharArray()), SignInException.class);

    assertThat(failure.reason()).isEqualTo(SignInException.Reason.CLIENT_REJECTED);
    assertThat(session.state()).isEqualTo(SessionState.SIGNED_OUT);
    assertThat(fixture.store.load()).isNull();
    assertThat(gateway.tokenRequests).hasValue(1);
  }

  @Test void aTokenEndpointThatKeepsFailingIsReportedAsUnavailableAfterEveryAttempt() throws IOException {
    Backoff backoff = Backoff.exponential(3, Duration.ofMillis(100), Duration.ofSeconds(1));
    ResilientSession session = open(fixture.builder().backoff(backoff));
    for (int i = 0; i < backoff.maxAttempts() + 2; i++) gateway.enqueueTokenResponse(json(503, "{}"));

    SignInException failure = catchThrowableOfType(() -> session.signIn("alice", "pw".toCharArray()), SignInException.class);

    assertThat(failure.reason()).isEqualTo(SignInException.Reason.UNAVAILABLE);
    assertThat(gateway.tokenRequests).hasValue(backoff.maxAttempts());
    assertThat(fixture.sleeps).hasSize(backoff.maxAttempts() - 1)
        .allSatisfy(sleep -> assertThat(sleep).isPositive().isLessThanOrEqualTo(backoff.maxDelay()));
    assertThat(session.state()).isEqualTo(SessionState.SIGNED_OUT);
    assertThat(fixture.store.load()).isNull();
  }

  // Signing out.

  @Test void signingOutRevokesWithTheRefreshTokenAndForgetsEverything() throws Exception {
    ResilientSession session = open(fixture.builder());
    OkHttpClient client = session.newClient(new OkHttpClient());
    session.signIn("alice", "pw".toCharArray());

    SignOutResult result = session.signOut();

    assertThat(result.revoked()).isTrue();
    assertThat(result.failure()).isNull();
    assertThat(gateway.revokeCalls).hasSize(1);
    RecordedRequest revoke = gateway.revokeCalls.get(0);
    assertThat(revoke.getHeader("Authorization")).isEqualTo(okhttp3.Credentials.basic("app", "app-secret"));
    assertThat(body(revoke)).contains("token=rt-1", "token_type_hint=refresh_token");
    assertThat(session.state()).isEqualTo(SessionState.SIGNED_OUT);
    assertThat(fixture.store.load()).isNull();
    assertThat(listener.events).containsExactly("signedIn [device_desktop]", "signedOut SignOutResult{revoked}");

    drain(fixture.server);
    assertThat(fixture.status(client, "/orders")).isEqualTo(401);
    assertThat(drain(fixture.server)).singleElement()
        .satisfies(call -> assertThat(call.getHeader("Authorization")).as("no token after sign-out").isNull());
  }

  @Test void signingOutWhenTheGatewayRefusesTheRevocationStillForgetsEverything() throws IOException {
    ResilientSession session = open(fixture.builder());
    session.signIn("alice", "pw".toCharArray());
    gateway.revokeResponse = new MockResponse().setResponseCode(500);

    SignOutResult result = session.signOut();

    assertThat(result.revoked()).isFalse();
    assertThat(result.failure()).contains("500");
    assertThat(session.state()).isEqualTo(SessionState.SIGNED_OUT);
    assertThat(fixture.store.load()).isNull();
    assertThat(listener.events).last().asString().startsWith("signedOut SignOutResult{not revoked");
  }

  @Test void signingOutWhileTheGatewayIsUnreachableStillForgetsEverything() throws IOException {
    ResilientSession session = open(fixture.builder());
    session.signIn("alice", "pw".toCharArray());
    fixture.server.shutdown();

    SignOutResult result = session.signOut();

    assertThat(result.revoked()).isFalse();
    assertThat(result.failure()).isNotBlank();
    assertThat(session.state()).isEqualTo(SessionState.SIGNED_OUT);
    assertThat(fixture.store.load()).isNull();
    assertThat(listener.events).last().asString().startsWith("signedOut SignOutResult{not revoked");
  }

  @Test void afterSigningOutA401MakesNoTokenRequest() throws IOException {
    ResilientSession session = open(fixture.builder());
    OkHttpClient client = session.newClient(new OkHttpClient());
    session.signIn("alice", "pw".toCharArray());
    session.signOut();

    assertThat(fixture.status(client, "/orders")).isEqualTo(401);
    Request inFlightBeforeSignOut = new Request.Builder().url(fixture.server.url("/orders"))
        .header("Authorization", "Bearer at-1").build();
    try (Response response = client.newCall(inFlightBeforeSignOut).execute()) {
      assertThat(response.code()).isEqualTo(401);
    }

    assertThat(gateway.tokenRequests).as("only the sign-in: the wiped password is not replayed").hasValue(1);
    assertThat(session.state()).isEqualTo(SessionState.SIGNED_OUT);
    assertThat(listener.events).containsExactly("signedIn [device_desktop]", "signedOut SignOutResult{revoked}");
  }

  @Test void closingWipesThePasswordSoARefusedRefreshTokenLosesTheSessionInsteadOfReplaying() throws IOException {
    ResilientSession session = open(fixture.builder());
    OkHttpClient client = session.newClient(new OkHttpClient());
    session.signIn("alice", "pw".toCharArray());

    session.close();
    assertThat(fixture.status(client, "/orders")).as("the tokens stay usable after close").isEqualTo(200);
    gateway.revokeCurrentTokens();

    assertThat(fixture.status(client, "/orders")).isEqualTo(401);
    assertThat(listener.events).contains("lost REFRESH_REJECTED").doesNotContain("reauthenticated");
    assertThat(gateway.tokenCalls).extracting(SignInSignOutTest::grantType).containsExactly("password", "refresh_token");
    assertThat(session.state()).isEqualTo(SessionState.SIGN_IN_REQUIRED);
  }

  @Test void theCallerCanWipeItsPasswordArrayRightAfterSignInWithoutBreakingReplay() throws IOException {
    ResilientSession session = open(fixture.builder());
    OkHttpClient client = session.newClient(new OkHttpClient());
    char[] password = "pw-7".toCharArray();
    session.signIn("alice", password);
    Arrays.fill(password, '\0');
    gateway.revokeCurrentTokens();

    assertThat(fixture.status(client, "/orders")).isEqualTo(200);

    assertThat(grantType(gateway.tokenCalls.get(1))).isEqualTo("password");
    assertThat(body(gateway.tokenCalls.get(1))).contains("password=pw-7");
    assertThat(listener.events).contains("reauthenticated");
  }

  // Secrets.

  @Test void noSecretEverAppearsInToStringsExceptionMessagesOrEvents() throws IOException {
    String password = "Tr0ub4dor&3";
    String clientSecret = "client-secret-8c1f";
    RecordingListener transcript = new RecordingListener();
    ResilientSession session = open(fixture.builder().client("app", clientSecret).listener(transcript).backoff(Backoff.none()));
    OkHttpClient client = session.newClient(new OkHttpClient());
    List<String> shown = new ArrayList<>();
    List<String> secrets = new ArrayList<>(List.of(password, clientSecret, "ACCESS-5e2b9a", "REFRESH-77d0c4"));

    gateway.enqueueTokenResponse(json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Authentication failed for alice\"}"));
    shown.add(catchThrowableOfType(() -> session.signIn("alice", password.toCharArray()), SignInException.class).toString());
    gateway.enqueueTokenResponse(json(503, "{}"));
    shown.add(catchThrowableOfType(() -> session.signIn("alice", password.toCharArray()), SignInException.class).toString());
    gateway.enqueueTokenResponse(json(200, "{\"access_token\":\"ACCESS-5e2b9a\",\"refresh_token\":\"REFRESH-77d0c4\","
        + "\"scope\":\"default\",\"token_type\":\"Bearer\",\"expires_in\":3600}"));
    session.signIn("alice", password.toCharArray());
    shown.add(session.toString());
    shown.add(fixture.store.load().toString());
    // The gateway never accepted ACCESS-5e2b9a nor knows REFRESH-77d0c4: recovery replays the password.
    assertThat(fixture.status(client, "/orders")).isEqualTo(200);
    StoredTokens replayed = fixture.store.load();
    secrets.add(replayed.accessToken());
    secrets.add(replayed.refreshToken());
    shown.add(replayed.toString());
    shown.add(session.toString());
    gateway.revokeResponse = json(400, "{\"error\":\"invalid_request\",\"error_description\":\"" + replayed.refreshToken() + "\"}");
    shown.add(session.signOut().toString());
    shown.addAll(transcript.events);

    assertThat(transcript.events).as("the scenario produced every kind of event").anyMatch(e -> e.startsWith("signedIn"))
        .anyMatch(e -> e.startsWith("displaced")).anyMatch(e -> e.startsWith("refreshed"))
        .anyMatch(e -> e.startsWith("reauthenticated")).anyMatch(e -> e.startsWith("warning"))
        .anyMatch(e -> e.startsWith("signedOut"));
    for (String secret : secrets) {
      assertThat(shown).as("nothing shows " + secret).noneMatch(text -> text.contains(secret));
    }
  }

  // The token store.

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void anUnreadableStoredEntryStartsSignedOutAndIsCleared(boolean checkedException) throws IOException {
    AtomicInteger clears = new AtomicInteger();
    List<StoredTokens> saved = new CopyOnWriteArrayList<>();
    TokenStore corrupt = new TokenStore() {
      @Override public StoredTokens load() throws TokenStoreException {
        if (checkedException) throw new TokenStoreException("cannot decrypt the entry");
        throw new IllegalArgumentException("bad base64");
      }

      @Override public void save(StoredTokens tokens) {
        saved.add(tokens);
      }

      @Override public void clear() {
        clears.incrementAndGet();
      }
    };

    ResilientSession session = open(fixture.builder().tokenStore(corrupt));

    assertThat(session.state()).isEqualTo(SessionState.SIGNED_OUT);
    assertThat(clears).hasValue(1);
    session.signIn("alice", "pw".toCharArray());
    assertThat(saved).extracting(StoredTokens::accessToken).containsExactly("at-1");
  }

  @Test void tokensFoundInTheStoreAreUsedAtStartWithoutATokenRequest() throws Exception {
    fixture.store.save(new StoredTokens("at-restored", "rt-restored", fixture.clock.instant(),
        fixture.clock.instant().plusSeconds(3600), Set.of("device_desktop")));
    gateway.validAccessToken = "at-restored";

    ResilientSession session = open(fixture.builder());
    OkHttpClient client = session.newClient(new OkHttpClient());

    assertThat(session.state()).isEqualTo(SessionState.SIGNED_IN);
    assertThat(fixture.status(client, "/orders")).isEqualTo(200);
    assertThat(gateway.tokenRequests).hasValue(0);
    assertThat(drain(fixture.server)).extracting(call -> call.getHeader("Authorization")).containsExactly("Bearer at-restored");
  }

  @Test void aStoreThatCannotSaveWarnsAndTheSessionGoesOnInMemory() throws IOException {
    TokenStore full = new TokenStore() {
      @Override public StoredTokens load() {
        return null;
      }

      @Override public void save(StoredTokens tokens) throws TokenStoreException {
        throw new TokenStoreException("disk full");
      }

      @Override public void clear() {
      }
    };
    ResilientSession session = open(fixture.builder().tokenStore(full));
    OkHttpClient client = session.newClient(new OkHttpClient());

    session.signIn("alice", "pw".toCharArray());

    assertThat(session.state()).isEqualTo(SessionState.SIGNED_IN);
    assertThat(listener.events).contains("warning TOKEN_STORE_FAILED");
    assertThat(fixture.status(client, "/orders")).isEqualTo(200);
    gateway.revokeCurrentTokens();
    assertThat(fixture.status(client, "/orders")).as("recovery works in memory too").isEqualTo(200);
    assertThat(session.state()).isEqualTo(SessionState.SIGNED_IN);
  }

  // The listener.

  @Test void aListenerThatThrowsOnEveryEventBreaksNeitherSignInNorRecovery() throws IOException {
    AtomicInteger heard = new AtomicInteger();
    SessionListener throwing = new SessionListener() {
      @Override public void onSignedIn(Set<String> scopes) {
        throw new IllegalStateException("listener bug " + heard.incrementAndGet());
      }

      @Override public void onTokenRefreshed(Rung rung) {
        throw new IllegalStateException("listener bug " + heard.incrementAndGet());
      }

      @Override public void onSessionDisplaced(String gatewayCode) {
        throw new IllegalStateException("listener bug " + heard.incrementAndGet());
      }

      @Override public void onReauthenticated() {
        throw new IllegalStateException("listener bug " + heard.incrementAndGet());
      }

      @Override public void onSessionLost(LossReason reason) {
        throw new IllegalStateException("listener bug " + heard.incrementAndGet());
      }

      @Override public void onSignedOut(SignOutResult result) {
        throw new IllegalStateException("listener bug " + heard.incrementAndGet());
      }

      @Override public void onWarning(SessionWarning warning) {
        throw new IllegalStateException("listener bug " + heard.incrementAndGet());
      }
    };
    ResilientSession session = open(fixture.builder().listener(throwing));
    OkHttpClient client = session.newClient(new OkHttpClient());

    session.signIn("alice", "pw".toCharArray());
    gateway.revokeCurrentTokens();

    assertThat(fixture.status(client, "/orders")).isEqualTo(200);
    assertThat(session.state()).isEqualTo(SessionState.SIGNED_IN);
    assertThat(heard).as("signedIn, displaced, refreshed, reauthenticated: each one threw").hasValue(4);
    assertThat(session.signOut().revoked()).isTrue();
  }

  @Test void eventsAreDeliveredThroughTheConfiguredExecutor() throws IOException {
    List<Runnable> submitted = new ArrayList<>();
    ResilientSession session = open(fixture.builder().listenerExecutor(submitted::add));

    session.signIn("alice", "pw".toCharArray());

    assertThat(submitted).hasSize(1);
    assertThat(listener.events).as("not delivered until the executor runs it").isEmpty();
    submitted.forEach(Runnable::run);
    assertThat(listener.events).containsExactly("signedIn [device_desktop]");
  }

  @Test void withoutAnExecutorEventsArriveOnTheSessionsOwnThread() throws Exception {
    CompletableFuture<String> thread = new CompletableFuture<>();
    ResilientSession session = open(ResilientSession.builder()
        .tokenUrl(fixture.server.url("/oauth2/token"))
        .client("app", "app-secret")
        .deviceIdentity(DeviceIdentity.of("desktop"))
        .listener(new SessionListener() {
          @Override public void onSignedIn(Set<String> scopes) {
            thread.complete(Thread.currentThread().getName());
          }
        }));

    session.signIn("alice", "pw".toCharArray());

    assertThat(thread.get(10, TimeUnit.SECONDS)).isEqualTo("resilient-session-events")
        .isNotEqualTo(Thread.currentThread().getName());
  }

  // The device scope.

  @Test void theDeviceScopeIsSanitisedFromTheDeviceName() throws IOException {
    ResilientSession session = open(fixture.builder().deviceIdentity(DeviceIdentity.of("Pixel 8 \"Pro\"")));

    session.signIn("alice", "pw".toCharArray());

    assertThat(session.deviceScope()).isEqualTo("device_pixel_8__pro_");
    assertThat(body(gateway.tokenCalls.get(0))).contains("scope=device_pixel_8__pro_");
    assertThat(listener.events).containsExactly("signedIn [device_pixel_8__pro_]");
  }

  @Test void theDeviceScopeCanBeSwitchedOff() throws IOException {
    ResilientSession session = open(fixture.builder().deviceScope(false));

    session.signIn("alice", "pw".toCharArray());

    assertThat(session.deviceScope()).isNull();
    assertThat(body(gateway.tokenCalls.get(0))).contains("grant_type=password").doesNotContain("scope");
    assertThat(listener.events).containsExactly("signedIn [default]");
  }

  @Test void buildingWithoutADeviceIdentityOrSwitchingTheDeviceScopeOffIsRefused() {
    ResilientSession.Builder builder = ResilientSession.builder()
        .tokenUrl(fixture.server.url("/oauth2/token"))
        .client("app", "app-secret");

    assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("deviceIdentity").hasMessageContaining("deviceScope(false)");
    assertThat(open(builder.deviceScope(false)).deviceScope()).isNull();
  }

  @Test void aGatewayThatDoesNotGrantTheDeviceScopeCausesAWarning() throws IOException {
    ResilientSession session = open(fixture.builder());
    gateway.enqueueTokenResponse(json(200, "{\"access_token\":\"at-x\",\"refresh_token\":\"rt-x\",\"scope\":\"default\","
        + "\"token_type\":\"Bearer\",\"expires_in\":3600}"));

    session.signIn("alice", "pw".toCharArray());

    assertThat(session.state()).isEqualTo(SessionState.SIGNED_IN);
    assertThat(listener.events).containsExactly("signedIn [default]", "warning DEVICE_SCOPE_NOT_GRANTED");
  }

  // Which calls get the token.

  @Test void theTokenIsNotSentToOtherHosts() throws Exception {
    ResilientSession session = open(fixture.builder());
    OkHttpClient client = session.newClient(new OkHttpClient());
    session.signIn("alice", "pw".toCharArray());
    MockWebServer other = otherServer();
    other.enqueue(new MockResponse().setBody("{}"));

    try (Response response = client.newCall(new Request.Builder().url(otherUrl(other, "/profile")).build()).execute()) {
      assertThat(response.code()).isEqualTo(200);
    }

    assertThat(fixture.server.url("/").host()).as("the gateway is another host name").isEqualTo("localhost");
    assertThat(other.takeRequest().getHeader("Authorization")).isNull();
  }

  @Test void aThirdPartyThatAnswers401NeverReceivesTheSessionsToken() throws Exception {
    ResilientSession session = open(fixture.builder());
    OkHttpClient client = session.newClient(new OkHttpClient());
    session.signIn("alice", "pw".toCharArray());
    MockWebServer other = otherServer();
    for (int i = 0; i < 2; i++) other.enqueue(json(401, "{\"code\":\"900901\",\"message\":\"Invalid Credentials\"}"));

    Request ownToken = new Request.Builder().url(otherUrl(other, "/profile"))
        .header("Authorization", "Bearer third-party-token").build();
    try (Response response = client.newCall(ownToken).execute()) {
      assertThat(response.code()).isEqualTo(401);
    }

    assertThat(drain(other)).extracting(call -> call.getHeader("Authorization")).containsExactly("Bearer third-party-token");
    assertThat(gateway.tokenRequests).hasValue(1);
  }

  @Test void apiHostsChooseWhichHostsGetTheToken() throws Exception {
    ResilientSession session = open(fixture.builder().apiHosts("127.0.0.1"));
    OkHttpClient client = session.newClient(new OkHttpClient());
    session.signIn("alice", "pw".toCharArray());
    MockWebServer api = otherServer();
    api.enqueue(new MockResponse().setBody("{}"));

    try (Response response = client.newCall(new Request.Builder().url(otherUrl(api, "/orders")).build()).execute()) {
      assertThat(response.code()).isEqualTo(200);
    }
    drain(fixture.server);
    assertThat(fixture.status(client, "/orders")).isEqualTo(401);

    assertThat(api.takeRequest().getHeader("Authorization")).isEqualTo("Bearer at-1");
    assertThat(drain(fixture.server)).extracting(call -> call.getHeader("Authorization"))
        .as("the token endpoint's host is no longer an API host").containsExactly((String) null);
  }

  @Test void aCallThatAlreadyHasAnAuthorizationHeaderIsLeftAlone() throws Exception {
    ResilientSession session = open(fixture.builder());
    OkHttpClient client = session.newClient(new OkHttpClient());
    session.signIn("alice", "pw".toCharArray());
    drain(fixture.server);

    Request basic = new Request.Builder().url(fixture.server.url("/orders"))
        .header("Authorization", "Basic dXNlcjpwdw==").build();
    try (Response response = client.newCall(basic).execute()) {
      assertThat(response.code()).isEqualTo(401);
    }

    assertThat(drain(fixture.server)).extracting(call -> call.getHeader("Authorization"))
        .as("neither replaced nor retried").containsExactly("Basic dXNlcjpwdw==");
    assertThat(gateway.tokenRequests).hasValue(1);

    MockWebServer sameHostName = new MockWebServer();
    otherServers.add(sameHostName);
    sameHostName.enqueue(new MockResponse().setBody("{}"));
    Request ownBearer = new Request.Builder().url(sameHostName.url("/orders"))
        .header("Authorization", "Bearer caller-token").build();
    try (Response response = client.newCall(ownBearer).execute()) {
      assertThat(response.code()).isEqualTo(200);
    }
    assertThat(sameHostName.url("/").host()).isEqualTo(fixture.server.url("/").host());
    assertThat(sameHostName.takeRequest().getHeader("Authorization")).isEqualTo("Bearer caller-token");
  }

  // Helpers.

  private ResilientSession open(ResilientSession.Builder builder) {
    ResilientSession session = builder.build();
    sessions.add(session);
    return session;
  }

  private MockWebServer otherServer() throws IOException {
    MockWebServer other = new MockWebServer();
    otherServers.add(other);
    other.start(InetAddress.getByName("127.0.0.1"), 0);
    return other;
  }

  /** A URL on {@code server} by its IP address: another host name than the gateway's "localhost". */
  private static HttpUrl otherUrl(MockWebServer server, String path) {
    return new HttpUrl.Builder().scheme("http").host("127.0.0.1").port(server.getPort()).encodedPath(path).build();
  }

  /** Every request {@code server} received since the last drain. */
  private static List<RecordedRequest> drain(MockWebServer server) throws InterruptedException {
    List<RecordedRequest> requests = new ArrayList<>();
    for (RecordedRequest request; (request = server.takeRequest(0, TimeUnit.NANOSECONDS)) != null; ) {
      requests.add(request);
    }
    return requests;
  }

  private static String body(RecordedRequest request) {
    return request.getBody().clone().readUtf8();
  }

  private static String grantType(RecordedRequest request) {
    return body(request).replaceAll(".*grant_type=([^&]*).*", "$1");
  }
}
