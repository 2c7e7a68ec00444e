package dev.resilientsession.client;

import java.util.Map;
import okhttp3.HttpUrl;
import retrofit2.Call;
import retrofit2.http.FieldMap;
import retrofit2.http.FormUrlEncoded;
import retrofit2.http.Header;
import retrofit2.http.POST;
import retrofit2.http.Url;

/** The token and revocation endpoints as Retrofit sees them. */
interface TokenApi {
  @FormUrlEncoded
  @POST
  Call<TokenJson> token(@Url HttpUrl url, @Header("Authorization") String clientAuthorization,
      @FieldMap Map<String, String> fields);

  @FormUrlEncoded
  @POST
  Call<Void> revoke(@Url HttpUrl url, @Header("Authorization") String clientAuthorization,
      @FieldMap Map<String, String> fields);
}
