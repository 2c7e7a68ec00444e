package dev.resilientsession.gateway;

/**
 * The gateway's error codes for API calls (section 7 of the gateway rules), with their HTTP status
 * as WSO2's {@code APIAuthenticationHandler} picks it: 900900 is 500; 900906, 900908 and 900910 are
 * 403; every other security code is 401 with the OAuth2 challenge.
 */
enum ApiFault {
  MISSING_CREDENTIALS(900902, 401, "Missing Credentials"),
  INVALID_CREDENTIALS(900901, 401, "Invalid Credentials"),
  RESOURCE_FORBIDDEN(900910, 403, "The access token does not allow you to access the requested resource"),
  NO_MATCHING_RESOURCE(900906, 403, "No matching resource found in the API for the given request"),
  AUTHENTICATION_BACKEND_DOWN(900900, 500, "Unclassified Authentication Failure"),
  THROTTLED(900800, 429, "Message throttled out");

  private final int code;
  private final int status;
  private final String message;

  ApiFault(int code, int status, String message) {
    this.code = code;
    this.status = status;
    this.message = message;
  }

  /** WSO2's numeric fault code, such as 900901. */
  int code() {
    return code;
  }

  int status() {
    return status;
  }

  String message() {
    return message;
  }
}
