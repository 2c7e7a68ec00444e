package dev.resilientsession.gateway;

import dev.resilientsession.gateway.http.HttpResponse;

/**
 * The OpenID Connect discovery document (OIDC Discovery section 3), at WSO2's two paths (under the
 * token endpoint and {@code /oauth2/oidcdiscovery}) and at the well-known root. Endpoint URLs name the origin the request came to, so the
 * document is right on whatever port the mock runs; {@code issuer} is the configured one, as in
 * the tokens.
 */
final class Discovery {
  static final String WSO2_PATH = "/oauth2/token/.well-known/openid-configuration";
  static final String WSO2_DISCOVERY_PATH = "/oauth2/oidcdiscovery/.well-known/openid-configuration";
  static final String PATH = "/.well-known/openid-configuration";

  private Discovery() {
  }

  static HttpResponse document(String origin, String issuer) {
    return Responses.json(200, writer -> {
      writer.beginObject();
      writer.name("issuer").value(issuer);
      writer.name("authorization_endpoint").value(origin + "/oauth2/authorize");
      writer.name("token_endpoint").value(origin + "/oauth2/token");
      writer.name("userinfo_endpoint").value(origin + "/oauth2/userinfo");
      writer.name("jwks_uri").value(origin + "/oauth2/jwks");
      writer.name("revocation_endpoint").value(origin + "/oauth2/revoke");
      writer.name("introspection_endpoint").value(origin + "/oauth2/introspect");
      writer.name("end_session_endpoint").value(origin + "/oidc/logout");
      writer.name("response_types_supported").beginArray().value("code").endArray();
      writer.name("response_modes_supported").beginArray().value("query").endArray();
      writer.name("grant_types_supported").beginArray()
          .value("authorization_code").value("refresh_token").value("password").value("client_credentials").endArray();
      writer.name("subject_types_supported").beginArray().value("public").endArray();
      writer.name("id_token_signing_alg_values_supported").beginArray().value("RS256").endArray();
      writer.name("scopes_supported").beginArray().value("openid").endArray();
      writer.name("claims_supported").beginArray()
          .value("sub").value("iss").value("aud").value("azp").value("exp").value("iat").value("auth_time")
          .value("nonce").value("at_hash").value("sid").value("username").endArray();
      writer.name("code_challenge_methods_supported").beginArray().value("S256").value("plain").endArray();
      writer.name("token_endpoint_auth_methods_supported").beginArray()
          .value("client_secret_basic").value("client_secret_post").value("none").endArray();
      writer.name("revocation_endpoint_auth_methods_supported").beginArray()
          .value("client_secret_basic").value("client_secret_post").value("none").endArray();
      writer.name("prompt_values_supported").beginArray().value("none").value("login").endArray();
      writer.endObject();
    });
  }
}
