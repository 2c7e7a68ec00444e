package dev.resilientsession.sample.tablet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientsession.client.AuthorizationRequest;
import dev.resilientsession.client.DeviceIdentity;
import dev.resilientsession.client.ResilientSession;
import dev.resilientsession.client.SessionState;
import dev.resilientsession.client.SignInException;
import dev.resilientsession.gateway.GatewayConfig;
import dev.resilientsession.gateway.junit.MockGatewayExtension;
import dev.resilientsession.sample.device.Device;
import dev.resilientsession.sample.device.DeviceEvents;
import dev.resilientsession.sample.device.DeviceStats;
import dev.resilientsession.sample.device.OrdersApi;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;

/** The tablet screen's behaviour on the JVM, on direct executors: every click renders a new state. */
class TabletPresenterTest {
  @RegisterExtension final MockGatewayExtension gateway = MockGatewayExtension.builder()
      .config(GatewayConfig.defaults())
      .build();

  private final List<TabletState> rendered = new CopyOnWriteArrayList<>();
  private TabletPresenter presenter;

  @AfterEach void close() {
    if (presenter != null) presenter.close();
  }

  /** TabletActivity's wiring without Android: a fixed identity, tokens in memory, events where they happen. */
  private TabletPresenter presenter(boolean deviceScope) {
    return presenter(ResilientSession.builder()
        .client(GatewayConfig.DEFAULT_OPAQUE_KEY, GatewayConfig.DEFAULT_OPAQUE_SECRET), deviceScope);
  }

  private TabletPresenter presenter(ResilientSession.Builder application, boolean deviceScope) {
    OkHttpClient http = new OkHttpClient();
    DeviceEvents events = new DeviceEvents(new DeviceStats());
    ResilientSession session = application
        .tokenUrl(gateway.url("/oauth2/token"))
        .deviceIdentity(DeviceIdentity.of("tablet"))
        .deviceScope(deviceScope)
        .okHttpClient(http)
        .listener(events)
        .listenerExecutor(Runnable::run)
        .build();
    OrdersApi orders = new Retrofit.Builder()
        .baseUrl(gateway.url("/"))
        .client(session.newClient(http))
        .addConverterFactory(MoshiConverterFactory.create())
        .build()
        .create(OrdersApi.class);
    presenter = new TabletPresenter(new Device("tablet", session, orders, events), Runnable::run, Runnable::run,
        rendered::add);
    return presenter;
  }

  @Test void signingInAndLoadingOrdersRendersTheirEvents() {
    TabletPresenter tablet = presenter(true);

    tablet.onSignInClicked("admin", "admin".toCharArray());
    tablet.onLoadOrdersClicked();

    TabletState last = rendered.get(rendered.size() - 1);
    assertThat(last.status()).isEqualTo(SessionState.SIGNED_IN);
    assertThat(last.busy()).isFalse();
    assertThat(last.events()).containsExactly("signs in as admin with device_tablet",
        "signed in, granted scope device_tablet", "GET /orders -> 200");
    assertThat(last.calls()).isEqualTo(1);
    assertThat(rendered).anyMatch(TabletState::busy);
  }

  @Test void revocationByTheDesktopIsRecoveredWithoutAPrompt() {
    TabletPresenter tablet = presenter(false);
    tablet.onSignInClicked("admin", "admin".toCharArray());

    gateway.gateway().revokeAllTokens("admin"); // the desktop signed out of the shared OPAQUE token
    tablet.onLoadOrdersClicked();

    TabletState last = tablet.state();
    assertThat(last.signInPrompt()).isNull();
    assertThat(last.failedCalls()).isZero();
    assertThat(last.events()).anyMatch(event -> event.contains("replaying the password grant"));
    assertThat(tablet.stats().prompts()).isZero();
  }

  @Test void signingInInTheBrowserRendersTheSession() throws Exception {
    TabletPresenter tablet = presenter(ResilientSession.builder().publicClient(GatewayConfig.DEFAULT_PUBLIC_KEY), true);

    AuthorizationRequest request = tablet.onBrowserSignInClicked(TabletActivity.REDIRECT_URI);
    String redirect = gateway.browserRobot().signIn(request.url(), "admin", "admin");
    tablet.onBrowserRedirect(request, redirect);

    TabletState last = rendered.get(rendered.size() - 1);
    assertThat(last.status()).isEqualTo(SessionState.SIGNED_IN);
    assertThat(last.busy()).isFalse();
    assertThat(last.events()).containsExactly("signs in in the browser with device_tablet",
        "signed in, granted scope device_tablet");
  }

  @Test void leavingTheBrowserShowsTheSignInPrompt() {
    TabletPresenter tablet = presenter(ResilientSession.builder().publicClient(GatewayConfig.DEFAULT_PUBLIC_KEY), true);
    tablet.onBrowserSignInClicked(TabletActivity.REDIRECT_URI);

    tablet.onBrowserSignInFailed(SignInException.cancelled("The sign-in in the browser was cancelled"));

    assertThat(tablet.state().signInPrompt()).isEqualTo("The sign-in in the browser was cancelled");
    assertThat(tablet.state().status()).isEqualTo(SessionState.SIGNED_OUT);
    assertThat(tablet.stats().prompts()).isEqualTo(1);
  }

  @Test void aPromptIsClearedWhenTheUserTriesTheBrowser() {
    TabletPresenter tablet = presenter(ResilientSession.builder().publicClient(GatewayConfig.DEFAULT_PUBLIC_KEY), true);
    tablet.onSignInClicked("admin", "wrong".toCharArray());

    tablet.onBrowserSignInClicked(TabletActivity.REDIRECT_URI);

    assertThat(tablet.state().signInPrompt()).isNull();
  }

  @Test void aWrongPasswordShowsTheSignInPrompt() {
    TabletPresenter tablet = presenter(true);

    tablet.onSignInClicked("admin", "wrong".toCharArray());

    assertThat(tablet.state().signInPrompt()).isEqualTo("Wrong username or password");
    assertThat(tablet.state().status()).isEqualTo(SessionState.SIGNED_OUT);
  }
}
