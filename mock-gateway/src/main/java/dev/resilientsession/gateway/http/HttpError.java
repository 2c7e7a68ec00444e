package dev.resilientsession.gateway.http;

/**
 * A request the server refuses to hand to its handler, with the status to answer it with. The
 * message goes to the client as the body, so it names what was wrong and never echoes a value.
 */
final class HttpError extends Exception {
  final int status;

  HttpError(int status, String message) {
    // No stack trace: clients trigger these at will, and the trace would say nothing.
    super(message, null, false, false);
    this.status = status;
  }
}
