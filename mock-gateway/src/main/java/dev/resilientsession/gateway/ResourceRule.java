package dev.resilientsession.gateway;

import java.util.Arrays;
import java.util.Collections;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A protected API resource: a path pattern, an optional method, and the scopes of which a token
 * needs one. In patterns, {@code *} or {@code {name}} stands for one path segment and {@code **}
 * for any number of them, so {@code /orders/**} matches {@code /orders} and everything below it.
 */
public final class ResourceRule {
  private final String pattern;
  private final String[] segments;
  private final String method;
  private final Set<String> scopes;

  private ResourceRule(String pattern, String method, Set<String> scopes) {
    Objects.requireNonNull(pattern, "pattern");
    if (!pattern.startsWith("/")) throw new IllegalArgumentException("path must start with '/': " + pattern);
    this.pattern = pattern;
    this.segments = split(pattern);
    this.method = method == null || method.isBlank() ? null : method.toUpperCase(Locale.ROOT);
    this.scopes = Collections.unmodifiableSet(new TreeSet<>(scopes));
  }

  /** A resource for every method. */
  public static ResourceRule of(String pattern, String... scopes) {
    return new ResourceRule(pattern, null, Set.of(scopes));
  }

  /** A resource for one method; {@code method} null means every method. */
  public static ResourceRule of(String method, String pattern, Set<String> scopes) {
    return new ResourceRule(pattern, method, scopes);
  }

  public String pattern() {
    return pattern;
  }

  /** The HTTP method, upper case, or null for every method. */
  public String method() {
    return method;
  }

  public Set<String> scopes() {
    return scopes;
  }

  boolean matches(String requestMethod, String path) {
    if (method != null && !method.equalsIgnoreCase(requestMethod)) return false;
    return matches(split(path), 0, 0);
  }

  private boolean matches(String[] path, int p, int s) {
    if (s == segments.length) return p == path.length;
    String segment = segments[s];
    if (segment.equals("**")) {
      for (int skip = p; skip <= path.length; skip++) {
        if (matches(path, skip, s + 1)) return true;
      }
      return false;
    }
    if (p == path.length) return false;
    boolean wildcard = segment.equals("*") || (segment.startsWith("{") && segment.endsWith("}"));
    return (wildcard || segment.equals(path[p])) && matches(path, p + 1, s + 1);
  }

  private static String[] split(String path) {
    return Arrays.stream(path.split("/")).filter(part -> !part.isEmpty()).toArray(String[]::new);
  }

  @Override public String toString() {
    return (method != null ? method + " " : "") + pattern + " " + scopes;
  }
}
