package dev.resilientsession.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.resilientsession.gateway.Bounded;
import java.nio.charset.StandardCharsets;

/**
 * Config text as people write it. A config loads or is a {@link ConfigException} that names the
 * file and a line, so the person can find the mistake; no exception of tomlj's or ours gets out.
 */
class ConfigLoaderFuzzTest {
  private static final String SOURCE = "deployment.toml";

  @FuzzTest(maxDuration = "20s")
  void configTextLoadsOrIsAConfigExceptionNamingFileAndLine(byte[] input) throws Exception {
    String text = new String(input, StandardCharsets.UTF_8);

    Bounded.call(() -> {
      try {
        assertThat(ConfigLoader.parse(SOURCE, text)).isNotNull();
      } catch (ConfigException e) {
        assertThat(e.getMessage())
            .startsWith(SOURCE + ":")
            .containsPattern("^" + SOURCE + ":\\d+: |line \\d+");
      }
      return null;
    });
  }
}
