package dev.resilientsession.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HttpResponseTest {
  @Test void theStatusLineCarriesTheStandardReasonPhrase() {
    assertThat(HttpResponse.status(201).reason()).isEqualTo("Created");
    assertThat(HttpResponse.status(401).reason()).isEqualTo("Unauthorized");
    assertThat(HttpResponse.status(503).reason()).isEqualTo("Service Unavailable");
    assertThat(HttpResponse.status(499).reason()).as("one without a standard phrase").isEqualTo("Client Error");
  }

  @Test void settingAHeaderReplacesEveryValueOfItsNameWhateverTheCase() {
    HttpResponse response = new HttpResponse()
        .addHeader("Set-Cookie", "a=1").addHeader("set-cookie", "b=2").addHeader("Cache-Control", "no-store")
        .setHeader("SET-COOKIE", "c=3");

    assertThat(response.headers()).containsExactly("Cache-Control", "no-store", "SET-COOKIE", "c=3");
    assertThat(response.header("set-cookie")).isEqualTo("c=3");
  }

  @Test void aStatusOutsideHttpsRangeIsRefused() {
    assertThatThrownBy(() -> HttpResponse.status(42)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test void aDroppedConnectionSaysSo() {
    assertThat(HttpResponse.drop()).hasToString("(dropped)");
    assertThat(HttpResponse.status(404)).hasToString("404 Not Found");
  }
}
