package dev.resilientsession.gateway.server;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A command line read against a table of {@link Option}s: {@code --name value}, {@code --name=value}
 * and flags, each at most once. Read by hand rather than by picocli, whose reflection over the
 * annotated command took a quarter of a second of every start.
 */
final class Arguments {
  private final Map<String, String> values;

  private Arguments(Map<String, String> values) {
    this.values = values;
  }

  /** Reads {@code args}; throws {@link UsageException} naming the first thing it cannot read. */
  static Arguments parse(List<Option> options, String... args) {
    Map<String, Option> byName = new HashMap<>();
    for (Option option : options) {
      for (String name : option.names) byName.put(name, option);
    }
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      int equals = arg.indexOf('=');
      boolean inline = arg.startsWith("--") && equals != -1;
      String name = inline ? arg.substring(0, equals) : arg;
      Option option = byName.get(name);
      if (option == null) {
        throw new UsageException(arg.startsWith("-")
            ? "Unknown option: '" + name + "'"
            : "Unmatched argument at index " + i + ": '" + arg + "'");
      }
      String value;
      if (option.label == null) {
        if (inline) throw new UsageException("option '" + name + "' takes no value, was given '" + arg + "'");
        value = "true";
      } else if (inline) {
        value = arg.substring(equals + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new UsageException("Missing required parameter for option '" + name + "' (" + option.label + ")");
      }
      if (values.put(option.names.get(option.names.size() - 1), value) != null) {
        throw new UsageException("option '" + name + "' should be given only once");
      }
    }
    return new Arguments(values);
  }

  /** Whether the flag (or option) named by its long name was given. */
  boolean has(String name) {
    return values.containsKey(name);
  }

  /** The option's value, or {@code otherwise} when it was not given. */
  String string(String name, String otherwise) {
    return values.getOrDefault(name, otherwise);
  }

  /** The option's value as a path, or null when it was not given. */
  Path path(String name) {
    String value = values.get(name);
    if (value == null) return null;
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new UsageException("Invalid value for option '" + name + "': '" + value + "' is not a path");
    }
  }

  /** The option's value as a whole number, or {@code otherwise} when it was not given. */
  Integer integer(String name, Integer otherwise) {
    String value = values.get(name);
    if (value == null) return otherwise;
    try {
      return Integer.valueOf(value);
    } catch (NumberFormatException e) {
      throw new UsageException("Invalid value for option '" + name + "': '" + value + "' is not a whole number");
    }
  }

  /** One option of the table: its names (the long one last), its value's label (null for a flag) and its help. */
  static final class Option {
    final List<String> names;
    final String label;
    final String description;

    private Option(List<String> names, String label, String description) {
      this.names = names;
      this.label = label;
      this.description = description;
    }

    static Option valued(String name, String label, String description) {
      return new Option(List.of(name), label, description);
    }

    static Option flag(String description, String... names) {
      return new Option(List.of(names), null, description);
    }
  }

  /** A command line that cannot be read; its message says why, for the user. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message, null, false, false);
    }
  }

  /** The options' help, one block each, wrapped to {@code width} columns. */
  static String help(List<Option> options, int width) {
    StringBuilder help = new StringBuilder();
    int indent = 0;
    List<String> heads = new ArrayList<>();
    for (Option option : options) {
      String head = "  " + String.join(", ", option.names) + (option.label == null ? "" : "=" + option.label);
      heads.add(head);
      indent = Math.max(indent, head.length() + 2);
    }
    indent = Math.min(indent, 28);
    for (int i = 0; i < options.size(); i++) {
      String head = heads.get(i);
      help.append(head);
      int column = head.length();
      if (column + 2 > indent) {
        help.append('\n');
        column = 0;
      }
      help.append(" ".repeat(indent - column));
      wrap(help, options.get(i).description, indent, width);
    }
    return help.toString();
  }

  /** Appends {@code text} from column {@code indent}, breaking lines at spaces before {@code width}. */
  static void wrap(StringBuilder out, String text, int indent, int width) {
    int column = indent;
    boolean first = true;
    for (String word : text.split(" ")) {
      if (!first && column + 1 + word.length() > width) {
        out.append('\n').append(" ".repeat(indent));
        column = indent;
        first = true;
      }
      if (!first) {
        out.append(' ');
        column++;
      }
      out.append(word);
      column += word.length();
      first = false;
    }
    out.append('\n');
  }
}
