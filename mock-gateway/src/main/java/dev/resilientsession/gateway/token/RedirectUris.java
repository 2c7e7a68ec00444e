package dev.resilientsession.gateway.token;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An application's registered redirect URIs, as WSO2 matches them: each is compared exactly, or,
 * written {@code regexp=...}, is a regular expression the whole URI must match. A plain-HTTP
 * loopback URI ({@code http://127.0.0.1/callback}, {@code http://[::1]/callback}) matches on any
 * port, since a native app listens on whichever port is free (RFC 8252 section 7.3).
 */
public final class RedirectUris {
  private static final String REGEXP = "regexp=";
  /** Longer redirect URIs are refused before any pattern sees them. */
  static final int MAX_LENGTH = 2048;
  private static final RedirectUris NONE = new RedirectUris(List.of(), List.of());

  private final List<String> registered;
  private final List<Pattern> patterns;

  private RedirectUris(List<String> registered, List<Pattern> patterns) {
    this.registered = registered;
    this.patterns = patterns;
  }

  /** No redirect URI: the application cannot use the browser flow. */
  public static RedirectUris none() {
    return NONE;
  }

  /** Parses registered URIs; throws IllegalArgumentException naming one that is not absolute or not a valid pattern. */
  public static RedirectUris of(List<String> uris) {
    List<Pattern> patterns = new ArrayList<>();
    for (String uri : uris) {
      if (uri.startsWith(REGEXP)) {
        try {
          patterns.add(Pattern.compile(uri.substring(REGEXP.length())));
        } catch (PatternSyntaxException e) {
          throw new IllegalArgumentException("redirect URI " + uri + " is not a valid regular expression: "
              + e.getDescription());
        }
      } else {
        URI parsed = parse(uri);
        if (parsed == null || !parsed.isAbsolute() || parsed.getFragment() != null) {
          throw new IllegalArgumentException("redirect URI " + uri + " must be an absolute URI without a fragment");
        }
        patterns.add(null);
      }
    }
    return new RedirectUris(List.copyOf(uris), patterns);
  }

  /** The URIs as registered. */
  public List<String> registered() {
    return registered;
  }

  public boolean isEmpty() {
    return registered.isEmpty();
  }

  /** True when {@code uri} is one this application registered. */
  public boolean matches(String uri) {
    if (uri == null || uri.isEmpty() || uri.length() > MAX_LENGTH) return false;
    for (int i = 0; i < registered.size(); i++) {
      Pattern pattern = patterns.get(i);
      if (pattern != null ? pattern.matcher(uri).matches() : matchesExactly(registered.get(i), uri)) return true;
    }
    return false;
  }

  private static boolean matchesExactly(String registered, String uri) {
    if (registered.equals(uri)) return true;
    URI loopback = parse(registered);
    if (loopback == null || !isLoopback(loopback)) return false;
    URI candidate = parse(uri);
    return candidate != null && isLoopback(candidate)
        && (candidate.getPort() == -1 || (candidate.getPort() >= 1 && candidate.getPort() <= 65535))
        && loopback.getHost().equals(candidate.getHost())
        && path(loopback).equals(path(candidate))
        && Objects.equals(loopback.getRawQuery(), candidate.getRawQuery())
        && candidate.getRawUserInfo() == null && candidate.getRawFragment() == null;
  }

  /** An http URI on a loopback IP literal; {@code localhost} is not one (RFC 8252 section 8.3). */
  private static boolean isLoopback(URI uri) {
    String host = uri.getHost();
    return "http".equals(uri.getScheme()) && host != null
        && (host.equals("127.0.0.1") || host.toLowerCase(Locale.ROOT).equals("[::1]"));
  }

  private static String path(URI uri) {
    String path = uri.getRawPath();
    return path == null || path.isEmpty() ? "/" : path;
  }

  private static URI parse(String uri) {
    try {
      return new URI(uri);
    } catch (URISyntaxException e) {
      return null;
    }
  }

  @Override public String toString() {
    return registered.toString();
  }
}
