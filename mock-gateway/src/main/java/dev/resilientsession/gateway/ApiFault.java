package dev.resilientsession.gateway;

/** The gateway's error codes for API calls (section 7 of the gateway rules), with their HTTP status. */
enum ApiFault {
  MISSING_CREDENTIALS(900902, 401, "Missing Credentials"),
  INVALID_CREDENTIALS(900901, 401, "Invalid Credentials"),
  RESOURCE_FORBIDDEN(900910, 403, "The access token does not allow you to access the requested resource"),
  NO_MATCHING_RESOURCE(900906, 404, "No matching resource found in the API for the given request"),
  AUTHENTICATION_BACKEND_DOWN(900900, 503, "Unclassified Authentication Failure"),
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
