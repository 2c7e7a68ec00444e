package dev.resilientsession.lab.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.resilientsession.gateway.token.GrantType;
import dev.resilientsession.gateway.token.TokenType;
import dev.resilientsession.lab.scenario.Event.Kind;
import dev.resilientsession.lab.scenario.Expectation.Metric;
import dev.resilientsession.lab.scenario.Expectation.Users;
import dev.resilientsession.lab.scenario.GroupSpec.SignInFlow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioParserTest {
  /** Every table and most keys of the format, as a QA engineer would write them. */
  private static final String FULL = """
      # Sign-out storm: 3 users with two phones and a tablet each.
      #
      # Proves: the tablets recover silently.

      [scenario]
      name = "storm"
      duration = "60s"
      seed = 7

      [gateway.oauth.jwt.renew_token_without_revoking_existing]
      enable = true
      allowed_grant_types = ["password", "refresh_token"]

      [users]
      count = 3
      name = "u{n}"
      password = "{name}-secret-{n}"

      [applications.phone-app]
      consumer_key = "phone-key"
      consumer_secret = "phone-secret"
      token_type = "opaque"

      [[groups]]
      name = "phone"
      devices = 2
      application = "phone-app"
      device_scope = false
      password_replay = false
      call = "/items"
      call_every = "5s"

      [[groups]]
      name = "tablet"
      sign_in = "event"

      [[events]]
      do = "sign_in"
      group = "tablet"

      [[events]]
      at = "20s"
      do = "sign_out"
      group = "phone"
      users = 2

      [[events]]
      at = "20s"
      do = "change_password"
      users = ["u3"]

      [[events]]
      name = "maintenance"
      do = "token_fault"
      fault = "html"
      for = "PT5S"
      status = 502
      retry_after = "2s"

      [[events]]
      at = "30s"
      do = "burst"

      [[events]]
      do = "advance_clock"
      by = "1h"

      [[events]]
      do = "note"
      text = "the storm is over"

      [[expect]]
      metric = "failed_calls"
      group = "tablet"
      users = "password_unchanged"
      max = 0

      [[expect]]
      metric = "token_requests_per_recovery"
      min = 0.5
      max = 1.5

      [[expect]]
      metric = "prompted_devices"
      users = "password_changed"
      equals = 3

      [[expect]]
      metric = "token_requests_per_device"
      from = "10s"
      to = "40s"
      statistic = "p99"
      max = 3

      [[expect]]
      metric = "recovery_seconds"
      event = "maintenance"
      statistic = "max"
      group = "phone"
      max = 20
      """;

  /** The least a scenario needs; the tests of mistakes add to it from line 10. */
  private static final String MINIMAL = """
      [scenario]
      duration = "60s"

      [users]
      count = 3

      [[groups]]
      name = "phone"

      """;

  @TempDir Path directory;

  @Test void aFullScenarioParsesIntoTheRecordsItDescribes() throws ScenarioException {
    Scenario scenario = ScenarioParser.parse("scenarios/storm-file.toml", FULL);

    assertThat(scenario.name()).isEqualTo("storm");
    assertThat(scenario.description()).isEqualTo("Sign-out storm: 3 users with two phones and a tablet each.\n\n"
        + "Proves: the tablets recover silently.");
    assertThat(scenario.source()).isEqualTo("scenarios/storm-file.toml");
    assertThat(scenario.duration()).isEqualTo(Duration.ofSeconds(60));
    assertThat(scenario.seed()).isEqualTo(7);
    assertThat(scenario.gateway().jwtRenewal().allowedGrantTypes())
        .containsExactlyInAnyOrder(GrantType.PASSWORD, GrantType.REFRESH_TOKEN);
    assertThat(scenario.users()).containsExactly(new UserAccount("u1", "u1-secret-1"),
        new UserAccount("u2", "u2-secret-2"), new UserAccount("u3", "u3-secret-3"));
    assertThat(scenario.applications()).containsOnlyKeys("jwt", "opaque", "phone-app")
        .containsEntry("phone-app", new ApplicationSpec("phone-app", "phone-key", "phone-secret", TokenType.OPAQUE))
        .containsEntry("jwt", ApplicationSpec.JWT);
    assertThat(scenario.groups()).containsExactly(
        new GroupSpec("phone", 2, "phone-app", false, false, SignInFlow.PASSWORD, "/items", Duration.ofSeconds(5),
            true, 24),
        new GroupSpec("tablet", 1, "jwt", true, true, SignInFlow.PASSWORD, "/orders", null, false, 33));
    assertThat(scenario.deviceCount()).isEqualTo(9);
    assertThat(scenario.events()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("line").containsExactly(
        new Event(null, null, Kind.SIGN_IN, new Selection("tablet", null, List.of()), null, 0, null, null, null, null,
            null, 0),
        new Event(null, Duration.ofSeconds(20), Kind.SIGN_OUT, new Selection("phone", 2, List.of()), null, 0, null,
            null, null, null, null, 0),
        new Event(null, Duration.ofSeconds(20), Kind.CHANGE_PASSWORD, new Selection(null, null, List.of("u3")), null, 0,
            null, null, null, null, "{name}-new", 0),
        new Event("maintenance", null, Kind.TOKEN_FAULT, Selection.EVERYONE, Duration.ofSeconds(5), 0, "html", 502,
            Duration.ofSeconds(2), null, null, 0),
        new Event(null, Duration.ofSeconds(30), Kind.BURST, Selection.EVERYONE, null, 10, null, null, null, null, null,
            0),
        new Event(null, null, Kind.ADVANCE_CLOCK, Selection.EVERYONE, Duration.ofHours(1), 0, null, null, null, null,
            null, 0),
        new Event(null, null, Kind.NOTE, Selection.EVERYONE, null, 0, null, null, null, null, "the storm is over", 0));
    assertThat(scenario.events().get(0).line()).isEqualTo(37);
    assertThat(scenario.expectations()).containsExactly(
        new Expectation(Metric.FAILED_CALLS, "tablet", Users.PASSWORD_UNCHANGED, null, 0.0, 72),
        new Expectation(Metric.TOKEN_REQUESTS_PER_RECOVERY, null, Users.ALL, 0.5, 1.5, 78),
        new Expectation(Metric.PROMPTED_DEVICES, null, Users.PASSWORD_CHANGED, 3.0, 3.0, 83),
        new Expectation(Metric.TOKEN_REQUESTS_PER_DEVICE, null, Users.ALL, Duration.ofSeconds(10),
            Duration.ofSeconds(40), Statistic.parse("p99"), null, null, 3.0, 88),
        new Expectation(Metric.RECOVERY_SECONDS, "phone", Users.ALL, null, null, Statistic.MAX, "maintenance", null,
            20.0, 95));
    assertThat(scenario.expectations()).extracting(Expectation::describe).endsWith(
        "token_requests_per_device p99 from 10s to 40s <= 3", "recovery_seconds max after maintenance in group phone <= 20");
    assertThat(scenario.needsAdminControls()).isTrue();
  }

  @Test void leftOutKeysTakeTheDefaultsOfTheFormat() throws ScenarioException {
    Scenario scenario = ScenarioParser.parse("x/plain.toml", MINIMAL + """
        [[events]]
        do = "call"
        """);

    assertThat(scenario.name()).isEqualTo("plain");
    assertThat(scenario.description()).isEmpty();
    assertThat(scenario.seed()).isEqualTo(1);
    assertThat(scenario.users()).extracting(UserAccount::name, UserAccount::password).containsExactly(
        tuple("user-1", "user-1-pw"), tuple("user-2", "user-2-pw"),
        tuple("user-3", "user-3-pw"));
    assertThat(scenario.applications()).containsOnlyKeys("jwt", "opaque");
    assertThat(scenario.groups()).containsExactly(
        new GroupSpec("phone", 1, "jwt", true, true, SignInFlow.PASSWORD, "/orders", null, true, 7));
    assertThat(scenario.events()).containsExactly(
        new Event(null, null, Kind.CALL, Selection.EVERYONE, null, 1, null, null, null, null, null, 10));
    assertThat(scenario.expectations()).isEmpty();
    assertThat(scenario.needsAdminControls()).isFalse();
  }

  @Test void withoutAGatewayTableTheGatewayHasWso2sDefaultsAndNoUsersOrApplications() throws ScenarioException {
    Scenario scenario = ScenarioParser.parse("x.toml", MINIMAL);

    assertThat(scenario.gateway().users()).isEmpty();
    assertThat(scenario.gateway().applications()).isEmpty();
    assertThat(scenario.gateway().jwtRenewal().isEnabled()).isFalse();
  }

  @Test void aUserListGivesTheUsersAsNamed() throws ScenarioException {
    Scenario scenario = ScenarioParser.parse("x.toml", """
        [scenario]
        duration = "30s"
        description = "told here, not by the comment"

        [users]
        list = [{ name = "alice", password = "alice-pw" }, { name = "bob", password = "bob-pw" }]

        [[groups]]
        name = "desktop"
        """);

    assertThat(scenario.users()).containsExactly(new UserAccount("alice", "alice-pw"), new UserAccount("bob", "bob-pw"));
    assertThat(scenario.description()).isEqualTo("told here, not by the comment");
  }

  @Test void aRedefinedDefaultApplicationReplacesIt() throws ScenarioException {
    Scenario scenario = ScenarioParser.parse("x.toml", MINIMAL + """
        [applications.jwt]
        consumer_key = "own-key"
        consumer_secret = "own-secret"
        token_type = "Jwt"
        """);

    assertThat(scenario.applications().get("jwt"))
        .isEqualTo(new ApplicationSpec("jwt", "own-key", "own-secret", TokenType.JWT));
  }

  @Test void anApplicationsScopesAreAskedForAndItsDeviceScopeIsItsGroupsDefault() throws ScenarioException {
    Scenario scenario = ScenarioParser.parse("x.toml", MINIMAL + """
        [applications.kc]
        consumer_key = "lab"
        consumer_secret = "lab-secret"
        scopes = ["openid", "profile"]
        device_scope = false

        [[groups]]
        name = "tablet"
        application = "kc"

        [[groups]]
        name = "desktop"
        application = "kc"
        device_scope = true
        """);

    ApplicationSpec kc = scenario.applications().get("kc");
    assertThat(kc.scopes()).containsExactly("openid", "profile");
    assertThat(kc.deviceScope()).isFalse();
    assertThat(kc.toString()).isEqualTo("ApplicationSpec{kc, lab, JWT, scopes openid profile, no device scope}");
    assertThat(scenario.group("tablet").orElseThrow().deviceScope()).as("the application's").isFalse();
    assertThat(scenario.group("desktop").orElseThrow().deviceScope()).as("the group's own").isTrue();
    assertThat(scenario.group("phone").orElseThrow().deviceScope()).as("jwt's: on").isTrue();
    assertThat(ApplicationSpec.JWT.scopes()).isEmpty();
    assertThat(scenario.embeddedGatewayConfig().users()).allSatisfy(user ->
        assertThat(user.scopes()).as("the embedded gateway grants what the applications ask for")
            .containsExactlyInAnyOrder("openid", "profile"));
  }

  @Test void aScopeThatIsNotOneIsRefused() {
    String app = MINIMAL + "[applications.kc]\nconsumer_key = \"k\"\nconsumer_secret = \"s\"\n";

    assertThat(error(app + "scopes = \"openid\"\n")).isEqualTo("x.toml:13: applications.kc.scopes: must be an array");
    assertThat(error(app + "scopes = [\"openid profile\"]\n")).isEqualTo("x.toml:13: applications.kc.scopes[0]:"
        + " \"openid profile\" is not a scope: one word of printable ASCII, without spaces, '\"' or '\\'");
    assertThat(error(app + "scopes = [\"openid\", 7]\n"))
        .isEqualTo("x.toml:13: applications.kc.scopes[1]: must be a scope in quotes, such as \"openid\"");
    assertThat(error(app + "scopes = [\"openid\", \"openid\"]\n"))
        .isEqualTo("x.toml:13: applications.kc.scopes[1]: \"openid\" is named twice");
    assertThat(error(app + "scopes = [\"device_phone\"]\n")).isEqualTo("x.toml:13: applications.kc.scopes[0]:"
        + " device_ scopes are the lab's own, one per device: use device_scope = true");
  }

  @Test void aFileWithSeveralMistakesIsRefusedWithEveryOneOfThemEachAtItsLine() {
    List<String> problems = errors("""
        [scenario]
        duration = "60"
        sed = 3

        [users]
        count = 3

        [applications.app]
        consumer_key = "k"

        [[groups]]
        name = "phone"
        application = "app"
        devices = 0

        [[groups]]
        name = "tablet"
        call = "orders"

        [[events]]
        at = "10s"
        do = "sign_out"
        group = "phone"
        for = "5s"

        [[events]]
        name = "storm"
        do = "revoke_user"
        users = ["user-9"]

        [[expect]]
        metric = "recovery_seconds"
        event = "storm"
        statistic = "p99"
        max = 20

        [[expect]]
        metric = "failed_calls"
        group = "tablet"
        """);

    assertThat(problems).containsExactly(
        "x.toml:3: scenario.sed: unknown key (known: description, duration, name, seed)",
        "x.toml:2: scenario.duration: must be a duration such as \"500ms\", \"5s\", \"2m\", \"1h\" or \"PT1H\", was \"60\"",
        "x.toml:8: applications.app.consumer_secret: required, unless public_client = true",
        "x.toml:14: groups[0].devices: must be 1 to 100, was 0",
        "x.toml:18: groups[1].call: must start with '/', was \"orders\"",
        "x.toml:24: events[0].for: sign_out takes no 'for' (it takes at, device, do, group, name, users)",
        "x.toml:29: events[1].users[0]: no user \"user-9\"; users are user-1, user-2, user-3",
        "x.toml:37: expect[1]: needs a bound: min, max or equals");
  }

  @Test void aTableThatCannotBeReadDoesNotMakeTheTablesNamingItWrongToo() {
    List<String> problems = errors("""
        [scenario]
        duration = "60s"

        [users]
        count = 0

        [applications.app]
        consumer_key = "k"

        [[groups]]
        name = "phone"
        application = "app"
        call = "orders"

        [[events]]
        name = "storm"
        do = "sign_out"
        group = "phone"
        users = ["someone"]
        for = "5s"

        [[expect]]
        metric = "devices_hit"
        event = "storm"
        group = "phone"
        max = 3
        """);

    assertThat(problems).containsExactly(
        "x.toml:5: users.count: must be 1 to 1000000, was 0",
        "x.toml:7: applications.app.consumer_secret: required, unless public_client = true",
        "x.toml:13: groups[0].call: must start with '/', was \"orders\"",
        "x.toml:20: events[0].for: sign_out takes no 'for' (it takes at, device, do, group, name, users)");
  }

  @Test void everyUnknownKeyOfATableIsNamed() {
    assertThat(errors(MINIMAL + "[[events]]\ndo = \"call\"\nwhen = \"5s\"\nhow = \"fast\"\n"))
        .extracting(problem -> problem.substring(0, problem.indexOf(": unknown key")))
        .containsExactlyInAnyOrder("x.toml:12: events[0].when", "x.toml:13: events[0].how");
  }

  @Test void durationsAreReadInEveryUnitAndInIso8601() throws ScenarioException {
    Scenario scenario = ScenarioParser.parse("x.toml", """
        [scenario]
        duration = "2h"

        [users]
        count = 1

        [[groups]]
        name = "phone"

        [[events]]
        at = "500ms"
        do = "offline"
        for = "2m"

        [[events]]
        at = "PT1H"
        do = "advance_clock"
        by = "pt30s"
        """);

    assertThat(scenario.events()).extracting(Event::at, Event::duration).containsExactly(
        tuple(Duration.ofMillis(500), Duration.ofMinutes(2)),
        tuple(Duration.ofHours(1), Duration.ofSeconds(30)));
  }

  @Test void aFileIsLoadedAndNamedAfterItself() throws Exception {
    Path file = directory.resolve("night-shift.toml");
    Files.writeString(file, "# Plays the night.\n" + MINIMAL);

    Scenario scenario = ScenarioParser.load(file);

    assertThat(scenario.name()).isEqualTo("night-shift");
    assertThat(scenario.description()).isEqualTo("Plays the night.");
    assertThat(scenario.source()).isEqualTo(file.toString());
  }

  @Test void aMissingFileIsSaidSo() {
    Path file = directory.resolve("nowhere.toml");

    assertThat(catchThrowableOfType(() -> ScenarioParser.load(file), ScenarioException.class))
        .hasMessage(file + ": no such file");
  }

  @Test void everyScenarioOfTheRepositoryParses() throws IOException, ScenarioException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(Path.of("..", "scenarios"))) {
      files = listing.filter(path -> path.toString().endsWith(".toml")).sorted().toList();
    }

    assertThat(files).hasSizeGreaterThanOrEqualTo(8);
    for (Path file : files) {
      Scenario scenario = ScenarioParser.load(file);
      assertThat(scenario.description()).as(file + " says what it plays and proves").contains("Proves");
      assertThat(scenario.expectations()).as(file + " expects something").isNotEmpty();
    }
  }

  // The mistakes, each with the line and the key it is about.

  @Test void anUnknownTopLevelKeyIsRefusedWithTheKnownOnes() {
    assertThat(error(MINIMAL + "[scenarios]\nname = \"x\"\n")).isEqualTo(
        "x.toml:10: scenarios: unknown key (known: applications, events, expect, gateway, groups, scenario, users)");
  }

  @Test void anUnknownKeyInScenarioIsRefused() {
    assertThat(error("[scenario]\nduration = \"5s\"\nseeds = 2\n")).isEqualTo(
        "x.toml:3: scenario.seeds: unknown key (known: description, duration, name, seed)");
  }

  @Test void anUnknownKeyInUsersIsRefused() {
    assertThat(error("[scenario]\nduration = \"5s\"\n[users]\ncount = 1\nnames = \"u{n}\"\n")).isEqualTo(
        "x.toml:5: users.names: unknown key (known: count, list, name, password)");
  }

  @Test void anUnknownKeyInAnApplicationIsRefused() {
    assertThat(error(MINIMAL + "[applications.app]\nconsumer_key = \"k\"\nconsumer_secret = \"s\"\ntype = \"JWT\"\n"))
        .isEqualTo("x.toml:13: applications.app.type: unknown key (known: consumer_key, consumer_secret, device_scope,"
            + " public_client, redirect_uri, scopes, token_type)");
  }

  @Test void anUnknownKeyInAGroupIsRefused() {
    assertThat(error(MINIMAL + "[[groups]]\nname = \"tablet\"\ndevice = 2\n")).isEqualTo(
        "x.toml:12: groups[1].device: unknown key (known: application, call, call_every, device_scope, devices, name,"
            + " password_replay, sign_in, sign_in_flow)");
  }

  @Test void anUnknownKeyInAnEventIsRefused() {
    assertThat(error(MINIMAL + "[[events]]\ndo = \"call\"\nwhen = \"5s\"\n")).isEqualTo(
        "x.toml:12: events[0].when: unknown key (known: at, by, capacity, count, device, do, fault, for, group, name,"
            + " password, retry_after, status, text, users)");
  }

  @Test void anUnknownKeyInAnExpectationIsRefused() {
    assertThat(error(MINIMAL + "[[expect]]\nmetric = \"calls\"\nmax = 1\nmaximum = 2\n")).isEqualTo(
        "x.toml:13: expect[0].maximum: unknown key (known: equals, event, from, group, max, metric, min, statistic, to,"
            + " users)");
  }

  @Test void aDurationWithoutUnitIsRefused() {
    assertThat(error("[scenario]\nduration = \"60\"\n")).isEqualTo("x.toml:2: scenario.duration: must be a duration"
        + " such as \"500ms\", \"5s\", \"2m\", \"1h\" or \"PT1H\", was \"60\"");
  }

  @Test void aDurationAsANumberIsRefused() {
    assertThat(error("[scenario]\nduration = 60\n"))
        .isEqualTo("x.toml:2: scenario.duration: must be a duration in quotes, such as \"5s\"");
  }

  @Test void aNegativeOrZeroDurationIsRefused() {
    assertThat(error("[scenario]\nduration = \"PT-5S\"\n"))
        .isEqualTo("x.toml:2: scenario.duration: must not be negative, was \"PT-5S\"");
    assertThat(error("[scenario]\nduration = \"0s\"\n")).isEqualTo("x.toml:2: scenario.duration: must be longer than zero");
  }

  @Test void aScenarioWithoutDurationIsRefused() {
    assertThat(error("[scenario]\nname = \"x\"\n")).isEqualTo("x.toml:1: scenario.duration: required");
  }

  @Test void aFileWithoutScenarioTableIsRefused() {
    assertThat(error("[users]\ncount = 1\n"))
        .isEqualTo("x.toml:1: scenario: required: [scenario] with a duration, such as \"60s\"");
  }

  @Test void aSyntaxErrorGivesItsLine() {
    assertThat(error(MINIMAL + "[[events]]\ndo = = \"call\"\n"))
        .isEqualTo("x.toml:11: not valid TOML: Unexpected '=', expected a value");
  }

  @Test void curlyQuotesCopiedFromADocumentAreExplained() {
    assertThat(error("[scenario]\nduration = \u201c5s\u201d\n")).isEqualTo("x.toml:2: not valid TOML: Unexpected"
        + " '\\u201c', expected a value (curly quotes \u201c\u201d, as in copied documents, are not TOML quotes: use \")");
  }

  @Test void inputThatCrashesTomljIsAScenarioExceptionNotANullPointerException() {
    assertThat(error("[scenario]\nduration = \"5s\"\na = { x = 1, # c\r}\n"))
        .startsWith("x.toml:3: not valid TOML (the TOML parser failed: ");
    assertThat(error("[g#\r")).startsWith("x.toml:1: not valid TOML");
  }

  @Test void aLongRunOfBlankLinesIsRefusedBeforeTomljCrawlsThroughIt() {
    assertThat(error("[scenario]\n" + "\n".repeat(150) + "# note\n".repeat(60) + "duration = \"5s\"\n")).isEqualTo(
        "x.toml:202: more than 200 blank or comment lines in a row; remove some");
  }

  @Test void aValueOfTheWrongTypeIsRefused() {
    assertThat(error(MINIMAL.replace("name = \"phone\"", "name = \"phone\"\ndevices = \"two\"")))
        .isEqualTo("x.toml:9: groups[0].devices: must be a whole number");
    assertThat(error(MINIMAL.replace("count = 3", "count = 3.5"))).isEqualTo("x.toml:5: users.count: must be a whole number");
    assertThat(error(MINIMAL + "[events]\ndo = \"call\"\n"))
        .isEqualTo("x.toml:10: events: must be an array of tables ([[events]])");
  }

  @Test void aUserCountOutOfRangeIsRefused() {
    assertThat(error(MINIMAL.replace("count = 3", "count = 0"))).isEqualTo("x.toml:5: users.count: must be 1 to 1000000, was 0");
    assertThat(error(MINIMAL.replace("count = 3", "count = 1000001")))
        .isEqualTo("x.toml:5: users.count: must be 1 to 1000000, was 1000001");
  }

  @Test void usersGivenBothWaysOrNeitherAreRefused() {
    assertThat(error(MINIMAL.replace("count = 3", "count = 3\nlist = [{ name = \"a\", password = \"b\" }]")))
        .isEqualTo("x.toml:5: users.count: goes with count, not with list");
    assertThat(error(MINIMAL.replace("count = 3", "")))
        .isEqualTo("x.toml:4: users.count: required: count = N, or list = [{ name = ..., password = ... }]");
  }

  @Test void usersWithTheSameNameAreRefused() {
    assertThat(error(MINIMAL.replace("count = 3", "count = 3\nname = \"user\"")))
        .isEqualTo("x.toml:6: users.name: must contain {n}, or every user is named \"user\"");
    assertThat(error(MINIMAL.replace("count = 3",
        "list = [\n  { name = \"a\", password = \"p\" },\n  { name = \"a\", password = \"q\" },\n]")))
        .isEqualTo("x.toml:7: users.list[1].name: duplicate user \"a\"");
    assertThat(error(MINIMAL.replace("count = 3", "list = [{ name = \"\", password = \"p\" }]")))
        .isEqualTo("x.toml:5: users.list[0].name: must not be empty");
  }

  @Test void anUnknownPlaceholderIsRefused() {
    assertThat(error(MINIMAL.replace("count = 3", "count = 3\npassword = \"{user}-pw\"")))
        .isEqualTo("x.toml:6: users.password: unknown placeholder {user} in \"{user}-pw\" (known: {n}, {name})");
  }

  @Test void aBadTokenTypeIsRefused() {
    assertThat(error(MINIMAL + "[applications.app]\nconsumer_key = \"k\"\nconsumer_secret = \"s\"\ntoken_type = \"SAML\"\n"))
        .isEqualTo("x.toml:13: applications.app.token_type: must be \"JWT\" or \"OPAQUE\", was \"SAML\"");
  }

  @Test void anApplicationWithoutSecretIsRefused() {
    assertThat(error(MINIMAL + "[applications.app]\nconsumer_key = \"k\"\n"))
        .isEqualTo("x.toml:10: applications.app.consumer_secret: required, unless public_client = true");
  }

  @Test void aBrowserGroupOnAPublicClientSignsInInTheBrowserWithoutAPasswordToReplay() throws ScenarioException {
    Scenario scenario = ScenarioParser.parse("x.toml", MINIMAL + """
        [applications.app]
        consumer_key = "mobile-app"
        public_client = true
        token_type = "OPAQUE"
        redirect_uri = "http://127.0.0.1:53682/callback"

        [[groups]]
        name = "tablet"
        application = "app"
        sign_in_flow = "browser"
        """);

    assertThat(scenario.applications().get("app")).isEqualTo(new ApplicationSpec("app", "mobile-app", null,
        TokenType.OPAQUE, true, "http://127.0.0.1:53682/callback", List.of(), true));
    assertThat(scenario.applications().get("app").toString()).isEqualTo("ApplicationSpec{app, mobile-app, OPAQUE, public}");
    assertThat(scenario.group("tablet").orElseThrow()).isEqualTo(
        new GroupSpec("tablet", 1, "app", true, false, SignInFlow.BROWSER, "/orders", null, true, 16));
    assertThat(scenario.group("phone").orElseThrow().signInFlow()).isEqualTo(SignInFlow.PASSWORD);
    assertThat(ApplicationSpec.JWT.redirectUri()).isEqualTo("http://127.0.0.1:8765/callback");
  }

  @Test void anUnknownSignInFlowIsRefused() {
    assertThat(error(MINIMAL.replace("name = \"phone\"", "name = \"phone\"\nsign_in_flow = \"webview\"")))
        .isEqualTo("x.toml:9: groups[0].sign_in_flow: must be \"password\" or \"browser\", was \"webview\"");
  }

  @Test void aBrowserGroupWithPasswordReplayIsRefused() {
    assertThat(error(MINIMAL.replace("name = \"phone\"",
        "name = \"phone\"\nsign_in_flow = \"browser\"\npassword_replay = true"))).isEqualTo(
        "x.toml:10: groups[0].password_replay: goes with sign_in_flow = \"password\": a browser sign-in leaves no"
            + " password to replay");
  }

  @Test void aPublicClientWithASecretIsRefused() {
    assertThat(error(MINIMAL + "[applications.app]\nconsumer_key = \"k\"\nconsumer_secret = \"s\"\npublic_client = true\n"))
        .isEqualTo("x.toml:12: applications.app.consumer_secret: a public client sends no secret: its client id alone"
            + " authenticates it; leave consumer_secret out");
  }

  @Test void aRedirectUriTheSdkWouldRefuseIsRefusedBeforeTheRun() {
    String app = MINIMAL + "[applications.app]\nconsumer_key = \"k\"\npublic_client = true\n";

    assertThat(error(app + "redirect_uri = \"http://example.com/callback\"\n")).isEqualTo("x.toml:13:"
        + " applications.app.redirect_uri: a plain http redirect URI must go to loopback (127.0.0.1 or [::1]),"
        + " was \"http://example.com/callback\"");
    assertThat(error(app + "redirect_uri = \"/callback\"\n")).isEqualTo("x.toml:13: applications.app.redirect_uri:"
        + " must be an absolute URI without a fragment, such as \"http://127.0.0.1:8765/callback\", was \"/callback\"");
    assertThat(error(app + "redirect_uri = \"com.example.app:/callback#top\"\n"))
        .startsWith("x.toml:13: applications.app.redirect_uri: must be an absolute URI without a fragment");
    assertThat(error(app + "redirect_uri = \"http://127.0.0.1:8765/call back\"\n"))
        .startsWith("x.toml:13: applications.app.redirect_uri: is not a URI: ");
  }

  @Test void anApplicationReusingAConsumerKeyIsRefused() {
    assertThat(error(MINIMAL + "[applications.app]\nconsumer_key = \"lab-jwt\"\nconsumer_secret = \"s\"\n"))
        .isEqualTo("x.toml:11: applications.app.consumer_key: \"lab-jwt\" is the default application jwt's; pick another");
  }

  @Test void aDuplicateGroupIsRefused() {
    assertThat(error(MINIMAL + "[[groups]]\nname = \"phone\"\n"))
        .isEqualTo("x.toml:11: groups[1].name: duplicate group \"phone\"");
  }

  @Test void aGroupNameWithCapitalsIsRefused() {
    assertThat(error(MINIMAL.replace("\"phone\"", "\"Phone\""))).isEqualTo(
        "x.toml:8: groups[0].name: must be lower-case letters, digits, '_' and '-', was \"Phone\"");
  }

  @Test void aScenarioWithoutGroupsIsRefused() {
    assertThat(error("[scenario]\nduration = \"5s\"\n[users]\ncount = 1\n"))
        .isEqualTo("x.toml:1: groups: required: at least one [[groups]] of devices");
  }

  @Test void aGroupOfAMissingApplicationIsRefused() {
    assertThat(error(MINIMAL + "[[groups]]\nname = \"tablet\"\napplication = \"tablet-app\"\n"))
        .isEqualTo("x.toml:12: groups[1].application: no application \"tablet-app\"; applications are jwt, opaque");
  }

  @Test void aGroupsCallAndDevicesAreChecked() {
    assertThat(error(MINIMAL + "[[groups]]\nname = \"tablet\"\ncall = \"orders\"\n"))
        .isEqualTo("x.toml:12: groups[1].call: must start with '/', was \"orders\"");
    assertThat(error(MINIMAL + "[[groups]]\nname = \"tablet\"\ndevices = 101\n"))
        .isEqualTo("x.toml:12: groups[1].devices: must be 1 to 100, was 101");
    assertThat(error(MINIMAL + "[[groups]]\nname = \"tablet\"\nsign_in = \"later\"\n"))
        .isEqualTo("x.toml:12: groups[1].sign_in: must be \"start\" or \"event\", was \"later\"");
  }

  @Test void anEventNamingAMissingGroupIsRefusedWithTheGroupsThereAre() {
    assertThat(error(MINIMAL + "[[groups]]\nname = \"tablet\"\n[[events]]\ndo = \"sign_out\"\ngroup = \"phne\"\n"))
        .isEqualTo("x.toml:14: events[0].group: no group \"phne\"; groups are phone, tablet");
  }

  @Test void anEventNamingAMissingUserIsRefused() {
    assertThat(error(MINIMAL + "[[events]]\ndo = \"revoke_user\"\nusers = [\"user-1\",\n  \"bob\"]\n"))
        .isEqualTo("x.toml:13: events[0].users[1]: no user \"bob\"; users are user-1, user-2, user-3");
  }

  @Test void anEventsFirstUsersMustBeWithinTheUsers() {
    assertThat(error(MINIMAL + "[[events]]\ndo = \"sign_out\"\nusers = 4\n"))
        .isEqualTo("x.toml:12: events[0].users: must be 1 to 3 (the first N users), was 4");
    assertThat(error(MINIMAL + "[[events]]\ndo = \"sign_out\"\nusers = 0\n"))
        .isEqualTo("x.toml:12: events[0].users: must be 1 to 3 (the first N users), was 0");
    assertThat(error(MINIMAL + "[[events]]\ndo = \"sign_out\"\nusers = \"all\"\n"))
        .isEqualTo("x.toml:12: events[0].users: must be a number (the first N users) or an array of user names");
  }

  @Test void anEventOfAnUnknownKindIsRefusedWithTheKnownOnes() {
    assertThat(error(MINIMAL + "[[events]]\ndo = \"logout\"\n")).isEqualTo("x.toml:11: events[0].do: unknown event"
        + " \"logout\" (known: sign_in, sign_out, call, burst, offline, change_password, revoke_user, advance_clock,"
        + " token_fault, api_fault, show_tokens, note)");
  }

  @Test void aKeyTheEventsKindDoesNotTakeIsRefused() {
    assertThat(error(MINIMAL + "[[events]]\ndo = \"sign_out\"\nfor = \"5s\"\n"))
        .isEqualTo("x.toml:12: events[0].for: sign_out takes no 'for' (it takes at, device, do, group, name, users)");
    assertThat(error(MINIMAL + "[[events]]\ndo = \"change_password\"\ngroup = \"phone\"\n"))
        .isEqualTo("x.toml:12: events[0].group: change_password takes no 'group' (it takes at, do, name, password, users)");
  }

  @Test void aKeyTheEventsKindNeedsIsRequired() {
    assertThat(error(MINIMAL + "[[events]]\ndo = \"offline\"\n")).isEqualTo("x.toml:10: events[0].for: required");
    assertThat(error(MINIMAL + "[[events]]\ndo = \"advance_clock\"\n")).isEqualTo("x.toml:10: events[0].by: required");
    assertThat(error(MINIMAL + "[[events]]\ndo = \"note\"\n")).isEqualTo("x.toml:10: events[0].text: required");
    assertThat(error(MINIMAL + "[[events]]\ndo = \"api_fault\"\n")).isEqualTo("x.toml:10: events[0].fault: required");
  }

  @Test void anUnknownFaultIsRefusedWithTheFaultsOfItsTarget() {
    assertThat(error(MINIMAL + "[[events]]\ndo = \"token_fault\"\nfault = \"slow\"\n")).isEqualTo(
        "x.toml:12: events[0].fault: unknown fault \"slow\" (known: throttled, unavailable, html, empty, disconnect,"
            + " overloaded)");
    assertThat(error(MINIMAL + "[[events]]\ndo = \"token_fault\"\nfault = \"expired\"\n")).isEqualTo(
        "x.toml:12: events[0].fault: expired faults strike API calls only, not the token endpoint; use api_fault");
  }

  @Test void aFaultGivenCountAndForTogetherIsRefused() {
    assertThat(error(MINIMAL + "[[events]]\ndo = \"api_fault\"\nfault = \"throttled\"\ncount = 3\nfor = \"5s\"\n"))
        .isEqualTo("x.toml:14: events[0].for: give count or for, not both");
  }

  @Test void aFaultsStatusAndRetryAfterAreCheckedAsTheMockChecksThem() {
    assertThat(error(MINIMAL + "[[events]]\ndo = \"api_fault\"\nfault = \"throttled\"\nstatus = 503\n")).isEqualTo(
        "x.toml:13: events[0].status: status applies to html, empty and overloaded faults only, not throttled");
    assertThat(error(MINIMAL + "[[events]]\ndo = \"api_fault\"\nfault = \"html\"\nstatus = 700\n"))
        .isEqualTo("x.toml:13: events[0].status: must be 200 to 599, was 700");
    assertThat(error(MINIMAL + "[[events]]\ndo = \"token_fault\"\nfault = \"disconnect\"\nretry_after = \"1s\"\n"))
        .isEqualTo("x.toml:13: events[0].retry_after: retry_after does not apply to disconnect faults");
    assertThat(error(MINIMAL + "[[events]]\ndo = \"token_fault\"\nfault = \"throttled\"\nretry_after = \"1500ms\"\n"))
        .isEqualTo("x.toml:13: events[0].retry_after: must be whole seconds, as Retry-After is");
    assertThat(error(MINIMAL + "[[events]]\ndo = \"token_fault\"\nfault = \"html\"\nretry_after = \"none\"\n"))
        .isEqualTo("x.toml:13: events[0].retry_after: html faults carry no Retry-After to leave out");
  }

  @Test void retryAfterNoneLeavesTheHeaderOut() throws ScenarioException {
    Scenario scenario = ScenarioParser.parse("x.toml", MINIMAL + "[[events]]\ndo = \"token_fault\"\n"
        + "fault = \"unavailable\"\nretry_after = \"none\"\nfor = \"5s\"\n");

    assertThat(scenario.events()).singleElement().satisfies(event -> {
      assertThat(event.noRetryAfter()).isTrue();
      assertThat(event.retryAfter()).isNull();
    });
  }

  @Test void anOverloadedTokenEndpointHasACapacityAndLastsUntilTheEndUnlessGivenAFor() throws ScenarioException {
    Scenario scenario = ScenarioParser.parse("x.toml", MINIMAL + "[[events]]\ndo = \"token_fault\"\n"
        + "fault = \"overloaded\"\ncapacity = 500\nretry_after = \"1s\"\nstatus = 429\n");

    assertThat(scenario.events()).singleElement().satisfies(event -> {
      assertThat(event.fault()).isEqualTo("overloaded");
      assertThat(event.capacity()).isEqualTo(500);
      assertThat(event.status()).isEqualTo(429);
      assertThat(event.retryAfter()).isEqualTo(Duration.ofSeconds(1));
      assertThat(event.count()).as("no count: until the end").isZero();
      assertThat(event.duration()).isNull();
    });
  }

  @Test void anOverloadedFaultIsCheckedAsTheMockChecksIt() {
    String overloaded = MINIMAL + "[[events]]\ndo = \"token_fault\"\nfault = \"overloaded\"\n";

    assertThat(error(overloaded)).isEqualTo("x.toml:10: events[0].capacity: required for overloaded: the token"
        + " requests a second the endpoint admits");
    assertThat(error(overloaded + "capacity = 500\ncount = 3\n")).isEqualTo("x.toml:14: events[0].count: overloaded"
        + " faults last until cleared or for a duration, not for a count");
    assertThat(error(overloaded + "capacity = 500\nstatus = 502\n"))
        .isEqualTo("x.toml:14: events[0].status: an overloaded token endpoint answers 503 or 429, not 502");
    assertThat(error(overloaded + "capacity = 0\n"))
        .isEqualTo("x.toml:13: events[0].capacity: capacity must be 1 to 1000000 requests per second: 0");
    assertThat(error(MINIMAL + "[[events]]\ndo = \"token_fault\"\nfault = \"unavailable\"\ncapacity = 500\n"))
        .isEqualTo("x.toml:13: events[0].capacity: capacity applies to overloaded faults only, not unavailable");
    assertThat(error(MINIMAL + "[[events]]\ndo = \"api_fault\"\nfault = \"overloaded\"\ncapacity = 5\n"))
        .startsWith("x.toml:12: events[0].fault: overloaded faults strike the token endpoint only")
        .endsWith("; use token_fault");
  }

  @Test void anEventBeyondTheDurationIsRefused() {
    assertThat(error(MINIMAL + "[[events]]\nat = \"61s\"\ndo = \"call\"\n"))
        .isEqualTo("x.toml:11: events[0].at: 61s is beyond the scenario's duration, 1m");
  }

  @Test void anEventGoingBackInTimeIsRefused() {
    assertThat(error(MINIMAL + "[[events]]\nat = \"20s\"\ndo = \"call\"\n\n[[events]]\ndo = \"call\"\n\n"
        + "[[events]]\nat = \"10s\"\ndo = \"call\"\n")).isEqualTo("x.toml:18: events[2].at: 10s is before 20s, the at of"
        + " events[0] (line 10); list events in the order they happen");
  }

  @Test void anExpectationWithoutBoundIsRefused() {
    assertThat(error(MINIMAL + "[[expect]]\nmetric = \"prompts\"\n"))
        .isEqualTo("x.toml:10: expect[0]: needs a bound: min, max or equals");
  }

  @Test void anExpectationsBoundsAreChecked() {
    assertThat(error(MINIMAL + "[[expect]]\nmetric = \"prompts\"\nequals = 1\nmax = 2\n"))
        .isEqualTo("x.toml:13: expect[0].max: equals is min and max already; give one or the other");
    assertThat(error(MINIMAL + "[[expect]]\nmetric = \"prompts\"\nmin = 3\nmax = 2\n"))
        .isEqualTo("x.toml:12: expect[0].min: is more than max");
    assertThat(error(MINIMAL + "[[expect]]\nmetric = \"prompts\"\nmax = \"none\"\n"))
        .isEqualTo("x.toml:12: expect[0].max: must be a finite number");
  }

  @Test void anExpectationOfAnUnknownMetricOrGroupIsRefused() {
    assertThat(error(MINIMAL + "[[expect]]\nmetric = \"failures\"\nmax = 0\n")).isEqualTo("x.toml:11: expect[0].metric:"
        + " unknown metric \"failures\" (known: failed_calls, prompts, prompted_devices, unauthorized_calls,"
        + " token_requests_per_recovery, recoveries, calls, token_requests, sign_in_failures, rejected_token_requests,"
        + " unanswered_token_requests, token_requests_per_device, peak_token_rate, devices_hit, recovery_seconds,"
        + " devices_not_back)");
    assertThat(error(MINIMAL + "[[expect]]\nmetric = \"prompts\"\ngroup = \"tablet\"\nmax = 0\n"))
        .isEqualTo("x.toml:12: expect[0].group: no group \"tablet\"; groups are phone");
  }

  @Test void anExpectationAboutChangedPasswordsNeedsAPasswordChange() {
    assertThat(error(MINIMAL + "[[expect]]\nmetric = \"prompts\"\nusers = \"password_changed\"\nmax = 0\n"))
        .isEqualTo("x.toml:12: expect[0].users: no change_password event changes a password, so password_changed"
            + " means nobody");
  }

  @Test void anEventNameIsAHandleInGroupNameCharactersAndUnique() {
    assertThat(error(MINIMAL + "[[events]]\nname = \"The Outage\"\ndo = \"revoke_user\"\n"))
        .isEqualTo("x.toml:11: events[0].name: must be lower-case letters, digits, '_' and '-', was \"The Outage\"");
    assertThat(error(MINIMAL + "[[events]]\nname = \"storm\"\ndo = \"revoke_user\"\n\n"
        + "[[events]]\nname = \"storm\"\ndo = \"call\"\n"))
        .isEqualTo("x.toml:15: events[1].name: \"storm\" names the event on line 10 already");
  }

  @Test void aWindowedMetricTakesAWindowWithinTheTimelineThatEndsAfterItStarts() throws ScenarioException {
    Scenario scenario = ScenarioParser.parse("x.toml", MINIMAL
        + "[[expect]]\nmetric = \"peak_token_rate\"\nfrom = \"10s\"\nmax = 500\n");

    assertThat(scenario.expectations().get(0).from()).isEqualTo(Duration.ofSeconds(10));
    assertThat(scenario.expectations().get(0).to()).as("the end of the run").isNull();
    assertThat(error(MINIMAL + "[[expect]]\nmetric = \"peak_token_rate\"\nfrom = \"30s\"\nto = \"30s\"\nmax = 5\n"))
        .isEqualTo("x.toml:13: expect[0].to: 30s is not after from, 30s");
    assertThat(error(MINIMAL + "[[expect]]\nmetric = \"peak_token_rate\"\nto = \"2m\"\nmax = 5\n"))
        .isEqualTo("x.toml:12: expect[0].to: 2m is beyond the scenario's duration, 1m");
    assertThat(error(MINIMAL + "[[expect]]\nmetric = \"failed_calls\"\nfrom = \"10s\"\nmax = 0\n"))
        .isEqualTo("x.toml:12: expect[0].from: failed_calls takes no 'from' (from is for token_requests_per_device"
            + " and peak_token_rate)");
  }

  @Test void aMetricMeasuredPerDeviceNeedsAStatistic() throws ScenarioException {
    assertThat(error(MINIMAL + "[[expect]]\nmetric = \"token_requests_per_device\"\nmax = 10\n"))
        .isEqualTo("x.toml:10: expect[0].statistic: required for token_requests_per_device: max, mean, or a"
            + " percentile such as p99");
    assertThat(error(MINIMAL + "[[expect]]\nmetric = \"token_requests_per_device\"\nstatistic = \"p101\"\nmax = 1\n"))
        .isEqualTo("x.toml:12: expect[0].statistic: must be \"max\", \"mean\" or a percentile such as \"p99\""
            + " (p0.001 to p100), was \"p101\"");
    assertThat(error(MINIMAL + "[[expect]]\nmetric = \"prompts\"\nstatistic = \"max\"\nmax = 0\n"))
        .isEqualTo("x.toml:12: expect[0].statistic: prompts takes no 'statistic' (statistic is for"
            + " token_requests_per_device and recovery_seconds)");
    assertThat(ScenarioParser.parse("x.toml", MINIMAL + "[[expect]]\nmetric = \"token_requests_per_device\"\n"
        + "statistic = \"p99.90\"\nmax = 1\n").expectations().get(0).statistic().toml()).isEqualTo("p99.9");
  }

  @Test void aMetricAboutAnEventsAftermathNamesANamedEvent() throws ScenarioException {
    String outage = MINIMAL + "[[events]]\nname = \"outage\"\nat = \"10s\"\ndo = \"token_fault\"\n"
        + "fault = \"unavailable\"\nfor = \"20s\"\n\n";

    assertThat(ScenarioParser.parse("x.toml", outage + "[[expect]]\nmetric = \"devices_not_back\"\n"
        + "event = \"outage\"\nmax = 0\n").expectations().get(0).event()).isEqualTo("outage");
    assertThat(error(outage + "[[expect]]\nmetric = \"recovery_seconds\"\nstatistic = \"p99\"\nmax = 20\n"))
        .isEqualTo("x.toml:17: expect[0].event: required for recovery_seconds: the name of the event, as its"
            + " [[events]] name gives it");
    assertThat(error(outage + "[[expect]]\nmetric = \"devices_hit\"\nevent = \"storm\"\nmin = 1\n"))
        .isEqualTo("x.toml:19: expect[0].event: no event is named \"storm\"; named events are outage");
    assertThat(error(MINIMAL + "[[expect]]\nmetric = \"devices_hit\"\nevent = \"outage\"\nmin = 1\n"))
        .isEqualTo("x.toml:12: expect[0].event: no event is named \"outage\": give the event name = \"outage\"");
    assertThat(error(outage + "[[expect]]\nmetric = \"calls\"\nevent = \"outage\"\nmin = 1\n"))
        .isEqualTo("x.toml:19: expect[0].event: calls takes no 'event' (event is for devices_hit,"
            + " recovery_seconds and devices_not_back)");
  }

  @Test void aGatewayConfigMistakeIsReportedAsConfigLoaderSaysIt() {
    assertThat(error(MINIMAL + "[gateway.oauth.jwt.renew_token_without_revoking_existing]\nenable = true\n"
        + "allowed_grant_types = [\"implicit\"]\n")).isEqualTo("x.toml:12:"
        + " oauth.jwt.renew_token_without_revoking_existing.allowed_grant_types: unknown grant type \"implicit\""
        + " (known: password, refresh_token, client_credentials, authorization_code)");
  }

  @Test void aLabUserTheGatewayHasAlreadyIsRefused() {
    assertThat(error(MINIMAL.replace("count = 3", "list = [{ name = \"admin\", password = \"p\" }]")
        + "[gateway.oauth.jwt.renew_token_without_revoking_existing]\nenable = true\n"))
        .isEqualTo("x.toml:10: gateway: the gateway has a user \"admin\" of its own; rename the one in [users]");
  }

  @Test void anEventMayNameOneDeviceOfAGroupOfSeveral() throws ScenarioException {
    Scenario scenario = ScenarioParser.parse("x.toml", MINIMAL.replace("name = \"phone\"", "name = \"phone\"\ndevices = 2")
        + "[[events]]\ndo = \"sign_out\"\ngroup = \"phone\"\nusers = [\"user-1\"]\ndevice = 2\n");

    assertThat(scenario.events().get(0).who()).isEqualTo(new Selection("phone", null, List.of("user-1"), 2));
    assertThat(scenario.events().get(0).who().describe()).isEqualTo("device 2 of group phone of users user-1");
  }

  @Test void aDeviceWithoutItsGroupOrBeyondItIsRefused() {
    String twoPhones = MINIMAL.replace("name = \"phone\"", "name = \"phone\"\ndevices = 2");

    assertThat(error(twoPhones + "[[events]]\ndo = \"sign_out\"\ndevice = 1\n"))
        .isEqualTo("x.toml:13: events[0].device: names the Nth device of a group: give the group too");
    assertThat(error(twoPhones + "[[events]]\ndo = \"sign_out\"\ngroup = \"phone\"\ndevice = 3\n"))
        .isEqualTo("x.toml:14: events[0].device: must be 1 to 2 (group phone has 2 per user), was 3");
    assertThat(error(twoPhones + "[[events]]\ndo = \"revoke_user\"\ndevice = 1\n"))
        .startsWith("x.toml:13: events[0].device: revoke_user takes no 'device'");
  }

  /** The first mistake the parser finds in {@code text}: where the ones below expect it. */
  private static String error(String text) {
    return errors(text).get(0);
  }

  private static List<String> errors(String text) {
    ScenarioException error = catchThrowableOfType(() -> ScenarioParser.parse("x.toml", text), ScenarioException.class);
    assertThat(error).as("a ScenarioException for:\n" + text).isNotNull();
    return error.problems();
  }
}
