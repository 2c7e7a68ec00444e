package dev.resilientsession.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resilientsession.gateway.server.Arguments.UsageException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ArgumentsTest {
  @Test void optionsTakeTheirValueAfterASpaceOrAnEqualsSign() {
    Arguments arguments = Arguments.parse(Main.OPTIONS, "--port", "8443", "--host=0.0.0.0", "--data-dir=a=b");

    assertThat(arguments.integer("--port", 9443)).isEqualTo(8443);
    assertThat(arguments.string("--host", "localhost")).isEqualTo("0.0.0.0");
    assertThat(arguments.path("--data-dir")).isEqualTo(Path.of("a=b"));
  }

  @Test void optionsNotGivenFallBackToTheirDefaults() {
    Arguments arguments = Arguments.parse(Main.OPTIONS);

    assertThat(arguments.integer("--port", 9443)).isEqualTo(9443);
    assertThat(arguments.integer("--token-capacity", null)).isNull();
    assertThat(arguments.path("--config")).isNull();
    assertThat(arguments.has("--plain-http")).isFalse();
  }

  @Test void flagsAnswerToTheirShortAndLongNames() {
    assertThat(Arguments.parse(Main.OPTIONS, "-h").has("--help")).isTrue();
    assertThat(Arguments.parse(Main.OPTIONS, "--version").has("--version")).isTrue();
    assertThat(Arguments.parse(Main.OPTIONS, "--plain-http").has("--plain-http")).isTrue();
  }

  @Test void everyMistakeIsNamed() {
    assertThatThrownBy(() -> Arguments.parse(Main.OPTIONS, "--prot", "9443"))
        .isInstanceOf(UsageException.class).hasMessage("Unknown option: '--prot'");
    assertThatThrownBy(() -> Arguments.parse(Main.OPTIONS, "--prot=9443"))
        .hasMessage("Unknown option: '--prot'");
    assertThatThrownBy(() -> Arguments.parse(Main.OPTIONS, "--plain-http", "9443"))
        .hasMessage("Unmatched argument at index 1: '9443'");
    assertThatThrownBy(() -> Arguments.parse(Main.OPTIONS, "--port"))
        .hasMessage("Missing required parameter for option '--port' (N)");
    assertThatThrownBy(() -> Arguments.parse(Main.OPTIONS, "--plain-http=yes"))
        .hasMessage("option '--plain-http' takes no value, was given '--plain-http=yes'");
    assertThatThrownBy(() -> Arguments.parse(Main.OPTIONS, "--port", "1", "--port=2"))
        .hasMessage("option '--port' should be given only once");
    assertThatThrownBy(() -> Arguments.parse(Main.OPTIONS, "--port", "ninety").integer("--port", 9443))
        .hasMessage("Invalid value for option '--port': 'ninety' is not a whole number");
    assertThatThrownBy(() -> Arguments.parse(Main.OPTIONS, "--data-dir", "a\0b").path("--data-dir"))
        .hasMessage("Invalid value for option '--data-dir': 'a\0b' is not a path");
  }

  @Test void helpWrapsEachOptionsDescriptionWithinTheWidth() {
    String usage = Main.usage();

    assertThat(usage.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(100));
    assertThat(usage).contains("  --port=N").contains("  -h, --help").contains("Default: 9443, as WSO2.");
  }
}
