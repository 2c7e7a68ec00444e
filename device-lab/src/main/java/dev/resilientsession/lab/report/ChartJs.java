package dev.resilientsession.lab.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;

/**
 * Chart.js's UMD build, read from its WebJar on the class path so the report can inline it: the
 * report then opens offline, with no CDN.
 */
final class ChartJs {
  private static final String WEBJAR = "META-INF/maven/org.webjars.npm/chart.js/pom.properties";

  private ChartJs() {
  }

  /** The script, without its source map comment (the map is not beside the report). */
  static String script() {
    return Holder.SCRIPT;
  }

  private static final class Holder {
    static final String SCRIPT = load();
  }

  private static String load() {
    ClassLoader loader = ChartJs.class.getClassLoader();
    try {
      Properties webjar = new Properties();
      try (InputStream in = loader.getResourceAsStream(WEBJAR)) {
        if (in == null) throw new IllegalStateException("the Chart.js WebJar is not on the class path");
        webjar.load(in);
      }
      String path = "META-INF/resources/webjars/chart.js/" + webjar.getProperty("version") + "/dist/chart.umd.js";
      try (InputStream in = loader.getResourceAsStream(path)) {
        if (in == null) throw new IllegalStateException("no " + path + " in the Chart.js WebJar");
        String script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        if (script.toLowerCase(Locale.ROOT).contains("</script")) {
          throw new IllegalStateException(path + " says </script, which would end the report's script element");
        }
        return script.replaceAll("(?m)^//# sourceMappingURL=.*$", "");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
