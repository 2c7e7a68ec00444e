package dev.resilientsession.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientsession.gateway.http.RawClient.Response;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The server on the wire: raw requests in, exact responses out. */
class HttpServerTest {
  private static final int BODY_LIMIT = 1024;

  private final BlockingQueue<HttpRequest> requests = new LinkedBlockingQueue<>();
  /** What the server answers with; by default the request line and body, echoed. */
  private volatile HttpHandler handler = request ->
      HttpResponse.status(200).setBody(request.method() + " " + request.target() + " " + request.bodyUtf8());
  private HttpServer server;

  @BeforeEach void start() throws IOException {
    server = HttpServer.builder(request -> {
      requests.add(request);
      return handler.handle(request);
    }).bodyLimit(BODY_LIMIT).start();
  }

  @AfterEach void stop() {
    server.close();
  }

  // Connections

  @Test void keepAliveCarriesTwoRequestsOnOneConnection() throws IOException {
    try (RawClient client = RawClient.connect(server)) {
      Response first = client.send("GET /a HTTP/1.1\r\nHost: x\r\n\r\n").read();
      Response second = client.send("GET /b HTTP/1.1\r\nHost: x\r\n\r\n").read();

      assertThat(first.bodyUtf8()).isEqualTo("GET /a ");
      assertThat(second.bodyUtf8()).isEqualTo("GET /b ");
      assertThat(second.header("Connection")).isNull();
    }
  }

  @Test void pipelinedRequestsAreAnsweredInOrder() throws IOException {
    try (RawClient client = RawClient.connect(server)) {
      client.send("GET /1 HTTP/1.1\r\n\r\n"
          + "POST /2 HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc"
          + "GET /3 HTTP/1.1\r\n\r\n");

      assertThat(client.read().bodyUtf8()).isEqualTo("GET /1 ");
      assertThat(client.read().bodyUtf8()).isEqualTo("POST /2 abc");
      assertThat(client.read().bodyUtf8()).isEqualTo("GET /3 ");
    }
  }

  @Test void http10ClosesAfterOneRequestByDefault() throws IOException {
    try (RawClient client = RawClient.connect(server)) {
      Response response = client.send("GET / HTTP/1.0\r\n\r\n").read();

      assertThat(response.status()).isEqualTo(200);
      assertThat(response.header("Connection")).isEqualTo("close");
      assertThat(client.isClosedByServer()).isTrue();
    }
  }

  @Test void http10WithKeepAliveKeepsTheConnection() throws IOException {
    try (RawClient client = RawClient.connect(server)) {
      Response first = client.send("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").read();
      Response second = client.send("GET /b HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").read();

      assertThat(first.header("Connection")).isEqualTo("keep-alive");
      assertThat(second.bodyUtf8()).isEqualTo("GET /b ");
    }
  }

  @Test void aClientsConnectionCloseIsAnsweredWithConnectionCloseThenClosed() throws IOException {
    try (RawClient client = RawClient.connect(server)) {
      Response response = client.send("GET / HTTP/1.1\r\nConnection: close\r\n\r\n").read();

      assertThat(response.status()).isEqualTo(200);
      assertThat(response.header("Connection")).isEqualTo("close");
      assertThat(client.isClosedByServer()).isTrue();
    }
  }

  @Test void aHandlerThatClosesIsAnsweredThenClosed() throws IOException {
    handler = request -> HttpResponse.status(401).setBody("no").setConnection(HttpResponse.Connection.CLOSE);
    try (RawClient client = RawClient.connect(server)) {
      Response response = client.send("GET / HTTP/1.1\r\n\r\n").read();

      assertThat(response.status()).isEqualTo(401);
      assertThat(response.header("Connection")).isEqualTo("close");
      assertThat(client.isClosedByServer()).isTrue();
    }
  }

  @Test void aHandlerThatDropsClosesWithoutAnAnswer() throws Exception {
    handler = request -> HttpResponse.drop();
    try (RawClient client = RawClient.connect(server)) {
      client.send("POST / HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi");

      assertThat(client.isClosedByServer()).isTrue();
      assertThat(requests.take().bodyUtf8()).isEqualTo("hi");
    }
  }

