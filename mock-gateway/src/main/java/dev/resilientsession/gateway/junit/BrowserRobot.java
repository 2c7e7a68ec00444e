package dev.resilientsession.gateway.junit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Cookie;
import okhttp3.CookieJar;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A user at a browser, without the browser: opens an authorization URL, fills in the login form it
 * is shown with a username and password, posts it, and follows the redirects until the server sends
 * the browser to the app. Returns that redirect URI (with {@code code} and {@code state}, or
 * {@code error}), which an app would receive; it is never opened. One robot is one browser: it keeps
 * cookies, so a second sign-in rides the first one's session (single sign-on).
 *
 * <p>It reads the login form the way a person does, whatever server drew it: the first form with a
 * password field, its hidden fields, its username and password fields. So it signs in at the mock
 * gateway's page as at Keycloak's.
 *
 * <pre>{@code
 * BrowserRobot robot = gateway.browserRobot();
 * String redirect = robot.signIn(authorizationUrl, "admin", "admin");
 * String code = HttpUrl.get(redirect).queryParameter("code");   // or parse a custom scheme
 * }</pre>
 */
public final class BrowserRobot {
  private static final int MAX_REDIRECTS = 20;
  private static final Pattern FORM = Pattern.compile("<form\\b([^>]*)>(.*?)</form>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern INPUT = Pattern.compile("<input\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
  private static final Pattern ATTRIBUTE = Pattern.compile("([a-zA-Z_:][-a-zA-Z0-9_:.]*)\\s*=\\s*(\"([^\"]*)\"|'([^']*)'|([^\\s>]+))");
  private static final Pattern ALERT = Pattern.compile("<[^>]*(?:role=\"alert\"|class=\"[^\"]*(?:alert|error|feedback)[^\"]*\")[^>]*>(.*?)</",
      Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  private final OkHttpClient client;

  private BrowserRobot(OkHttpClient client) {
    this.client = client;
  }

  /**
   * A robot browsing with {@code client}'s settings (timeouts, TLS trust), its own cookies, and
   * redirects followed by hand, so that the app's redirect is seen and not opened.
   */
  public static BrowserRobot create(OkHttpClient client) {
    return new BrowserRobot(client.newBuilder()
        .followRedirects(false)
        .followSslRedirects(false)
        .cookieJar(new MemoryCookieJar())
        .build());
  }

  /**
   * Opens {@code authorizationUrl} and, if a login form comes, signs in as {@code username}. Returns
   * the URI the server redirects the browser to outside its own origin: the app's redirect URI.
   *
   * @throws SignInRefused when the server shows the form again (wrong password, locked account) or
   *     an error page instead of sending the browser back to the app
   */
  public String signIn(String authorizationUrl, String username, String password) throws IOException {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    return browse(HttpUrl.get(authorizationUrl), username, password);
  }

  /**
   * Opens {@code authorizationUrl} without signing in, as a browser with a session does: returns
   * the app's redirect URI.
   *
   * @throws SignInRefused when a login form or an error page is shown instead
   */
  public String open(String authorizationUrl) throws IOException {
    return browse(HttpUrl.get(authorizationUrl), null, null);
  }

  /** Forgets every cookie: the next sign-in is a new browser's. */
  public void clearCookies() {
    ((MemoryCookieJar) client.cookieJar()).clear();
  }

  private String browse(HttpUrl start, String username, String password) throws IOException {
    HttpUrl url = start;
    Request request = new Request.Builder().url(url).build();
    boolean posted = false;
    for (int hop = 0; hop < MAX_REDIRECTS; hop++) {
      try (Response response = client.newCall(request).execute()) {
        if (response.isRedirect()) {
          String location = response.header("Location");
          if (location == null) throw new SignInRefused("a redirect without a Location from " + url);
          HttpUrl next = url.resolve(location);
          if (next == null || !sameOrigin(next, start)) return next == null ? location : next.toString();
          url = next;
          request = new Request.Builder().url(url).build();
          continue;
        }
        String body = response.body() != null ? response.body().string() : "";
        Map<String, String> form = new LinkedHashMap<>();
        String action = loginForm(body, form);
        if (action == null) {
          throw new SignInRefused("the server answered " + response.code() + " without sending the browser back to "
              + "the app" + alert(body));
        }
        if (username == null) throw new SignInRefused("the server asks the user to sign in" + alert(body));
        if (posted) throw new SignInRefused("the server refused the credentials" + alert(body));
        fill(form, username, password);
        FormBody.Builder post = new FormBody.Builder();
        form.forEach(post::add);
        HttpUrl target = url.resolve(action.isEmpty() ? url.toString() : action);
        if (target == null) throw new SignInRefused("the login form posts to an unusable address " + action);
        url = target;
        request = new Request.Builder().url(url).post(post.build()).build();
        posted = true;
      }
    }
    throw new SignInRefused("more than " + MAX_REDIRECTS + " redirects from " + start.redact());
  }

  /** Finds the first form with a password field; puts its fields in {@code fields}; returns its action or null. */
  private static String loginForm(String html, Map<String, String> fields) {
    Matcher form = FORM.matcher(html);
    while (form.find()) {
      List<Map<String, String>> inputs = new ArrayList<>();
      Matcher input = INPUT.matcher(form.group(2));
      boolean hasPassword = false;
      while (input.find()) {
        Map<String, String> attributes = attributes(input.group(1));
        inputs.add(attributes);
        if ("password".equalsIgnoreCase(attributes.get("type"))) hasPassword = true;
      }
      if (!hasPassword) continue;
      for (Map<String, String> attributes : inputs) {
        String name = attributes.get("name");
        String type = attributes.getOrDefault("type", "text").toLowerCase(Locale.ROOT);
        if (name == null || type.equals("submit") || type.equals("button") || type.equals("checkbox")) continue;
        fields.put(name, attributes.getOrDefault("value", ""));
      }
      fields.put("\u0000password", inputs.stream().filter(a -> "password".equalsIgnoreCase(a.get("type")))
          .map(a -> a.get("name")).findFirst().orElse("password"));
      fields.put("\u0000username", inputs.stream()
          .filter(a -> {
            String type = a.getOrDefault("type", "text").toLowerCase(Locale.ROOT);
            return type.equals("text") || type.equals("email");
          })
          .map(a -> a.get("name")).filter(Objects::nonNull).findFirst().orElse("username"));
      String action = attributes(form.group(1)).get("action");
      return action == null ? "" : action;
    }
    return null;
  }

  private static void fill(Map<String, String> form, String username, String password) {
    String usernameField = form.remove("\u0000username");
    String passwordField = form.remove("\u0000password");
    form.put(usernameField, username);
    form.put(passwordField, password);
  }

  private static Map<String, String> attributes(String tag) {
    Map<String, String> attributes = new LinkedHashMap<>();
    Matcher attribute = ATTRIBUTE.matcher(tag);
    while (attribute.find()) {
      String value = attribute.group(3) != null ? attribute.group(3)
          : attribute.group(4) != null ? attribute.group(4) : attribute.group(5);
      attributes.putIfAbsent(attribute.group(1).toLowerCase(Locale.ROOT), unescape(value));
    }
    return attributes;
  }

  /** The page's alert text, for the exception: what the user would read. */
  private static String alert(String html) {
    Matcher alert = ALERT.matcher(html);
    if (!alert.find()) return "";
    String text = unescape(alert.group(1).replaceAll("<[^>]*>", "")).strip();
    return text.isEmpty() ? "" : ": " + text;
  }

  private static String unescape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int semicolon = c == '&' ? text.indexOf(';', i) : -1;
      if (semicolon == -1 || semicolon - i > 10) {
        out.append(c);
        continue;
      }
      String entity = text.substring(i + 1, semicolon);
      String replacement = entity(entity);
      if (replacement == null) {
        out.append(c);
        continue;
      }
      out.append(replacement);
      i = semicolon;
    }
    return out.toString();
  }

