package dev.resilientsession.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resilientsession.gateway.GatewayConfig;
import dev.resilientsession.gateway.MockGateway;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A server other hosts can reach answers {@code /admin} only with the admin token. The tests bind
 * every interface but talk over loopback only.
 */
class BeyondLoopbackTest {
  private static final OkHttpClient CLIENT = new OkHttpClient();

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0", "::", "192.0.2.1", "10.1.2.3", "2001:db8::1", "fe80::1"})
  void wildcardAndNetworkAddressesAreBeyondLoopback(String address) throws UnknownHostException {
    assertThat(MockGatewayServer.listensBeyondLoopback(InetAddress.getByName(address))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "::1", "127.0.1.1", "::ffff:127.0.0.1", "localhost"})
  void loopbackAddressesAreNot(String address) throws UnknownHostException {
    assertThat(MockGatewayServer.listensBeyondLoopback(InetAddress.getByName(address))).isFalse();
  }

  @Test void aGatewayWithOpenControlsIsNotServedOnEveryInterface() {
    MockGateway open = MockGateway.create(GatewayConfig.defaults());
    MockGatewayServer.Builder builder = MockGatewayServer.builder(open).host("0.0.0.0");

    assertThatThrownBy(builder::start).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("beyond loopback (0.0.0.0)")
        .hasMessageContaining("MockGateway.builder(config).adminToken(token)");
  }

  @Test void aGatewayOnEveryInterfaceAnswersAdminOnlyWithItsToken() throws IOException {
    MockGateway guarded = MockGateway.builder(GatewayConfig.defaults()).adminToken("lan-admin-token").build();
    try (MockGatewayServer server = MockGatewayServer.builder(guarded).host("0.0.0.0").start()) {
      HttpUrl admin = new HttpUrl.Builder().scheme("http").host("127.0.0.1").port(server.port())
          .addPathSegment("admin").build();

      assertThat(status(new Request.Builder().url(admin))).isEqualTo(401);
      assertThat(status(new Request.Builder().url(admin).header("Authorization", "Bearer lan-admin-token")))
          .isEqualTo(200);
    }
  }

  @Test void aGatewayOnLoopbackKeepsItsControlsOpen() throws IOException {
    try (MockGatewayServer server = MockGatewayServer.builder(MockGateway.create(GatewayConfig.defaults()))
        .host("127.0.0.1").start()) {
      assertThat(status(new Request.Builder().url(server.url("/admin")))).isEqualTo(200);
    }
  }

  private static int status(Request.Builder request) throws IOException {
    try (Response response = CLIENT.newCall(request.build()).execute()) {
      return response.code();
    }
  }
}
