package dev.resilientsession.gateway.config;

import java.util.ArrayList;
import java.util.List;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

/**
 * tomlj, made safe for text a user wrote: the gateway's deployment.toml and the device lab's
 * scenario files. A run of blank lines long enough to make tomlj crawl, or input that makes tomlj
 * itself fail, is refused as a {@link ConfigException} reading "source:line: what is wrong". Syntax
 * errors are left in the result, for the caller to word.
 */
public final class TomlText {
  /** WSO2 API Manager 4.5's own deployment.toml has 77 in a row; tomlj reads 200 in under 0.1 s. */
  static final int MAX_BLANK_LINES = 200;

  private TomlText() {
  }

  public static TomlParseResult parse(String source, String text) throws ConfigException {
    checkNoLongRunOfBlankLines(source, text);
    try {
      return Toml.parse(text);
    } catch (AssertionError | RuntimeException e) {
      String reason = e instanceof AssertionError ? e.getMessage() : e.toString();
      throw new ConfigException(source + ":" + lineFailingParser(text)
          + ": not valid TOML (the TOML parser failed: " + reason + ")");
    }
  }

  /**
   * Rejects more than {@link #MAX_BLANK_LINES} blank or comment lines in a row. tomlj's error
   * recovery looks ahead over all of them at every line, so its time grows with the cube of the
   * run: 1,024 blank lines took 0.7 s and 2,048 took 8 s.
   */
  private static void checkNoLongRunOfBlankLines(String source, String text) throws ConfigException {
    int run = 0;
    int line = 0;
    for (int start = 0; start < text.length(); ) {
      int end = text.indexOf('\n', start);
      if (end == -1) end = text.length();
      line++;
      run = isBlankOrComment(text, start, end) ? run + 1 : 0;
      if (run > MAX_BLANK_LINES) {
        throw new ConfigException(source + ":" + line + ": more than " + MAX_BLANK_LINES
            + " blank or comment lines in a row; remove some");
      }
      start = end + 1;
    }
  }

  /** True unless the line has something besides spaces, tabs, carriage returns and a comment. */
  private static boolean isBlankOrComment(String text, int start, int end) {
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c == '#') return true;
      if (c != ' ' && c != '\t' && c != '\r') return false;
    }
    return true;
  }

  /**
   * The line where the text up to it makes tomlj fail and the text before it doesn't: some broken
   * input trips an internal assertion instead of giving a syntax error, with assertions on as under
   * surefire ("[g#\r": an unclosed header, a comment, a bare carriage return), and some throws a
   * NullPointerException with or without them ("a = { x = 1, # c\r}"). Bisects the line ends, since
   * parsing the prefix at every line end takes lines times as long.
   */
  private static int lineFailingParser(String text) {
    List<Integer> ends = new ArrayList<>();
    for (int end = text.indexOf('\n'); end != -1; end = text.indexOf('\n', end + 1)) ends.add(end + 1);
    if (ends.isEmpty() || ends.get(ends.size() - 1) < text.length()) ends.add(text.length());
    // The empty text (0 lines) parses and the whole text fails.
    int fine = 0;
    int fails = ends.size();
    while (fails - fine > 1) {
      int lines = (fine + fails) >>> 1;
      if (parserFails(text.substring(0, ends.get(lines - 1)))) {
        fails = lines;
      } else {
        fine = lines;
      }
    }
    return fails;
  }

  private static boolean parserFails(String text) {
    try {
      Toml.parse(text);
      return false;
    } catch (AssertionError | RuntimeException e) {
      return true;
    }
  }
}
