package dev.resilientsession.gateway;

import static dev.resilientsession.gateway.GatewayClient.ALICE;
import static dev.resilientsession.gateway.GatewayClient.ALICE_PASSWORD;
import static dev.resilientsession.gateway.GatewayClient.BOB;
import static dev.resilientsession.gateway.GatewayClient.BOB_PASSWORD;
import static dev.resilientsession.gateway.GatewayClient.JWT_APP;
import static dev.resilientsession.gateway.GatewayClient.OPAQUE_APP;
import static dev.resilientsession.gateway.GatewayClient.SECRET;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.resilientsession.gateway.junit.TestClock;
import dev.resilientsession.gateway.server.MockGatewayServer;
import dev.resilientsession.gateway.token.DataDirException;
import dev.resilientsession.gateway.token.IssuedToken;
import dev.resilientsession.gateway.token.OAuthError;
import dev.resilientsession.gateway.token.OAuthException;
import dev.resilientsession.gateway.token.TokenRequest;
import dev.resilientsession.gateway.token.TokenService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dataDir}: a gateway restarted on the same directory takes up where the last one stopped. */
class DataDirTest {
  private static final OkHttpClient HTTP = new OkHttpClient();

  @TempDir Path dataDir;

  private final GatewayConfig config = GatewayClient.config().build();
  private final List<AutoCloseable> opened = new ArrayList<>();

  @AfterEach void closeGateways() throws Exception {
    for (AutoCloseable closeable : opened) closeable.close();
  }

  @Test void aRestartedGatewayKeepsTokensTheirStatesPasswordsTheClockAndTheSigningKey() throws Exception {
    MockGateway before = onDataDir();
    TokenService tokens = before.tokens();
    IssuedToken opaque = tokens.token(password(OPAQUE_APP, ALICE, ALICE_PASSWORD, "device_desktop"));
    IssuedToken jwt = tokens.token(password(JWT_APP, ALICE, ALICE_PASSWORD, "device_tablet"));
    IssuedToken revoked = tokens.token(password(OPAQUE_APP, ALICE, ALICE_PASSWORD, "device_phone"));
    tokens.revoke(OPAQUE_APP, SECRET, revoked.accessToken(), null);
    IssuedToken rotatedAway = tokens.token(password(OPAQUE_APP, ALICE, ALICE_PASSWORD, "device_watch"));
    IssuedToken refreshed = tokens.token(refresh(OPAQUE_APP, rotatedAway.refreshToken()));
    assertThat(before.changePassword(BOB, "bob-new-pw")).isTrue();
    Instant advanced = before.advanceClock(Duration.ofMinutes(10));
    before.close();

    MockGatewayServer server = serve(onDataDir());
    MockGateway after = server.gateway();
    TokenService restarted = after.tokens();

    assertThat(after.now()).isEqualTo(advanced);
    assertThat(restarted.validate(opaque.accessToken())).isPresent();
    assertThat(restarted.validate(jwt.accessToken())).isPresent();
    assertThat(restarted.validate(refreshed.accessToken())).isPresent();
    assertThat(restarted.validate(revoked.accessToken())).isEmpty();
    assertThat(restarted.validate(rotatedAway.accessToken())).isEmpty();
    assertThat(refreshFails(restarted, OPAQUE_APP, revoked.refreshToken())).isEqualTo(OAuthError.INVALID_GRANT);
    assertThat(refreshFails(restarted, OPAQUE_APP, rotatedAway.refreshToken())).isEqualTo(OAuthError.INVALID_GRANT);
    assertThat(refreshFails(restarted, OPAQUE_APP, refreshed.refreshToken())).isNull();
    assertThat(refreshFails(restarted, JWT_APP, jwt.refreshToken())).isNull();
    // The key's slot came back too: the same OPAQUE token is handed out again, as before the restart.
    assertThat(restarted.token(password(OPAQUE_APP, ALICE, ALICE_PASSWORD, "device_desktop")).accessToken())
        .isEqualTo(opaque.accessToken());
    assertThat(signInFails(restarted, BOB, BOB_PASSWORD)).isEqualTo(OAuthError.INVALID_GRANT);
    assertThat(signInFails(restarted, BOB, "bob-new-pw")).isNull();

    SignedJWT signed = SignedJWT.parse(jwt.accessToken());
    JWK key = JWKSet.parse(get(server, "/oauth2/jwks")).getKeyByKeyId(signed.getHeader().getKeyID());
    assertThat(key).as("the JWT's kid is still published").isNotNull();
    assertThat(signed.verify(new RSASSAVerifier(key.toRSAKey()))).isTrue();
  }

  @Test void anExpiredAccessTokenStillRefreshesAfterARestart() {
    MockGateway before = onDataDir();
    IssuedToken token = before.tokens().token(password(JWT_APP, ALICE, ALICE_PASSWORD, null));
    before.advanceClock(Duration.ofHours(2));
    assertThat(before.tokens().validate(token.accessToken())).isEmpty(); // now an EXPIRED row
    before.close();

    MockGateway after = onDataDir();

    assertThat(after.tokens().validate(token.accessToken())).isEmpty();
    IssuedToken refreshed = after.tokens().token(refresh(JWT_APP, token.refreshToken()));
    assertThat(after.tokens().validate(refreshed.accessToken())).isPresent();
  }

