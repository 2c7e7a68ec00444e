package dev.resilientsession.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.util.Map;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/** The default user's password grant against the default JWT application, for tests of how the gateway is served. */
public final class PasswordGrant {
  private PasswordGrant() {
  }

  /** The token response's JSON, asserted to be a 200. */
  public static Map<?, ?> request(OkHttpClient client, HttpUrl tokenUrl) throws IOException {
    Request request = new Request.Builder()
        .url(tokenUrl)
        .header("Authorization", Credentials.basic(GatewayConfig.DEFAULT_JWT_KEY, GatewayConfig.DEFAULT_JWT_SECRET))
        .post(new FormBody.Builder()
            .add("grant_type", "password")
            .add("username", "admin")
            .add("password", "admin")
            .build())
        .build();
    try (Response response = client.newCall(request).execute()) {
      String body = response.body().string();
      assertThat(response.code()).as("token response: %s", body).isEqualTo(200);
      return new Moshi.Builder().build().adapter(Map.class).fromJson(body);
    }
  }
}
