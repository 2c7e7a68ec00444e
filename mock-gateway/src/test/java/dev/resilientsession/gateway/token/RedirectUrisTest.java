package dev.resilientsession.gateway.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How a redirect URI matches a registered one: exactly, by WSO2's regexp= form, or a loopback's any port. */
class RedirectUrisTest {
  @Test void anExactUriMatchesOnlyItself() {
    RedirectUris uris = RedirectUris.of(List.of("https://app.example.com/callback"));

    assertThat(uris.matches("https://app.example.com/callback")).isTrue();
    assertThat(uris.matches("https://app.example.com/callback/")).isFalse();
    assertThat(uris.matches("https://app.example.com/callback?x=1")).isFalse();
    assertThat(uris.matches("https://APP.example.com/callback")).isFalse();
    assertThat(uris.matches("https://app.example.com:8443/callback")).isFalse();
  }

  @Test void aLoopbackUriMatchesOnAnyPortButNothingElse() {
    RedirectUris uris = RedirectUris.of(List.of("http://127.0.0.1/callback", "http://[::1]/cb"));

    assertThat(uris.matches("http://127.0.0.1:49152/callback")).isTrue();
    assertThat(uris.matches("http://127.0.0.1/callback")).isTrue();
    assertThat(uris.matches("http://[::1]:8080/cb")).isTrue();
    assertThat(uris.matches("http://127.0.0.1:49152/other")).isFalse();
    assertThat(uris.matches("https://127.0.0.1:49152/callback")).isFalse();
    assertThat(uris.matches("http://localhost:49152/callback")).as("RFC 8252 8.3: not localhost").isFalse();
    assertThat(uris.matches("http://127.0.0.1:49152@evil.example/callback")).isFalse();
    assertThat(uris.matches("http://evil.example@127.0.0.1:49152/callback")).as("userinfo").isFalse();
    assertThat(uris.matches("http://127.0.0.1:49152/callback#x")).isFalse();
    assertThat(uris.matches("http://127.0.0.1:0/callback")).as("no port").isFalse();
    assertThat(uris.matches("http://127.0.0.1:65536/callback")).as("no port").isFalse();
    assertThat(uris.matches("http://127.0.0.1:65535/callback")).isTrue();
  }

  @Test void anHttpsOrHostnameUriIsNotTreatedAsLoopback() {
    RedirectUris uris = RedirectUris.of(List.of("https://127.0.0.1/callback", "http://localhost/callback"));

    assertThat(uris.matches("https://127.0.0.1:8443/callback")).isFalse();
    assertThat(uris.matches("http://localhost:8080/callback")).isFalse();
  }

  @Test void aPrivateUseSchemeMatchesExactly() {
    RedirectUris uris = RedirectUris.of(List.of("dev.resilientsession.sample:/callback"));

    assertThat(uris.matches("dev.resilientsession.sample:/callback")).isTrue();
    assertThat(uris.matches("dev.resilientsession.sample:/other")).isFalse();
  }

  @Test void aRegexpMustMatchTheWholeUri() {
    RedirectUris uris = RedirectUris.of(List.of("regexp=(https://a\\.example\\.com/cb|https://b\\.example\\.com/cb)"));

    assertThat(uris.matches("https://a.example.com/cb")).isTrue();
    assertThat(uris.matches("https://b.example.com/cb")).isTrue();
    assertThat(uris.matches("https://a.example.com/cb.evil.example")).isFalse();
    assertThat(uris.matches("https://evil.example/?https://a.example.com/cb")).isFalse();
  }

  @Test void nothingMatchesAnEmptyOrOverlongUri() {
    RedirectUris uris = RedirectUris.of(List.of("regexp=.*"));

    assertThat(uris.matches("")).isFalse();
    assertThat(uris.matches(null)).isFalse();
    assertThat(uris.matches("https://x/" + "a".repeat(RedirectUris.MAX_LENGTH))).isFalse();
    assertThat(RedirectUris.none().matches("http://127.0.0.1/callback")).isFalse();
  }

  @Test void aBadRegistrationIsRefusedWithItsReason() {
    assertThatThrownBy(() -> RedirectUris.of(List.of("regexp=(unclosed")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a valid regular expression");
    assertThatThrownBy(() -> RedirectUris.of(List.of("/relative")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absolute");
    assertThatThrownBy(() -> RedirectUris.of(List.of("https://x/cb#frag")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fragment");
  }
}
