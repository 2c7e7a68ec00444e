package dev.resilientsession.gateway.token;

import java.nio.file.Path;

/** A data directory the gateway cannot use: not a directory, unreadable, corrupt, or in use. */
public final class DataDirException extends RuntimeException {
  private final Path directory;

  DataDirException(Path directory, String reason, Throwable cause) {
    super("data dir " + directory + ": " + reason, cause);
    this.directory = directory;
  }

  public Path directory() {
    return directory;
  }
}