  @Test void adminResetEmptiesTheDatabase() throws Exception {
    MockGatewayServer server = serve(onDataDir());
    MockGateway before = server.gateway();
    IssuedToken token = before.tokens().token(password(OPAQUE_APP, ALICE, ALICE_PASSWORD, null));
    before.changePassword(BOB, "bob-new-pw");
    before.advanceClock(Duration.ofHours(1));
    try (Response reset = HTTP.newCall(new Request.Builder().url(server.url("/admin/reset"))
        .post(RequestBody.create(new byte[0])).build()).execute()) {
      assertThat(reset.code()).isEqualTo(200);
    }
    server.close();

    MockGateway after = onDataDir();

    assertThat(after.tokens().validate(token.accessToken())).isEmpty();
    assertThat(after.activeTokens()).isEmpty();
    assertThat(signInFails(after.tokens(), BOB, BOB_PASSWORD)).isNull();
    assertThat(after.now()).isEqualTo(new TestClock().instant());
  }

  @Test void aGatewayWithoutADataDirForgetsEverythingAndLeavesTheDirectoryAlone() {
    MockGateway persistent = onDataDir();
    IssuedToken token = persistent.tokens().token(password(OPAQUE_APP, ALICE, ALICE_PASSWORD, null));
    persistent.close();

    MockGateway inMemory = MockGateway.create(config, new TestClock());
    assertThat(inMemory.tokens().validate(token.accessToken())).isEmpty();
    inMemory.tokens().revokeAll(ALICE);
    inMemory.close();

    assertThat(onDataDir().tokens().validate(token.accessToken())).isPresent();
  }

  @Test void changedPasswordsAreKeptAsSaltedHashesOnly() throws Exception {
    MockGateway gateway = onDataDir();
    gateway.changePassword(BOB, "bob-new-pw");
    gateway.close();

    try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("gateway"), "sa", "");
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT username, hash FROM passwords")) {
      assertThat(result.next()).isTrue();
      assertThat(result.getString(1)).isEqualTo(BOB);
      assertThat(result.getString(2)).startsWith("sha256$").doesNotContain("bob-new-pw");
    }
  }

  @Test void aSecondGatewayOnTheSameDirectoryIsRefused() {
    onDataDir();

    assertThatThrownBy(this::onDataDir)
        .isInstanceOf(DataDirException.class)
        .hasMessageContaining(dataDir.toString())
        .hasMessageContaining("in use by another gateway");
  }

  @Test void aCorruptDatabaseIsRefusedNamingTheDirectory() throws IOException {
    Files.write(dataDir.resolve("gateway.mv.db"), "not an H2 database".repeat(300).getBytes(UTF_8));

    assertThatThrownBy(this::onDataDir)
        .isInstanceOf(DataDirException.class)
        .hasMessageStartingWith("data dir " + dataDir + ": cannot read its database");
  }

  @Test void aFileIsNoDataDirectory() throws IOException {
    Path file = Files.writeString(dataDir.resolve("file"), "x");

    assertThatThrownBy(() -> MockGateway.builder(config).dataDir(file).build())
        .isInstanceOf(DataDirException.class)
        .hasMessage("data dir " + file + ": not a directory");
  }

  private MockGateway onDataDir() {
    MockGateway gateway = MockGateway.builder(config).clock(new TestClock()).dataDir(dataDir).build();
    opened.add(gateway);
    return gateway;
  }

  private MockGatewayServer serve(MockGateway gateway) throws IOException {
    MockGatewayServer server = MockGatewayServer.builder(gateway).start();
    opened.add(server);
    return server;
  }

  private static String get(MockGatewayServer server, String path) throws IOException {
    try (Response response = HTTP.newCall(new Request.Builder().url(server.url(path)).build()).execute()) {
      assertThat(response.code()).isEqualTo(200);
      return response.body().string();
    }
  }

  private static TokenRequest password(String app, String user, String password, String scope) {
    return TokenRequest.builder().client(app, SECRET).grantType("password")
        .username(user).password(password).scope(scope).build();
  }

  private static TokenRequest refresh(String app, String refreshToken) {
    return TokenRequest.builder().client(app, SECRET).grantType("refresh_token").refreshToken(refreshToken).build();
  }

  private static OAuthError refreshFails(TokenService tokens, String app, String refreshToken) {
    return failure(tokens, refresh(app, refreshToken));
  }

  private static OAuthError signInFails(TokenService tokens, String user, String password) {
    return failure(tokens, password(OPAQUE_APP, user, password, null));
  }

  private static OAuthError failure(TokenService tokens, TokenRequest request) {
    try {
      tokens.token(request);
      return null;
    } catch (OAuthException e) {
      return e.error();
    }
  }
}
