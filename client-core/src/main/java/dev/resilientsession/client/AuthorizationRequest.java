package dev.resilientsession.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * One browser sign-in in progress: the URL to open, and what the session needs to finish it when
 * the browser comes back to the redirect URI (the PKCE code verifier, {@code state}, {@code nonce}).
 * Made by {@link ResilientSession#authorizationRequest}; immutable.
 *
 * <p>The verifier is a secret until the code is exchanged: {@link #toString()} never shows it.
 * An app that may be killed while the user is in the browser (Android) keeps {@link #encode()} in
 * its saved instance state, as AppAuth does, and hands {@link #decode} of it back: never in a log,
 * a URL or a file that outlives the sign-in.
 */
public final class AuthorizationRequest {
  private static final int STATE_BYTES = 16;

  private final String url;
  private final String redirectUri;
  private final String state;
  private final String codeVerifier;
  private final @Nullable String nonce;

  private AuthorizationRequest(String url, String redirectUri, String state, String codeVerifier,
      @Nullable String nonce) {
    this.url = url;
    this.redirectUri = redirectUri;
    this.state = state;
    this.codeVerifier = codeVerifier;
    this.nonce = nonce;
  }

  static AuthorizationRequest create(HttpUrl authorizationUrl, String clientId, String redirectUri,
      @Nullable String scope, SecureRandom random) {
    parseRedirectUri(redirectUri);
    String verifier = Pkce.verifier(random);
    String state = Pkce.randomValue(random, STATE_BYTES);
    boolean openId = scope != null && (" " + scope + " ").contains(" openid ");
    String nonce = openId ? Pkce.randomValue(random, STATE_BYTES) : null;
    HttpUrl.Builder url = authorizationUrl.newBuilder()
        .addQueryParameter("response_type", "code")
        .addQueryParameter("client_id", clientId)
        .addQueryParameter("redirect_uri", redirectUri);
    if (scope != null) url.addQueryParameter("scope", scope);
    url.addQueryParameter("state", state)
        .addQueryParameter("code_challenge", Pkce.challenge(verifier))
        .addQueryParameter("code_challenge_method", "S256");
    if (nonce != null) url.addQueryParameter("nonce", nonce);
    return new AuthorizationRequest(url.build().toString(), redirectUri, state, verifier, nonce);
  }

  /** The authorization endpoint's URL with this request's parameters: open it in a browser. */
  public String url() {
    return url;
  }

  /** Where the browser comes back with the code; the token request repeats it. */
  public String redirectUri() {
    return redirectUri;
  }

  /** The {@code state} the redirect must carry back. */
  public String state() {
    return state;
  }

  String codeVerifier() {
    return codeVerifier;
  }

  @Nullable String nonce() {
    return nonce;
  }

  /**
   * This request as one line of text, verifier included, for an Android {@code Bundle}: keep it
   * only for as long as the user is in the browser.
   */
  public String encode() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("v", "1");
    fields.put("url", url);
    fields.put("redirect_uri", redirectUri);
    fields.put("state", state);
    fields.put("code_verifier", codeVerifier);
    fields.put("nonce", nonce);
    return FormFields.encode(fields);
  }

  /** The request {@link #encode()} wrote. */
  public static AuthorizationRequest decode(String encoded) {
    Objects.requireNonNull(encoded, "encoded");
    Map<String, String> fields;
    try {
      fields = FormFields.decode(encoded);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not an encoded AuthorizationRequest");
    }
    if (!"1".equals(fields.get("v"))) throw new IllegalArgumentException("not an encoded AuthorizationRequest");
    String url = required(fields, "url");
    String redirectUri = required(fields, "redirect_uri");
    String state = required(fields, "state");
    String verifier = required(fields, "code_verifier");
    if (verifier.length() < 43 || verifier.length() > 128) {
      throw new IllegalArgumentException("not an encoded AuthorizationRequest: bad code_verifier length");
    }
    parseRedirectUri(redirectUri);
    return new AuthorizationRequest(url, redirectUri, state, verifier, fields.get("nonce"));
  }

  private static String required(Map<String, String> fields, String name) {
    String value = fields.get(name);
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("not an encoded AuthorizationRequest: no " + name);
    }
    return value;
  }

  /**
   * Checks {@code redirectUri} as {@link ResilientSession#authorizationRequest} does, so that
   * configuration can be refused before anyone signs in: an absolute URI without a fragment (RFC
   * 6749 3.1.2), such as {@code http://127.0.0.1:PORT/callback} or {@code com.example.app:/callback},
   * and plain {@code http} only to a loopback address (RFC 8252 8.3).
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  public static void checkRedirectUri(String redirectUri) {
    parseRedirectUri(redirectUri);
  }

  /** {@code redirectUri}, {@linkplain #checkRedirectUri checked}, as a URI. */
  static URI parseRedirectUri(String redirectUri) {
    Objects.requireNonNull(redirectUri, "redirectUri");
    URI uri;
    try {
      uri = new URI(redirectUri);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("is not a URI: " + e.getReason());
    }
    if (!uri.isAbsolute() || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("must be an absolute URI without a fragment, such as "
          + "\"http://127.0.0.1:8765/callback\", was \"" + redirectUri + "\"");
    }
    if (uri.getScheme().toLowerCase(Locale.ROOT).equals("http") && !isLoopback(uri.getHost())) {
      throw new IllegalArgumentException("a plain http redirect URI must go to loopback (127.0.0.1 or [::1]), was \""
          + redirectUri + "\"");
    }
    return uri;
  }

  private static boolean isLoopback(@Nullable String host) {
    return "127.0.0.1".equals(host) || "[::1]".equals(host) || "localhost".equalsIgnoreCase(host);
  }

  @Override public String toString() {
    return "AuthorizationRequest{redirectUri=" + redirectUri + "}";
  }
}
