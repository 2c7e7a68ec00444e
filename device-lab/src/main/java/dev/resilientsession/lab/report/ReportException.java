package dev.resilientsession.lab.report;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Results the report cannot use, said as "file: what is wrong": a malformed or foreign
 * {@code results.json}, or shards that do not add up to one run.
 */
public final class ReportException extends IOException {
  public ReportException(String message) {
    super(message);
  }

  public ReportException(Path file, String problem) {
    super(file + ": " + problem);
  }
}
