package dev.resilientsession.lab.report;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads a record only when the JSON gives every component not marked {@code @Nullable}, and never
 * reads null as a record or an array: Moshi alone would pass nulls to the records' constructors,
 * which fail with a bare NullPointerException instead of saying where.
 */
final class RequiredComponents implements JsonAdapter.Factory {
  static final RequiredComponents FACTORY = new RequiredComponents();

  @Override public @Nullable JsonAdapter<?> create(Type type, Set<? extends Annotation> annotations, Moshi moshi) {
    if (!annotations.isEmpty()) return null;
    Class<?> raw = Types.getRawType(type);
    if (raw.isArray()) return moshi.nextAdapter(this, type, annotations).nonNull();
    if (!raw.isRecord()) return null;
    List<String> required = new ArrayList<>();
    for (RecordComponent component : raw.getRecordComponents()) {
      if (!component.getAnnotatedType().isAnnotationPresent(Nullable.class)) required.add(component.getName());
    }
    return new Adapter<>(moshi.nextAdapter(this, type, annotations).nonNull(), required);
  }

  private static final class Adapter<T> extends JsonAdapter<T> {
    private final JsonAdapter<T> delegate;
    private final List<String> required;

    Adapter(JsonAdapter<T> delegate, List<String> required) {
      this.delegate = delegate;
      this.required = required;
    }

    @Override public T fromJson(JsonReader reader) throws IOException {
      if (reader.peek() == JsonReader.Token.BEGIN_OBJECT) checkPresent(reader.peekJson());
      return delegate.fromJson(reader);
    }

    private void checkPresent(JsonReader object) throws IOException {
      String path = object.getPath();
      Set<String> present = new HashSet<>();
      object.beginObject();
      while (object.hasNext()) {
        String name = object.nextName();
        if (object.peek() != JsonReader.Token.NULL) present.add(name);
        object.skipValue();
      }
      for (String name : required) {
        if (!present.contains(name)) throw new JsonDataException("Required value '" + name + "' missing at " + path);
      }
    }

    @Override public void toJson(JsonWriter writer, @Nullable T value) throws IOException {
      delegate.toJson(writer, value);
    }
  }
}
