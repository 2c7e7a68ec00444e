package dev.resilientsession.lab.scenario;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A user name or password with placeholders, such as {@code user-{n}} or {@code {name}-pw}:
 * {@code {n}} is the user's number from 1, {@code {name}} the user's name.
 */
final class NamePattern {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

  private NamePattern() {
  }

  /** Refuses placeholders other than {@code allowed}, a likely typo. */
  static String check(Section section, String key, String pattern, Set<String> allowed) throws ScenarioException {
    Matcher matcher = PLACEHOLDER.matcher(pattern);
    while (matcher.find()) {
      if (!allowed.contains(matcher.group(1))) {
        throw section.error(key, "unknown placeholder " + matcher.group() + " in \"" + pattern + "\" (known: "
            + allowed.stream().sorted().map(name -> "{" + name + "}").collect(Collectors.joining(", ")) + ")");
      }
    }
    return pattern;
  }

  static boolean uses(String pattern, String placeholder) {
    return pattern.contains("{" + placeholder + "}");
  }

  /** {@code pattern} for user number {@code n} (from 1) named {@code name}. */
  static String expand(String pattern, String name, int n) {
    // {n} first: its digits cannot make a {name}, while a name may contain "{n}".
    return pattern.replace("{n}", Integer.toString(n)).replace("{name}", name);
  }
}
