package dev.resilientsession.lab.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** The gateway a fleet plays against, and the admin token it carries for it. */
class TargetTest {
  private static final HttpUrl STAGING = HttpUrl.get("https://staging.example:9443/");

  @Test void aRemoteTargetCarriesItsAdminTokenButNeverShowsIt() {
    Target target = Target.remote(STAGING, null).withAdminToken("staging-admin-token");

    assertThat(target.adminToken()).isEqualTo("staging-admin-token");
    assertThat(target.toString()).isEqualTo("https://staging.example:9443/");
  }

  @Test void anAdminTokenAHeaderCannotCarryIsRefusedWithoutRepeatingIt() {
    assertThatThrownBy(() -> Target.remote(STAGING, null).withAdminToken("two words"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the admin token must be visible ASCII characters, without spaces");
    assertThatThrownBy(() -> Target.remote(STAGING, null).withAdminToken(""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test void theEmbeddedGatewayTakesNoAdminToken() {
    assertThatThrownBy(() -> Target.embedded().withAdminToken("any")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("needs no admin token");
  }
}
