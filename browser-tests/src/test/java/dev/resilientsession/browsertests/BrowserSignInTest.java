package dev.resilientsession.browsertests;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.Moshi;
import dev.resilientsession.gateway.AccountLockout;
import dev.resilientsession.gateway.GatewayConfig;
import dev.resilientsession.gateway.MockGateway;
import dev.resilientsession.gateway.server.MockGatewayServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The mock gateway's browser sign-in (WSO2's {@code /oauth2/authorize}, login page and
 * {@code /commonauth}) driven by a real headless Chromium, the way a desktop app drives the
 * system browser: PKCE, a loopback redirect URI on a free port, the code exchanged at
 * {@code /oauth2/token}. One Chromium for the class; every test starts with no cookies and its
 * own gateway and listener.
 */
@RequiresChromium
class BrowserSignInTest {
  private static final String CLIENT_ID = GatewayConfig.DEFAULT_PUBLIC_KEY;
  private static final String WRONG_PASSWORD = "The username or password is incorrect. Try again.";
  private static final String LOCKED = "This account is locked after too many failed attempts";
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final OkHttpClient HTTP = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10)).build();

  private static Path profile;
  private static ChromeDriver driver;

  private MockGatewayServer gateway;
  private Loopback app;
  private WebDriverWait wait;

  @BeforeAll static void startChromium() throws IOException {
    profile = Files.createTempDirectory("browser-tests-chromium-");
    driver = Chromium.start(Chromium.find(), profile);
  }

  @AfterAll static void quitChromium() {
    try {
      if (driver != null) driver.quit();
    } finally {
      driver = null;
      Chromium.delete(profile);
    }
  }

  @BeforeEach void newGatewayAppAndCookies() throws IOException {
    // A new browser as far as the gateway knows: cookies are per host, not per port.
    driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
    driver.manage().window().setSize(new Dimension(1000, 760));
    driver.manage().logs().get(LogType.BROWSER); // drops what earlier tests logged
    wait = new WebDriverWait(driver, WAIT);
    app = new Loopback();
    start(GatewayConfig.defaults());
  }

  @AfterEach void stop() throws IOException {
    if (app != null) app.close();
    if (gateway != null) gateway.close();
  }

  @Test void aUserSignsInInTheBrowserAndTheAppExchangesTheCode() throws IOException {
    SignIn signIn = new SignIn();
    driver.get(signIn.url(null));
    fillAndSubmit("admin", "admin");

    Map<String, String> redirect = awaitRedirect();
    assertThat(redirect).doesNotContainKey("error").containsEntry("state", signIn.state)
        .containsKey("session_state");
    assertThat(driver.getTitle()).isEqualTo(Loopback.DONE_TITLE);

    Map<String, Object> tokens = exchange(signIn, redirect.get("code"));
    assertThat(tokens).containsKeys("access_token", "refresh_token", "id_token");
    assertThat(claims((String) tokens.get("id_token")))
        .containsEntry("nonce", signIn.nonce)
        .containsEntry("aud", CLIENT_ID)
        .containsEntry("sub", "admin");

    Request api = new Request.Builder().url(gateway.url("/api/orders"))
        .header("Authorization", "Bearer " + tokens.get("access_token")).build();
    try (Response response = HTTP.newCall(api).execute()) {
      assertThat(response.code()).as("the API with the browser's access token").isEqualTo(200);
    }
    // The code is single use: a second exchange is refused.
    try (Response again = tokenRequest(signIn, redirect.get("code"))) {
      assertThat(again.code()).isEqualTo(400);
    }
  }

  @Test void aWrongPasswordShowsTheFormAgainWithAClearMessage() {
    SignIn signIn = new SignIn();
    driver.get(signIn.url(null));
    fillAndSubmit("admin", "not-the-password");

    assertThat(alert()).isEqualTo(WRONG_PASSWORD);
    assertThat(driver.findElement(By.id("username")).getDomProperty("value"))
        .as("the username is kept").isEqualTo("admin");
    assertThat(driver.findElement(By.id("password")).getDomProperty("value")).as("the password is not").isEmpty();
    assertThat(app.waiting()).as("nothing reached the app").isZero();

    fillAndSubmit("admin", "admin"); // and the same form still signs in
    assertThat(awaitRedirect()).containsKey("code").containsEntry("state", signIn.state);
  }

  @Test void aLockedAccountIsToldSo() throws IOException {
    int attempts = 3;
    start(GatewayConfig.defaults().newBuilder()
        .accountLockout(AccountLockout.after(attempts, Duration.ofMinutes(5))).build());
    driver.get(new SignIn().url(null));

    List<String> alerts = new ArrayList<>();
    for (int i = 0; i < attempts; i++) {
      fillAndSubmit("admin", "wrong-" + i);
      alerts.add(alert());
    }
    assertThat(alerts.subList(0, attempts - 1)).containsOnly(WRONG_PASSWORD);
    assertThat(alerts.get(attempts - 1)).startsWith(LOCKED);

    fillAndSubmit("admin", "admin");
    assertThat(alert()).as("even the right password").startsWith(LOCKED);
    assertThat(app.waiting()).as("nothing reached the app").isZero();
  }

  @Test void aSecondSignInInTheSameBrowserSkipsTheForm() throws IOException {
    SignIn first = new SignIn();
    driver.get(first.url(null));
    fillAndSubmit("admin", "admin");
    assertThat(awaitRedirect()).containsKey("code");

    SignIn second = new SignIn();
    driver.get(second.url(null));
    Map<String, String> redirect = awaitRedirect();
    assertThat(redirect).containsKey("code").containsEntry("state", second.state);
    assertThat(driver.findElements(By.id("sign-in"))).as("no login form on the way").isEmpty();
    assertThat(driver.getTitle()).isEqualTo(Loopback.DONE_TITLE);
    assertThat(exchange(second, redirect.get("code"))).containsKey("access_token");
  }

  @Test void promptNoneWithoutASessionAnswersLoginRequired() {
    SignIn signIn = new SignIn();
    driver.get(signIn.url("none"));
    assertThat(awaitRedirect())
        .containsEntry("error", "login_required")
        .containsEntry("state", signIn.state)
        .doesNotContainKey("code");
  }

  @Test void promptNoneWithASessionReturnsACode() throws IOException {
    driver.get(new SignIn().url(null));
    fillAndSubmit("admin", "admin");
    assertThat(awaitRedirect()).containsKey("code");

    SignIn silent = new SignIn();
    driver.get(silent.url("none"));
    Map<String, String> redirect = awaitRedirect();
    assertThat(redirect).doesNotContainKey("error").containsEntry("state", silent.state);
    assertThat(exchange(silent, redirect.get("code"))).containsKeys("access_token", "id_token");
  }

  @Test void theLoginPageRunsNoScriptAndCannotBeFramed() throws IOException {
    String loginUrl;
    try (Response page = HTTP.newCall(new Request.Builder().url(new SignIn().url(null)).build()).execute()) {
      assertThat(page.code()).isEqualTo(200);
      assertThat(page.request().url().encodedPath()).isEqualTo("/authenticationendpoint/login.do");
      loginUrl = page.request().url().toString();
      Map<String, String> csp = directives(page.header("Content-Security-Policy"));
      assertThat(csp).doesNotContainKeys("script-src", "script-src-elem", "script-src-attr")
          .containsEntry("default-src", "'none'")
          .containsEntry("frame-ancestors", "'none'");
      assertThat(csp.get("form-action")).contains("'self'").contains(app.base());
      assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
    }

    driver.get(loginUrl);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sign-in")));
    assertThat((Long) driver.executeScript("return document.scripts.length")).isZero();
    assertThat(driver.findElement(By.id("sign-in")).getCssValue("background-color"))
        .as("the stylesheet loaded under the policy").isEqualTo("rgba(255, 115, 0, 1)");
    assertThat(cspErrors()).as("console messages about the Content-Security-Policy").isEmpty();

    // Framed by another origin, the page is refused: the frame never shows the form.
    driver.get(app.base() + "/frame?src=" + URLEncoder.encode(loginUrl, StandardCharsets.UTF_8));
    WebElement frame = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("framed")));
    List<String> refusal = wait.withMessage("Chromium neither refused the frame nor showed the form in it")
        .until(d -> {
          List<String> errors = cspErrors();
          return !errors.isEmpty() ? errors : frameShowsForm(frame) ? List.of("the frame shows the form") : null;
        });
    assertThat(refusal).as("what Chromium said about the frame").anyMatch(m -> m.contains("frame-ancestors 'none'"));
    assertThat(frameShowsForm(frame)).as("the login form inside a frame").isFalse();
  }

  /**
   * The clean form as a PNG of 1000 x 760 (the page, without the window's frame): into
   * {@code docs/login-page.png} with {@code -Dscreenshots=true}, else into {@code target/}, so
   * that plain runs leave the tree alone.
   */
  @Test void theLoginPageScreenshot() throws IOException {
    driver.get(new SignIn().url(null));
    wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in")));
    // Headless Chromium still subtracts a window frame from --window-size; grow the window by it.
    long width = (Long) driver.executeScript("return window.innerWidth");
    long height = (Long) driver.executeScript("return window.innerHeight");
    driver.manage().window().setSize(new Dimension((int) (2000 - width), (int) (1520 - height)));
    wait.until(d -> Long.valueOf(760).equals(driver.executeScript("return window.innerHeight")));
    byte[] png = driver.getScreenshotAs(OutputType.BYTES);

    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image).isNotNull();
    assertThat(image.getWidth()).isEqualTo(1000);
    assertThat(image.getHeight()).isEqualTo(760);
    Path target = Boolean.getBoolean("screenshots")
        ? repositoryRoot().resolve("docs").resolve("login-page.png")
        : Path.of(System.getProperty("user.dir"), "target", "login-page.png");
    Files.createDirectories(target.getParent());
    Files.write(target, png);
    System.out.println("login page screenshot (" + image.getWidth() + "x" + image.getHeight() + "): " + target);
  }

  // ---------------------------------------------------------------------------------------------

  private void start(GatewayConfig config) throws IOException {
    if (gateway != null) gateway.close();
    gateway = MockGatewayServer.builder(MockGateway.create(config)).start();
  }

  /** Types into the form as a user does and clicks "Sign in"; returns once the page has gone. */
  private void fillAndSubmit(String username, String password) {
    WebElement button = wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in")));
    WebElement user = driver.findElement(By.id("username"));
    user.clear();
    user.sendKeys(username);
    driver.findElement(By.id("password")).sendKeys(password);
    button.click();
    wait.until(d -> gone(button));
  }

  /**
   * Whether the element's page has been replaced. ExpectedConditions.stalenessOf is not enough:
   * while the next page loads, chromedriver may answer "Node with given id does not belong to the
   * document" (an unknown error) instead of a stale element reference, which means the same.
   */
  private static boolean gone(WebElement element) {
    try {
      element.isEnabled();
      return false;
    } catch (StaleElementReferenceException e) {
      return true;
    } catch (WebDriverException e) {
      if (String.valueOf(e.getMessage()).contains("does not belong to the document")) return true;
      throw e;
    }
  }

  private String alert() {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("p.alert[role=alert]"))).getText();
  }

  private Map<String, String> awaitRedirect() {
    return wait.withMessage(() -> "the app got no redirect; the browser is at " + driver.getCurrentUrl())
        .until(d -> app.poll());
  }

  private boolean frameShowsForm(WebElement frame) {
    try {
      driver.switchTo().frame(frame);
      return !driver.findElements(By.id("sign-in")).isEmpty();
    } finally {
      driver.switchTo().defaultContent();
    }
  }

  private List<String> cspErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .map(LogEntry::getMessage)
        .filter(m -> m.contains("Content Security Policy") || m.contains("frame-ancestors") || m.contains("X-Frame-Options"))
        .collect(Collectors.toList());
  }

  private Map<String, Object> exchange(SignIn signIn, String code) throws IOException {
    assertThat(code).isNotBlank();
    try (Response response = tokenRequest(signIn, code)) {
      String body = response.body().string();
      assertThat(response.code()).as("the token endpoint said %s", body).isEqualTo(200);
      return json(body);
    }
  }

  private Response tokenRequest(SignIn signIn, String code) throws IOException {
    return HTTP.newCall(new Request.Builder().url(gateway.url("/oauth2/token")).post(new FormBody.Builder()
        .add("grant_type", "authorization_code")
        .add("client_id", CLIENT_ID)
        .add("code", code)
        .add("redirect_uri", app.redirectUri())
        .add("code_verifier", signIn.verifier)
        .build()).build()).execute();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(String body) throws IOException {
    return new Moshi.Builder().build().adapter(Map.class).fromJson(body);
  }

  private static Map<String, Object> claims(String jwt) throws IOException {
    String[] parts = jwt.split("\\.");
    assertThat(parts).hasSize(3);
    return json(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
  }

  private static Map<String, String> directives(String policy) {
    assertThat(policy).isNotNull();
    return Arrays.stream(policy.split(";")).map(String::trim).filter(d -> !d.isEmpty())
        .collect(Collectors.toMap(d -> d.split("\\s+", 2)[0].toLowerCase(java.util.Locale.ROOT),
            d -> d.contains(" ") ? d.split("\\s+", 2)[1] : ""));
  }

  /** The directory with README.md and the pom.xml that lists the modules, above the working directory. */
  private static Path repositoryRoot() throws IOException {
    for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path pom = dir.resolve("pom.xml");
      if (Files.isRegularFile(dir.resolve("README.md")) && Files.isRegularFile(pom)
          && Files.readString(pom).contains("<modules>")) {
        return dir;
      }
    }
    throw new IllegalStateException("no repository root above " + System.getProperty("user.dir"));
  }

  /** One authorization request: PKCE S256 with a random verifier, a state and a nonce. */
  private final class SignIn {
    final String verifier = random(32);
    final String state = random(16);
    final String nonce = random(16);

    String url(String prompt) {
      HttpUrl.Builder url = gateway.url("/oauth2/authorize").newBuilder()
          .addQueryParameter("response_type", "code")
          .addQueryParameter("client_id", CLIENT_ID)
          .addQueryParameter("redirect_uri", app.redirectUri())
          .addQueryParameter("scope", "openid device_x")
          .addQueryParameter("state", state)
          .addQueryParameter("nonce", nonce)
          .addQueryParameter("code_challenge", challenge(verifier))
          .addQueryParameter("code_challenge_method", "S256");
      if (prompt != null) url.addQueryParameter("prompt", prompt);
      return url.build().toString();
    }
  }

  private static String random(int bytes) {
    byte[] value = new byte[bytes];
    RANDOM.nextBytes(value);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
  }

  private static String challenge(String verifier) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
