package dev.resilientsession.lab.scenario;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code [users]}: a count and name patterns, or a list of names and passwords. */
final class UsersReader {
  static final int MAX_USERS = 1_000_000;
  private static final Set<String> KEYS = Set.of("count", "name", "password", "list");
  private static final Set<String> LIST_KEYS = Set.of("name", "password");

  private UsersReader() {
  }

  static List<UserAccount> read(Section users) throws ScenarioException {
    users.allowOnly(KEYS);
    if (users.has("list")) {
      for (String key : List.of("count", "name", "password")) {
        if (users.has(key)) throw users.error(key, "goes with count, not with list");
      }
      return list(users);
    }
    if (!users.has("count")) throw users.error("count", "required: count = N, or list = [{ name = ..., password = ... }]");
    return counted(users);
  }

  private static List<UserAccount> counted(Section users) throws ScenarioException {
    int count = users.integer("count", 1, MAX_USERS, 0);
    String name = users.has("name") ? users.requiredString("name") : "user-{n}";
    NamePattern.check(users, "name", name, Set.of("n"));
    if (count > 1 && !NamePattern.uses(name, "n")) {
      throw users.error("name", "must contain {n}, or every user is named \"" + name + "\"");
    }
    String password = users.has("password") ? users.requiredString("password") : "{name}-pw";
    NamePattern.check(users, "password", password, Set.of("n", "name"));
    List<UserAccount> accounts = new ArrayList<>(count);
    for (int n = 1; n <= count; n++) {
      String user = NamePattern.expand(name, "", n);
      accounts.add(new UserAccount(user, NamePattern.expand(password, user, n)));
    }
    return accounts;
  }

  private static List<UserAccount> list(Section users) throws ScenarioException {
    List<Section> entries = users.tables("list");
    if (entries.isEmpty()) throw users.error("list", "lists no user");
    if (entries.size() > MAX_USERS) throw users.error("list", "lists more than " + MAX_USERS + " users");
    List<UserAccount> accounts = new ArrayList<>(entries.size());
    Set<String> names = new HashSet<>();
    for (Section entry : entries) {
      entry.allowOnly(LIST_KEYS);
      String name = entry.requiredString("name");
      if (!names.add(name)) throw entry.error("name", "duplicate user \"" + name + "\"");
      accounts.add(new UserAccount(name, entry.requiredString("password")));
    }
    return accounts;
  }
}
