package dev.resilientsession.sample.device;

import java.util.Map;
import retrofit2.Call;
import retrofit2.http.GET;

/** The protected API the sample devices call: any gateway path works, the mock echoes who called. */
public interface OrdersApi {
  @GET("orders")
  Call<Map<String, Object>> orders();
}
