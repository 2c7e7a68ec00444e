package dev.resilientsession.gateway.http;

import java.io.IOException;
import java.net.Socket;
import java.util.Set;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One accepted connection, served on its own thread: the TLS handshake if any, then requests
 * answered in order until either side closes. Nothing that happens here reaches other connections.
 */
final class HttpConnection implements Runnable {
  // Bounds on reading what's left of a request after its answer; see closeAfterDraining.
  private static final int DRAIN_MILLIS = 2_000;
  private static final long DRAIN_BYTES = 256 * 1024;
  private static final String[] ALPN_PROTOCOLS = {"http/1.1"};

  private final Socket raw;
  private final HttpHandler handler;
  private final SSLSocketFactory tls;
  private final long bodyLimit;
  private final Set<Socket> connections;

  HttpConnection(Socket raw, HttpHandler handler, SSLSocketFactory tls, long bodyLimit, Set<Socket> connections) {
    this.raw = raw;
    this.handler = handler;
    this.tls = tls;
    this.bodyLimit = bodyLimit;
    this.connections = connections;
  }

  @Override public void run() {
    Socket socket = raw;
    try {
      raw.setTcpNoDelay(true);
      if (tls != null) socket = handshake();
      serve(socket);
    } catch (IOException e) {
      // The client left, its handshake failed, or close() closed the socket: this connection ends quietly.
    } finally {
      HttpServer.closeQuietly(socket);
      connections.remove(raw);
    }
  }

  private SSLSocket handshake() throws IOException {
    SSLSocket socket = (SSLSocket) tls.createSocket(raw, raw.getInetAddress().getHostAddress(), raw.getPort(), true);
    socket.setUseClientMode(false);
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setApplicationProtocols(ALPN_PROTOCOLS);
    socket.setSSLParameters(parameters);
    socket.startHandshake();
    return socket;
  }

  private void serve(Socket socket) throws IOException {
    RequestReader reader = new RequestReader(socket.getInputStream(), bodyLimit, tls != null, localAuthority(socket));
    ResponseWriter writer = new ResponseWriter(socket.getOutputStream());
    while (true) {
      HttpRequest request;
      try {
        if (!reader.readHead()) return;
        if (reader.continueExpected()) writer.writeContinue();
        request = reader.readBody();
      } catch (HttpError e) {
        writer.write(plainText(e.status, e.getMessage()), true, "close");
        closeAfterDraining(socket, reader);
        return;
      }

      HttpResponse response = respond(request);
      if (response.connection() == HttpResponse.Connection.DROP) return;
      boolean close = !reader.keepAlive()
          || reader.bodyCut()
          || response.connection() == HttpResponse.Connection.CLOSE
          || RequestReader.hasToken(response.header("Connection"), "close");
      String connection = close ? "close" : reader.http10() ? "keep-alive" : null;
      if (!writer.write(response, !request.method().equals("HEAD"), connection)) {
        writer.write(plainText(500, "The response had a line break in a header"), true, "close");
        close = true;
      }
      if (close) {
        if (reader.bodyCut()) closeAfterDraining(socket, reader);
        return;
      }
    }
  }

  /** The handler's response, or a 500 that closes the connection when it has none. */
  private HttpResponse respond(HttpRequest request) {
    try {
      HttpResponse response = handler.handle(request);
      if (response != null) return response;
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      // The handler's bug: the client gets a 500, as from any server, and other connections carry on.
    }
    return plainText(500, "The server failed to answer").setConnection(HttpResponse.Connection.CLOSE);
  }

  private static HttpResponse plainText(int status, String message) {
    return HttpResponse.status(status)
        .addHeader("Content-Type", "text/plain; charset=utf-8")
        .setBody(message + "\n");
  }

  /**
   * Closing a socket with unread input resets the connection, and a reset can discard the answer
   * before the client reads it. So a plain socket sends its FIN and reads what the client still
   * sends, within bounds, first, as Apache and nginx do. TLS sockets can't half-close; they just close.
   */
  private void closeAfterDraining(Socket socket, RequestReader reader) {
    if (tls != null) return;
    try {
      socket.shutdownOutput();
      socket.setSoTimeout(DRAIN_MILLIS);
      reader.discard(DRAIN_BYTES);
    } catch (IOException e) {
      // Closing anyway.
    }
  }

  /** The socket's local address as {@code host:port}, an IPv6 host in brackets and without its scope. */
  private static String localAuthority(Socket socket) {
    String host = socket.getLocalAddress().getHostAddress();
    if (host.indexOf(':') != -1) {
      int scope = host.indexOf('%');
      host = "[" + (scope == -1 ? host : host.substring(0, scope)) + "]";
    }
    return host + ":" + socket.getLocalPort();
  }
}
