package dev.resilientsession.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpRequestTest {
  @Test void theTargetSplitsIntoPathAndQuery() {
    HttpRequest request = HttpRequest.builder().method("GET").target("/oauth2/authorize?client_id=a%20b&x=").build();

    assertThat(request.path()).isEqualTo("/oauth2/authorize");
    assertThat(request.query()).isEqualTo("client_id=a%20b&x=");
    assertThat(HttpRequest.builder().method("GET").target("/orders").build().query()).isNull();
    assertThat(HttpRequest.builder().method("GET").target("/orders?").build().query()).isEmpty();
  }

  @Test void headerNamesMatchIgnoringCaseAndTheSpacesWso2sCurlLinesPutAroundThem() {
    HttpRequest request = HttpRequest.builder().method("POST").target("/oauth2/token")
        .addHeader("Authorization ", "Basic first")
        .addHeader("content-type", "application/x-www-form-urlencoded")
        .build();

    assertThat(request.header("Authorization")).isEqualTo("Basic first");
    assertThat(request.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
    assertThat(request.header("Cookie")).isNull();
  }

  @Test void aRepeatedHeaderAnswersItsLastValue() {
    HttpRequest request = HttpRequest.builder().method("GET").target("/")
        .addHeader("Authorization", "Bearer one").addHeader("authorization", "Bearer two").build();

    assertThat(request.header("Authorization")).isEqualTo("Bearer two");
  }

  @Test void itsStringIsTheMethodAndPathOnlyNeverACredential() {
    HttpRequest request = HttpRequest.builder().method("POST").target("/oauth2/token?password=p")
        .addHeader("Authorization", "Basic c2VjcmV0").body("password=secret".getBytes(), 15).build();

    assertThat(request).hasToString("POST /oauth2/token");
  }
}