  private static String entity(String entity) {
    switch (entity) {
      case "amp": return "&";
      case "lt": return "<";
      case "gt": return ">";
      case "quot": return "\"";
      case "apos": return "'";
      default:
        try {
          if (entity.startsWith("#x") || entity.startsWith("#X")) {
            return new String(Character.toChars(Integer.parseInt(entity.substring(2), 16)));
          }
          if (entity.startsWith("#")) return new String(Character.toChars(Integer.parseInt(entity.substring(1))));
        } catch (IllegalArgumentException e) {
          return null;
        }
        return null;
    }
  }

  private static boolean sameOrigin(HttpUrl a, HttpUrl b) {
    return a.scheme().equals(b.scheme()) && a.host().equals(b.host()) && a.port() == b.port();
  }

  /** The server did not send the browser back to the app; the message says what the user saw. */
  public static final class SignInRefused extends IOException {
    SignInRefused(String message) {
      super(message);
    }
  }

  /** A browser's cookie store, in memory, that treats loopback as a secure context as browsers do. */
  private static final class MemoryCookieJar implements CookieJar {
    private final Map<String, Cookie> cookies = new ConcurrentHashMap<>();

    @Override public void saveFromResponse(HttpUrl url, List<Cookie> received) {
      for (Cookie cookie : received) {
        String key = cookie.domain() + cookie.path() + ";" + cookie.name();
        if (cookie.expiresAt() <= System.currentTimeMillis()) {
          cookies.remove(key);
        } else {
          cookies.put(key, cookie);
        }
      }
    }

    @Override public List<Cookie> loadForRequest(HttpUrl url) {
      // Loopback is a secure context to browsers (W3C Secure Contexts), so they send Secure cookies
      // to http://127.0.0.1 too; Keycloak's login form fails with "Cookie not found" without them.
      HttpUrl asBrowserSees = isLoopback(url.host()) ? url.newBuilder().scheme("https").build() : url;
      List<Cookie> matching = new ArrayList<>();
      for (Cookie cookie : cookies.values()) {
        if (cookie.matches(asBrowserSees)) matching.add(cookie);
      }
      return matching;
    }

    private static boolean isLoopback(String host) {
      return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }

    void clear() {
      cookies.clear();
    }
  }
}
