package dev.resilientsession.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientsession.gateway.GatewayConfig;
import dev.resilientsession.gateway.junit.BrowserRobot;
import dev.resilientsession.gateway.junit.MockGatewayExtension;
import dev.resilientsession.gateway.token.Application;
import dev.resilientsession.gateway.token.GrantType;
import dev.resilientsession.gateway.token.RenewalPolicy;
import dev.resilientsession.gateway.token.TokenType;
import dev.resilientsession.gateway.token.User;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The server switch {@code renew_token_without_revoking_existing}, listing {@code
 * authorization_code}: browser-signed-in devices without device scopes each keep their own token,
 * so neither another device's sign-in nor its sign-out costs a prompt or a token request.
 */
class BrowserRenewalSwitchTest {
  private static final String REDIRECT = "http://127.0.0.1:8765/callback";
  private static final RenewalPolicy RENEW = RenewalPolicy.enabledFor(
      EnumSet.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN));

  @RegisterExtension
  final MockGatewayExtension gateway = MockGatewayExtension.builder().config(GatewayConfig.builder()
      .user(User.of("alice", "alice-pw"))
      .application(app(TokenType.JWT))
      .application(app(TokenType.OPAQUE))
      .jwtRenewal(RENEW)
      .opaqueRenewal(RENEW)
      .build()).build();

  private final List<ResilientSession> sessions = new ArrayList<>();

  @AfterEach void close() {
    for (ResilientSession session : sessions) session.close();
  }

  @ParameterizedTest @EnumSource(TokenType.class)
  void anotherDevicesSignInAndSignOutCostNothing(TokenType type) throws Exception {
    RecordingListener laptopEvents = new RecordingListener();
    ResilientSession laptop = signedIn(type, laptopEvents);
    ResilientSession phone = signedIn(type, new RecordingListener());
    OkHttpClient client = laptop.newClient(new OkHttpClient());

    assertThat(call(client)).isEqualTo(200);
    assertThat(phone.signOut().revoked()).isTrue();
    assertThat(call(client)).isEqualTo(200);

    assertThat(laptopEvents.events).containsExactly("signedIn [openid]");
  }

  private int call(OkHttpClient client) throws IOException {
    try (Response response = client.newCall(new Request.Builder().url(gateway.url("/orders")).build()).execute()) {
      return response.code();
    }
  }

  private ResilientSession signedIn(TokenType type, RecordingListener listener) throws IOException {
    ResilientSession session = ResilientSession.builder()
        .tokenUrl(gateway.url("/oauth2/token"))
        .publicClient(type.name())
        .deviceScope(false)
        .scopes("openid")
        .listener(listener)
        .listenerExecutor(Runnable::run)
        .build();
    sessions.add(session);
    AuthorizationRequest request = session.authorizationRequest(REDIRECT);
    session.completeSignIn(request, BrowserRobot.create(new OkHttpClient()).signIn(request.url(), "alice", "alice-pw"));
    return session;
  }

  private static Application app(TokenType type) {
    return Application.builder(type.name(), null).tokenType(type).publicClient(true).pkceMandatory(true)
        .redirectUris("http://127.0.0.1/callback").build();
  }
}
