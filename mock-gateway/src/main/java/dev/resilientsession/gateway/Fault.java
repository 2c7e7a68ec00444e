package dev.resilientsession.gateway;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A failure QA injects into the gateway, so clients can prove they back off, recover and keep
 * their session: throttling, an outage, an overloaded key manager, a proxy's HTML page, an empty
 * answer, a dropped connection, or one of the key manager's verdicts on an API call's token.
 *
 * <p>A fault strikes the next request to its target; {@link #times}, {@link #untilCleared} or
 * {@link #during} widen it. An {@code OVERLOADED} fault is no count of requests but a
 * {@link #capacity}, in force until cleared or for a duration. Instances are immutable: every
 * method returns a new fault.
 *
 * <pre>{@code
 * gateway.injectFault(Fault.of(Fault.Target.API, Fault.Kind.THROTTLED).times(3).retryAfter(Duration.ofSeconds(5)));
 * gateway.injectFault(Fault.of(Fault.Target.TOKEN, Fault.Kind.HTML).status(502).during(Duration.ofMinutes(1)));
 * gateway.injectFault(Fault.of(Fault.Target.TOKEN, Fault.Kind.OVERLOADED).capacity(500).during(Duration.ofMinutes(1)));
 * }</pre>
 */
public final class Fault {
  /** Where the fault strikes. */
  public enum Target { API, TOKEN }

  /** What the client sees. */
  public enum Kind {
    /**
     * 429 with {@code Retry-After}: WSO2 code 900800 on an API, {@code temporarily_unavailable}
     * on the token endpoint. API calls are throttled after authentication, as WSO2 does.
     */
    THROTTLED(Stage.AFTER_AUTHENTICATION, true, true),
    /**
     * The key manager is down, with {@code Retry-After}: 500 900900 on an API (WSO2's
     * Unclassified Authentication Failure), 503 {@code temporarily_unavailable} on the token endpoint.
     */
    UNAVAILABLE(Stage.BEFORE_AUTHENTICATION, true, true),
    /** A proxy's maintenance page: {@code text/html}, 503 unless {@link #status} says otherwise. */
    HTML(Stage.BEFORE_AUTHENTICATION, true, false),
    /** No body at all, 502 unless {@link #status} says otherwise. */
    EMPTY(Stage.BEFORE_AUTHENTICATION, true, false),
    /** The connection is closed after the request is read: no response at all. */
    DISCONNECT(Stage.BEFORE_AUTHENTICATION, true, false),
    /**
     * Token endpoint only: an overloaded key manager takes on {@link #capacity} requests a second
     * (a burst of up to one second's worth) and sheds the rest before any grant work, with 503
     * {@code temporarily_unavailable} and {@code Retry-After}, or 429 with {@link #status}. Lasts
     * until cleared unless given a duration.
     */
    OVERLOADED(Stage.BEFORE_AUTHENTICATION, true, true),
    /** API only: 401 900903 Access Token Expired, for a call whose token is otherwise valid. */
    EXPIRED(Stage.AUTHENTICATION, false, false),
    /** API only: 401 900904 Access Token Inactive, for a call whose token is otherwise valid. */
    INACTIVE(Stage.AUTHENTICATION, false, false),
    /** API only: 401 900907 The requested API is temporarily blocked (a blocked subscription). */
    BLOCKED(Stage.AUTHENTICATION, false, false),
    /** API only: 403 900908 Resource forbidden. */
    FORBIDDEN(Stage.AUTHENTICATION, false, false),
    /** API only: 401 900909 The subscription to the API is inactive. */
    SUBSCRIPTION_INACTIVE(Stage.AUTHENTICATION, false, false);

    private final Stage stage;
    private final boolean forTokens;
    private final boolean retriable;

    Kind(Stage stage, boolean forTokens, boolean retriable) {
      this.stage = stage;
      this.forTokens = forTokens;
      this.retriable = retriable;
    }

    /** When an API call meets the fault. */
    Stage stage() {
      return stage;
    }

    /** Whether the fault may strike {@code target}. */
    boolean strikes(Target target) {
      if (this == OVERLOADED) return target == Target.TOKEN;
      return target == Target.API || forTokens;
    }

    /** Whether the response carries {@code Retry-After} (throttled, unavailable and overloaded, by default). */
    boolean retriable() {
      return retriable;
    }

    /** Whether {@link #status} applies. */
    boolean hasStatus() {
      return this == HTML || this == EMPTY || this == OVERLOADED;
    }
  }

  /**
   * When an API call meets a fault of a kind: the backend and the network fail before the token
   * is looked at; the key manager's verdicts need a valid token; throttling comes last.
   */
  enum Stage { BEFORE_AUTHENTICATION, AUTHENTICATION, AFTER_AUTHENTICATION }

  /** {@link #count()} of a fault that lasts until cleared or for a {@link #duration()}. */
  public static final int UNLIMITED = -1;

  private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

  private final Target target;
  private final Kind kind;
  private final int count;
  private final Duration duration;
  private final Duration retryAfter;
  private final int status;
  private final int capacity;

  private Fault(Target target, Kind kind, int count, Duration duration, Duration retryAfter, int status,
      int capacity) {
    this.target = target;
    this.kind = kind;
    this.count = count;
    this.duration = duration;
    this.retryAfter = retryAfter;
    this.status = status;
    this.capacity = capacity;
  }

  /**
   * Strikes the next request to {@code target}; an {@code OVERLOADED} fault is in force until
   * cleared, and needs a {@link #capacity} before it is injected.
   *
   * @throws IllegalArgumentException if {@code kind} cannot strike {@code target}: the key
   *     manager's verdicts ({@code EXPIRED}, {@code INACTIVE}, ...) are for API calls only,
   *     {@code OVERLOADED} for the token endpoint only.
   */
  public static Fault of(Target target, Kind kind) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(kind, "kind");
    if (!kind.strikes(target)) {
      throw new IllegalArgumentException(kind == Kind.OVERLOADED
          ? "overloaded faults strike the token endpoint only, not API calls (throttled throttles an API)"
          : name(kind) + " faults strike API calls only, not the token endpoint");
    }
    int count = kind == Kind.OVERLOADED ? UNLIMITED : 1;
    return new Fault(target, kind, count, null, kind.retriable ? DEFAULT_RETRY_AFTER : null, 0, 0);
  }

  /** Strikes the next {@code count} requests; not for {@code OVERLOADED}, which has a capacity instead. */
  public Fault times(int count) {
    if (kind == Kind.OVERLOADED) {
      throw new IllegalArgumentException("overloaded faults last until cleared or for a duration, not for a count");
    }
    if (count < 1) throw new IllegalArgumentException("count must be positive: " + count);
    return new Fault(target, kind, count, null, retryAfter, status, capacity);
  }

  /** Strikes every request until {@link MockGateway#clearFaults()}. */
  public Fault untilCleared() {
    return new Fault(target, kind, UNLIMITED, null, retryAfter, status, capacity);
  }

  /**
   * Strikes every request for {@code duration} from its injection, on the gateway's clock (so a
   * test clock or {@link MockGateway#advanceClock} ends it without waiting).
   */
  public Fault during(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("duration must be positive: " + duration);
    }
    return new Fault(target, kind, UNLIMITED, duration, retryAfter, status, capacity);
  }

  /** The {@code Retry-After} the response carries, in whole seconds. */
  public Fault retryAfter(Duration retryAfter) {
    Objects.requireNonNull(retryAfter, "retryAfter");
    if (kind == Kind.DISCONNECT || kind.stage == Stage.AUTHENTICATION) {
      throw new IllegalArgumentException("retry_after does not apply to " + name(kind) + " faults");
    }
    if (retryAfter.isNegative()) throw new IllegalArgumentException("retryAfter is negative: " + retryAfter);
    return new Fault(target, kind, count, duration, retryAfter, status, capacity);
  }

  /**
   * No {@code Retry-After} at all: a key manager that is down and says nothing of when it will be
   * back, so clients must pace themselves.
   */
  public Fault withoutRetryAfter() {
    if (!kind.retriable) {
      throw new IllegalArgumentException(name(kind) + " faults carry no Retry-After to leave out");
    }
    return new Fault(target, kind, count, duration, null, status, capacity);
  }

  /**
   * The HTTP status of an {@code HTML} or {@code EMPTY} fault, 200 to 599 (a 1xx is no final
   * answer); of an {@code OVERLOADED} one, 503 (the default) or 429.
   */
  public Fault status(int status) {
    if (!kind.hasStatus()) {
      throw new IllegalArgumentException("status applies to html, empty and overloaded faults only, not " + name(kind));
    }
    if (kind == Kind.OVERLOADED) {
      if (status != 503 && status != 429) {
        throw new IllegalArgumentException("an overloaded token endpoint answers 503 or 429, not " + status);
      }
    } else if (status < 200 || status > 599) {
      throw new IllegalArgumentException("status must be 200 to 599: " + status);
    }
    return new Fault(target, kind, count, duration, retryAfter, status, capacity);
  }

  /**
   * How many token requests a second an {@code OVERLOADED} fault admits, 1 to 1,000,000; it holds
   * one second's worth, so a burst after a quiet spell gets that many through at once.
   */
  public Fault capacity(int requestsPerSecond) {
    if (kind != Kind.OVERLOADED) {
      throw new IllegalArgumentException("capacity applies to overloaded faults only, not " + name(kind));
    }
    if (requestsPerSecond < 1 || requestsPerSecond > TokenCapacity.MAX_PER_SECOND) {
      throw new IllegalArgumentException("capacity must be 1 to " + TokenCapacity.MAX_PER_SECOND
          + " requests per second: " + requestsPerSecond);
    }
    return new Fault(target, kind, count, duration, retryAfter, status, requestsPerSecond);
  }

  public Target target() {
    return target;
  }

  public Kind kind() {
    return kind;
  }

  /** How many more requests it strikes, or {@link #UNLIMITED}. */
  public int count() {
    return count;
  }

  /** How long it strikes, or null when it is counted or lasts until cleared. */
  public Duration duration() {
    return duration;
  }

  /** The {@code Retry-After} of the response, or null when it carries none. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** Token requests admitted a second by an {@code OVERLOADED} fault; 0 for other kinds, or none given yet. */
  public int capacity() {
    return capacity;
  }

  /** The HTTP status of the response, or 0 when there is none ({@code DISCONNECT}). */
  public int status() {
    if (status != 0) return status;
    switch (kind) {
      case THROTTLED: return 429;
      case UNAVAILABLE: return target == Target.API ? ApiFault.AUTHENTICATION_BACKEND_DOWN.status() : 503;
      case OVERLOADED:
      case HTML: return 503;
      case EMPTY: return 502;
      case DISCONNECT: return 0;
      default: return ApiFault.of(kind).status();
    }
  }

  /** This fault with {@code duration} left, for listing a fault part-way through its window. */
  Fault remaining(Duration left) {
    return new Fault(target, kind, UNLIMITED, left, retryAfter, status, capacity);
  }

  static String name(Kind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  @Override public String toString() {
    String span = duration != null ? "duration=" + duration
        : "count=" + (count == UNLIMITED ? "unlimited" : count);
    return "Fault{" + target + " " + kind + ", " + span
        + (retryAfter != null ? ", retryAfter=" + retryAfter.getSeconds() + "s" : "")
        + (status != 0 ? ", status=" + status : "")
        + (capacity != 0 ? ", capacity=" + capacity + "/s" : "") + "}";
  }
}
