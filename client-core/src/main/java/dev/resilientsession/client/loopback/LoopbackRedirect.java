package dev.resilientsession.client.loopback;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.resilientsession.client.SignInException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Where the browser comes back to a desktop app after a browser sign-in: a one-shot HTTP server on
 * {@code 127.0.0.1}, on a port the system picks, at {@link #uri()} (RFC 8252 section 7.3, the
 * loopback redirect). Register {@code http://127.0.0.1/callback} for the app; authorization servers
 * that follow the RFC accept it on any port.
 *
 * <pre>{@code
 * try (LoopbackRedirect redirect = LoopbackRedirect.open()) {
 *   AuthorizationRequest request = session.authorizationRequest(redirect.uri());
 *   redirect.openBrowser(request.url());          // the system browser; headless, prints the URL
 *   session.completeSignIn(request, redirect.await(Duration.ofMinutes(5)));
 * }
 * }</pre>
 *
 * <p>It takes exactly one redirect: the first {@code GET} to its path carrying {@code code} and
 * {@code state}, or {@code error}. The browser gets a page telling the user to close the tab, and
 * {@link #await} the redirect URI; the session then checks that it answers its request. Everything
 * else is refused and never reaches the app: another path (404), another method (405), a redirect
 * without a code or an error (400), and any redirect after the first (410). The server stops when
 * {@code await} returns or throws, and on {@link #close()}.
 *
 * <p>The redirect, code included, reaches no exception and no page. The JDK's server itself logs
 * request lines at {@code DEBUG} to its logger {@code com.sun.net.httpserver}: leave that logger
 * above {@code DEBUG}, as it is by default. (A logged code is still worthless without the PKCE
 * verifier, which only the app holds.)
 */
public final class LoopbackRedirect implements Closeable {
  private static final String PATH = "/callback";
  private static final String SIGNED_IN = page("Signed in",
      "You are signed in. You can close this tab and go back to the app.");
  private static final String NOT_SIGNED_IN = page("Not signed in",
      "The sign-in did not complete. You can close this tab; the app says what happened.");
  private static final String OVER = page("Sign-in over", "This sign-in is already over. You can close this tab.");
  private static final String NOT_A_REDIRECT = page("Not a sign-in", "This is not the answer to a sign-in.");
  private static final String NOT_FOUND = page("Not found", "Nothing here.");

  private final HttpServer server;
  private final String uri;
  private final Predicate<String> browser;
  private final AtomicBoolean answered = new AtomicBoolean();
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final CompletableFuture<String> redirect = new CompletableFuture<>();

  private LoopbackRedirect(HttpServer server, Predicate<String> browser) {
    this.server = server;
    this.uri = "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    this.browser = browser;
  }

  /** Starts listening on {@code 127.0.0.1} on a free port, for one redirect to {@link #uri()}. */
  public static LoopbackRedirect open() throws IOException {
    return open(SystemBrowser::open);
  }

  /** As {@link #open()}, with {@code browser} opening URLs and telling whether it could. */
  static LoopbackRedirect open(Predicate<String> browser) throws IOException {
    // The IP literal, not "localhost", which may resolve elsewhere or to ::1 (RFC 8252 section 8.3).
    InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    HttpServer server = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
    LoopbackRedirect redirect = new LoopbackRedirect(server, browser);
    server.createContext("/", redirect::handle);
    server.start();
    return redirect;
  }

  /** The redirect URI to sign in with: {@code http://127.0.0.1:PORT/callback}. */
  public String uri() {
    return uri;
  }

  /**
   * Opens {@code url}, the {@linkplain dev.resilientsession.client.AuthorizationRequest#url()
   * authorization request's URL}, in the system browser; without one (headless, or no browser
   * registered) prints it to {@code System.out} for the user to open. Returns whether a browser
   * was opened.
   */
  public boolean openBrowser(String url) {
    return openBrowser(url, link -> System.out.println("Open this URL in a browser to sign in: " + link));
  }

  /**
   * Opens {@code url} in the system browser; without one, hands it to {@code withoutBrowser} to
   * show the user (a dialog, a QR code, the console). Returns whether a browser was opened.
   *
   * @throws IllegalArgumentException if {@code url} is not an absolute http or https URL
   */
  public boolean openBrowser(String url, Consumer<String> withoutBrowser) {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(withoutBrowser, "withoutBrowser");
    String scheme = URI.create(url).getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))) {
      throw new IllegalArgumentException("not an http or https URL: " + url);
    }
    if (browser.test(url)) return true;
    withoutBrowser.accept(url);
    return false;
  }

  /**
   * Waits for the browser to come back and returns the full URI it was redirected to, for {@link
   * dev.resilientsession.client.ResilientSession#completeSignIn}; then stops the server, as it does
   * however the wait ends.
   *
   * @throws SignInException with reason {@code CANCELLED} when {@code timeout} passes first (the
   *     user left the browser), or this redirect was {@linkplain #close() closed} meanwhile
   * @throws InterruptedIOException when the waiting thread is interrupted; its interrupt flag stays set
   */
  public String await(Duration timeout) throws SignInException, InterruptedIOException {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive: " + timeout);
    try {
      return redirect.get(nanos(timeout), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw SignInException.cancelled("The browser did not come back within " + timeout + ": the sign-in timed out");
    } catch (CancellationException e) {
      throw SignInException.cancelled("The sign-in was abandoned: its loopback redirect was closed");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the browser to come back");
    } catch (ExecutionException e) {
      throw new AssertionError("the redirect is only ever completed or cancelled", e);
    } finally {
      close();
    }
  }

  /** Stops the server and ends a wait in {@link #await} as cancelled. Safe to call more than once. */
  @Override public void close() {
    redirect.cancel(false);
    if (stopped.compareAndSet(false, true)) server.stop(0);
  }

  @Override public String toString() {
    return "LoopbackRedirect{" + uri + "}";
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      URI target = exchange.getRequestURI();
      if (!PATH.equals(target.getRawPath())) {
        respond(exchange, 404, NOT_FOUND);
        return;
      }
      if (!exchange.getRequestMethod().equals("GET")) {
        exchange.getResponseHeaders().set("Allow", "GET");
        respond(exchange, 405, NOT_A_REDIRECT);
        return;
      }
      String query = target.getRawQuery();
      boolean error = has(query, "error");
      if (!error && !(has(query, "code") && has(query, "state"))) {
        respond(exchange, 400, NOT_A_REDIRECT);
        return;
      }
      if (!answered.compareAndSet(false, true)) {
        respond(exchange, 410, OVER);
        return;
      }
      try {
        respond(exchange, 200, error ? NOT_SIGNED_IN : SIGNED_IN);
      } finally {
        redirect.complete(uri + "?" + query); // the redirect came, even if the browser left before the page
      }
    } finally {
      exchange.close();
    }
  }

  /** Whether {@code query} has the field {@code name} with a value. */
  private static boolean has(@Nullable String query, String name) {
    if (query == null) return false;
    for (String field : query.split("&")) {
      if (field.startsWith(name + "=") && field.length() > name.length() + 1) return true;
    }
    return false;
  }

  /** A page that echoes nothing of the request, is never cached, and sends no Referer onwards. */
  private static void respond(HttpExchange exchange, int status, String page) throws IOException {
    byte[] body = page.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
    exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'");
    boolean head = exchange.getRequestMethod().equals("HEAD"); // headers only, or the JDK logs a warning
    exchange.sendResponseHeaders(status, head ? -1 : body.length);
    if (head) return;
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static String page(String title, String text) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title + "</title></head>\n"
        + "<body><h1>" + title + "</h1><p>" + text + "</p></body></html>\n";
  }

  private static long nanos(Duration timeout) {
    try {
      return timeout.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE; // some three hundred years
    }
  }
}
