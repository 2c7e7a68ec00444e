package dev.resilientsession.client;

import dev.resilientsession.gateway.http.HttpRequest;
import dev.resilientsession.gateway.junit.MockGatewayExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What a test's mock gateway has received so far: its requests, drained as the test goes. */
final class GatewayLog {
  private final MockGatewayExtension gateway;
  private final List<HttpRequest> seen = new ArrayList<>();

  GatewayLog(MockGatewayExtension gateway) {
    this.gateway = gateway;
  }

  /** Every token request so far, oldest first. */
  List<HttpRequest> tokenRequests() throws InterruptedException {
    for (HttpRequest request; (request = gateway.server().takeRequest(0, TimeUnit.NANOSECONDS)) != null; ) {
      seen.add(request);
    }
    List<HttpRequest> token = new ArrayList<>();
    for (HttpRequest request : seen) {
      if (request.path().startsWith("/oauth2/token")) token.add(request);
    }
    return token;
  }

  /** The form a token request sent. */
  static String form(HttpRequest request) {
    return request.bodyUtf8();
  }
}
