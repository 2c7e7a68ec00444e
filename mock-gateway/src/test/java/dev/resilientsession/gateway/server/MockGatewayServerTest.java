package dev.resilientsession.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resilientsession.gateway.Fault;
import dev.resilientsession.gateway.GatewayConfig;
import dev.resilientsession.gateway.MockGateway;
import dev.resilientsession.gateway.http.HttpHandler;
import dev.resilientsession.gateway.http.HttpRequest;
import dev.resilientsession.gateway.http.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class MockGatewayServerTest {
  private final MockGateway gateway = MockGateway.create(GatewayConfig.defaults());
  private final OkHttpClient client = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();

  @Test void recordedRequestsAreTakenOldestFirstWithTheirHeadersAndBody() throws Exception {
    try (MockGatewayServer server = MockGatewayServer.builder(gateway).recordRequests(true).start()) {
      assertThat(post(server, "admin").code()).isEqualTo(200);
      call(server, new Request.Builder().url(server.url("/orders?page=2")).header("X-Trace", "t-1").build());

      HttpRequest token = server.takeRequest(0, TimeUnit.SECONDS);
      HttpRequest orders = server.takeRequest(0, TimeUnit.SECONDS);

      assertThat(token.method()).isEqualTo("POST");
      assertThat(token.path()).isEqualTo("/oauth2/token");
      assertThat(token.bodyUtf8()).contains("grant_type=password").contains("username=admin");
      assertThat(orders.target()).isEqualTo("/orders?page=2");
      assertThat(orders.header("x-trace")).isEqualTo("t-1");
      assertThat(orders.toString()).isEqualTo("GET /orders").doesNotContain("t-1");
      assertThat(server.takeRequest(0, TimeUnit.SECONDS)).isNull();
    }
  }

  @Test void takingRequestsThatAreNotRecordedIsAnError() throws IOException {
    try (MockGatewayServer server = MockGatewayServer.builder(gateway).start()) {
      assertThatThrownBy(() -> server.takeRequest(0, TimeUnit.SECONDS))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("recordRequests(true)");
    }
  }

  @Test void aHandlerAroundTheGatewaysSeesEveryExchange() throws IOException {
    List<String> seen = new CopyOnWriteArrayList<>();
    HttpHandler gatewayHandler = gateway.httpHandler();
    HttpHandler tap = request -> {
      HttpResponse response = gatewayHandler.handle(request);
      seen.add(request.method() + " " + request.path() + " " + response.status());
      return response;
    };
    try (MockGatewayServer server = MockGatewayServer.builder(gateway).handler(tap).start()) {
      assertThat(post(server, "admin").code()).isEqualTo(200);
      assertThat(post(server, "nobody").code()).isEqualTo(400);
    }

    assertThat(seen).containsExactly("POST /oauth2/token 200", "POST /oauth2/token 400");
  }

  @Test void theAccessLogNamesADroppedConnectionAsSuch() throws IOException {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    gateway.injectFault(Fault.of(Fault.Target.API, Fault.Kind.DISCONNECT));
    try (MockGatewayServer server = MockGatewayServer.builder(gateway)
        .accessLog(new PrintStream(log, true, StandardCharsets.UTF_8)).start()) {
      assertThatThrownBy(() -> call(server, new Request.Builder().url(server.url("/orders")).build()))
          .isInstanceOf(IOException.class);
    }

    assertThat(log.toString(StandardCharsets.UTF_8)).matches("\\S+ GET /orders dropped\\n");
  }

  private Response post(MockGatewayServer server, String user) throws IOException {
    return call(server, new Request.Builder().url(server.url("/oauth2/token"))
        .header("Authorization", okhttp3.Credentials.basic("opaque-client", "opaque-client-secret"))
        .post(new FormBody.Builder().add("grant_type", "password").add("username", user).add("password", "admin")
            .build())
        .build());
  }

  private Response call(MockGatewayServer server, Request request) throws IOException {
    try (Response response = client.newCall(request).execute()) {
      response.body().string();
      return response;
    }
  }
}
