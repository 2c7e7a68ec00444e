package dev.resilientsession.lab.fleet;

import dev.resilientsession.lab.report.Counts;
import dev.resilientsession.lab.report.Latency;
import dev.resilientsession.lab.report.Metrics;
import dev.resilientsession.lab.report.RunResults;
import dev.resilientsession.lab.report.RunResults.DeviceResult;
import dev.resilientsession.lab.report.RunResults.EventMark;
import dev.resilientsession.lab.report.RunResults.ExpectationResult;
import dev.resilientsession.lab.report.RunResults.GroupResult;
import dev.resilientsession.lab.report.RunResults.Shortfall;
import dev.resilientsession.lab.report.RunResults.TargetFacts;
import dev.resilientsession.lab.scenario.ApplicationSpec;
import dev.resilientsession.lab.scenario.Event;
import dev.resilientsession.lab.scenario.Expectation;
import dev.resilientsession.lab.scenario.GroupSpec;
import dev.resilientsession.lab.scenario.Scenario;
import dev.resilientsession.lab.scenario.ScenarioException;
import dev.resilientsession.lab.scenario.Selection;
import dev.resilientsession.lab.scenario.UserAccount;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;

/**
 * Plays a scenario: starts (or reaches) the gateway, builds one real SDK session per device, signs
 * them in, then runs the timeline, the devices' own calls and the scenario's events, for the
 * scenario's duration, and answers what happened as {@link RunResults}.
 *
 * <pre>{@code
 * Fleet fleet = Fleet.builder(ScenarioParser.load(Path.of("scenarios/signout-storm.toml"))).build();
 * RunResults results = fleet.play();
 * }</pre>
 *
 * <p>{@link #stop()} (from Ctrl-C, say) ends the timeline early; {@code play} then returns the
 * results so far, marked as stopped early.
 */
public final class Fleet {
  private static final long DRAIN_MILLIS = 15_000;

  private final Scenario scenario;
  private final Target target;
  private final Shard shard;
  private final RunObserver observer;
  private final int sampleSize;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final List<EventMark> marks = new CopyOnWriteArrayList<>();
  private final FleetMeter meter;
  private final EventWatch watch;
  private final List<SimulatedDevice> devices = new ArrayList<>();
  private final ConcurrentHashMap<String, String> passwords = new ConcurrentHashMap<>();
  private final Set<String> passwordChanged = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean played = new AtomicBoolean();
  private volatile boolean timelineRunning;

  private Fleet(Builder builder) {
    this.scenario = builder.scenario;
    this.target = builder.target;
    this.shard = builder.shard;
    this.observer = builder.observer;
    this.sampleSize = builder.sampleSize;
    this.meter = new FleetMeter((int) scenario.duration().toSeconds() + 120, scenario.groups().size());
    this.watch = new EventWatch(scenario.events().stream().map(Event::name).filter(Objects::nonNull).toList());
  }

  public static Builder builder(Scenario scenario) {
    return new Builder(scenario);
  }

