package dev.resilientsession.lab.fleet;

import dev.resilientsession.lab.scenario.Event;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What each kind of scenario event does to the devices or the gateway. Each event answers a future
 * that completes when it has finished: when its devices have signed in, or their calls returned.
 */
final class Actions {
  private final Fleet fleet;
  private final GatewayAdmin admin;
  private final ExecutorService work;
  private final ScheduledExecutorService timer;

  Actions(Fleet fleet, GatewayAdmin admin, ExecutorService work, ScheduledExecutorService timer) {
    this.fleet = fleet;
    this.admin = admin;
    this.work = work;
    this.timer = timer;
  }

  CompletableFuture<?> play(Event event) {
    switch (event.kind()) {
      case SIGN_IN:
        return signIn(fleet.devices(event));
      case SIGN_OUT:
        return eachDevice(fleet.devices(event), SimulatedDevice::signOut);
      case CALL:
        return calls(fleet.devices(event), Math.max(1, event.count()), false);
      case BURST:
        return calls(fleet.devices(event), Math.max(1, event.count()), true);
      case OFFLINE:
        return offline(fleet.devices(event), event);
      case NOTE:
        fleet.observer().onNote("note", event.text());
        return done();
      default:
        return CompletableFuture.runAsync(() -> gateway(event), work);
    }
  }

  /** "sign_out: 500 devices (group phone)", for the chart's marks and the narration. */
  String describe(Event event) {
    switch (event.kind()) {
      case NOTE:
        return event.text();
      case ADVANCE_CLOCK:
        return "advance_clock by " + human(event.duration());
      case TOKEN_FAULT:
      case API_FAULT:
        return event.kind().toml() + " " + event.fault()
            + (event.capacity() != null ? " at " + event.capacity() + " requests/s" : "")
            + (event.duration() != null ? " for " + human(event.duration())
                : event.count() == 0 ? " until the end" : " for " + event.count() + " responses")
            + (event.status() != null ? ", HTTP " + event.status() : "")
            + (event.retryAfter() != null ? ", Retry-After " + event.retryAfter().toSeconds() + " s" : "")
            + (event.noRetryAfter() ? ", no Retry-After" : "");
      case SHOW_TOKENS:
        return "show_tokens";
      case CHANGE_PASSWORD:
      case REVOKE_USER:
        return event.kind().toml() + ": " + who(event.who().firstUsers(), event.who().users());
      case OFFLINE:
        return "offline for " + human(event.duration()) + ": " + fleet.devices(event).size() + " devices ("
            + event.who().describe() + ")";
      default:
        int devices = fleet.devices(event).size();
        return event.kind().toml() + (event.count() > 1 ? " x" + event.count() : "") + ": "
            + devices + " device" + (devices == 1 ? "" : "s") + " (" + event.who().describe() + ")";
    }
  }

  /** Signs the devices in with their user's current password, in parallel. */
  CompletableFuture<?> signIn(List<SimulatedDevice> devices) {
    return eachDevice(devices, device -> device.signIn(fleet.password(device.user).toCharArray()));
  }

  private CompletableFuture<?> eachDevice(List<SimulatedDevice> devices, Consumer<SimulatedDevice> action) {
    List<CompletableFuture<Void>> all = new ArrayList<>();
    for (SimulatedDevice device : devices) all.add(CompletableFuture.runAsync(() -> action.accept(device), work));
    return CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0]));
  }

  /** Each device's calls: one after another, or all at once for a burst. Signed-out devices do not call. */
  private CompletableFuture<?> calls(List<SimulatedDevice> devices, int count, boolean atOnce) {
    List<CompletableFuture<?>> all = new ArrayList<>();
    for (SimulatedDevice device : devices) {
      if (!device.isSignedIn()) {
        device.log.callSkipped(true);
        continue;
      }
      if (atOnce) {
        for (int i = 0; i < count; i++) all.add(device.call());
      } else {
        CompletableFuture<?> chain = device.call();
        for (int i = 1; i < count; i++) chain = chain.thenCompose(ignored -> device.call());
        all.add(chain);
      }
    }
    return CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0]));
  }

  private CompletableFuture<?> offline(List<SimulatedDevice> devices, Event event) {
    for (SimulatedDevice device : devices) device.network(false);
    timer.schedule(() -> {
      for (SimulatedDevice device : devices) device.network(true);
    }, event.duration().toMillis(), TimeUnit.MILLISECONDS);
    return done();
  }

  /** Events played through the gateway's /admin controls; gateway-wide ones on shard 0 only. */
  private void gateway(Event event) {
    try {
      switch (event.kind()) {
        case CHANGE_PASSWORD:
          for (int position : fleet.userPositions(event)) {
            String user = fleet.scenario().users().get(position).name();
            String password = (event.text() == null ? "{name}-new" : event.text())
                .replace("{n}", Integer.toString(position + 1)).replace("{name}", user);
            admin.changePassword(user, password);
            fleet.passwordChanged(user, password);
          }
          break;
        case REVOKE_USER:
          for (int position : fleet.userPositions(event)) admin.revokeUser(fleet.scenario().users().get(position).name());
          break;
        case ADVANCE_CLOCK:
          if (fleet.shard().playsGatewayEvents()) admin.advanceClock(event.duration());
          break;
        case TOKEN_FAULT:
        case API_FAULT:
          if (fleet.shard().playsGatewayEvents()) {
            admin.injectFault(event.kind() == Event.Kind.TOKEN_FAULT ? "token" : "api", event);
          }
          break;
        case SHOW_TOKENS:
          List<String> tokens = admin.activeTokens();
          fleet.observer().onNote("gateway", tokens.size() + " active token" + (tokens.size() == 1 ? "" : "s")
              + (tokens.isEmpty() ? "" : ": " + String.join(", ", tokens)));
          break;
        default:
          throw new IllegalStateException("not a gateway event: " + event.kind());
      }
    } catch (IOException e) {
      fleet.observer().onNote("lab", "line " + event.line() + ": " + event.kind().toml() + " failed: " + e.getMessage());
    }
  }

  private static CompletableFuture<?> done() {
    return CompletableFuture.completedFuture(null);
  }

  private static String who(Integer first, List<String> users) {
    if (first != null) return "the first " + first + " users";
    if (users.isEmpty()) return "every user";
    return users.size() <= 5 ? String.join(", ", users) : users.size() + " users";
  }

  private static String human(Duration duration) {
    if (duration == null) return "";
    long millis = duration.toMillis();
    if (millis % 3_600_000 == 0) return millis / 3_600_000 + " h";
    if (millis % 60_000 == 0) return millis / 60_000 + " min";
    if (millis % 1000 == 0) return millis / 1000 + " s";
    return millis + " ms";
  }
}
