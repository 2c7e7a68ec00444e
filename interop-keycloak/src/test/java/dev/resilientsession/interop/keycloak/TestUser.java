package dev.resilientsession.interop.keycloak;

/** A user of the test realm, made for one test by {@link KeycloakAdmin#createUser()}. Printed without the password. */
record TestUser(String id, String username, String password) {
  TestUser withPassword(String newPassword) {
    return new TestUser(id, username, newPassword);
  }

  char[] passwordChars() {
    return password.toCharArray();
  }

  @Override public String toString() {
    return "TestUser{" + username + "}";
  }
}
