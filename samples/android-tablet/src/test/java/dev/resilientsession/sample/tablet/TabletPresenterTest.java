package dev.resilientsession.sample.tablet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientsession.client.SessionState;
import dev.resilientsession.gateway.GatewayConfig;
import dev.resilientsession.gateway.junit.MockGatewayExtension;
import dev.resilientsession.sample.device.DeviceSettings;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The tablet screen's behaviour, on direct executors: every click renders a new state. */
class TabletPresenterTest {
  @RegisterExtension final MockGatewayExtension gateway = MockGatewayExtension.builder()
      .config(GatewayConfig.defaults())
      .build();

  private final List<TabletState> rendered = new CopyOnWriteArrayList<>();
  private TabletPresenter presenter;

  @AfterEach void close() {
    if (presenter != null) presenter.close();
  }

  private TabletPresenter presenter(boolean deviceScope) {
    DeviceSettings settings = DeviceSettings.builder()
        .gateway(gateway.url("/"))
        .client(GatewayConfig.DEFAULT_OPAQUE_KEY, GatewayConfig.DEFAULT_OPAQUE_SECRET)
        .deviceName("tablet")
        .deviceScope(deviceScope)
        .build();
    presenter = new TabletPresenter(settings, Runnable::run, Runnable::run, rendered::add);
    return presenter;
  }

  @Test void signingInAndLoadingOrdersRendersTheirEvents() {
    TabletPresenter tablet = presenter(true);

    tablet.onSignInClicked("admin", "admin".toCharArray());
    tablet.onLoadOrdersClicked();

    TabletState last = rendered.get(rendered.size() - 1);
    assertThat(last.status()).isEqualTo(SessionState.SIGNED_IN);
    assertThat(last.busy()).isFalse();
    assertThat(last.events()).contains("GET /orders -> 200");
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

  @Test void aWrongPasswordShowsTheSignInPrompt() {
    TabletPresenter tablet = presenter(true);

    tablet.onSignInClicked("admin", "wrong".toCharArray());

    assertThat(tablet.state().signInPrompt()).isEqualTo("Wrong username or password");
    assertThat(tablet.state().status()).isEqualTo(SessionState.SIGNED_OUT);
  }
}