  /**
   * Plays the scenario to its end, or until {@link #stop()}. A fleet plays once.
   *
   * @throws ScenarioException when the target gateway lacks the {@code /admin} controls the
   *     scenario's events need; nothing was started
   * @throws AdminTokenException when the gateway's {@code /admin} controls, which the scenario's
   *     events need, refuse the target's admin token or its lack of one; nothing was started
   * @throws IOException when the gateway cannot be started or reached, or a browser group's authorization
   *     endpoint is not there
   */
  public RunResults play() throws IOException, ScenarioException, InterruptedException {
    if (played.getAndSet(true)) throw new IllegalStateException("a fleet plays once; build another");
    for (UserAccount user : scenario.users()) passwords.put(user.name(), user.password());
    try (RunGateway gateway = RunGateway.open(target, scenario)) {
      GatewayAdmin admin = new GatewayAdmin(gateway.client, gateway.endpoints.admin(), target.adminToken());
      if (scenario.needsAdminControls()) {
        GatewayAdmin.Controls controls = admin.probe();
        if (controls == GatewayAdmin.Controls.ABSENT) throw missingAdmin(gateway.endpoints);
        if (controls == GatewayAdmin.Controls.REFUSED) {
          throw adminTokenRefused(gateway.endpoints, admin.sendsAdminToken());
        }
      }
      ExecutorService work = Executors.newFixedThreadPool(32, daemons("lab-work"));
      ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, daemons("lab-timer"));
      InFlight inFlight = new InFlight();
      try {
        createDevices(new Wiring(gateway.client, gateway.endpoints, gateway.clock, inFlight));
        Actions actions = new Actions(this, admin, work, timer);
        if (!awaitEvent(actions.signIn(devicesSigningInAtStart()))) {
          return results(Instant.now(), 0, gateway.endpoints);
        }
        Instant startedAt = Instant.now();
        meter.start();
        timelineRunning = true;
        startCalling(timer);
        playTimeline(actions);
        timelineRunning = false;
        double elapsed = meter.elapsedSeconds();
        timer.shutdownNow();
        inFlight.awaitNone(DRAIN_MILLIS);
        observer.onTimelineEnded();
        return results(startedAt, elapsed, gateway.endpoints);
      } finally {
        timelineRunning = false;
        timer.shutdownNow();
        work.shutdownNow();
        for (SimulatedDevice device : devices) device.close();
      }
    }
  }

  /** Ends the timeline now; {@link #play()} returns what happened so far. Safe from any thread. */
  public void stop() {
    stopped.countDown();
  }

  public boolean stoppedEarly() {
    return stopped.getCount() == 0;
  }

  /** Where the run stands, for a progress line; cheap enough to call every second. */
  public LabProgress progress() {
    int signedIn = 0;
    Counts total = Counts.ZERO;
    List<SimulatedDevice> snapshot;
    synchronized (devices) {
      snapshot = new ArrayList<>(devices);
    }
    for (SimulatedDevice device : snapshot) {
      if (device.isSignedIn()) signedIn++;
      total = total.plus(device.log.counts());
    }
    return new LabProgress(Math.min(meter.elapsedSeconds(), scenario.duration().toSeconds()),
        scenario.duration().toSeconds(), snapshot.size(), signedIn, total.calls(), total.unauthorized(),
        total.recoveries(), total.prompts(), total.failedCalls() + total.signInFailures());
  }

  Scenario scenario() {
    return scenario;
  }

  Shard shard() {
    return shard;
  }

  RunObserver observer() {
    return observer;
  }

  boolean timelineRunning() {
    return timelineRunning && !stoppedEarly();
  }

  String password(String user) {
    return passwords.get(user);
  }

  void passwordChanged(String user, String password) {
    passwords.put(user, password);
    passwordChanged.add(user);
  }

  /** The devices an event's selection names, among this shard's. */
  List<SimulatedDevice> devices(Event event) {
    Selection who = event.who();
    List<SimulatedDevice> chosen = new ArrayList<>();
    for (SimulatedDevice device : devices) {
      if (who.group() != null && !device.group.name().equals(who.group())) continue;
      if (who.device() != null && device.ordinal != who.device()) continue;
      if (names(who, device.userPosition, device.user)) chosen.add(device);
    }
    return chosen;
  }

  /** The positions in the scenario's user list of the users an event names, among this shard's. */
  List<Integer> userPositions(Event event) {
    List<Integer> chosen = new ArrayList<>();
    List<UserAccount> users = scenario.users();
    for (int position = 0; position < users.size(); position++) {
      if (shard.owns(position) && names(event.who(), position, users.get(position).name())) chosen.add(position);
    }
    return chosen;
  }

  /** Whether {@code who} takes in the user at {@code position}: every user, the first N, or those named. */
  private static boolean names(Selection who, int position, String user) {
    if (who.firstUsers() != null && position >= who.firstUsers()) return false;
    return who.users().isEmpty() || who.users().contains(user);
  }

  private void createDevices(Wiring wiring) {
    List<UserAccount> users = scenario.users();
    for (int position = 0; position < users.size(); position++) {
      if (!shard.owns(position)) continue;
      String user = users.get(position).name();
      for (int g = 0; g < scenario.groups().size(); g++) {
        GroupSpec group = scenario.groups().get(g);
        ApplicationSpec application = scenario.applications().get(group.application());
        for (int n = 1; n <= group.devicesPerUser(); n++) {
          String name = group.devicesPerUser() == 1 ? group.name() : group.name() + "-" + n;
          DeviceLog log = new DeviceLog(user + "/" + name, g, meter, observer, watch);
          SimulatedDevice device = new SimulatedDevice(log, position, user, name, group, n, application, wiring);
          synchronized (devices) {
            devices.add(device);
          }
        }
      }
    }
  }

  private List<SimulatedDevice> devicesSigningInAtStart() {
    return devices.stream().filter(device -> device.group.signInAtStart()).collect(Collectors.toList());
  }

  /** Each device with a call rate calls on its own, from a seeded offset so the fleet spreads out. */
  private void startCalling(ScheduledExecutorService timer) {
    Random random = new Random(scenario.seed());
    for (SimulatedDevice device : devices) {
      if (device.group.callEvery() == null) continue;
      long period = device.group.callEvery().toMillis();
      long offset = (long) (random.nextDouble() * period);
      timer.scheduleAtFixedRate(() -> {
        if (!timelineRunning()) return;
        if (device.isSignedIn()) {
          device.call();
        } else {
          device.log.callSkipped(false);
        }
      }, offset, period, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Events with a time start then, each on its own, so a long one does not delay the next; an
   * event without one starts when the one before it has finished. The timeline ends at the
   * scenario's duration; or, when no group calls on its own, once the last event has finished.
   */
  private void playTimeline(Actions actions) throws InterruptedException {
    long startNanos = System.nanoTime();
    long endNanos = startNanos + scenario.duration().toNanos();
    CompletableFuture<?> previous = CompletableFuture.completedFuture(null);
    int named = 0;
    for (Event event : scenario.events()) {
      if (event.at() != null) {
        long waitNanos = startNanos + event.at().toNanos() - System.nanoTime();
        if (waitNanos > 0 && stopped.await(waitNanos, TimeUnit.NANOSECONDS)) return;
      } else if (!awaitEvent(previous)) {
        return;
      }
      if (stoppedEarly()) return;
      String description = actions.describe(event);
      long now = System.nanoTime();
      double at = meter.secondsAt(now);
      Long lasts = event.lasts() == null ? null : event.lasts().toNanos();
      if (event.name() != null) watch.started(named++, now, lasts == null ? now : now + lasts);
      marks.add(new EventMark(at, event.kind().toml(), description, event.line(), event.name(),
          lasts == null ? null : round(at + lasts / 1e9)));
      observer.onNote("lab", description);
      previous = actions.play(event);
    }
    awaitEvent(previous);
    // Without devices calling on their own nothing happens after the last event: a story ends there.
    if (scenario.groups().stream().allMatch(group -> group.callEvery() == null)) return;
    long left = endNanos - System.nanoTime();
    if (left > 0) stopped.await(left, TimeUnit.NANOSECONDS);
  }

  /** Waits for an event to finish; false when the run was stopped meanwhile. */
  private boolean awaitEvent(CompletableFuture<?> event) throws InterruptedException {
    while (!event.isDone()) {
      if (stoppedEarly()) return false;
      try {
        event.get(100, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        // keep waiting, watching for a stop
      } catch (ExecutionException e) {
        break; // the failure is in the event's mark and the devices' logs
      }
    }
    return !stoppedEarly();
  }

  private ScenarioException missingAdmin(Endpoints endpoints) {
    return new ScenarioException(scenario.source() + ": " + adminHost(endpoints) + " has no mock /admin controls"
        + " (a real server has none), and these events need them: " + adminEvents()
        + ". Play them against the mock gateway, or remove them.");
  }

  private AdminTokenException adminTokenRefused(Endpoints endpoints, boolean tokenSent) {
    return new AdminTokenException(scenario.source() + ": " + adminHost(endpoints)
        + (tokenSent ? " refused the admin token given" : " requires an admin token")
        + " for its /admin controls (401), and these events need them: " + adminEvents());
  }

  /** Where the /admin controls were looked for: "the gateway at URL", or the token endpoint's origin. */
  private String adminHost(Endpoints endpoints) {
    if (target.isGateway()) return "the gateway at " + target;
    return "the server at " + endpoints.admin().resolve("/") + " (the token URL's origin)";
  }

  /** "advance_clock (line 13), revoke_user (line 20)": the events that need the /admin controls. */
  private String adminEvents() {
    return scenario.events().stream().filter(event -> event.kind().needsAdminControls())
        .map(event -> event.kind().toml() + " (line " + event.line() + ")").distinct()
        .collect(Collectors.joining(", "));
  }

  private RunResults results(Instant startedAt, double elapsed, Endpoints endpoints) {
    List<DeviceResult> deviceResults = new ArrayList<>();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < devices.size(); i++) order.add(i);
    Collections.shuffle(order, new Random(scenario.seed()));
    Set<Integer> sampled = new HashSet<>(order.subList(0, Math.min(sampleSize, order.size())));
    for (int i = 0; i < devices.size(); i++) {
      SimulatedDevice device = devices.get(i);
      Counts counts = device.log.counts();
      boolean keep = sampled.contains(i) || counts.failedCalls() > 0 || counts.prompts() > 0
          || counts.signInFailures() > 0 || (device.askedToSignIn() && counts.signIns() == 0);
      deviceResults.add(new DeviceResult(device.log.id, device.user, device.group.name(),
          passwordChanged.contains(device.user), counts, device.log.tokenRequestsAt(), device.log.hits(),
          sampled.contains(i), keep ? device.log.timeline() : List.of()));
    }
    List<GroupResult> groups = new ArrayList<>();
    Counts totals = Counts.ZERO;
    Latency latency = Latency.EMPTY;
    for (int g = 0; g < scenario.groups().size(); g++) {
      GroupSpec group = scenario.groups().get(g);
      Counts counts = Counts.ZERO;
      int count = 0;
      for (DeviceResult device : deviceResults) {
        if (!device.group().equals(group.name())) continue;
        counts = counts.plus(device.counts());
        count++;
      }
      ApplicationSpec application = scenario.applications().get(group.application());
      groups.add(new GroupResult(group.name(), application.name(), application.tokenType().name(),
          group.deviceScope(), count, counts, meter.latency(g)));
      totals = totals.plus(counts);
      latency = latency.plus(meter.latency(g));
    }
    List<EventMark> events = List.copyOf(marks);
    List<ExpectationResult> expectations = new ArrayList<>();
    for (Expectation expectation : scenario.expectations()) {
      expectations.add(Metrics.evaluate(expectation, deviceResults, events, round(elapsed)));
    }
    // A run stopped early did not get to do what it was meant to: it fails as stopped, not as short.
    List<Shortfall> shortfalls = stoppedEarly() ? List.of() : Shortfalls.of(scenario, devices, deviceResults);
    return new RunResults(scenario.name(), scenario.description(), scenario.source(), startedAt.toString(),
        scenario.duration().toMillis() / 1000.0, round(elapsed), stoppedEarly(), facts(endpoints),
        shard.isWhole() ? "" : shard.toString(), totals, latency, groups, expectations, shortfalls,
        meter.seconds((int) Math.ceil(elapsed)), events, Metrics.recoveries(deviceResults, events), deviceResults);
  }

  private TargetFacts facts(Endpoints endpoints) {
    String kind = target.isEmbedded() ? TargetFacts.EMBEDDED
        : target.isGateway() ? TargetFacts.GATEWAY : TargetFacts.ENDPOINTS;
    return new TargetFacts(kind, endpoints.token().toString(), endpoints.authorizationUsed().toString(),
        endpoints.revokeUsed().toString(), endpoints.api().toString());
  }

  private static double round(double seconds) {
    return Math.round(seconds * 1000) / 1000.0;
  }

  static ThreadFactory daemons(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** What every device is built from. */
  record Wiring(OkHttpClient shared, Endpoints endpoints, Clock clock, InFlight inFlight) {
  }

  /** Configures a fleet run. */
  public static final class Builder {
    private final Scenario scenario;
    private Target target = Target.embedded();
    private Shard shard = Shard.WHOLE;
    private RunObserver observer = RunObserver.NONE;
    private int sampleSize = 12;

    private Builder(Scenario scenario) {
      this.scenario = scenario;
    }

    public Builder target(Target target) {
      this.target = target;
      return this;
    }

    /** Plays only this shard's devices; see {@link Shard}. */
    public Builder shard(Shard shard) {
      this.shard = shard;
      return this;
    }

    public Builder observer(RunObserver observer) {
      this.observer = observer;
      return this;
    }

    /** How many devices, chosen by the scenario's seed, keep a timeline in the report (default 12). */
    public Builder sampleSize(int sampleSize) {
      if (sampleSize < 0) throw new IllegalArgumentException("sampleSize is negative");
      this.sampleSize = sampleSize;
      return this;
    }

    public Fleet build() {
      return new Fleet(this);
    }
  }
}
