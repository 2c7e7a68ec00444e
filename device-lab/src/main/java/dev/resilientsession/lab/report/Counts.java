package dev.resilientsession.lab.report;

/**
 * What a device, a group or a fleet did, in the terms a QA summary uses.
 *
 * @param calls user calls made (bursts included)
 * @param failedCalls user calls that failed while the device was online: the user saw an error
 * @param offlineCalls calls made while the device was offline, which fail by design
 * @param unauthorized calls that met a 401 from the gateway (before any silent recovery)
 * @param recoveries tokens the session obtained on its own: refreshes and password replays
 * @param passwordReplays recoveries by replaying the password grant
 * @param displacements times the gateway refused a token that had not expired (revoked or replaced)
 * @param tokenRequests requests to the token endpoint, sign-ins included: those sent, and those that
 *     could not connect
 * @param rejectedTokenRequests token requests the endpoint answered 429 or 5xx: refused for load, or down
 * @param unansweredTokenRequests token requests that got no answer: no connection, a dropped one, a timeout
 * @param signIns sign-ins that succeeded, with the password or in the browser
 * @param signInFailures sign-ins that failed
 * @param signOuts sign-outs
 * @param prompts sessions lost, and browser sign-ins refused or left: the app would show its sign-in screen
 */
public record Counts(long calls, long failedCalls, long offlineCalls, long unauthorized, long recoveries,
    long passwordReplays, long displacements, long tokenRequests, long rejectedTokenRequests,
    long unansweredTokenRequests, long signIns, long signInFailures, long signOuts, long prompts) {
  public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  public Counts plus(Counts other) {
    return new Counts(calls + other.calls, failedCalls + other.failedCalls, offlineCalls + other.offlineCalls,
        unauthorized + other.unauthorized, recoveries + other.recoveries, passwordReplays + other.passwordReplays,
        displacements + other.displacements, tokenRequests + other.tokenRequests,
        rejectedTokenRequests + other.rejectedTokenRequests, unansweredTokenRequests + other.unansweredTokenRequests,
        signIns + other.signIns, signInFailures + other.signInFailures, signOuts + other.signOuts,
        prompts + other.prompts);
  }

  /**
   * Token requests spent on recoveries, per recovery: requests that were not a sign-in, divided by
   * the recoveries they bought. 0 when nothing recovered.
   */
  public double tokenRequestsPerRecovery() {
    if (recoveries == 0) return 0;
    long forRecoveries = tokenRequests - signIns - signInFailures;
    return Math.max(0, forRecoveries) / (double) recoveries;
  }
}
