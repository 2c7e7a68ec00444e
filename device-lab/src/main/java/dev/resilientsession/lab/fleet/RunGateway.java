package dev.resilientsession.lab.fleet;

import dev.resilientsession.gateway.MockGateway;
import dev.resilientsession.gateway.server.MockGatewayServer;
import dev.resilientsession.lab.scenario.GroupSpec;
import dev.resilientsession.lab.scenario.GroupSpec.SignInFlow;
import dev.resilientsession.lab.scenario.Scenario;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/** The server for one run: started here when embedded, and the client every device derives from. */
final class RunGateway implements AutoCloseable {
  final OkHttpClient client;
  final Endpoints endpoints;
  final Clock clock;
  private final @Nullable MockGatewayServer server;

  private RunGateway(OkHttpClient client, Endpoints endpoints, Clock clock, @Nullable MockGatewayServer server) {
    this.client = client;
    this.endpoints = endpoints;
    this.clock = clock;
    this.server = server;
  }

  /**
   * Starts the embedded gateway, or checks that a running server answers where the scenario will
   * need it (see {@link #checkReachable} and {@link #checkAuthorizationEndpoint}).
   *
   * @throws IOException when the embedded gateway cannot start, or a running server is not there
   */
  static RunGateway open(Target target, Scenario scenario) throws IOException {
    Endpoints endpoints = target.endpoints();
    if (endpoints != null) {
      RunGateway running = new RunGateway(SharedClient.create(target.caPem()), endpoints, Clock.systemUTC(), null);
      try {
        running.checkReachable(target);
        running.checkAuthorizationEndpoint(target, scenario);
      } catch (IOException e) {
        running.close();
        throw e;
      }
      return running;
    }
    MockGateway gateway = MockGateway.create(scenario.embeddedGatewayConfig());
    MockGatewayServer server = MockGatewayServer.builder(gateway).host("127.0.0.1").start();
    // One world: when the gateway's clock moves, the devices' clocks move with it.
    return new RunGateway(SharedClient.create(null), Endpoints.gateway(server.url("/")), gateway.clock(), server);
  }

  /**
   * Throws, saying which, when nothing answers HTTP (or TLS fails) at the token endpoint, the API
   * base, or a revocation or authorization endpoint of an origin of its own. Any HTTP answer will
   * do: a GET to a token endpoint is refused, but something is there.
   *
   * @param target how the user named the server, for the message
   */
  private void checkReachable(Target target) throws IOException {
    Map<String, HttpUrl> origins = new LinkedHashMap<>();
    if (target.isGateway()) {
      origins.put("the gateway", endpoints.token());
    } else {
      origins.put("the token endpoint", endpoints.token());
      origins.put("the API", endpoints.api());
      if (endpoints.revoke() != null) origins.put("the revocation endpoint", endpoints.revoke());
      if (endpoints.authorization() != null) origins.put("the authorization endpoint", endpoints.authorization());
    }
    Map<String, String> probed = new LinkedHashMap<>();
    for (Map.Entry<String, HttpUrl> entry : origins.entrySet()) {
      HttpUrl url = entry.getValue();
      String origin = url.resolve("/").toString();
      if (probed.putIfAbsent(origin, entry.getKey()) != null) continue;
      try (Response ignored = client.newCall(new Request.Builder().url(url).build()).execute()) {
        // answered
      } catch (IOException e) {
        String where = target.isGateway() ? origin : url.toString();
        throw new IOException("cannot reach " + entry.getKey() + " at " + where + ": " + e.getMessage(), e);
      }
    }
  }

  /**
   * Throws, saying which flag to give, when the scenario has browser groups and nothing is at the
   * authorization endpoint where they would sign in (given, or derived from the token URL as the SDK
   * derives it, which is not where Keycloak keeps it): it answers 404. Any other answer will do: to a
   * GET without an authorization request's parameters, a real one answers an error page or a redirect.
   */
  private void checkAuthorizationEndpoint(Target target, Scenario scenario) throws IOException {
    List<String> groups = scenario.groups().stream().filter(group -> group.signInFlow() == SignInFlow.BROWSER)
        .map(GroupSpec::name).toList();
    if (groups.isEmpty()) return;
    HttpUrl url = endpoints.authorizationUsed();
    int status;
    try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
      status = response.code();
    } catch (IOException e) {
      throw new IOException("cannot reach the authorization endpoint at " + url + ": " + e.getMessage(), e);
    }
    if (status != 404) return;
    String where = "nothing is at the authorization endpoint " + url + " (HTTP 404), where group"
        + (groups.size() == 1 ? " " : "s ") + String.join(", ", groups) + " sign" + (groups.size() == 1 ? "s" : "")
        + " in in the browser";
    if (target.isGateway()) {
      throw new IOException(where + ": --gateway means WSO2's paths (URL/oauth2/authorize); for another server, give"
          + " --token-url, --authorization-url and --api-url");
    }
    if (endpoints.authorization() != null) throw new IOException(where + ": check --authorization-url");
    throw new IOException(where + ", derived from the token URL as the SDK derives it: give the server's with"
        + " --authorization-url (Keycloak's is .../protocol/openid-connect/auth)");
  }

  @Override public void close() throws IOException {
    if (server != null) server.close();
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}
