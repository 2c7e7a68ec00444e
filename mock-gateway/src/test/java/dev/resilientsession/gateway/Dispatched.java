package dev.resilientsession.gateway;

import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import okhttp3.Headers;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;

/**
 * Requests handed straight to a gateway's dispatcher, without a socket, and their answers read
 * back: how the fuzz tests reach thousands of requests a second. Public for the browser
 * package's fuzz tests.
 */
public final class Dispatched {
  private static final Socket LOOPBACK = new LoopbackSocket();

  private Dispatched() {
  }

  /** A request as MockWebServer would record it from a loopback connection. */
  public static RecordedRequest request(String requestLine, Headers headers, Buffer body) {
    return new RecordedRequest(requestLine, headers, List.of(), body.size(), body, 0, LOOPBACK, null);
  }

  public static int statusCode(MockResponse response) {
    return Integer.parseInt(response.getStatus().split(" ", 3)[1]);
  }

  public static String body(MockResponse response) {
    Buffer body = response.getBody();
    return body == null ? "" : body.readUtf8();
  }

  /** The accepted socket RecordedRequest asks for its URL, without opening one. */
  private static final class LoopbackSocket extends Socket {
    @Override public InetAddress getLocalAddress() {
      return InetAddress.getLoopbackAddress();
    }

    @Override public int getLocalPort() {
      return 8243;
    }
  }
}
