package dev.resilientsession.lab.fleet;

import java.io.IOException;

/**
 * The gateway's {@code /admin} controls, which the scenario's events need, refused the lab for
 * want of the gateway's admin token, or for a wrong one: give it with {@link
 * Target#withAdminToken}. Thrown before any device starts.
 */
public final class AdminTokenException extends IOException {
  AdminTokenException(String message) {
    super(message);
  }
}
