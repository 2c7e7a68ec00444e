package dev.resilientsession.lab.report;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import okio.BufferedSink;
import okio.BufferedSource;
import okio.Okio;

/**
 * {@code results.json}: a run's {@link RunResults} as one JSON object, marked with its format so
 * that a foreign or future file is refused instead of misread.
 */
final class ResultsJson {
  static final String FORMAT = "device-lab-results/3";
  static final Moshi MOSHI = new Moshi.Builder().add(RequiredComponents.FACTORY).build();

  private static final JsonAdapter<RunResults> ADAPTER = MOSHI.adapter(RunResults.class);

  private ResultsJson() {
  }

  static void write(RunResults results, Path file) throws IOException {
    try (BufferedSink sink = Okio.buffer(Okio.sink(file)); JsonWriter writer = JsonWriter.of(sink)) {
      writer.setIndent("  ");
      writer.beginObject();
      writer.name("format").value(FORMAT);
      int flattened = writer.beginFlatten();
      ADAPTER.toJson(writer, results);
      writer.endFlatten(flattened);
      writer.endObject();
      writer.flush();
      sink.writeUtf8("\n");
    }
  }

  static RunResults read(Path file) throws IOException {
    try (BufferedSource source = Okio.buffer(Okio.source(file)); JsonReader reader = JsonReader.of(source)) {
      checkFormat(file, reader.peekJson());
      RunResults results = ADAPTER.fromJson(reader);
      reader.setLenient(true);
      if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
        throw new ReportException(file, "more JSON after the results");
      }
      checkBuckets(file, "$.latency", results.latency());
      for (int i = 0; i < results.groups().size(); i++) {
        checkBuckets(file, "$.groups[" + i + "].latency", results.groups().get(i).latency());
      }
      return results;
    } catch (NoSuchFileException e) {
      throw new ReportException(file, "no such file");
    } catch (EOFException e) {
      throw new ReportException(file, "the JSON ends too early (empty or cut short)");
    } catch (ReportException e) {
      throw e;
    } catch (JsonEncodingException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("Unterminated string")) {
        throw new ReportException(file, "the JSON ends too early (empty or cut short)");
      }
      String message = e.getMessage()
          .replace("Use JsonReader.setLenient(true) to accept malformed JSON", "malformed JSON");
      throw new ReportException(file, "not readable as device-lab results: " + message);
    } catch (IOException | JsonDataException e) {
      throw new ReportException(file, "not readable as device-lab results: " + e.getMessage());
    } catch (RuntimeException e) {
      throw new ReportException(file, "not readable as device-lab results: " + e);
    }
  }

  private static void checkBuckets(Path file, String path, Latency latency) throws ReportException {
    long bound = 0;
    for (int i = 0; i < latency.buckets().size(); i++) {
      long[] bucket = latency.buckets().get(i);
      if (bucket.length != 2 || bucket[0] <= bound || bucket[1] < 0) {
        throw new ReportException(file, "not readable as device-lab results: " + path + ".buckets[" + i + "] is not"
            + " an (upper bound, calls) pair with the bound above the previous one");
      }
      bound = bucket[0];
    }
  }

  private static void checkFormat(Path file, JsonReader reader) throws IOException {
    if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
      throw new ReportException(file, "expected a JSON object, found " + reader.peek());
    }
    reader.beginObject();
    while (reader.hasNext()) {
      if (!reader.nextName().equals("format")) {
        reader.skipValue();
        continue;
      }
      Object format = reader.readJsonValue();
      if (FORMAT.equals(format)) return;
      String found = format instanceof String ? "\"" + format + "\"" : String.valueOf(format);
      throw new ReportException(file, "format is " + found + "; this lab reads \"" + FORMAT + "\"");
    }
    throw new ReportException(file, "no \"format\" key: not a device-lab results file");
  }
}
