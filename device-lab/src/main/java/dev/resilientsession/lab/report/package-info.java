/**
 * What a run leaves behind: {@link dev.resilientsession.lab.report.RunResults} and the files made
 * from it alone (results.json, junit.xml, report.html), shard merging, and the one definition of
 * each expectation metric.
 */
@NullMarked
package dev.resilientsession.lab.report;

import org.jspecify.annotations.NullMarked;
