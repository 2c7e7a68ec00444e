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
  private final List<UserAccount> users;
  private final List<String> groups;
  private @Nullable Set<String> userNames;

  Selections(List<UserAccount> users, List<GroupSpec> groups) {
    this.users = users;
    this.groups = groups.stream().map(GroupSpec::name).toList();
  }

  /** {@code group} and {@code users}, each meaning all when left out. */
  Selection of(Section section) throws ScenarioException {
    String group = group(section);
    if (!section.has("users")) return new Selection(group, null, List.of());
    Object value = section.value("users");
    if (value instanceof Long first) {
      if (first < 1 || first > users.size()) {
        throw section.error("users", "must be 1 to " + users.size() + " (the first N users), was " + first);
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
      if (!userNames().contains(name)) throw section.error("users", array, i, "no user \"" + name + "\"; " + declaredUsers());
      if (!named.add(name)) throw section.error("users", array, i, "\"" + name + "\" is named twice");
    }
    return new Selection(group, null, new ArrayList<>(named));
  }

  /** {@code group}, which must be declared, or null for every group. */
  @Nullable String group(Section section) throws ScenarioException {
    String group = section.string("group");
    if (group != null && !groups.contains(group)) {
      throw section.error("group", "no group \"" + group + "\"; groups are " + String.join(", ", groups));
    }
    return group;
  }

  private Set<String> userNames() {
    if (userNames == null) userNames = users.stream().map(UserAccount::name).collect(Collectors.toCollection(HashSet::new));
    return userNames;
  }

  /** "users are alice, bob", or for a crowd "users are user-1, user-2, ..., user-500 (500 users)". */
  private String declaredUsers() {
    if (users.size() <= 10) return "users are " + users.stream().map(UserAccount::name).collect(Collectors.joining(", "));
    return "users are " + users.get(0).name() + ", " + users.get(1).name() + ", ..., "
        + users.get(users.size() - 1).name() + " (" + users.size() + " users)";
  }
}
