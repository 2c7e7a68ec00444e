package dev.resilientsession.sample.desktop;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Reports a command's failure as one line, {@code name: message}, and exit status 2, not a stack trace. */
final class OneLineErrors implements IExecutionExceptionHandler {
  private final String name;

  OneLineErrors(String name) {
    this.name = name;
  }

  @Override public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
    commandLine.getErr().println(name + ": " + e.getMessage());
    return 2;
  }
}
