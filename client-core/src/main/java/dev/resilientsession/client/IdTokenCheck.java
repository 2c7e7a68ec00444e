package dev.resilientsession.client;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The {@code id_token} checks a code-flow client needs (OpenID Connect Core 3.1.3.7): it names this
 * client in {@code aud}, and carries the {@code nonce} of this request. Its signature is not
 * checked: it came straight from the token endpoint over the connection the client chose to trust,
 * which Core 3.1.3.7 accepts in place of a signature.
 */
final class IdTokenCheck {
  private static final JsonAdapter<Map<String, Object>> CLAIMS = new Moshi.Builder().build()
      .adapter(Types.newParameterizedType(Map.class, String.class, Object.class));

  private IdTokenCheck() {
  }

  static void verify(String idToken, String clientId, String nonce) throws SignInException {
    Map<String, Object> claims = claims(idToken);
    Object audience = claims.get("aud");
    boolean forUs = audience instanceof String ? audience.equals(clientId)
        : audience instanceof List && ((List<?>) audience).contains(clientId);
    if (!forUs) throw rejected("its audience is another client");
    Object claimed = claims.get("nonce");
    if (nonce != null && !(claimed instanceof String && Pkce.same((String) claimed, nonce))) {
      throw rejected("its nonce is not this sign-in's");
    }
  }

  private static Map<String, Object> claims(String idToken) throws SignInException {
    String[] parts = idToken.split("\\.", -1);
    if (parts.length != 3) throw rejected("it is not a JWT");
    try {
      String json = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
      Map<String, Object> claims = CLAIMS.fromJson(json);
      if (claims == null) throw rejected("it has no claims");
      return claims;
    } catch (IOException | IllegalArgumentException e) {
      throw rejected("its claims are unreadable");
    }
  }

  private static SignInException rejected(String why) {
    return new SignInException(SignInException.Reason.ID_TOKEN_REJECTED, null,
        "The id_token is not for this sign-in: " + why, null);
  }
}
