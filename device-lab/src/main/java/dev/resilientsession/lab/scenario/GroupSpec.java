package dev.resilientsession.lab.scenario;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A kind of device every user has, {@code devicesPerUser} of them: a phone, a tablet, a desktop.
 *
 * @param callPath the API path the devices call, such as {@code /orders}
 * @param callEvery how often each device calls on its own, or null for calls only when an event says so
 * @param signInAtStart whether the devices sign in before the timeline starts
 * @param line where the group is declared in the scenario file
 */
public record GroupSpec(
    String name,
    int devicesPerUser,
    String application,
    boolean deviceScope,
    boolean passwordReplay,
    String callPath,
    @Nullable Duration callEvery,
    boolean signInAtStart,
    int line) {
}
