package dev.resilientsession.lab.scenario;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.tomlj.TomlArray;

/** Reads the {@code group} and {@code users} an event or an expectation names, against the ones declared. */
final class Selections {
  /** Null when the file's [users] could not be read: user names and counts then go unchecked. */
  private final @Nullable List<UserAccount> users;
  private final List<GroupSpec> groups;
  /** Every group declared, including those the file gets wrong. */
  private final Set<String> groupNames;
  private @Nullable Set<String> userNames;

  Selections(@Nullable List<UserAccount> users, List<GroupSpec> groups, Set<String> groupNames) {
    this.users = users;
    this.groups = groups;
    this.groupNames = groupNames;
  }

  /** {@code group}, {@code users} and {@code device}, each meaning all when left out. */
  Selection of(Section section) throws ScenarioException {
    Selection selection = usersOf(section);
    Long device = section.integer("device");
    if (device == null) return selection;
    if (selection.group() == null) throw section.error("device", "names the Nth device of a group: give the group too");
    GroupSpec group = groups.stream().filter(candidate -> candidate.name().equals(selection.group())).findFirst()
        .orElse(null);
    if (group == null) return selection.device(device.intValue()); // a group the file gets wrong: said already
    int devices = group.devicesPerUser();
    if (device < 1 || device > devices) {
      throw section.error("device", "must be 1 to " + devices + " (group " + selection.group() + " has "
          + devices + " per user), was " + device);
    }
    return selection.device(device.intValue());
  }

  private Selection usersOf(Section section) throws ScenarioException {
    String group = group(section);
    if (!section.has("users")) return new Selection(group, null, List.of());
    Object value = section.value("users");
    if (value instanceof Long first) {
      if (first < 1 || (users != null && first > users.size())) {
        throw section.error("users", "must be 1 to " + (users == null ? "the number of users" : users.size())
            + " (the first N users), was " + first);
      }
      return new Selection(group, first.intValue(), List.of());
    }
    if (!(value instanceof TomlArray array)) {
      throw section.error("users", "must be a number (the first N users) or an array of user names");
    }
    if (array.isEmpty()) throw section.error("users", "names no user; leave users out for every user");
    Set<String> named = new LinkedHashSet<>();
    for (int i = 0; i < array.size(); i++) {
      if (!array.isString(i)) throw section.error("users", array, i, "must be a user name in quotes");
      String name = array.getString(i);
      if (users != null && !userNames().contains(name)) throw section.error("users", array, i, "no user \"" + name + "\"; " + declaredUsers());
      if (!named.add(name)) throw section.error("users", array, i, "\"" + name + "\" is named twice");
    }
    return new Selection(group, null, new ArrayList<>(named));
  }

  /** {@code group}, which must be declared, or null for every group. */
  @Nullable String group(Section section) throws ScenarioException {
    String group = section.string("group");
    if (group != null && !groupNames.contains(group)) {
      throw section.error("group", "no group \"" + group + "\"; groups are " + String.join(", ", groupNames));
    }
    return group;
  }

  private Set<String> userNames() {
    if (userNames == null && users != null) userNames = users.stream().map(UserAccount::name).collect(Collectors.toCollection(HashSet::new));
    return userNames;
  }

  /** "users are alice, bob", or for a crowd "users are user-1, user-2, ..., user-500 (500 users)". */
  private String declaredUsers() {
    if (users.size() <= 10) return "users are " + users.stream().map(UserAccount::name).collect(Collectors.joining(", "));
    return "users are " + users.get(0).name() + ", " + users.get(1).name() + ", ..., "
        + users.get(users.size() - 1).name() + " (" + users.size() + " users)";
  }
}
