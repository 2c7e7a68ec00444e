package dev.resilientsession.lab.scenario;

import dev.resilientsession.gateway.Fault;
import dev.resilientsession.lab.scenario.Event.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A {@code token_fault} or {@code api_fault} event, checked by building the mock gateway's own
 * {@link Fault} from it, so the file is refused for what the gateway would refuse.
 */
final class FaultReader {
  private FaultReader() {
  }

  static Event read(Section event, Kind kind, @Nullable String name, @Nullable Duration at) throws ScenarioException {
    Fault.Target target = kind == Kind.TOKEN_FAULT ? Fault.Target.TOKEN : Fault.Target.API;
    String faultName = event.requiredString("fault");
    Fault fault;
    try {
      fault = Fault.of(target, faultKind(event, faultName, target));
    } catch (IllegalArgumentException e) {
      throw event.error("fault", e.getMessage() + (target == Fault.Target.TOKEN ? "; use api_fault"
          : "; use token_fault"));
    }
    Duration span = event.positiveDuration("for");
    if (span != null && event.has("count")) throw event.error("for", "give count or for, not both");
    // A fault that is no count of responses (overloaded) lasts to the end of the run unless given a for: count 0.
    boolean counted = fault.count() != Fault.UNLIMITED;
    int count = span != null || (!counted && !event.has("count")) ? 0
        : event.integer("count", 1, EventsReader.MAX_COUNT, 1);
    if (count > 0) fault = change(event, "count", fault, it -> it.times(count));
    boolean noRetryAfter = event.hasString("retry_after") && "none".equals(event.string("retry_after"));
    if (noRetryAfter) fault = change(event, "retry_after", fault, Fault::withoutRetryAfter);
    Duration retryAfter = noRetryAfter ? null : event.duration("retry_after");
    if (retryAfter != null) {
      if (retryAfter.toMillis() % 1000 != 0) throw event.error("retry_after", "must be whole seconds, as Retry-After is");
      fault = change(event, "retry_after", fault, it -> it.retryAfter(retryAfter));
    }
    Integer status = event.has("status") ? event.integer("status", 200, 599, 0) : null;
    if (status != null) fault = change(event, "status", fault, it -> it.status(status));
    Integer capacity = event.has("capacity")
        ? event.integer("capacity", Integer.MIN_VALUE, Integer.MAX_VALUE, 0) : null;
    if (capacity != null) fault = change(event, "capacity", fault, it -> it.capacity(capacity));
    if (fault.kind() == Fault.Kind.OVERLOADED && capacity == null) {
      throw event.error("capacity", "required for overloaded: the token requests a second the endpoint admits");
    }
    return new Event(name, at, kind, Selection.EVERYONE, span, count, faultName, status, retryAfter, noRetryAfter,
        capacity, null, event.line());
  }

  /** {@code fault} changed as the file says, or the gateway's refusal of it as an error about {@code key}. */
  private static Fault change(Section event, String key, Fault fault, UnaryOperator<Fault> change)
      throws ScenarioException {
    try {
      return change.apply(fault);
    } catch (IllegalArgumentException e) {
      throw event.error(key, e.getMessage());
    }
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
        // a fault of the other target only: a key manager's verdicts strike API calls, an overload the token endpoint
      }
    }
    return names;
  }

  private static String toml(Fault.Kind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }
}
