package dev.resilientsession.client;

import dev.resilientsession.gateway.junit.MockGatewayExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.RecordedRequest;

/** What a test's mock gateway has received so far: its requests, drained as the test goes. */
final class GatewayLog {
  private final MockGatewayExtension gateway;
  private final List<RecordedRequest> seen = new ArrayList<>();

  GatewayLog(MockGatewayExtension gateway) {
    this.gateway = gateway;
  }

  /** Every token request so far, oldest first. */
  List<RecordedRequest> tokenRequests() throws InterruptedException {
    for (RecordedRequest request; (request = gateway.server().mockWebServer().takeRequest(0, TimeUnit.NANOSECONDS)) != null; ) {
      seen.add(request);
    }
    List<RecordedRequest> token = new ArrayList<>();
    for (RecordedRequest request : seen) {
      if (request.getPath().startsWith("/oauth2/token")) token.add(request);
    }
    return token;
  }

  /** The form a token request sent. */
  static String form(RecordedRequest request) {
    return request.getBody().clone().readUtf8();
  }
}
