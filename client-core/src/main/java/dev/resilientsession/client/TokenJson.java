package dev.resilientsession.client;

import com.squareup.moshi.Json;

/** The token endpoint's JSON, success or error: Moshi fills whichever fields are present. */
final class TokenJson {
  @Json(name = "access_token") String accessToken;
  @Json(name = "refresh_token") String refreshToken;
  @Json(name = "expires_in") Long expiresIn;
  @Json(name = "scope") String scope;
  @Json(name = "token_type") String tokenType;
  @Json(name = "id_token") String idToken;
  @Json(name = "error") String error;
  @Json(name = "error_description") String errorDescription;

  @Override public String toString() {
    return "TokenJson{scope=" + scope + ", expiresIn=" + expiresIn + ", error=" + error + "}";
  }
}
