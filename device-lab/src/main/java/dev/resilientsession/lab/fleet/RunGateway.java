package dev.resilientsession.lab.fleet;

import dev.resilientsession.gateway.GatewayConfig;
import dev.resilientsession.gateway.MockGateway;
import dev.resilientsession.gateway.server.MockGatewayServer;
import dev.resilientsession.gateway.token.Application;
import dev.resilientsession.gateway.token.User;
import dev.resilientsession.lab.scenario.ApplicationSpec;
import dev.resilientsession.lab.scenario.Scenario;
import dev.resilientsession.lab.scenario.UserAccount;
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
    MockGateway gateway = MockGateway.create(embeddedConfig(scenario));
    MockGatewayServer server = MockGatewayServer.builder(gateway).host("127.0.0.1").start();
    // One world: when the gateway's clock moves, the devices' clocks move with it.
    return new RunGateway(SharedClient.create(null), server.url("/"), gateway.clock(), server);
  }

  /**
   * The scenario's deployment.toml keys, with its users and applications registered, each
   * application with its redirect URI for browser sign-in.
   */
  static GatewayConfig embeddedConfig(Scenario scenario) {
    GatewayConfig.Builder config = scenario.gateway().newBuilder();
    for (UserAccount user : scenario.users()) config.user(User.of(user.name(), user.password()));
    for (ApplicationSpec application : scenario.applications().values()) {
      Application.Builder registered = Application.builder(application.consumerKey(), application.consumerSecret())
          .tokenType(application.tokenType())
          .redirectUris(application.redirectUri());
      // As WSO2's own public client for browser sign-in: PKCE required, S256 only.
      if (application.publicClient()) registered.publicClient(true).pkceMandatory(true).pkcePlainAllowed(false);
      config.application(registered.build());
    }
    return config.build();
  }

  @Override public void close() throws IOException {
    if (server != null) server.close();
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}
