package dev.resilientsession.lab.scenario;

import java.util.ArrayList;
import java.util.List;
import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;

/**
 * A scenario file's text read as TOML, or refused with a line: a syntax error, input that makes
 * tomlj itself fail, or a run of blank lines long enough to make it crawl.
 */
final class TomlSource {
  /**
   * tomlj looks ahead over a run of blank or comment lines at every line of it, so its time grows
   * with the cube of the run: 1,024 lines take 0.7 s, 2,048 take 8 s; 200 take under 0.1 s.
   */
  static final int MAX_BLANK_LINES = 200;

  private TomlSource() {
  }

  static TomlParseResult parse(String source, String text) throws ScenarioException {
    checkBlankRuns(source, text);
    TomlParseResult toml;
    try {
      toml = Toml.parse(text);
    } catch (AssertionError | RuntimeException e) {
      // Some broken input trips tomlj's own assertions or a NullPointerException: "a = { x = 1, # c\r}".
      String reason = e instanceof AssertionError ? String.valueOf(e.getMessage()) : e.toString();
      throw new ScenarioException(source + ":" + firstFailingLine(text) + ": not valid TOML (the TOML parser failed: "
          + reason + ")");
    }
    if (toml.hasErrors()) {
      TomlParseError error = toml.errors().get(0);
      String hint = text.contains("\u201c") || text.contains("\u201d")
          ? " (curly quotes \u201c\u201d, as in copied documents, are not TOML quotes: use \")" : "";
      throw new ScenarioException(source + ":" + error.position().line() + ": not valid TOML: " + error.getMessage() + hint);
    }
    return toml;
  }

  private static void checkBlankRuns(String source, String text) throws ScenarioException {
    int run = 0;
    int line = 0;
    for (String row : text.split("\n", -1)) {
      line++;
      String content = row.strip();
      run = content.isEmpty() || content.startsWith("#") ? run + 1 : 0;
      if (run > MAX_BLANK_LINES) {
        throw new ScenarioException(source + ":" + line + ": more than " + MAX_BLANK_LINES
            + " blank or comment lines in a row; remove some");
      }
    }
  }

  /**
   * The line where the text up to it makes tomlj fail and the text before it does not, found by
   * bisecting the line ends: parsing the prefix at every line would take lines times as long.
   */
  private static int firstFailingLine(String text) {
    List<Integer> ends = new ArrayList<>();
    for (int end = text.indexOf('\n'); end != -1; end = text.indexOf('\n', end + 1)) ends.add(end + 1);
    if (ends.isEmpty() || ends.get(ends.size() - 1) < text.length()) ends.add(text.length());
    int fine = 0;
    int fails = ends.size();
    while (fails - fine > 1) {
      int lines = (fine + fails) >>> 1;
      if (crashes(text.substring(0, ends.get(lines - 1)))) {
        fails = lines;
      } else {
        fine = lines;
      }
    }
    return fails;
  }

  private static boolean crashes(String text) {
    try {
      Toml.parse(text);
      return false;
    } catch (AssertionError | RuntimeException e) {
      return true;
    }
  }
}
