package dev.resilientsession.lab.scenario;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Which devices or users an event or an expectation is about: one group or all of them, times all
 * users, the first {@code firstUsers} users, or the users named; and, within a group of several
 * devices per user, only the {@code device}-th (from 1), or all when null.
 */
public record Selection(@Nullable String group, @Nullable Integer firstUsers, List<String> users,
    @Nullable Integer device) {
  public static final Selection EVERYONE = new Selection(null, null, List.of());

  public Selection {
    users = List.copyOf(users);
  }

  public Selection(@Nullable String group, @Nullable Integer firstUsers, List<String> users) {
    this(group, firstUsers, users, null);
  }

  /** Only the {@code device}-th device of the group, for each user. */
  public Selection device(int device) {
    return new Selection(group, firstUsers, users, device);
  }

  public boolean allUsers() {
    return firstUsers == null && users.isEmpty();
  }

  /** For messages and the report: "group phone of users alice, bob", "group tablet", "every device". */
  public String describe() {
    String groups = group == null ? "every group" : (device == null ? "" : "device " + device + " of ") + "group " + group;
    if (allUsers()) return group == null ? "every device" : groups;
    String who = firstUsers != null ? "the first " + firstUsers + " users" : "users " + String.join(", ", users);
    return groups + " of " + who;
  }
}
