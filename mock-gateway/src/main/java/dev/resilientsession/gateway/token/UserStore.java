package dev.resilientsession.gateway.token;

import dev.resilientsession.gateway.AccountLockout;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's users: their passwords (changed at run time as on WSO2) and, when account locking is
 * on, their failed sign-ins. Only configured users are tracked, so unknown names cost no memory.
 */
final class UserStore {
  private final List<User> configured;
  private final AccountLockout lockout;
  private final TokenJournal journal;
  private final Map<String, User> users = new ConcurrentHashMap<>();
  private final Map<String, Failures> failures = new ConcurrentHashMap<>();

  UserStore(List<User> configured, AccountLockout lockout, TokenJournal journal) {
    this.configured = configured;
    this.lockout = lockout;
    this.journal = journal;
    reset();
  }

  /** Applies password changes a database kept, as {@link PasswordHash#encoded()}; unknown users are skipped. */
  void load(Map<String, String> changedPasswords) {
    changedPasswords.forEach((username, hash) ->
        users.computeIfPresent(username, (name, user) -> user.withPasswordHash(PasswordHash.parse(hash))));
  }

  User get(String username) {
    return username == null ? null : users.get(username);
  }

  /**
   * The user whose password {@code password} is, or the OAuth error WSO2 answers: a wrong password,
   * or a locked account (even with the right password). Returns a {@link SignIn} that says whether
   * this failure just locked the account, since WSO2 then revokes the user's tokens.
   */
  SignIn signIn(String username, String password, Instant now) {
    User user = get(username);
    if (user == null) throw wrongPassword(username);
    checkNotLocked(username, now);
    if (user.passwordMatches(password)) {
      failures.remove(username);
      return new SignIn(user, false);
    }
    if (!lockout.isEnabled()) throw wrongPassword(username);
    Failures after = failures.merge(username, new Failures(1, null),
        (previous, one) -> previous.lockedUntil != null ? one : new Failures(previous.count + 1, null));
    if (after.count < lockout.maxFailedAttempts()) throw wrongPassword(username);
    failures.put(username, new Failures(0, now.plus(lockout.duration())));
    return new SignIn(user, true);
  }

  /** Throws WSO2's locked-account error while {@code username} is locked. */
  void checkNotLocked(String username, Instant now) {
    if (isLocked(username, now)) throw locked(username);
  }

  /** True while {@code username} is locked; forgets a lock that has run out. */
  boolean isLocked(String username, Instant now) {
    Failures current = failures.get(username);
    if (current == null || current.lockedUntil == null) return false;
    if (now.isBefore(current.lockedUntil)) return true;
    failures.remove(username, current);
    return false;
  }

  /** Changes a password, keeping only a salted hash of it; false when there is no such user. */
  boolean changePassword(String username, String newPassword) {
    PasswordHash hash = PasswordHash.of(newPassword);
    boolean changed = users.computeIfPresent(username, (name, user) -> {
      journal.passwordChanged(name, hash.encoded()); // inside the entry's lock: changes reach it in order
      return user.withPasswordHash(hash);
    }) != null;
    if (changed) failures.remove(username);
    return changed;
  }

  /** Back to the configured users and passwords, nobody locked. */
  void reset() {
    users.clear();
    failures.clear();
    for (User user : configured) users.put(user.username(), user);
  }

  static OAuthException wrongPassword(String username) {
    return new OAuthException(OAuthError.INVALID_GRANT, "Authentication failed for " + username);
  }

  static OAuthException locked(String username) {
    return new OAuthException(OAuthError.INVALID_GRANT, "17003 User account is locked for user : " + username
        + ". cannot login until the account is unlocked");
  }

  /** The outcome of a sign-in that did not fail outright. */
  static final class SignIn {
    final User user;
    /** True when this attempt was the last failure allowed: the account is now locked. */
    final boolean lockedNow;

    SignIn(User user, boolean lockedNow) {
      this.user = user;
      this.lockedNow = lockedNow;
    }
  }

  private static final class Failures {
    final int count;
    final Instant lockedUntil;

    Failures(int count, Instant lockedUntil) {
      this.count = count;
      this.lockedUntil = lockedUntil;
    }
  }
}
