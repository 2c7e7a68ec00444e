package dev.resilientsession.lab.fleet;

import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * Where a run's requests go: the token endpoint, the authorization and revocation endpoints when
 * they are not where the SDK derives them from the token endpoint, the base the groups' call paths
 * are relative to, and where a mock gateway's {@code /admin} controls would be.
 *
 * @param revoke the revocation endpoint given, or null for the SDK's own derivation
 * @param authorization the authorization endpoint (browser sign-in) given, or null for the SDK's own derivation
 * @param api ends with '/', so that a call path such as {@code /menu} resolves below it
 * @param admin ends with '/': {@code .../admin/}
 */
record Endpoints(HttpUrl token, @Nullable HttpUrl revoke, @Nullable HttpUrl authorization, HttpUrl api,
    HttpUrl admin) {
  /** One origin, as the mock gateway and an all-in-one WSO2 serve: {@code URL/oauth2/token}, APIs below URL. */
  static Endpoints gateway(HttpUrl url) {
    HttpUrl base = Target.directory(url);
    return new Endpoints(base.resolve("oauth2/token"), null, null, base, base.resolve("admin/"));
  }

  /** A token endpoint and an API base of their own; a mock's {@code /admin} is on the token endpoint's origin. */
  static Endpoints split(HttpUrl token, @Nullable HttpUrl revoke, @Nullable HttpUrl authorization, HttpUrl api) {
    return new Endpoints(token, revoke, authorization, Target.directory(api), token.resolve("/admin/"));
  }

  /** The revocation endpoint the devices use: the one given, or the SDK's derivation. */
  HttpUrl revokeUsed() {
    return revoke != null ? revoke : Target.revokeUrlFor(token);
  }

  /** The authorization endpoint the devices' browser sign-ins use: the one given, or the SDK's derivation. */
  HttpUrl authorizationUsed() {
    return authorization != null ? authorization : Target.authorizationUrlFor(token);
  }
}