  @Test void closeClosesIdleKeepAliveConnectionsAndFreesThePort() throws IOException {
    try (RawClient client = RawClient.connect(server)) {
      assertThat(client.send("GET / HTTP/1.1\r\n\r\n").read().status()).isEqualTo(200);

      server.close();

      assertThat(client.isClosedByServer()).isTrue();
      try (ServerSocket again = new ServerSocket(server.port(), 50, server.address())) {
        assertThat(again.getLocalPort()).isEqualTo(server.port());
      }
    }
    server.close(); // again: a no-op
  }

  @Test void connectionsRunOnDaemonThreadsThatCloseStops() throws Exception {
    BlockingQueue<Thread> threads = new LinkedBlockingQueue<>();
    handler = request -> {
      threads.add(Thread.currentThread());
      return HttpResponse.status(200);
    };
    try (RawClient client = RawClient.connect(server)) {
      assertThat(client.send("GET / HTTP/1.1\r\n\r\n").read().status()).isEqualTo(200);
    }
    Thread thread = threads.take();

    server.close();

    assertThat(thread.getName()).startsWith("mock-gateway-http-");
    assertThat(thread.isDaemon()).isTrue();
    thread.join(TimeUnit.SECONDS.toMillis(10));
    assertThat(thread.isAlive()).isFalse();
  }

  @Test void aCallersExecutorRunsTheConnectionsAndStaysTheCallers() throws Exception {
    ExecutorService executor = Executors.newCachedThreadPool(runnable -> new Thread(runnable, "callers"));
    try {
      HttpServer custom = HttpServer.builder(request -> HttpResponse.status(200).setBody(Thread.currentThread().getName()))
          .executor(executor)
          .start();
      try (RawClient client = RawClient.connect(custom)) {
        assertThat(client.send("GET / HTTP/1.1\r\n\r\n").read().bodyUtf8()).isEqualTo("callers");
      } finally {
        custom.close();
      }
      assertThat(executor.isShutdown()).isFalse();
    } finally {
      executor.shutdownNow();
    }
  }

  @Test void theLocalAuthorityOfAnIpv6ConnectionHasItsHostInBrackets() throws Exception {
    HttpServer ipv6;
    try {
      ipv6 = HttpServer.builder(request -> HttpResponse.status(200).setBody(request.localAuthority()))
          .address(InetAddress.getByName("::1"))
          .start();
    } catch (SocketException e) {
      Assumptions.abort("no IPv6 loopback here");
      return;
    }
    try (RawClient client = RawClient.connect(ipv6)) {
      assertThat(client.send("GET / HTTP/1.1\r\n\r\n").read().bodyUtf8()).isEqualTo("[0:0:0:0:0:0:0:1]:" + ipv6.port());
    } finally {
      ipv6.close();
    }
  }

  @Test void aClientLeavingMidBodyDisturbsNoOtherConnection() throws IOException {
    try (RawClient other = RawClient.connect(server)) {
      assertThat(other.send("GET /before HTTP/1.1\r\n\r\n").read().status()).isEqualTo(200);
      try (RawClient leaving = RawClient.connect(server)) {
        leaving.send("POST /leaving HTTP/1.1\r\nContent-Length: 100\r\n\r\nonly ten..");
      }

      assertThat(other.send("GET /after HTTP/1.1\r\n\r\n").read().bodyUtf8()).isEqualTo("GET /after ");
      try (RawClient next = RawClient.connect(server)) {
        assertThat(next.send("GET /next HTTP/1.1\r\n\r\n").read().status()).isEqualTo(200);
      }
    }
    assertThat(requests).extracting(HttpRequest::target).doesNotContain("/leaving");
  }

