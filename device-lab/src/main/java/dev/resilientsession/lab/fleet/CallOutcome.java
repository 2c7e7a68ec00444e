package dev.resilientsession.lab.fleet;

/**
 * How one user call ended, as the app saw it.
 *
 * @param status the HTTP status, or 0 when there was no answer (offline, cancelled, a network error)
 * @param detail "HTTP 404", "offline", or the network error
 * @param sawUnauthorized whether a 401 came first, which the session then tried to recover from
 */
record CallOutcome(int status, String detail, boolean sawUnauthorized) {
  boolean succeeded() {
    return status >= 200 && status < 300;
  }
}
