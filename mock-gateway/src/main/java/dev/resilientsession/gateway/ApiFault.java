package dev.resilientsession.gateway;

/**
 * The gateway's error codes for API calls (section 7 of docs/gateway-behaviour.md), with their HTTP status
 * as WSO2's {@code APIAuthenticationHandler} picks it: 900900 is 500; 900906, 900908 and 900910 are
 * 403; every other security code is 401 with the OAuth2 challenge.
 */
enum ApiFault {
  MISSING_CREDENTIALS(900902, 401, "Missing Credentials"),
  INVALID_CREDENTIALS(900901, 401, "Invalid Credentials"),
  RESOURCE_FORBIDDEN(900910, 403, "The access token does not allow you to access the requested resource"),
  NO_MATCHING_RESOURCE(900906, 403, "No matching resource found in the API for the given request"),
  AUTHENTICATION_BACKEND_DOWN(900900, 500, "Unclassified Authentication Failure"),
  ACCESS_TOKEN_EXPIRED(900903, 401, "Access Token Expired"),
  ACCESS_TOKEN_INACTIVE(900904, 401, "Access Token Inactive"),
  API_BLOCKED(900907, 401, "The requested API is temporarily blocked"),
  /** WSO2's message ends with a space. */
  AUTH_FORBIDDEN(900908, 403, "Resource forbidden "),
  SUBSCRIPTION_INACTIVE(900909, 401, "The subscription to the API is inactive"),
  THROTTLED(900800, 429, "Message throttled out");

  private final int code;
  private final int status;
  private final String message;

  ApiFault(int code, int status, String message) {
    this.code = code;
    this.status = status;
    this.message = message;
  }

  /** The fault an injected fault of {@code kind} answers an API call with; null for the kinds with no WSO2 code. */
  static ApiFault of(Fault.Kind kind) {
    switch (kind) {
      case THROTTLED: return THROTTLED;
      case UNAVAILABLE: return AUTHENTICATION_BACKEND_DOWN;
      case EXPIRED: return ACCESS_TOKEN_EXPIRED;
      case INACTIVE: return ACCESS_TOKEN_INACTIVE;
      case BLOCKED: return API_BLOCKED;
      case FORBIDDEN: return AUTH_FORBIDDEN;
      case SUBSCRIPTION_INACTIVE: return SUBSCRIPTION_INACTIVE;
      default: return null;
    }
  }

  /** The fault body's description for an injected fault, after WSO2's own wording. */
  String injectedDescription(String path) {
    switch (this) {
      case THROTTLED: return "You have exceeded your quota";
      case AUTHENTICATION_BACKEND_DOWN: return "Error while accessing backend services for API key validation";
      case ACCESS_TOKEN_EXPIRED: return "Access token expired. Renew the access token and try again";
      case ACCESS_TOKEN_INACTIVE: return "Access token inactive. Generate a new access token and try again";
      default: return "Access failure for API: " + path + " status: (" + code + ") - " + message.trim();
    }
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
