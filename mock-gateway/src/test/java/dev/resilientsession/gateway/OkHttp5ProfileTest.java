package dev.resilientsession.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.OkHttp;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Under {@code -Pokhttp5} (which sets {@code okhttp5.expectedVersion}) the gateway must really be
 * built and tested on OkHttp 5 and MockWebServer 5.
 */
@EnabledIfSystemProperty(named = "okhttp5.expectedVersion", matches = "5\\..+")
class OkHttp5ProfileTest {
  private static final String EXPECTED = System.getProperty("okhttp5.expectedVersion");

  /** OkHttp 4 declares VERSION as a constant, which javac copies in: this is the version compiled against. */
  @Test void compiledAgainstOkHttp5() {
    assertThat(OkHttp.VERSION).startsWith("5.").isEqualTo(EXPECTED);
  }

  @Test void runsOnOkHttp5AndMockWebServer5() throws ReflectiveOperationException {
    assertThat(OkHttp.class.getField("VERSION").get(null)).isEqualTo(EXPECTED);
    assertThat(jar(OkHttpClient.class)).endsWith("/okhttp-jvm-" + EXPECTED + ".jar");
    assertThat(jar(MockWebServer.class)).endsWith("/mockwebserver-" + EXPECTED + ".jar");
  }

  private static String jar(Class<?> type) {
    return type.getProtectionDomain().getCodeSource().getLocation().getPath();
  }
}
