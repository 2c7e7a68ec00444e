package dev.resilientsession.lab.scenario;

import dev.resilientsession.gateway.Fault;
import dev.resilientsession.lab.scenario.Event.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A {@code token_fault} or {@code api_fault} event, checked by building the mock gateway's own
 * {@link Fault} from it, so the file is refused for what the gateway would refuse.
 */
final class FaultReader {
  private FaultReader() {
  }

  static Event read(Section event, Kind kind, @Nullable Duration at) throws ScenarioException {
    Fault.Target target = kind == Kind.TOKEN_FAULT ? Fault.Target.TOKEN : Fault.Target.API;
    String name = event.requiredString("fault");
    Fault fault;
    try {
      fault = Fault.of(target, faultKind(event, name, target));
    } catch (IllegalArgumentException e) {
      throw event.error("fault", e.getMessage() + "; use api_fault");
    }
    Duration span = event.positiveDuration("for");
    if (span != null && event.has("count")) throw event.error("for", "give count or for, not both");
    int count = span != null ? 0 : event.integer("count", 1, EventsReader.MAX_COUNT, 1);
    Duration retryAfter = event.duration("retry_after");
    if (retryAfter != null) {
      if (retryAfter.toMillis() % 1000 != 0) throw event.error("retry_after", "must be whole seconds, as Retry-After is");
      try {
        fault.retryAfter(retryAfter);
      } catch (IllegalArgumentException e) {
        throw event.error("retry_after", e.getMessage());
      }
    }
    Integer status = event.has("status") ? event.integer("status", 200, 599, 0) : null;
    if (status != null) {
      try {
        fault.status(status);
      } catch (IllegalArgumentException e) {
        throw event.error("status", e.getMessage());
      }
    }
    return new Event(at, kind, Selection.EVERYONE, span, count, name, status, retryAfter, null, event.line());
  }

  private static Fault.Kind faultKind(Section event, String name, Fault.Target target) throws ScenarioException {
    for (Fault.Kind kind : Fault.Kind.values()) {
      if (toml(kind).equals(name)) return kind;
    }
    throw event.error("fault", "unknown fault \"" + name + "\" (known: " + String.join(", ", known(target)) + ")");
  }

  private static List<String> known(Fault.Target target) {
    List<String> names = new ArrayList<>();
    for (Fault.Kind kind : Fault.Kind.values()) {
      try {
        Fault.of(target, kind);
        names.add(toml(kind));
      } catch (IllegalArgumentException e) {
        // a key manager's verdict: API calls only
      }
    }
    return names;
  }

  private static String toml(Fault.Kind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }
}
