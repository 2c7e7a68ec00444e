package dev.resilientsession.lab.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resilientsession.lab.report.Counts;
import dev.resilientsession.lab.report.RunResults.DeviceEvent;
import dev.resilientsession.lab.report.RunResults.SecondCounts;
import java.io.IOException;
import java.util.List;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A device's token client, as SimulatedDevice wires it, against a server that answers what the test says. */
class TokenTrafficTest {
  private final MockWebServer server = new MockWebServer();
  private final FleetMeter meter = new FleetMeter(10, 1);
  private final DeviceLog log = new DeviceLog("user-1/phone", 0, meter, RunObserver.NONE, new EventWatch(List.of()));
  private final TokenTraffic traffic = new TokenTraffic(log);
  private final OkHttpClient client = new OkHttpClient.Builder()
      .addInterceptor(traffic.device)
      .addNetworkInterceptor(traffic.network)
      .retryOnConnectionFailure(false)
      .build();

  @AfterEach void close() throws IOException {
    server.close();
  }

  @Test void answers429And5xxAreRejectionsAndOthersAreNot() throws IOException {
    server.enqueue(new MockResponse().setResponseCode(503).setHeader("Retry-After", "1"));
    server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "5"));
    server.enqueue(new MockResponse().setResponseCode(502));
    server.enqueue(new MockResponse().setResponseCode(400).setBody("{\"error\":\"invalid_grant\"}"));
    server.enqueue(new MockResponse().setBody("{\"access_token\":\"t\"}"));
    meter.start();

    for (int i = 0; i < 5; i++) post(server.url("/oauth2/token"));

    Counts counts = log.counts();
    assertThat(counts.tokenRequests()).isEqualTo(5);
    assertThat(counts.rejectedTokenRequests()).isEqualTo(3);
    assertThat(counts.unansweredTokenRequests()).isZero();
    assertThat(log.timeline()).filteredOn(event -> event.kind().equals("token rejected"))
        .extracting(DeviceEvent::detail)
        .containsExactly("HTTP 503, Retry-After 1", "HTTP 429, Retry-After 5", "HTTP 502, no Retry-After");
    SecondCounts second = meter.seconds(0).get(0);
    assertThat(second.tokenRequests()).isEqualTo(5);
    assertThat(second.rejectedTokenRequests()).as("in the per-second series too").isEqualTo(3);
  }

  @Test void aDroppedConnectionIsAnUnansweredTokenRequest() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));

    assertThatThrownBy(() -> post(server.url("/oauth2/token"))).isInstanceOf(IOException.class);

    assertThat(log.counts().tokenRequests()).isEqualTo(1);
    assertThat(log.counts().unansweredTokenRequests()).isEqualTo(1);
    assertThat(meter.seconds(0).get(0).unansweredTokenRequests()).isEqualTo(1);
  }

  @Test void aTokenRequestThatCouldNotConnectIsCountedAndUnanswered() throws IOException {
    server.start();
    HttpUrl closed = server.url("/oauth2/token");
    server.close();

    assertThatThrownBy(() -> post(closed)).isInstanceOf(IOException.class);

    assertThat(log.counts().tokenRequests()).as("the device tried").isEqualTo(1);
    assertThat(log.counts().unansweredTokenRequests()).isEqualTo(1);
    assertThat(log.timeline()).extracting(DeviceEvent::kind).containsExactly("token request", "token unanswered");
  }

  @Test void otherRequestsOfTheTokenClientAreNotTokenRequests() throws IOException {
    server.enqueue(new MockResponse().setResponseCode(503));

    post(server.url("/oauth2/revoke"));

    assertThat(log.counts()).isEqualTo(Counts.ZERO);
  }

  @Test void eachTokenRequestKeepsWhenItWasSent() throws IOException {
    server.enqueue(new MockResponse().setBody("{}"));
    post(server.url("/oauth2/token"));
    meter.start();
    server.enqueue(new MockResponse().setBody("{}"));
    post(server.url("/oauth2/token"));

    assertThat(log.tokenRequestsAt()).hasSize(2);
    assertThat(log.tokenRequestsAt().get(0)).as("a sign-in, before the timeline").isNotPositive();
    assertThat(log.tokenRequestsAt().get(1)).isNotNegative();
  }

  private void post(HttpUrl url) throws IOException {
    Request request = new Request.Builder().url(url).post(new FormBody.Builder().add("grant_type", "password").build())
        .build();
    try (Response response = client.newCall(request).execute()) {
      response.body().string();
    }
  }
}
