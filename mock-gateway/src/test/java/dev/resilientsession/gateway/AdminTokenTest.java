package dev.resilientsession.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which Authorization headers carry the admin token, and which tokens may be one. */
class AdminTokenTest {
  private static final String TOKEN = "s3cr3t-Admin_token";
  private final AdminToken token = AdminToken.of(TOKEN);

  @Test void aBearerHeaderWithTheTokenIsAdmittedWhateverTheSchemesCase() {
    assertThat(token.admits("Bearer " + TOKEN)).isTrue();
    assertThat(token.admits("bearer " + TOKEN)).isTrue();
    assertThat(token.admits("  Bearer   " + TOKEN + "  ")).isTrue();
  }

  @Test void basicWithTheTokenAsThePasswordIsAdmittedWithAnyUsername() {
    assertThat(token.admits(basic("admin:" + TOKEN))).isTrue();
    assertThat(token.admits(basic(":" + TOKEN))).isTrue();
    assertThat(token.admits(basic("qa:" + TOKEN))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Bearer", "Bearer ", TOKEN, "Token " + TOKEN, "Bearer s3cr3t-Admin_toke",
      "Bearer s3cr3t-Admin_token2", "Bearer S3CR3T-ADMIN_TOKEN", "Basic !!not-base64!!"})
  void anythingElseIsRefused(String authorization) {
    assertThat(token.admits(authorization)).isFalse();
  }

  @Test void noHeaderIsRefused() {
    assertThat(token.admits(null)).isFalse();
  }

  @Test void basicWithTheTokenAsTheUsernameOrWithoutAColonIsRefused() {
    assertThat(token.admits(basic(TOKEN + ":"))).isFalse();
    assertThat(token.admits(basic(TOKEN))).isFalse();
  }

  @Test void aPasswordHoldingAColonIsTakenWhole() {
    AdminToken withColon = AdminToken.of("a:b:c");

    assertThat(withColon.admits(basic("admin:a:b:c"))).isTrue();
    assertThat(withColon.admits(basic("admin:b:c"))).isFalse();
  }

  @Test void anEmptyTokenIsRefused() {
    assertThatThrownBy(() -> AdminToken.of("")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the admin token is empty");
  }

  @ParameterizedTest
  @ValueSource(strings = {"two words", "tab\there", "line\nbreak", "caf\u00e9-token"})
  void aTokenAHeaderCannotCarryIsRefusedWithoutRepeatingIt(String bad) {
    assertThatThrownBy(() -> AdminToken.of(bad)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the admin token must be visible ASCII characters, without spaces")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(bad));
  }

  private static String basic(String userColonPassword) {
    return "Basic " + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
  }
}
