package dev.resilientsession.lab.fleet;

/**
 * Where a run stands, for a progress line: elapsed of total seconds and the fleet's counts so far.
 */
public record LabProgress(double elapsedSeconds, double totalSeconds, int devices, int signedIn, long calls,
    long unauthorized, long recoveries, long prompts, long failures) {
}
