package dev.resilientsession.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server over TLS, with a real client, and with clients that get TLS wrong. */
class HttpServerTlsTest {
  private static HeldCertificate certificate;
  private static HandshakeCertificates clientCertificates;
  private static OkHttpClient client;

  private final BlockingQueue<HttpRequest> requests = new LinkedBlockingQueue<>();
  private HttpServer server;

  @BeforeAll static void trust() {
    certificate = new HeldCertificate.Builder().addSubjectAlternativeName("127.0.0.1").build();
    clientCertificates = new HandshakeCertificates.Builder().addTrustedCertificate(certificate.certificate()).build();
    client = new OkHttpClient.Builder()
        .sslSocketFactory(clientCertificates.sslSocketFactory(), clientCertificates.trustManager())
        .build();
  }

  @AfterAll static void closeClient() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  @BeforeEach void start() throws IOException {
    HandshakeCertificates serverCertificates = new HandshakeCertificates.Builder().heldCertificate(certificate).build();
    server = HttpServer.builder(request -> {
      requests.add(request);
      return HttpResponse.status(200).setBody("secure " + request.target());
    }).tls(serverCertificates.sslSocketFactory()).start();
  }

  @AfterEach void stop() {
    server.close();
  }

  @Test void aClientTrustingTheCertificateGetsItsAnswerOverTls() throws Exception {
    try (Response response = call("/hello")) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.protocol()).isEqualTo(Protocol.HTTP_1_1);
      assertThat(response.body().string()).isEqualTo("secure /hello");
    }
    HttpRequest request = requests.take();
    assertThat(request.secure()).isTrue();
    assertThat(request.localAuthority()).isEqualTo("127.0.0.1:" + server.port());
  }

  @Test void alpnSettlesOnHttp11() throws IOException {
    try (SSLSocket socket = (SSLSocket) clientCertificates.sslSocketFactory().createSocket(server.address(), server.port())) {
      socket.setSoTimeout(RawClient.TIMEOUT_MILLIS);
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setApplicationProtocols(new String[] {"h2", "http/1.1"});
      socket.setSSLParameters(parameters);
      socket.startHandshake();

      assertThat(socket.getApplicationProtocol()).isEqualTo("http/1.1");
    }
  }

  @Test void aPlainHttpClientOnTheTlsPortIsClosedAndTheServerKeepsServing() throws IOException {
    try (Socket plain = new Socket(server.address(), server.port())) {
      plain.setSoTimeout(RawClient.TIMEOUT_MILLIS);
      plain.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

      assertThat(readsToTheEnd(plain.getInputStream())).isTrue();
    }
    try (Response response = call("/after")) {
      assertThat(response.code()).isEqualTo(200);
    }
  }

  @Test void aClientThatNeverHandshakesHoldsUpNoOne() throws IOException {
    try (Socket silent = new Socket(server.address(), server.port())) {
      try (Response response = call("/meanwhile")) {
        assertThat(response.code()).isEqualTo(200);
      }
    }
  }

  private Response call(String path) throws IOException {
    return client.newCall(new Request.Builder().url("https://127.0.0.1:" + server.port() + path).build()).execute();
  }

  /** Reads and drops what the server sends (a TLS alert, say) until it closes; true once it has. */
  private static boolean readsToTheEnd(InputStream in) throws IOException {
    byte[] sink = new byte[1024];
    try {
      while (in.read(sink) != -1) {
        // An alert, perhaps: anything but an HTTP answer is fine.
      }
      return true;
    } catch (SocketException e) {
      return "Connection reset".equals(e.getMessage());
    }
  }
}
