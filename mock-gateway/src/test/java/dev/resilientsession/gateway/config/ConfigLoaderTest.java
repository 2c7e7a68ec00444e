package dev.resilientsession.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.resilientsession.gateway.ErrorFormat;
import dev.resilientsession.gateway.GatewayConfig;
import dev.resilientsession.gateway.ResourceRule;
import dev.resilientsession.gateway.token.Application;
import dev.resilientsession.gateway.token.GrantType;
import dev.resilientsession.gateway.token.RenewalPolicy;
import dev.resilientsession.gateway.token.TokenType;
import dev.resilientsession.gateway.token.User;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigLoaderTest {
  /** A deployment.toml as a QA engineer would write it for the mock: WSO2's keys plus [gateway]. */
  private static final String EXAMPLE = """
      [server]
      hostname = "localhost"

      [oauth.jwt.renew_token_without_revoking_existing]
      enable = true
      allowed_grant_types = ["client_credentials", "password"]

      # WSO2's default: an authorization code must be exchanged within 5 minutes.
      [oauth.token_validation]
      authorization_code_validity = "5m"
      
      [gateway]
      error_format = "json"
      strict_resources = true

      [[gateway.users]]
      username = "alice"
      password = "alice-pass"
      scopes = ["orders:read", "orders:write"]

      [[gateway.users]]
      username = "bob"
      password = "bob-pass"

      [[gateway.applications]]
      consumer_key = "mobile-app"
      consumer_secret = "mobile-secret"
      token_type = "opaque"
      grant_types = ["password", "refresh_token"]
      access_token_validity = 300
      refresh_token_validity = 7200

      [[gateway.applications]]
      consumer_key = "batch-job"
      consumer_secret = "batch-secret"
      token_type = "JWT"
      grant_types = ["client_credentials"]
      owner = "bob"

      [[gateway.resources]]
      method = "GET"
      path = "/orders/**"
      scopes = ["orders:read"]

      [[gateway.resources]]
      path = "/health"
      """;

  /** The example of the project's README, verbatim (comments and all). */
  private static final String README_EXAMPLE = """
      [oauth.jwt.renew_token_without_revoking_existing]
      enable = true
      allowed_grant_types = ["client_credentials", "password"]   # default: ["client_credentials"]

      [oauth.opaque.renew_token_without_revoking_existing]
      enable = true

      [oauth.token_renewal]
      renew_refresh_token = true        # false: a refresh keeps the same refresh token
      extend_refresh_token_expiry_time_on_renewal = true   # false: a rotated refresh token keeps the first one's expiry
      renew_access_token_per_request = false   # true: each token request gets a new pair and revokes the previous one, OPAQUE too

      # Off unless present. A token the gateway validated is trusted until its cache entry expires, so a
      # revoked token keeps working that long (expiry is still checked). Enabled without expiry_time: 900 s.
      [apim.cache.gateway_token]
      enable = true
      expiry_time = "900s"

      # Off unless enabled: after N wrong passwords in a row the user is locked (password and refresh
      # grants fail with invalid_grant "17003 ...") and the user's tokens are revoked.
      [identity_mgt.account_locking]
      enable_account_locking = true
      allowed_failed_attempts = 5
      auto_unlock_after = 5             # minutes

      [gateway]
      error_format = "json"             # or "xml": WSO2's <ams:fault> body
      strict_resources = false          # true: paths matching no resource get 403 900906
      unknown_grant_type_error = "unsupported_grant_type"   # or "invalid_request", as WSO2 answers
      revocation_delay = "0s"           # e.g. "2s": a revoked token still passes the gateway that long
      # token_capacity = 500            # token requests a second; beyond them 503 + Retry-After: 1 (default: no limit)

      [[gateway.users]]
      username = "alice"
      password = "alice-pw"
      scopes = ["orders:read"]          # scopes this user may be granted; device_* scopes are always granted

      [[gateway.applications]]
      consumer_key = "k1"
      consumer_secret = "s1"
      token_type = "JWT"                # or "OPAQUE"
      grant_types = ["password", "refresh_token", "client_credentials"]
      access_token_validity = 3600      # seconds
      refresh_token_validity = 86400
      owner = "admin"                   # the user client_credentials tokens belong to

      [[gateway.applications]]           # a browser sign-in app: WSO2's "public client" with PKCE
      consumer_key = "mobile-app"
      public_client = true              # authenticates with client_id alone; never client_credentials
      pkce_mandatory = true             # an authorize request without code_challenge is refused
      pkce_support_plain = false        # S256 only
      redirect_uris = ["http://127.0.0.1/callback", "com.example.app:/callback"]   # exact, or "regexp=..."; a 127.0.0.1 one on any port

      [[gateway.resources]]
      path = "/orders/**"               # * or {name}: one segment; **: any number
      method = "GET"                    # optional
      scopes = ["orders:read"]          # a token needs one of them
      """;

  @TempDir Path directory;

  @Test void theExampleConfigGivesItsUsersApplicationsAndResources() throws Exception {
    GatewayConfig config = load(EXAMPLE);

    assertThat(config.users()).extracting(User::username).containsExactly("alice", "bob");
    User alice = config.users().get(0);
    assertThat(alice.passwordMatches("alice-pass")).isTrue();
    assertThat(alice.passwordMatches("bob-pass")).isFalse();
    assertThat(alice.scopes()).containsExactly("orders:read", "orders:write");
    assertThat(config.users().get(1).scopes()).isEmpty();

    assertThat(config.applications()).extracting(Application::consumerKey).containsExactly("mobile-app", "batch-job");
    Application mobile = config.applications().get(0);
    assertThat(mobile.secretMatches("mobile-secret")).isTrue();
    assertThat(mobile.tokenType()).isEqualTo(TokenType.OPAQUE);
    assertThat(mobile.grantTypes()).containsExactlyInAnyOrder(GrantType.PASSWORD, GrantType.REFRESH_TOKEN);
    assertThat(mobile.accessTokenValidity()).isEqualTo(Duration.ofSeconds(300));
    assertThat(mobile.refreshTokenValidity()).isEqualTo(Duration.ofSeconds(7200));
    Application batch = config.applications().get(1);
    assertThat(batch.tokenType()).isEqualTo(TokenType.JWT);
    assertThat(batch.grantTypes()).containsExactly(GrantType.CLIENT_CREDENTIALS);
    assertThat(batch.owner()).isEqualTo("bob");
    assertThat(batch.accessTokenValidity()).as("WSO2's default").isEqualTo(Duration.ofSeconds(3600));
    assertThat(batch.refreshTokenValidity()).as("WSO2's default").isEqualTo(Duration.ofSeconds(86400));

    assertThat(config.resources()).extracting(ResourceRule::method, ResourceRule::pattern)
        .containsExactly(tuple("GET", "/orders/**"),
            tuple(null, "/health"));
    assertThat(config.resources().get(0).scopes()).containsExactly("orders:read");
    assertThat(config.resources().get(1).scopes()).isEmpty();
    assertThat(config.strictResources()).isTrue();
    assertThat(config.errorFormat()).isEqualTo(ErrorFormat.JSON);
    assertThat(config.jwtRenewal().allowedGrantTypes())
        .containsExactlyInAnyOrder(GrantType.CLIENT_CREDENTIALS, GrantType.PASSWORD);
  }

  @Test void theReadmeExampleLoadsAsDocumented() throws Exception {
    GatewayConfig config = load(README_EXAMPLE);

    assertThat(config.jwtRenewal().allowedGrantTypes())
        .containsExactlyInAnyOrder(GrantType.CLIENT_CREDENTIALS, GrantType.PASSWORD);
    assertThat(config.opaqueRenewal().isEnabled()).isTrue();
    assertThat(config.opaqueRenewal().allowedGrantTypes()).containsExactly(GrantType.CLIENT_CREDENTIALS);
    assertThat(config.rotateRefreshTokens()).isTrue();
    assertThat(config.extendRenewedRefreshTokenExpiry()).isTrue();
    assertThat(config.renewAccessTokenPerRequest()).isFalse();
    assertThat(config.gatewayTokenCache()).isEqualTo(Duration.ofSeconds(900));
    assertThat(config.accountLockout().maxFailedAttempts()).isEqualTo(5);
    assertThat(config.accountLockout().duration()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.revocationDelay()).isZero();
    assertThat(config.tokenCapacity()).isZero();
    assertThat(config.errorFormat()).isEqualTo(ErrorFormat.JSON);
    assertThat(config.strictResources()).isFalse();
    assertThat(config.users()).extracting(User::username).containsExactly("alice");
    assertThat(config.users().get(0).scopes()).containsExactly("orders:read");
    assertThat(config.applications()).extracting(Application::consumerKey).containsExactly("k1", "mobile-app");
    assertThat(config.authorizationCodeValidity()).isEqualTo(Duration.ofMinutes(5));
    Application mobile = config.applications().get(1);
    assertThat(mobile.isPublicClient()).isTrue();
    assertThat(mobile.pkceMandatory()).isTrue();
    assertThat(mobile.pkcePlainAllowed()).isFalse();
    assertThat(mobile.grantTypes()).doesNotContain(GrantType.CLIENT_CREDENTIALS).contains(GrantType.AUTHORIZATION_CODE);
    assertThat(mobile.redirectUris().matches("http://127.0.0.1:61000/callback")).isTrue();
    assertThat(mobile.redirectUris().matches("com.example.app:/callback")).isTrue();
    Application application = config.applications().get(0);
    assertThat(application.secretMatches("s1")).isTrue();
    assertThat(application.tokenType()).isEqualTo(TokenType.JWT);
    assertThat(application.grantTypes()).containsExactlyInAnyOrder(GrantType.PASSWORD, GrantType.REFRESH_TOKEN, GrantType.CLIENT_CREDENTIALS);
    assertThat(application.accessTokenValidity()).isEqualTo(Duration.ofSeconds(3600));
    assertThat(application.refreshTokenValidity()).isEqualTo(Duration.ofSeconds(86400));
    assertThat(application.owner()).isEqualTo("admin");
    assertThat(config.resources()).extracting(ResourceRule::method, ResourceRule::pattern)
        .containsExactly(tuple("GET", "/orders/**"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"jwt", "opaque"})
  void enableAloneRenewsOnlyClientCredentialsTokens(String tokenType) throws Exception {
    GatewayConfig config = load("""
        [oauth.%s.renew_token_without_revoking_existing]
        enable = true
        """.formatted(tokenType));

    RenewalPolicy policy = renewal(config, tokenType);
    assertThat(policy.isEnabled()).isTrue();
    assertThat(policy.allowedGrantTypes()).containsExactly(GrantType.CLIENT_CREDENTIALS);
    assertThat(policy.renewsWithoutRevoking(GrantType.PASSWORD)).isFalse();
    assertThat(otherRenewal(config, tokenType).isEnabled()).as("the other token type keeps the default").isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"jwt", "opaque"})
  void allowedGrantTypesListsExactlyTheGrantsThatRenew(String tokenType) throws Exception {
    GatewayConfig config = load("""
        [oauth.%s.renew_token_without_revoking_existing]
        enable = true
        allowed_grant_types = ["client_credentials", "password"]
        """.formatted(tokenType));

    RenewalPolicy policy = renewal(config, tokenType);
    assertThat(policy.isEnabled()).isTrue();
    assertThat(policy.allowedGrantTypes()).containsExactlyInAnyOrder(GrantType.CLIENT_CREDENTIALS, GrantType.PASSWORD);
    assertThat(policy.renewsWithoutRevoking(GrantType.REFRESH_TOKEN)).isFalse();
  }

  @Test void droppingClientCredentialsFromTheListStopsItRenewing() throws Exception {
    GatewayConfig config = load("""
        [oauth.opaque.renew_token_without_revoking_existing]
        enable = true
        allowed_grant_types = ["password"]
        """);

    assertThat(config.opaqueRenewal().allowedGrantTypes()).containsExactly(GrantType.PASSWORD);
    assertThat(config.opaqueRenewal().renewsWithoutRevoking(GrantType.CLIENT_CREDENTIALS)).isFalse();
  }

  @Test void withoutTheRenewalTablesEveryRequestRevokesOrReusesAsWso2Does() throws Exception {
    GatewayConfig config = load("""
        [gateway]
        error_format = "json"
        """);

    assertThat(config.jwtRenewal().isEnabled()).isFalse();
    assertThat(config.opaqueRenewal().isEnabled()).isFalse();
    assertThat(config.rotateRefreshTokens()).isTrue();
  }

  @Test void enableFalseKeepsTheDefaultEvenWithAGrantList() throws Exception {
    GatewayConfig config = load("""
        [oauth.jwt.renew_token_without_revoking_existing]
        enable = false
        allowed_grant_types = ["client_credentials", "password"]
        """);

    assertThat(config.jwtRenewal().isEnabled()).isFalse();
    assertThat(config.jwtRenewal().renewsWithoutRevoking(GrantType.CLIENT_CREDENTIALS)).isFalse();
  }

  @Test void renewRefreshTokenFalseStopsRefreshTokenRotation() throws Exception {
    GatewayConfig config = load("""
        [oauth.token_renewal]
        renew_refresh_token = false
        """);

    assertThat(config.rotateRefreshTokens()).isFalse();
  }

  @Test void renewAccessTokenPerRequestIsReadFromTheTokenRenewalTable() throws Exception {
    assertThat(load("[oauth.token_renewal]\nrenew_access_token_per_request = true\n").renewAccessTokenPerRequest())
        .isTrue();
    assertThat(load("[oauth.token_renewal]\nrenew_refresh_token = true\n").renewAccessTokenPerRequest())
        .as("WSO2's default").isFalse();
    assertThat(failure("[oauth.token_renewal]\nrenew_access_token_per_request = \"yes\"\n").getMessage())
        .startsWith(file() + ":2: ")
        .contains("oauth.token_renewal.renew_access_token_per_request: must be true or false");
  }

  @Test void aConfigWithOnlyOauthTablesKeepsTheDefaultUsersAndApplications() throws Exception {
    GatewayConfig config = load("""
        [oauth.jwt.renew_token_without_revoking_existing]
        enable = true

        [oauth.token_renewal]
        renew_refresh_token = false
        """);

    GatewayConfig defaults = GatewayConfig.defaults();
    assertThat(config.users()).extracting(User::username).containsExactly("admin");
    assertThat(config.users().get(0).passwordMatches("admin")).isTrue();
    assertThat(config.applications()).extracting(Application::consumerKey, Application::tokenType)
        .containsExactlyElementsOf(defaults.applications().stream()
            .map(application -> tuple(application.consumerKey(), application.tokenType()))
            .toList());
    assertThat(config.applications().get(0).secretMatches(GatewayConfig.DEFAULT_JWT_SECRET)).isTrue();
    assertThat(config.resources()).isEmpty();
  }

  @Test void wso2KeysTheMockDoesNotModelAreIgnored() throws Exception {
    GatewayConfig config = load("""
        [server]
        hostname = "localhost"
        node_ip = "127.0.0.1"

        [super_admin]
        username="admin"
        password="admin"
        create_admin_account = true

        [database.apim_db]
        type = "h2"
        url = "jdbc:h2:./repository/database/WSO2AM_DB;AUTO_SERVER=TRUE"

        [oauth.token_renewal]
        renew_refresh_token = false
        extend_refresh_token_expiry_time = true

        [oauth.jwt.renew_token_without_revoking_existing]
        enable = true
        """);

    assertThat(config.rotateRefreshTokens()).isFalse();
    assertThat(config.jwtRenewal().isEnabled()).isTrue();
    assertThat(config.users()).extracting(User::username).containsExactly("admin");
  }

  @Test void errorFormatXmlGivesWso2sXmlFaults() throws Exception {
    GatewayConfig config = load("""
        [gateway]
        error_format = "xml"
        """);

    assertThat(config.errorFormat()).isEqualTo(ErrorFormat.XML);
  }

  @Test void aTomlSyntaxErrorNamesTheFileLineAndKey() throws Exception {
    ConfigException error = failure("""
        [oauth.jwt.renew_token_without_revoking_existing]
        enable = tru
        """);

    assertThat(error.getMessage())
        .startsWith(file() + ":2: ")
        .contains("oauth.jwt.renew_token_without_revoking_existing.enable")
        .contains("Unexpected 't'");
  }

  @Test void curlyQuotesFromTheDocsGetAHint() throws Exception {
    // Pasted from WSO2's documentation page as it renders: typographic quotes around the grant types.
    ConfigException error = failure("""
        [oauth.jwt.renew_token_without_revoking_existing]
        enable = true
        allowed_grant_types = [\u201cclient_credentials\u201d, \u201cpassword\u201d]
        """);

    assertThat(error.getMessage())
        .startsWith(file() + ":3: ")
        .contains("oauth.jwt.renew_token_without_revoking_existing.allowed_grant_types")
        .contains("curly quotes")
        .contains("use \"");
  }

  @Test void aMisspelledApplicationKeyIsRejectedWithTheKnownKeys() throws Exception {
    ConfigException error = failure("""
        [[gateway.applications]]
        consumer_kee = "mobile-app"
        consumer_secret = "mobile-secret"
        """);

    assertThat(error.getMessage())
        .startsWith(file() + ":2: ")
        .contains("gateway.applications[0].consumer_kee")
        .contains("unknown key")
        .contains("consumer_key");
  }

  @Test void aPublicClientNeedsNoSecretButAConfidentialOneDoes() throws Exception {
    ConfigException error = failure("""
        [[gateway.applications]]
        consumer_key = "web-app"
        redirect_uris = ["https://app.example.com/cb"]
        """);

    assertThat(error.getMessage()).contains("gateway.applications[0].consumer_secret: required");
    assertThat(load("""
        [[gateway.applications]]
        consumer_key = "spa"
        public_client = true
        """).applications().get(0).isPublicClient()).isTrue();
  }

  @Test void aPublicClientListingClientCredentialsIsRejected() throws Exception {
    ConfigException error = failure("""
        [[gateway.applications]]
        consumer_key = "spa"
        public_client = true
        grant_types = ["authorization_code", "client_credentials"]
        """);

    assertThat(error.getMessage())
        .startsWith(file() + ":4: ")
        .contains("gateway.applications[0].grant_types")
        .contains("public client cannot use client_credentials");
  }

  @Test void aRedirectUriThatIsNotAUriOrPatternIsRejectedWithItsLine() throws Exception {
    ConfigException badPattern = failure("""
        [[gateway.applications]]
        consumer_key = "spa"
        public_client = true
        redirect_uris = ["regexp=(https://a|"]
        """);
    ConfigException relative = failure("""
        [[gateway.applications]]
        consumer_key = "spa"
        public_client = true

        redirect_uris = ["/callback"]
        """);
    ConfigException notStrings = failure("""
        [[gateway.applications]]
        consumer_key = "spa"
        public_client = true
        redirect_uris = "https://a/cb"
        """);

    assertThat(badPattern.getMessage()).startsWith(file() + ":4: ").contains("not a valid regular expression");
    assertThat(relative.getMessage()).startsWith(file() + ":5: ").contains("absolute URI");
    assertThat(notStrings.getMessage()).startsWith(file() + ":4: ").contains("must be an array of strings");
  }

  @Test void pkceSwitchesMustBeBooleans() throws Exception {
    ConfigException error = failure("""
        [[gateway.applications]]
        consumer_key = "spa"
        public_client = true
        pkce_mandatory = "yes"
        """);

    assertThat(error.getMessage()).startsWith(file() + ":4: ").contains("pkce_mandatory: must be true or false");
  }

  @Test void theCodeValidityTakesWso2sDurations() throws Exception {
    assertThat(load("[oauth.token_validation]\nauthorization_code_validity = 120\n").authorizationCodeValidity())
        .isEqualTo(Duration.ofSeconds(120));
    assertThat(failure("[oauth.token_validation]\nauthorization_code_validity = \"0s\"\n").getMessage())
        .startsWith(file() + ":2: ").contains("at least 1 second");
  }

  @Test void theDefaultsIncludeThePublicClientOfTheReadmesWalkThrough() throws Exception {
    Application app = load("").applications().stream()
        .filter(a -> a.consumerKey().equals(GatewayConfig.DEFAULT_PUBLIC_KEY)).findFirst().orElseThrow();

    assertThat(app.isPublicClient()).isTrue();
    assertThat(app.pkceMandatory()).isTrue();
    assertThat(app.redirectUris().matches("http://127.0.0.1:8123/callback")).isTrue();
    assertThat(app.redirectUris().matches(GatewayConfig.DEFAULT_APP_REDIRECT_URI)).isTrue();
  }

  @Test void aValidityWrittenAsTextIsRejected() throws Exception {
    ConfigException error = failure("""
        [[gateway.applications]]
        consumer_key = "mobile-app"
        consumer_secret = "mobile-secret"
        access_token_validity = "1h"
        """);

    assertThat(error.getMessage())
        .startsWith(file() + ":4: ")
        .contains("gateway.applications[0].access_token_validity")
        .contains("must be a whole number");
  }

  @Test void anUnknownTokenTypeIsRejectedWithTheChoices() throws Exception {
    ConfigException error = failure("""
        [[gateway.applications]]
        consumer_key = "mobile-app"
        consumer_secret = "mobile-secret"
        token_type = "saml"
        """);

    assertThat(error.getMessage())
        .startsWith(file() + ":4: ")
        .contains("gateway.applications[0].token_type")
        .contains("\"saml\"")
        .contains("JWT")
        .contains("OPAQUE");
  }

  @Test void anUnknownGrantTypeInAllowedGrantTypesIsRejected() throws Exception {
    ConfigException error = failure("""
        [oauth.opaque.renew_token_without_revoking_existing]
        enable = true
        allowed_grant_types = ["client_credentials", "implicit"]
        """);

    assertThat(error.getMessage())
        .startsWith(file() + ":3: ")
        .contains("oauth.opaque.renew_token_without_revoking_existing.allowed_grant_types")
        .contains("unknown grant type \"implicit\"");
  }

  @Test void aDuplicateConsumerKeyIsRejected() throws Exception {
    ConfigException error = failure("""
        [[gateway.applications]]
        consumer_key = "mobile-app"
        consumer_secret = "one"

        [[gateway.applications]]
        consumer_key = "mobile-app"
        consumer_secret = "two"
        """);

    assertThat(error.getMessage())
        .startsWith(file() + ":6: ")
        .contains("gateway.applications[1].consumer_key")
        .contains("duplicate consumer key \"mobile-app\"");
  }

  @Test void aUserWithoutAPasswordIsRejected() throws Exception {
    ConfigException error = failure("""
        [gateway]
        error_format = "json"

        [[gateway.users]]
        username = "alice"
        scopes = ["orders:read"]
        """);

    assertThat(error.getMessage())
        .startsWith(file() + ": ")
        .contains("gateway.users[0].password")
        .contains("required")
        .contains("line 5");
  }

  @Test void anEmptyUserTableIsRejectedWithTheLineOfItsHeader() throws Exception {
    ConfigException error = failure("""
        [gateway]
        error_format = "json"

        [[gateway.users]]
        """);

    assertThat(error.getMessage())
        .startsWith(file() + ": ")
        .contains("gateway.users[0].username")
        .contains("required")
        .contains("line 4");
  }

  @Test void aHeaderThatTripsTheTomlParsersAssertionIsAConfigErrorWithItsLine() throws Exception {
    // An unclosed header, a comment and a bare carriage return: tomlj asserts rather than reporting it.
    ConfigException error = failure("[gateway]\nerror_format = \"json\"\n[g#\r");

    assertThat(error.getMessage()).startsWith(file() + ":3: ").contains("not valid TOML");
  }

  @Test void anInlineTableThatCrashesTheTomlParserIsAConfigErrorWithItsLine() throws Exception {
    // A comment and a bare carriage return in an inline table: tomlj throws a NullPointerException.
    ConfigException error = failure("[gateway]\nissuer = { x = 1, # c\r}\n");

    assertThat(error.getMessage()).startsWith(file() + ":2: ").contains("not valid TOML");
  }

  @Test void aHeaderThatTripsTheTomlParsersAssertionAfterManyLinesIsAConfigErrorWithItsLine() throws Exception {
    StringBuilder toml = new StringBuilder("[gateway]\n");
    for (int i = 0; i < 300; i++) toml.append("[t").append(i).append("]\n");
    ConfigException error = failure(toml + "[g#\r");

    assertThat(error.getMessage()).startsWith(file() + ":302: ").contains("not valid TOML");
  }

  @Test void aLongRunOfBlankOrCommentLinesIsAConfigErrorWithItsLine() throws Exception {
    // The TOML parser takes time cubic in such a run: about a minute for 4 KiB of blank lines.
    ConfigException error = failure("[gateway]\n" + " # a comment\r\n\n".repeat(2048));

    assertThat(error.getMessage())
        .startsWith(file() + ":" + (2 + TomlText.MAX_BLANK_LINES) + ": ")
        .contains("more than " + TomlText.MAX_BLANK_LINES + " blank or comment lines in a row");
  }

  @Test void blankAndCommentLinesUpToTheLimitLoad() throws Exception {
    String run = "\n# a comment\n".repeat(TomlText.MAX_BLANK_LINES / 2);

    GatewayConfig config = load("[gateway]\n" + run + "issuer = \"https://example.com\"\n" + run);

    assertThat(config.issuer()).isEqualTo("https://example.com");
  }

  @Test void aResourcePathWithoutALeadingSlashIsRejected() throws Exception {
    ConfigException error = failure("""
        [[gateway.resources]]
        path = "orders/**"
        """);

    assertThat(error.getMessage())
        .startsWith(file() + ":2: ")
        .contains("gateway.resources[0].path")
        .contains("must start with '/'")
        .contains("\"orders/**\"");
  }

  @Test void theTokenCapacityIsTheMocksOwnKeyAndOffUnlessGiven() throws Exception {
    assertThat(load("[gateway]\ntoken_capacity = 500\n").tokenCapacity()).isEqualTo(500);
    assertThat(load("[gateway]\nerror_format = \"json\"\n").tokenCapacity()).isZero();
    assertThat(load("").tokenCapacity()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-5", "1000001", "9999999999999"})
  void aTokenCapacityOutsideOneToAMillionIsRejectedWithItsLine(String capacity) throws Exception {
    ConfigException error = failure("[gateway]\nerror_format = \"json\"\ntoken_capacity = " + capacity + "\n");

    assertThat(error.getMessage()).isEqualTo(file() + ":3: gateway.token_capacity: must be 1 to 1000000 token "
        + "requests a second, was " + capacity + " (leave it out for no limit)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"500\"", "500.5", "true"})
  void aTokenCapacityThatIsNotAWholeNumberIsRejected(String capacity) throws Exception {
    ConfigException error = failure("[gateway]\ntoken_capacity = " + capacity + "\n");

    assertThat(error.getMessage()).isEqualTo(file() + ":2: gateway.token_capacity: must be a whole number");
  }

  @Test void aMisspelledTokenCapacityIsRejectedWithTheKnownKeys() throws Exception {
    ConfigException error = failure("[gateway]\ntoken_capcity = 500\n");

    assertThat(error.getMessage()).startsWith(file() + ":2: gateway.token_capcity: unknown key").contains("token_capacity");
  }

  @Test void aMissingFileIsNamed() {
    Path missing = directory.resolve("no-such-deployment.toml");

    ConfigException error = assertThrows(ConfigException.class, () -> ConfigLoader.load(missing));

    assertThat(error.getMessage()).isEqualTo(missing + ": no such file");
  }

  private Path file() {
    return directory.resolve("deployment.toml");
  }

  private GatewayConfig load(String toml) throws IOException, ConfigException {
    Files.writeString(file(), toml, StandardCharsets.UTF_8);
    return ConfigLoader.load(file());
  }

  private ConfigException failure(String toml) throws IOException {
    Files.writeString(file(), toml, StandardCharsets.UTF_8);
    return assertThrows(ConfigException.class, () -> ConfigLoader.load(file()));
  }

  private static RenewalPolicy renewal(GatewayConfig config, String tokenType) {
    return tokenType.equals("jwt") ? config.jwtRenewal() : config.opaqueRenewal();
  }

  private static RenewalPolicy otherRenewal(GatewayConfig config, String tokenType) {
    return tokenType.equals("jwt") ? config.opaqueRenewal() : config.jwtRenewal();
  }
}
