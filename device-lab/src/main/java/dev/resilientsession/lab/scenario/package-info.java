/**
 * Scenario files: their format ({@code docs/scenario-format.md}), the parser that checks every key
 * before a run, and the immutable model the fleet plays.
 */
@NullMarked
package dev.resilientsession.lab.scenario;

import org.jspecify.annotations.NullMarked;
