package dev.resilientsession.benchmarks;

import com.google.api.client.http.HttpRequestFactory;
import com.google.auth.oauth2.UserCredentials;
import dev.resilientsession.client.DeviceIdentity;
import dev.resilientsession.client.InMemoryTokenStore;
import dev.resilientsession.client.ResilientSession;
import dev.resilientsession.client.StoredTokens;
import dev.resilientsession.gateway.Fault;
import dev.resilientsession.gateway.MockGateway;
import dev.resilientsession.gateway.server.MockGatewayServer;
import dev.resilientsession.lab.fleet.EventWatch;
import dev.resilientsession.lab.report.Counts;
import dev.resilientsession.lab.report.Latency;
import dev.resilientsession.lab.report.RunResults.DeviceResult;
import dev.resilientsession.lab.report.RunResults.EventHit;
import dev.resilientsession.lab.report.RunResults.EventMark;
import dev.resilientsession.lab.scenario.ApplicationSpec;
import dev.resilientsession.lab.scenario.Event;
import dev.resilientsession.lab.scenario.GroupSpec;
import dev.resilientsession.lab.scenario.Scenario;
import dev.resilientsession.lab.scenario.Selection;
import dev.resilientsession.lab.scenario.UserAccount;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * The google-auth peer's fleet: plays a device-lab scenario's timeline (its users, groups, calls
 * and gateway events, from the same seed) with one {@link GoogleAuthPeer} device where the lab has
 * an SDK session, on an embedded mock gateway of its own, and answers in the lab's own terms (each
 * device's counts, token request times and event hits), so that the lab's metrics measure both.
 *
 * <p>As in the lab, every device signs in with the password grant before the timeline starts (the
 * SDK signs in and hands the tokens over: the library has no password grant) and calls every
 * {@code call_every} from an offset drawn from the scenario's seed in the lab's device order, so each
 * device calls at the moments its lab twin does. The library's calls block, so they run on
 * {@value #WORKERS} threads; a call starts when it is due. Token requests are seen at the gateway
 * ({@link TokenEndpointTap}) and told apart by refresh token, which a peer device never changes.
 */
final class GoogleAuthFleet {
  private static final int WORKERS = 64;
  private static final int SIGN_IN_THREADS = 32;
  private static final long DRAIN_SECONDS = 60;
  private static final Set<Event.Kind> PLAYED = EnumSet.of(Event.Kind.REVOKE_USER, Event.Kind.TOKEN_FAULT,
      Event.Kind.API_FAULT, Event.Kind.ADVANCE_CLOCK, Event.Kind.NOTE, Event.Kind.SHOW_TOKENS);

  private final Scenario scenario;

  /**
   * @throws IllegalArgumentException when the scenario has what the peer cannot play: a browser or
   *     public-client group, a group that does not call on its own or sign in at the start, or an
   *     untimed event or one that acts on devices (sign-in, sign-out, calls, offline, password change)
   */
  GoogleAuthFleet(Scenario scenario) {
    this.scenario = scenario;
    for (GroupSpec group : scenario.groups()) {
      ApplicationSpec application = scenario.applications().get(group.application());
      if (group.signInFlow() != GroupSpec.SignInFlow.PASSWORD || application.publicClient()
          || group.callEvery() == null || !group.signInAtStart()) {
        throw new IllegalArgumentException("the google-auth fleet plays groups that sign in with the password of a"
            + " confidential application at the start and call on their own; group " + group.name() + " does not");
      }
    }
    for (Event event : scenario.events()) {
      if (event.at() == null || !PLAYED.contains(event.kind())) {
        throw new IllegalArgumentException("the google-auth fleet cannot play " + event.kind().toml()
            + " (line " + event.line() + "): it plays timed gateway events only");
      }
    }
  }

  /**
   * What the peer fleet did, in the lab's terms.
   *
   * @param devices every device: its counts, token request times (seconds into the timeline) and
   *     event hits; its token requests are its refreshes (the SDK made its sign-in), and a refresh
   *     token refused counts as a prompt, since only a new sign-in mends it
   * @param events the events as played
   * @param elapsedSeconds how long the timeline ran
   * @param latency every call's latency, as the lab buckets it
   * @param callsAt each call's start (seconds into the timeline) and latency in ms, for latency over a window
   * @param retryAfters the {@code Retry-After} values of the token endpoint's rejections, "none" for none
   */
  record Run(List<DeviceResult> devices, List<EventMark> events, double elapsedSeconds, Latency latency,
      List<double[]> callsAt, Set<String> retryAfters) {
    /** The latency {@code percent} of the calls started between {@code from} and {@code to} were no slower than. */
    long latencyPercentile(double from, double to, double percent) {
      TreeMap<Long, Long> buckets = new TreeMap<>();
      for (double[] call : callsAt) {
        if (call[0] >= from && call[0] < to) buckets.merge(Latency.bucketOf((long) call[1]), 1L, Long::sum);
      }
      return latencyOf(buckets).percentile(percent);
    }
  }

  /** Plays the timeline to the scenario's duration. */
  Run play() throws Exception {
    MockGateway gateway = MockGateway.create(scenario.embeddedGatewayConfig());
    TokenEndpointTap tap = new TokenEndpointTap(gateway);
    MockGatewayServer server = MockGatewayServer.builder(gateway).host("127.0.0.1").handler(tap).start();
    OkHttpClient signInClient = new OkHttpClient.Builder()
        .connectionPool(new ConnectionPool(SIGN_IN_THREADS, 1, TimeUnit.MINUTES)).build();
    ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
    ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    try {
      List<Device> devices = signIn(server, signInClient);
      long start = System.nanoTime();
      Random random = new Random(scenario.seed());
      for (Device device : devices) {
        long period = device.group.callEvery().toNanos();
        long offset = (long) (random.nextDouble() * period);
        timer.scheduleAtFixedRate(() -> {
          long due = System.nanoTime();
          workers.execute(() -> device.call(due));
        }, offset, period, TimeUnit.NANOSECONDS);
      }
      List<EventMark> marks = Collections.synchronizedList(new ArrayList<>());
      for (Event event : scenario.events()) {
        timer.schedule(() -> {
          double at = (System.nanoTime() - start) / 1e9;
          Duration lasts = event.lasts();
          marks.add(new EventMark(at, event.kind().toml(), event.kind().toml(), event.line(), event.name(),
              lasts == null ? null : at + lasts.toMillis() / 1000.0));
          play(event, gateway);
        }, event.at().toNanos(), TimeUnit.NANOSECONDS);
      }
      TimeUnit.NANOSECONDS.sleep(start + scenario.duration().toNanos() - System.nanoTime());
      timer.shutdownNow();
      double elapsed = (System.nanoTime() - start) / 1e9;
      workers.shutdown();
      if (!workers.awaitTermination(DRAIN_SECONDS, TimeUnit.SECONDS)) {
        throw new IllegalStateException("peer calls still running " + DRAIN_SECONDS + " s after the timeline");
      }
      List<EventMark> played;
      synchronized (marks) {
        played = new ArrayList<>(marks);
      }
      played.sort((a, b) -> Double.compare(a.atSeconds(), b.atSeconds()));
      return results(devices, tap.exchanges(), start, played, elapsed);
    } finally {
      timer.shutdownNow();
      workers.shutdownNow();
      server.close();
      signInClient.connectionPool().evictAll();
    }
  }

  /** Every device signs in (the SDK does it, and hands over the tokens) in the lab's device order. */
  private List<Device> signIn(MockGatewayServer server, OkHttpClient signInClient) throws Exception {
    HttpUrl tokenUrl = server.url("/oauth2/token");
    HttpUrl base = server.url("/");
    List<Device> devices = new ArrayList<>();
    for (UserAccount user : scenario.users()) {
      for (GroupSpec group : scenario.groups()) {
        for (int n = 1; n <= group.devicesPerUser(); n++) {
          String name = group.devicesPerUser() == 1 ? group.name() : group.name() + "-" + n;
          devices.add(new Device(user, group, name, base.resolve(group.callPath().substring(1))));
        }
      }
    }
    ExecutorService signIns = Executors.newFixedThreadPool(SIGN_IN_THREADS);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (Device device : devices) {
        ApplicationSpec application = scenario.applications().get(device.group.application());
        done.add(signIns.submit(() -> {
          InMemoryTokenStore store = new InMemoryTokenStore();
          try (ResilientSession session = ResilientSession.builder()
              .tokenUrl(tokenUrl)
              .client(application.consumerKey(), application.consumerSecret())
              .deviceIdentity(DeviceIdentity.of(device.name))
              .deviceScope(device.group.deviceScope())
              .okHttpClient(signInClient)
              .tokenStore(store)
              .build()) {
            session.signIn(device.user.name(), device.user.password().toCharArray());
          }
          device.connect(store.load(), application, tokenUrl);
          return null;
        }));
      }
      for (Future<?> signIn : done) signIn.get(120, TimeUnit.SECONDS);
    } finally {
      signIns.shutdownNow();
    }
    return devices;
  }

  private void play(Event event, MockGateway gateway) {
    switch (event.kind()) {
      case REVOKE_USER -> {
        for (int position = 0; position < scenario.users().size(); position++) {
          String user = scenario.users().get(position).name();
          if (names(event.who(), position, user)) gateway.revokeAllTokens(user);
        }
      }
      case TOKEN_FAULT, API_FAULT -> gateway.injectFault(fault(event));
      // The gateway's clock only: a peer device's clock is the JVM's, which the library reads itself.
      case ADVANCE_CLOCK -> gateway.advanceClock(event.duration());
      default -> {
        // a note, or the gateway's token list: nothing to do
      }
    }
  }

  /** The mock's fault for a {@code token_fault} or {@code api_fault} event, as the lab's /admin call makes it. */
  static Fault fault(Event event) {
    Fault.Target target = event.kind() == Event.Kind.TOKEN_FAULT ? Fault.Target.TOKEN : Fault.Target.API;
    Fault fault = Fault.of(target, Fault.Kind.valueOf(event.fault().toUpperCase(Locale.ROOT)));
    if (event.duration() != null) {
      fault = fault.during(event.duration());
    } else {
      fault = event.count() == 0 ? fault.untilCleared() : fault.times(event.count());
    }
    if (event.noRetryAfter()) {
      fault = fault.withoutRetryAfter();
    } else if (event.retryAfter() != null) {
      fault = fault.retryAfter(event.retryAfter());
    }
    if (event.status() != null) fault = fault.status(event.status());
    if (event.capacity() != null) fault = fault.capacity(event.capacity());
    return fault;
  }

  private static boolean names(Selection who, int position, String user) {
    if (who.firstUsers() != null && position >= who.firstUsers()) return false;
    return who.users().isEmpty() || who.users().contains(user);
  }

  /** The devices' calls and the tap's token requests, as the lab's device results. */
  private Run results(List<Device> devices, List<TokenEndpointTap.Exchange> exchanges, long start,
      List<EventMark> events, double elapsed) {
    Map<String, Device> byRefreshToken = new HashMap<>();
    for (Device device : devices) byRefreshToken.put(device.refreshToken, device);
    Map<Device, List<TokenEndpointTap.Exchange>> sent = new HashMap<>();
    Set<String> retryAfters = new TreeSet<>();
    for (TokenEndpointTap.Exchange exchange : exchanges) {
      Device device = exchange.refreshToken() == null ? null : byRefreshToken.get(exchange.refreshToken());
      if (device == null) continue; // a sign-in, before the timeline
      sent.computeIfAbsent(device, key -> new ArrayList<>()).add(exchange);
      if (rejected(exchange)) retryAfters.add(exchange.retryAfter() == null ? "none" : exchange.retryAfter());
    }
    EventWatch watch = watch(events.stream().filter(event -> event.name() != null).toList(), start);
    List<DeviceResult> results = new ArrayList<>();
    TreeMap<Long, Long> latency = new TreeMap<>();
    List<double[]> callsAt = new ArrayList<>();
    for (Device device : devices) {
      List<Device.Outcome> outcomes = device.outcomes();
      List<TokenEndpointTap.Exchange> requests = sent.getOrDefault(device, List.of());
      long failed = 0;
      long unauthorized = 0;
      for (Device.Outcome outcome : outcomes) {
        if (!outcome.answer().succeeded()) failed++;
        if (outcome.answer().sawUnauthorized()) unauthorized++;
        double at = (outcome.due() - start) / 1e9;
        latency.merge(Latency.bucketOf(outcome.millis()), 1L, Long::sum);
        callsAt.add(new double[] {at, outcome.millis()});
      }
      long granted = requests.stream().filter(exchange -> exchange.status() == 200).count();
      long rejected = requests.stream().filter(GoogleAuthFleet::rejected).count();
      // A refused refresh token (invalid_grant) is a lost session: the app would show its sign-in screen.
      long lost = requests.stream().anyMatch(exchange -> exchange.status() == 400) ? 1 : 0;
      Counts counts = new Counts(outcomes.size(), failed, 0, unauthorized, granted, 0, 0, requests.size(), rejected, 0,
          1, 0, 0, lost);
      List<Double> tokenRequestsAt = requests.stream().map(exchange -> (exchange.arrivedNanos() - start) / 1e9).toList();
      results.add(new DeviceResult(device.user.name() + "/" + device.name, device.user.name(), device.group.name(),
          false, counts, tokenRequestsAt, hits(outcomes, start, watch), false, List.of()));
    }
    return new Run(results, events, elapsed, latencyOf(latency), callsAt, retryAfters);
  }

  private static boolean rejected(TokenEndpointTap.Exchange exchange) {
    return exchange.status() == 429 || exchange.status() >= 500;
  }

  /** The named events as the lab's {@link EventWatch} sees them, on the devices' nanoTime scale. */
  private static EventWatch watch(List<EventMark> named, long start) {
    EventWatch watch = new EventWatch(named.stream().map(EventMark::name).toList());
    for (int i = 0; i < named.size(); i++) {
      EventMark event = named.get(i);
      double end = event.endSeconds() != null ? event.endSeconds() : event.atSeconds();
      watch.started(i, start + (long) (event.atSeconds() * 1e9), start + (long) (end * 1e9));
    }
    return watch;
  }

  /** Where each named event met a device and when it was back, marked by the lab's own rule. */
  private static List<EventHit> hits(List<Device.Outcome> outcomes, long start, EventWatch watch) {
    long[] hitAt = new long[watch.size()];
    long[] backAt = new long[watch.size()];
    Arrays.fill(hitAt, EventWatch.NONE);
    Arrays.fill(backAt, EventWatch.NONE);
    for (Device.Outcome outcome : outcomes) {
      boolean troubled = outcome.answer().sawUnauthorized() || !outcome.answer().succeeded();
      watch.observe(hitAt, backAt, outcome.due(), outcome.ended(), troubled, outcome.answer().succeeded());
    }
    List<EventHit> hits = new ArrayList<>();
    for (int i = 0; i < hitAt.length; i++) {
      if (hitAt[i] == EventWatch.NONE) continue;
      hits.add(new EventHit(watch.name(i), (hitAt[i] - start) / 1e9,
          backAt[i] == EventWatch.NONE ? null : (backAt[i] - start) / 1e9));
    }
    return hits;
  }

  private static Latency latencyOf(TreeMap<Long, Long> buckets) {
    List<long[]> list = new ArrayList<>();
    for (Map.Entry<Long, Long> bucket : buckets.entrySet()) list.add(new long[] {bucket.getKey(), bucket.getValue()});
    return new Latency(list);
  }

  /** One peer device: its credentials, its API client, and what became of each of its calls. */
  private static final class Device {
    final UserAccount user;
    final GroupSpec group;
    final String name;
    final HttpUrl callUrl;
    private final List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    volatile @Nullable String refreshToken;
    private volatile @Nullable HttpRequestFactory client;

    Device(UserAccount user, GroupSpec group, String name, HttpUrl callUrl) {
      this.user = user;
      this.group = group;
      this.name = name;
      this.callUrl = callUrl;
    }

    void connect(StoredTokens tokens, ApplicationSpec application, HttpUrl tokenUrl) {
      UserCredentials credentials = GoogleAuthPeer.credentials(application.consumerKey(),
          application.consumerSecret(), tokens, tokenUrl);
      this.refreshToken = tokens.refreshToken();
      this.client = GoogleAuthPeer.client(credentials);
    }

    void call(long due) {
      GoogleAuthPeer.Answer answer = GoogleAuthPeer.get(client, callUrl);
      outcomes.add(new Outcome(due, System.nanoTime(), answer));
    }

    /** In the order they were due. */
    List<Outcome> outcomes() {
      synchronized (outcomes) {
        List<Outcome> sorted = new ArrayList<>(outcomes);
        sorted.sort((a, b) -> Long.compare(a.due(), b.due()));
        return sorted;
      }
    }

    /** A call: when it was due and when it ended ({@link System#nanoTime()}), and its answer. */
    record Outcome(long due, long ended, GoogleAuthPeer.Answer answer) {
      long millis() {
        return (ended - due) / 1_000_000;
      }
    }
  }
}
