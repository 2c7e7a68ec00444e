package dev.resilientsession.gateway.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/** A user of the gateway's user store: a name, a password, and the scopes the user may be granted. */
public final class User {
  private final String username;
  /** The configured password; null once it was changed at run time. */
  private final String password;
  /** A password changed at run time, kept only as a salted hash; null until then. */
  private final PasswordHash changedPassword;
  private final Set<String> scopes;

  private User(String username, String password, Set<String> scopes) {
    if (username == null || username.isBlank()) throw new IllegalArgumentException("username is blank");
    if (password == null || password.isEmpty()) throw new IllegalArgumentException("password is empty");
    this.username = username;
    this.password = password;
    this.changedPassword = null;
    this.scopes = Collections.unmodifiableSet(new TreeSet<>(scopes));
  }

  private User(User user, PasswordHash changedPassword) {
    this.username = user.username;
    this.password = null;
    this.changedPassword = changedPassword;
    this.scopes = user.scopes;
  }

  public static User of(String username, String password, Set<String> scopes) {
    return new User(username, password, scopes);
  }

  public static User of(String username, String password, String... scopes) {
    return new User(username, password, Set.of(scopes));
  }

  public String username() {
    return username;
  }

  public boolean passwordMatches(String candidate) {
    if (changedPassword != null) return changedPassword.matches(candidate);
    return candidate != null && MessageDigest.isEqual(
        password.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
  }

  /** A copy of this user whose password is the one {@code hash} was made from. */
  User withPasswordHash(PasswordHash hash) {
    return new User(this, hash);
  }

  /** The scopes this user may be granted; others are dropped from a token request. */
  public Set<String> scopes() {
    return scopes;
  }

  @Override public String toString() {
    return "User{username=" + username + ", scopes=" + scopes + "}";
  }
}
