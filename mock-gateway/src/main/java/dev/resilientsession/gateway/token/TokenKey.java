package dev.resilientsession.gateway.token;

/**
 * What WSO2 allows one ACTIVE token for: consumer key, user, the granted scope set (sorted and
 * space-joined) and the token binding.
 */
record TokenKey(String clientId, String user, String scopes, String binding) {
  static final String NO_BINDING = "NONE";
}
