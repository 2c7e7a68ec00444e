package dev.resilientsession.lab.scenario;

import java.util.ArrayList;
import java.util.List;

/** The comment block at the top of a scenario file: what it plays and what it proves. */
final class TopComment {
  private TopComment() {
  }

  /** The {@code #} lines before the first other line, without their {@code # }, one per line. */
  static String of(String text) {
    List<String> lines = new ArrayList<>();
    boolean started = false;
    for (String row : text.split("\n", -1)) {
      String line = row.strip();
      if (line.isEmpty() && !started) continue;
      if (!line.startsWith("#")) break;
      started = true;
      String comment = line.substring(1);
      lines.add(comment.startsWith(" ") ? comment.substring(1).stripTrailing() : comment.stripTrailing());
    }
    return String.join("\n", lines).strip();
  }
}
