package dev.resilientsession.lab.scenario;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Which devices or users an event or an expectation is about: one group or all of them, times all
 * users, the first {@code firstUsers} users, or the users named.
 */
public record Selection(@Nullable String group, @Nullable Integer firstUsers, List<String> users) {
  public static final Selection EVERYONE = new Selection(null, null, List.of());

  public Selection {
    users = List.copyOf(users);
  }

  public boolean allUsers() {
    return firstUsers == null && users.isEmpty();
  }

  /** For messages and the report: "group phone of users alice, bob", "group tablet", "every device". */
  public String describe() {
    String groups = group == null ? "every group" : "group " + group;
    if (allUsers()) return group == null ? "every device" : groups;
    String who = firstUsers != null ? "the first " + firstUsers + " users" : "users " + String.join(", ", users);
    return groups + " of " + who;
  }
}
