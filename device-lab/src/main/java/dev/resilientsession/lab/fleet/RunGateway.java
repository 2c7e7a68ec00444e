package dev.resilientsession.lab.fleet;

import dev.resilientsession.gateway.MockGateway;
import dev.resilientsession.gateway.server.MockGatewayServer;
import dev.resilientsession.lab.scenario.Scenario;
import java.io.IOException;
import java.time.Clock;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/** The gateway for one run: started here when embedded, and the client every device derives from. */
final class RunGateway implements AutoCloseable {
  final OkHttpClient client;
  final HttpUrl url;
  final Clock clock;
  private final @Nullable MockGatewayServer server;

  private RunGateway(OkHttpClient client, HttpUrl url, Clock clock, @Nullable MockGatewayServer server) {
    this.client = client;
    this.url = url;
    this.clock = clock;
    this.server = server;
  }

  static RunGateway open(Target target, Scenario scenario) throws IOException {
    HttpUrl url = target.url();
    if (url != null) return new RunGateway(SharedClient.create(target.caPem()), url, Clock.systemUTC(), null);
    MockGateway gateway = MockGateway.create(scenario.embeddedGatewayConfig());
    MockGatewayServer server = MockGatewayServer.builder(gateway).host("127.0.0.1").start();
    // One world: when the gateway's clock moves, the devices' clocks move with it.
    return new RunGateway(SharedClient.create(null), server.url("/"), gateway.clock(), server);
  }

  @Override public void close() throws IOException {
    if (server != null) server.close();
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}
