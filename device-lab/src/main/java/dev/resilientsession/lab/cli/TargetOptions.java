package dev.resilientsession.lab.cli;

import dev.resilientsession.lab.fleet.Target;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The server a command plays against, as {@code run} and {@code check} take it: none (a mock
 * started on loopback), one origin ({@code --gateway}), or a token endpoint and an API base, with
 * the authorization and revocation endpoints when they are not where the SDK derives them.
 */
final class TargetOptions {
  @Option(names = "--gateway", paramLabel = "URL",
      description = "A running mock gateway or all-in-one WSO2 at one origin: its token endpoint at URL/oauth2/token,"
          + " its revocation endpoint at URL/oauth2/revoke, the groups' call paths below URL; such as"
          + " https://staging:9443. Not with --token-url and --api-url.")
  @Nullable String gateway;

  @Option(names = "--token-url", paramLabel = "URL",
      description = "A running OAuth2 server's token endpoint, such as https://apim:9443/oauth2/token or"
          + " https://kc:8443/realms/lab/protocol/openid-connect/token. Needs --api-url.")
  @Nullable String tokenUrl;

  @Option(names = "--revoke-url", paramLabel = "URL",
      description = "Its revocation endpoint (default: the token URL with 'revoke' as its last segment, as the SDK"
          + " derives it: .../oauth2/revoke, .../openid-connect/revoke). Goes with --token-url.")
  @Nullable String revokeUrl;

  @Option(names = "--authorization-url", paramLabel = "URL",
      description = "Its authorization endpoint, where browser sign-ins start (default: the token URL with 'authorize'"
          + " as its last segment, as the SDK derives it: .../oauth2/authorize). Keycloak's is"
          + " .../protocol/openid-connect/auth. Goes with --token-url.")
  @Nullable String authorizationUrl;

  @Option(names = "--api-url", paramLabel = "URL",
      description = "The base each group's call path is relative to. Needs --token-url.%n"
          + "With https://apim:8243/shop/v1, call = \"/menu\" calls .../shop/v1/menu.")
  @Nullable String apiUrl;

  @Option(names = "--ca", paramLabel = "PEM",
      description = "A CA certificate (PEM) to trust, besides the platform's, for a running server's TLS.")
  @Nullable Path ca;

  /** Whether a running server was named, rather than the embedded gateway. */
  boolean remote() {
    return gateway != null || tokenUrl != null || apiUrl != null || revokeUrl != null || authorizationUrl != null;
  }

  /**
   * The target the flags name.
   *
   * @throws IllegalArgumentException for flags that do not go together, a URL that is not http(s),
   *     or a CA file that is not one, saying which flag
   * @throws IOException when the CA file cannot be read
   */
  Target target() throws IOException {
    if (gateway != null && (tokenUrl != null || apiUrl != null || revokeUrl != null || authorizationUrl != null)) {
      throw new IllegalArgumentException("--gateway names the token endpoint (URL/oauth2/token) and the APIs' base"
          + " (URL) at once: give it, or --token-url with --api-url, not both");
    }
    if (tokenUrl != null && apiUrl == null) {
      throw new IllegalArgumentException("--token-url needs --api-url: the base the groups' call paths are relative"
          + " to, such as https://apim:8243/pizzashack/1.0.0");
    }
    if (apiUrl != null && tokenUrl == null) {
      throw new IllegalArgumentException("--api-url needs --token-url: the server's token endpoint, such as"
          + " https://kc:8443/realms/lab/protocol/openid-connect/token");
    }
    if (revokeUrl != null && tokenUrl == null) {
      throw new IllegalArgumentException("--revoke-url goes with --token-url and --api-url (with --gateway, sign-outs"
          + " revoke at URL/oauth2/revoke)");
    }
    if (authorizationUrl != null && tokenUrl == null) {
      throw new IllegalArgumentException("--authorization-url goes with --token-url and --api-url (with --gateway,"
          + " browser sign-ins start at URL/oauth2/authorize)");
    }
    if (!remote()) {
      if (ca != null) {
        throw new IllegalArgumentException("--ca needs --gateway or --token-url: the embedded gateway is plain HTTP"
            + " on loopback");
      }
      return Target.embedded();
    }
    String pem = pem();
    if (gateway != null) return Target.remote(url("--gateway", gateway), pem);
    Target target = Target.endpoints(url("--token-url", tokenUrl), url("--api-url", apiUrl), pem);
    if (authorizationUrl != null) target = target.withAuthorizationUrl(url("--authorization-url", authorizationUrl));
    return revokeUrl == null ? target : target.withRevokeUrl(url("--revoke-url", revokeUrl));
  }

  private @Nullable String pem() throws IOException {
    if (ca == null) return null;
    if (!Files.isReadable(ca)) throw new IllegalArgumentException("--ca: cannot read " + ca);
    String pem = Files.readString(ca, StandardCharsets.UTF_8);
    if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
      throw new IllegalArgumentException("--ca: " + ca + " holds no PEM certificate");
    }
    return pem;
  }

  private static HttpUrl url(String flag, String text) {
    HttpUrl url = HttpUrl.parse(text);
    if (url == null) throw new IllegalArgumentException(flag + ": not an http(s) URL: " + text);
    if (url.fragment() != null) throw new IllegalArgumentException(flag + ": a URL without a #fragment, was " + text);
    return url;
  }
}
