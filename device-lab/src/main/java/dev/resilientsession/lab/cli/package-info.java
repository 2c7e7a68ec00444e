/** {@code ./lab}: the command line QA runs, its progress line and its console summary. */
@NullMarked
package dev.resilientsession.lab.cli;

import org.jspecify.annotations.NullMarked;
