package dev.resilientsession.lab.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text resource with {@code {{name}}} placeholders, filled in one pass: a value is inserted as
 * it is (escaping is the caller's), and never searched for placeholders itself.
 */
final class Template {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-zA-Z]+)}}");

  private final String name;
  private final String text;

  private Template(String name, String text) {
    this.name = name;
    this.text = text;
  }

  static Template resource(Class<?> owner, String name) {
    try (InputStream in = owner.getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException("no resource " + name + " beside " + owner.getName());
      return new Template(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text with every placeholder replaced; each value must be used, and each placeholder given. */
  String render(Map<String, String> values) {
    StringBuilder out = new StringBuilder(text.length() + values.values().stream().mapToInt(String::length).sum());
    Set<String> used = new HashSet<>();
    Matcher matcher = PLACEHOLDER.matcher(text);
    int end = 0;
    while (matcher.find()) {
      String key = matcher.group(1);
      String value = values.get(key);
      if (value == null) throw new IllegalArgumentException(name + " needs a value for {{" + key + "}}");
      out.append(text, end, matcher.start()).append(value);
      used.add(key);
      end = matcher.end();
    }
    if (!used.containsAll(values.keySet())) {
      throw new IllegalArgumentException(name + " has no place for " + values.keySet().stream()
          .filter(key -> !used.contains(key)).toList());
    }
    return out.append(text, end, text.length()).toString();
  }
}
