package dev.resilientsession.browsertests;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The app's side of the redirect (RFC 8252 section 7.3): a listener on 127.0.0.1 and a free port
 * that records the query of each request to {@code /callback} and answers "you can close this
 * tab", as a desktop app does. {@code /frame} answers a page that frames the URL in its
 * {@code src} parameter, to see whether a page can be framed.
 */
final class Loopback implements AutoCloseable {
  static final String DONE_TITLE = "Signed in";

  private final HttpServer server;
  private final BlockingQueue<Map<String, String>> redirects = new LinkedBlockingQueue<>();

  Loopback() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.createContext("/callback", this::callback);
    server.createContext("/frame", this::frame);
    server.start();
  }

  /** The redirect URI to register: {@code http://127.0.0.1:<port>/callback}. */
  String redirectUri() {
    return base() + "/callback";
  }

  String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The next redirect's query parameters, or null if none arrived yet; for WebDriverWait. */
  Map<String, String> poll() {
    return redirects.poll();
  }

  /** How many redirects arrived and were not yet taken by {@link #poll()}. */
  int waiting() {
    return redirects.size();
  }

  private void callback(HttpExchange exchange) throws IOException {
    redirects.add(query(exchange.getRequestURI().getRawQuery()));
    answer(exchange, "<!DOCTYPE html><title>" + DONE_TITLE + "</title><p id=\"done\">You can close this tab.</p>");
  }

  private void frame(HttpExchange exchange) throws IOException {
    String src = query(exchange.getRequestURI().getRawQuery()).getOrDefault("src", "about:blank");
    answer(exchange, "<!DOCTYPE html><title>Framing</title><iframe id=\"framed\" src=\""
        + src.replace("&", "&amp;").replace("\"", "&quot;") + "\" width=\"600\" height=\"400\"></iframe>");
  }

  private static void answer(HttpExchange exchange, String html) throws IOException {
    byte[] body = html.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  static Map<String, String> query(String rawQuery) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) return parameters;
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      String name = equals == -1 ? pair : pair.substring(0, equals);
      String value = equals == -1 ? "" : pair.substring(equals + 1);
      parameters.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return Collections.unmodifiableMap(parameters);
  }

  @Override public void close() {
    server.stop(0);
  }
}
