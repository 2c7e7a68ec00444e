package dev.resilientsession.interop.keycloak;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Keycloak's JSON as plain maps: these tests read and write a few fields of each object. */
final class Json {
  private static final Moshi MOSHI = new Moshi.Builder().build();
  private static final JsonAdapter<Map<String, Object>> OBJECT =
      MOSHI.adapter(Types.newParameterizedType(Map.class, String.class, Object.class));
  private static final JsonAdapter<List<Object>> ARRAY =
      MOSHI.adapter(Types.newParameterizedType(List.class, Object.class));

  private Json() {
  }

  static Map<String, Object> object(String json) throws IOException {
    Map<String, Object> object = OBJECT.fromJson(json);
    if (object == null) throw new IOException("not a JSON object");
    return object;
  }

  static List<Object> array(String json) throws IOException {
    List<Object> array = ARRAY.fromJson(json);
    if (array == null) throw new IOException("not a JSON array");
    return array;
  }

  static String write(Map<String, Object> object) {
    return OBJECT.toJson(object);
  }
}
