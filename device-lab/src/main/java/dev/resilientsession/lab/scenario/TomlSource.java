package dev.resilientsession.lab.scenario;

import dev.resilientsession.gateway.config.ConfigException;
import dev.resilientsession.gateway.config.TomlText;
import java.util.ArrayList;
import java.util.List;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;

/**
 * A scenario file's text read as TOML, or refused with a line per syntax error, or what the mock
 * gateway's {@link TomlText} refuses for its own config (input that makes tomlj itself fail, a run
 * of blank lines long enough to make it crawl).
 */
final class TomlSource {
  private TomlSource() {
  }

  static TomlParseResult parse(String source, String text) throws ScenarioException {
    TomlParseResult toml;
    try {
      toml = TomlText.parse(source, text);
    } catch (ConfigException e) {
      throw new ScenarioException(e.getMessage());
    }
    if (toml.hasErrors()) {
      String hint = text.contains("\u201c") || text.contains("\u201d")
          ? " (curly quotes \u201c\u201d, as in copied documents, are not TOML quotes: use \")" : "";
      List<String> errors = new ArrayList<>();
      for (TomlParseError error : toml.errors()) {
        if (errors.size() == Problems.MAX_TOLD) break;
        errors.add(source + ":" + error.position().line() + ": not valid TOML: " + error.getMessage() + hint);
      }
      throw new ScenarioException(errors);
    }
    return toml;
  }
}
