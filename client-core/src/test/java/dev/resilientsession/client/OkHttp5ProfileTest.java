package dev.resilientsession.client;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.OkHttp;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Under {@code -Pokhttp5} (which sets {@code okhttp5.expectedVersion}) the SDK must really be built
 * and tested against OkHttp 5, not against the 4.x that Retrofit still brings along.
 */
@EnabledIfSystemProperty(named = "okhttp5.expectedVersion", matches = "5\\..+")
class OkHttp5ProfileTest {
  private static final String EXPECTED = System.getProperty("okhttp5.expectedVersion");

  /** OkHttp 4 declares VERSION as a constant, which javac copies in: this is the version compiled against. */
  @Test void compiledAgainstOkHttp5() {
    assertThat(OkHttp.VERSION).startsWith("5.").isEqualTo(EXPECTED);
  }

  @Test void runsOnOkHttp5FromOkHttpJvm() throws ReflectiveOperationException {
    assertThat(OkHttp.class.getField("VERSION").get(null)).isEqualTo(EXPECTED);
    assertThat(OkHttpClient.class.getProtectionDomain().getCodeSource().getLocation().getPath())
        .endsWith("/okhttp-jvm-" + EXPECTED + ".jar");
  }
}
