package dev.resilientsession.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientsession.gateway.GatewayConfig;
import dev.resilientsession.gateway.MockGateway;
import java.io.IOException;
import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The ready line's origin, built without HttpUrl, says what {@code url("/")} says. */
class OriginTest {
  @ParameterizedTest
  @CsvSource({"localhost,false", "127.0.0.1,false", "::1,false", "localhost,true"})
  void originIsTheServersUrlWithoutItsSlash(String host, boolean https) throws IOException {
    MockGatewayServer.Builder builder = MockGatewayServer.builder(MockGateway.create(GatewayConfig.defaults()))
        .host(host);
    if (https) builder.https();
    try (MockGatewayServer server = builder.start()) {
      String url = server.url("/").toString();

      assertThat(server.origin()).isEqualTo(url.substring(0, url.length() - 1));
    }
  }

  @ParameterizedTest
  @CsvSource({"localhost", "127.0.0.1", "::1"})
  void localhostResolvesToTheAddressTheResolverWouldGive(String host) throws IOException {
    assertThat(MockGatewayServer.resolve(host)).isEqualTo(InetAddress.getByName(host));
  }
}