  @Test void manyClientsOnKeepAliveConnectionsAllGetTheirOwnAnswers() throws Exception {
    int threads = 32;
    int requestsEach = 200;
    ExecutorService clients = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> answered = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String prefix = "/client" + t + "/";
        answered.add(clients.submit(() -> {
          try (RawClient client = RawClient.connect(server)) {
            go.await();
            for (int i = 0; i < requestsEach; i++) {
              Response response = client.send("GET " + prefix + i + " HTTP/1.1\r\nHost: x\r\n\r\n").read();
              assertThat(response.bodyUtf8()).isEqualTo("GET " + prefix + i + " ");
            }
            return requestsEach;
          }
        }));
      }
      go.countDown();
      for (Future<Integer> future : answered) {
        assertThat(future.get(60, TimeUnit.SECONDS)).isEqualTo(requestsEach);
      }
    } finally {
      clients.shutdownNow();
    }
  }

  // Request lines and targets

  @ParameterizedTest
  @ValueSource(strings = {
      "GET/ HTTP/1.1", "GET  / HTTP/1.1", "GET / HTTP/1.1 ", "GET /a b HTTP/1.1", "G(T / HTTP/1.1",
      "GET index.html HTTP/1.1", "GET * HTTP/1.1", "GET http:/// HTTP/1.1", "GET / HTTP/1", "GET / http/1.1",
      "GET /\u0001 HTTP/1.1", "GET / HTTP/1.1\rX: y"})
  void aMalformedRequestLineIsABadRequest(String requestLine) throws IOException {
    try (RawClient client = RawClient.connect(server)) {
      Response response = client.send(requestLine + "\r\n\r\n").read();

      assertThat(response.status()).isEqualTo(400);
      assertThat(response.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
      assertThat(response.bodyUtf8()).isNotBlank();
      assertThat(response.header("Connection")).isEqualTo("close");
      assertThat(client.isClosedByServer()).isTrue();
    }
    assertThat(requests).isEmpty();
  }

  @Test void anAbsoluteFormTargetIsReducedToPathAndQuery() throws IOException {
    try (RawClient client = RawClient.connect(server)) {
      client.send("GET http://gateway.example:8243/api/v1?x=1 HTTP/1.1\r\n\r\n").read();
      client.send("GET HTTPS://gateway.example HTTP/1.1\r\n\r\n").read();
      client.send("GET http://gateway.example?x=1 HTTP/1.1\r\n\r\n").read();
    }
    assertThat(requests).extracting(HttpRequest::target).containsExactly("/api/v1?x=1", "/", "/?x=1");
  }

  @Test void anAsteriskTargetIsForOptions() throws IOException {
    try (RawClient client = RawClient.connect(server)) {
      assertThat(client.send("OPTIONS * HTTP/1.1\r\n\r\n").read().bodyUtf8()).isEqualTo("OPTIONS * ");
    }
  }

  @Test void anUnsupportedHttpVersionIs505() throws IOException {
    try (RawClient client = RawClient.connect(server)) {
      assertThat(client.send("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n").read().status()).isEqualTo(505);
      assertThat(client.isClosedByServer()).isTrue();
    }
  }

  @Test void aRequestLineOver8KiBIs414() throws IOException {
    try (RawClient client = RawClient.connect(server)) {
      Response response = client.send("GET /" + "a".repeat(8 * 1024) + " HTTP/1.1\r\n\r\n").read();

      assertThat(response.status()).isEqualTo(414);
      assertThat(client.isClosedByServer()).isTrue();
    }
  }

  @Test void emptyLinesBeforeARequestLineAreIgnored() throws IOException {
    try (RawClient client = RawClient.connect(server)) {
      assertThat(client.send("\r\n\nGET / HTTP/1.1\r\n\r\n").read().status()).isEqualTo(200);
    }
  }

  @Test void linesEndingInABareLineFeedAreAccepted() throws IOException {
    try (RawClient client = RawClient.connect(server)) {
      Response response = client.send("POST /lf HTTP/1.1\nContent-Length: 2\n\nok").read();

      assertThat(response.bodyUtf8()).isEqualTo("POST /lf ok");
    }
  }

  // Headers

  @Test void headersReachTheHandlerInOrderWithValuesTrimmedAndDecodedAsUtf8() throws Exception {
    try (RawClient client = RawClient.connect(server)) {
      client.send("GET / HTTP/1.1\r\nHost: x\r\nX-Name: \t Zoë \t\r\nX-Empty:\r\nX-Name: second\r\n\r\n").read();
    }
    HttpRequest request = requests.take();
    assertThat(request.headers()).containsExactly("Host", "x", "X-Name", "Zoë", "X-Empty", "", "X-Name", "second");
    assertThat(request.localAuthority()).isEqualTo("127.0.0.1:" + server.port());
    assertThat(request.secure()).isFalse();
  }

  @Test void aHeaderNameWithSpacesBeforeItsColonIsAccepted() throws Exception {
    try (RawClient client = RawClient.connect(server)) {
      Response response = client.send("GET / HTTP/1.1\r\nAuthorization :Basic YWxpY2U6c2VjcmV0\r\n\r\n").read();

      assertThat(response.status()).isEqualTo(200);
    }
    assertThat(requests.take().header("Authorization")).isEqualTo("Basic YWxpY2U6c2VjcmV0");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "X-Folded: a\r\n  b", "X-Folded: a\r\n\tb", " X-Leading: a", "No colon", ": empty name", "X Space: a",
      "X-Nul: a\u0000b", "X-Cr: a\rb", "Content-Length: 1\r\nContent-Length: 2", "Content-Length: -1",
      "Content-Length: 1, 2", "Content-Length: 0x10", "Content-Length: 99999999999999999999", "Content-Length :0",
      "Transfer-Encoding: chunked\r\nContent-Length: 5", "Transfer-Encoding: chunked, chunked"})
  void aMalformedHeaderIsABadRequest(String headers) throws IOException {
    try (RawClient client = RawClient.connect(server)) {
      Response response = client.send("POST / HTTP/1.1\r\n" + headers + "\r\n\r\n").read();

      assertThat(response.status()).isEqualTo(400);
      assertThat(response.header("Connection")).isEqualTo("close");
      assertThat(client.isClosedByServer()).isTrue();
    }
    assertThat(requests).isEmpty();
  }

  @Test void aBadRequestNeverEchoesAHeaderValue() throws IOException {
    try (RawClient client = RawClient.connect(server)) {
      Response response = client.send("GET / HTTP/1.1\r\nContent-Length: s3cr3t-token\r\n\r\n").read();

      assertThat(response.status()).isEqualTo(400);
      assertThat(response.bodyUtf8()).doesNotContain("s3cr3t").isEqualTo("Malformed Content-Length\n");
    }
  }

  @Test void equalContentLengthsAreOneContentLength() throws IOException {
    try (RawClient client = RawClient.connect(server)) {
      Response response = client.send("POST / HTTP/1.1\r\nContent-Length: 2, 2\r\nContent-Length: 2\r\n\r\nok").read();

      assertThat(response.bodyUtf8()).isEqualTo("POST / ok");
    }
  }

  @Test void aHeaderSectionOver64KiBIs431() throws IOException {
    StringBuilder headers = new StringBuilder();
    for (int i = 0; i < 100; i++) headers.append("X-Filler-").append(i).append(": ").append("v".repeat(700)).append("\r\n");
    try (RawClient client = RawClient.connect(server)) {
      Response response = client.send("GET / HTTP/1.1\r\n" + headers + "\r\n").read();

      assertThat(response.status()).isEqualTo(431);
      assertThat(client.isClosedByServer()).isTrue();
    }
  }

  @Test void over200HeaderLinesAre431() throws IOException {
    try (RawClient client = RawClient.connect(server)) {
      Response response = client.send("GET / HTTP/1.1\r\n" + "X: y\r\n".repeat(201) + "\r\n").read();

      assertThat(response.status()).isEqualTo(431);
    }
    try (RawClient client = RawClient.connect(server)) {
      assertThat(client.send("GET / HTTP/1.1\r\n" + "X: y\r\n".repeat(200) + "\r\n").read().status()).isEqualTo(200);
    }
  }

  @Test void aTransferCodingOtherThanChunkedIs501() throws IOException {
    try (RawClient client = RawClient.connect(server)) {
      Response response = client.send("POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n").read();

      assertThat(response.status()).isEqualTo(501);
      assertThat(client.isClosedByServer()).isTrue();
    }
  }

  @Test void anExpectationOtherThan100ContinueIs417() throws IOException {
    try (RawClient client = RawClient.connect(server)) {
      assertThat(client.send("GET / HTTP/1.1\r\nExpect: 200-ok\r\n\r\n").read().status()).isEqualTo(417);
    }
  }

  // Bodies

  @Test void aPostWithoutContentLengthHasAnEmptyBody() throws Exception {
    try (RawClient client = RawClient.connect(server)) {
      client.send("POST /empty HTTP/1.1\r\n\r\nGET /next HTTP/1.1\r\n\r\n");

      assertThat(client.read().bodyUtf8()).isEqualTo("POST /empty ");
      assertThat(client.read().bodyUtf8()).isEqualTo("GET /next ");
    }
    assertThat(requests.take().bodySize()).isZero();
  }

  @Test void aChunkedBodyWithExtensionsAndTrailersIsDecoded() throws Exception {
    try (RawClient client = RawClient.connect(server)) {
      client.send("POST /chunked HTTP/1.1\r\nTransfer-Encoding: Chunked\r\n\r\n"
          + "5;name=value\r\nhello\r\n6 ; quiet\r\n world\r\n0\r\nX-Checksum: abc\r\n\r\n"
          + "GET /next HTTP/1.1\r\n\r\n");

      assertThat(client.read().bodyUtf8()).isEqualTo("POST /chunked hello world");
      assertThat(client.read().bodyUtf8()).isEqualTo("GET /next ");
    }
    HttpRequest request = requests.take();
    assertThat(request.bodySize()).isEqualTo(11);
    assertThat(request.header("X-Checksum")).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"x\r\n", "-1\r\n", "\r\n", "5 x\r\nhello\r\n0\r\n\r\n", "1000000000000000\r\n",
      "2\r\nhello\r\n0\r\n\r\n"})
  void aMalformedChunkIsABadRequest(String chunks) throws IOException {
    try (RawClient client = RawClient.connect(server)) {
      Response response = client.send("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks).read();

      assertThat(response.status()).isEqualTo(400);
      assertThat(client.isClosedByServer()).isTrue();
    }
  }

  @Test void aChunkedHttp10RequestIsAnsweredThenClosed() throws IOException {
    try (RawClient client = RawClient.connect(server)) {
      Response response = client.send("POST / HTTP/1.0\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n"
          + "2\r\nok\r\n0\r\n\r\n").read();

      assertThat(response.bodyUtf8()).isEqualTo("POST / ok");
      assertThat(response.header("Connection")).isEqualTo("close");
      assertThat(client.isClosedByServer()).isTrue();
    }
  }

  @Test void expect100ContinueGetsA100BeforeTheBodyIsSent() throws IOException {
    try (RawClient client = RawClient.connect(server)) {
      Response interim = client.send("PUT /e HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n").read();
      assertThat(interim.statusLine()).isEqualTo("HTTP/1.1 100 Continue");
      assertThat(interim.headers()).isEmpty();

      Response response = client.send("hello").read();
      assertThat(response.bodyUtf8()).isEqualTo("PUT /e hello");
    }
  }

  @Test void aBodyOverTheLimitIsCutAndItsConnectionClosedAfterTheAnswer() throws Exception {
    try (RawClient client = RawClient.connect(server)) {
      client.send("POST /big HTTP/1.1\r\nContent-Length: 1000000\r\n\r\n" + "b".repeat(2 * BODY_LIMIT));
      Response response = client.read();

      assertThat(response.status()).isEqualTo(200);
      assertThat(response.header("Connection")).isEqualTo("close");
      assertThat(client.isClosedByServer()).isTrue();
    }
    HttpRequest request = requests.take();
    assertThat(request.body()).hasSize(BODY_LIMIT);
    assertThat(request.bodySize()).isEqualTo(1_000_000);
  }

  @Test void aChunkedBodyOverTheLimitIsCutAtTheLimit() throws Exception {
    try (RawClient client = RawClient.connect(server)) {
      client.send("POST /big HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
          + "400\r\n" + "a".repeat(1024) + "\r\n10\r\n" + "b".repeat(16) + "\r\n0\r\n\r\n");
      Response response = client.read();

      assertThat(response.header("Connection")).isEqualTo("close");
      assertThat(client.isClosedByServer()).isTrue();
    }
    HttpRequest request = requests.take();
    assertThat(request.bodyUtf8()).isEqualTo("a".repeat(BODY_LIMIT));
    assertThat(request.bodySize()).isEqualTo(BODY_LIMIT + 16);
  }

  @Test void expect100ContinueOverTheLimitIsAnsweredWithoutA100OrTheBody() throws Exception {
    try (RawClient client = RawClient.connect(server)) {
      Response response = client.send("POST /big HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 5000\r\n\r\n").read();

      assertThat(response.status()).isEqualTo(200);
      assertThat(response.header("Connection")).isEqualTo("close");
      assertThat(client.isClosedByServer()).isTrue();
    }
    HttpRequest request = requests.take();
    assertThat(request.body()).isEmpty();
    assertThat(request.bodySize()).isEqualTo(5000);
  }

  // Responses

  @Test void headIsAnsweredWithContentLengthButNoBody() throws IOException {
    handler = request -> HttpResponse.status(200).setBody("twelve bytes");
    try (RawClient client = RawClient.connect(server)) {
      Response head = client.send("HEAD / HTTP/1.1\r\n\r\n").read(true);
      assertThat(head.header("Content-Length")).isEqualTo("12");

      // Had the body been written, it would be read here as a malformed status line.
      assertThat(client.send("GET / HTTP/1.1\r\n\r\n").read().bodyUtf8()).isEqualTo("twelve bytes");
    }
  }

  @Test void noContentHasNoContentLength() throws IOException {
    handler = request -> HttpResponse.status(204);
    try (RawClient client = RawClient.connect(server)) {
      Response response = client.send("DELETE /x HTTP/1.1\r\n\r\n").read();

      assertThat(response.statusLine()).isEqualTo("HTTP/1.1 204 No Content");
      assertThat(response.header("Content-Length")).isNull();
      assertThat(client.send("DELETE /y HTTP/1.1\r\n\r\n").read().status()).isEqualTo(204);
    }
  }

  @Test void theHandlersHeadersAreWrittenInOrderAndItsFramingHeadersReplaced() throws IOException {
    handler = request -> HttpResponse.status(200)
        .addHeader("Set-Cookie", "a=1")
        .addHeader("Content-Length", "999")
        .addHeader("Set-Cookie", "b=2")
        .addHeader("Transfer-Encoding", "chunked")
        .setBody("{}");
    try (RawClient client = RawClient.connect(server)) {
      Response response = client.send("POST / HTTP/1.1\r\n\r\n").read();

      assertThat(response.statusLine()).isEqualTo("HTTP/1.1 200 OK");
      assertThat(response.headers()).containsExactly("Set-Cookie", "a=1", "Set-Cookie", "b=2", "Content-Length", "2");
      assertThat(response.bodyUtf8()).isEqualTo("{}");
    }
  }

  @Test void aHandlerThatThrowsGets500AndTheServerServesTheNextConnection() throws IOException {
    handler = request -> {
      if (request.target().equals("/boom")) throw new IllegalStateException("bug");
      if (request.target().equals("/error")) throw new AssertionError("bug");
      return HttpResponse.status(200);
    };
    for (String target : List.of("/boom", "/error")) {
      try (RawClient client = RawClient.connect(server)) {
        Response response = client.send("GET " + target + " HTTP/1.1\r\n\r\n").read();

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(response.bodyUtf8()).doesNotContain("bug");
        assertThat(client.isClosedByServer()).isTrue();
      }
    }
    try (RawClient client = RawClient.connect(server)) {
      assertThat(client.send("GET /fine HTTP/1.1\r\n\r\n").read().status()).isEqualTo(200);
    }
  }

  @Test void aHandlersConnectionCloseHeaderClosesTheConnection() throws IOException {
    handler = request -> HttpResponse.status(200).addHeader("Connection", "close");
    try (RawClient client = RawClient.connect(server)) {
      Response response = client.send("GET / HTTP/1.1\r\n\r\n").read();

      assertThat(response.headers()).containsExactly("Content-Length", "0", "Connection", "close");
      assertThat(client.isClosedByServer()).isTrue();
    }
  }

  @Test void aLineBreakInAResponseHeaderIs500RatherThanASplitResponse() throws IOException {
    handler = request -> HttpResponse.status(302).setHeader("Location", "/home\r\nSet-Cookie: session=stolen");
    try (RawClient client = RawClient.connect(server)) {
      Response response = client.send("GET / HTTP/1.1\r\n\r\n").read();

      assertThat(response.status()).isEqualTo(500);
      assertThat(response.header("Set-Cookie")).isNull();
      assertThat(response.header("Location")).isNull();
      assertThat(client.isClosedByServer()).isTrue();
    }
  }

  @Test void theBoundAddressAndPortAreReported() {
    assertThat(server.address()).isEqualTo(InetAddress.getLoopbackAddress());
    assertThat(server.port()).isPositive();
  }
}
