/**
 * The engine: a fleet of simulated devices, each a real SDK session, played against a server on a
 * scenario's timeline. {@link dev.resilientsession.lab.fleet.Fleet} is the entry point, {@link
 * dev.resilientsession.lab.fleet.Target} the server it plays against, and {@link
 * dev.resilientsession.lab.fleet.TargetCheck} the quick look before a run; the devices, their logs
 * and the gateway's /admin client are package-private.
 */
@NullMarked
package dev.resilientsession.lab.fleet;

import org.jspecify.annotations.NullMarked;
