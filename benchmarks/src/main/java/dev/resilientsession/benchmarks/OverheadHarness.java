package dev.resilientsession.benchmarks;

import java.io.File;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link InterceptorOverheadBenchmark} and prints one line: the interceptor's own cost per
 * call (session chain minus bare chain) against the 2 us target, with the loopback HTTP calls for
 * context.
 */
public final class OverheadHarness {
  private static final double TARGET_NS = 2_000;

  public static void main(String[] args) throws Exception {
    // JMH's progress goes to a log file, so stdout holds only the result line.
    File log = File.createTempFile("overhead-jmh", ".log");
    System.err.println("[bench] JMH output: " + log);
    Options options = new OptionsBuilder()
        .include(InterceptorOverheadBenchmark.class.getSimpleName())
        .shouldFailOnError(true)
        .output(log.getPath())
        .build();
    Collection<RunResult> results = new Runner(options).run();
    Map<String, double[]> scores = new HashMap<>();
    for (RunResult result : results) {
      String name = result.getParams().getBenchmark();
      name = name.substring(name.lastIndexOf('.') + 1);
      scores.put(name, new double[] {
          result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreError()});
    }
    double chainBare = scores.get("chainBare")[0];
    double chainSession = scores.get("chainWithSession")[0];
    double overhead = chainSession - chainBare;
    double httpBare = scores.get("httpBare")[0];
    double httpSession = scores.get("httpWithSession")[0];
    boolean pass = overhead < TARGET_NS;
    System.out.printf("overhead interceptor_ns=%.0f error_ns=%.0f chain_bare_ns=%.0f chain_session_ns=%.0f "
            + "http_bare_us=%.1f http_session_us=%.1f http_difference_us=%.1f target_lt_ns=%.0f pass=%s%n",
        overhead, scores.get("chainWithSession")[1] + scores.get("chainBare")[1], chainBare, chainSession,
        httpBare / 1000, httpSession / 1000, (httpSession - httpBare) / 1000, TARGET_NS, pass);
    System.exit(pass ? 0 : 1);
  }
}
