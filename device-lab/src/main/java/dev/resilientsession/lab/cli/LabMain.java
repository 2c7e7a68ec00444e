package dev.resilientsession.lab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./lab}: QA's fleet of simulated devices, each a real SDK session, driven by scenario files. */
@Command(
    name = "lab",
    mixinStandardHelpOptions = true,
    version = "device-lab 0.1.0",
    usageHelpWidth = 110,
    subcommands = {RunCommand.class, CheckCommand.class, MergeCommand.class, CommandLine.HelpCommand.class},
    description = {
        "Plays a fleet of simulated devices against an OAuth2 server: users, their phones, tablets and",
        "desktops, each running the real Resilient Session SDK; sign-outs, password changes, outages and",
        "offline spells on a timeline; expectations checked at the end; an HTML, JSON and JUnit report.",
        "The server is a mock gateway started for the run, or a running one: --gateway URL for one origin,",
        "--token-url and --api-url for any other (a WSO2 whose key manager and gateway listen apart, Keycloak).",
        "",
        "Exit status: 0 every expectation met, every device signed in and every group made its calls;",
        "1 otherwise (lab check: something does not work); 2 the command could not start (a bad scenario",
        "file or option, an unreachable server, /admin events against a real server or against a mock",
        "gateway that wants its admin token).",
        ""},
    footer = {"", "Scenario format: docs/scenario-format.md. Examples: scenarios/*.toml."})
public final class LabMain {
  static final int MET = 0;
  static final int NOT_MET = 1;
  static final int CANNOT_RUN = 2;

  private LabMain() {
  }

  public static CommandLine commandLine() {
    return new CommandLine(LabMain.class); // picocli's exit code for a bad option is 2, as CANNOT_RUN
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
