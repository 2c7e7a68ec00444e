package dev.resilientsession.lab.scenario;

/** One simulated user and the password the devices sign in with. {@code toString} hides it. */
public record UserAccount(String name, String password) {
  @Override public String toString() {
    return "UserAccount{" + name + "}";
  }
}
