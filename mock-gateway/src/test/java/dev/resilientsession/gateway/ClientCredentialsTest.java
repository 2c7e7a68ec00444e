package dev.resilientsession.gateway;

import static dev.resilientsession.gateway.GatewayClient.basic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resilientsession.gateway.token.OAuthError;
import dev.resilientsession.gateway.token.OAuthException;
import org.junit.jupiter.api.Test;

/**
 * One client authentication method per request (RFC 6749 section 2.3), as WSO2's {@code
 * BasicAuthClientAuthenticator.validateDuplicatedBasicAuthInfo} tells: section 3 of docs/gateway-behaviour.md.
 */
class ClientCredentialsTest {
  @Test void aBasicHeaderBesideAClientIdAndSecretInTheFormIsTwoMethodsAndRefused() {
    assertThatThrownBy(() -> ClientCredentials.from(basic("app", "secret"),
        Form.parse("client_id=app&client_secret=secret")))
        .isInstanceOfSatisfying(OAuthException.class, e -> {
          assertThat(e.error()).isEqualTo(OAuthError.INVALID_REQUEST);
          assertThat(e.status()).as("the error's usual 400").isZero();
          assertThat(e.description()).isEqualTo("Request body and headers contain authorization information");
        });
  }

  @Test void twoMethodsAreRefusedBeforeTheHeaderIsRead() {
    assertThatThrownBy(() -> ClientCredentials.from("Basic not-base64!", Form.parse("client_id=a&client_secret=b")))
        .isInstanceOfSatisfying(OAuthException.class,
            e -> assertThat(e.error()).isEqualTo(OAuthError.INVALID_REQUEST));
  }

  @Test void aClientIdFieldAloneBesideTheHeaderIsNoSecondMethod() {
    ClientCredentials credentials = ClientCredentials.from(basic("app", "secret"), Form.parse("client_id=app"));

    assertThat(credentials.id).isEqualTo("app");
    assertThat(credentials.secret).isEqualTo("secret");
  }

  @Test void anEmptyFormSecretIsNoSecondMethod() {
    ClientCredentials credentials = ClientCredentials.from(basic("app", "secret"),
        Form.parse("client_id=app&client_secret="));

    assertThat(credentials.secret).isEqualTo("secret");
  }

  @Test void aFormSecretAloneBesideTheHeaderIsNoSecondMethod() {
    ClientCredentials credentials = ClientCredentials.from(basic("app", "secret"), Form.parse("client_secret=other"));

    assertThat(credentials.id).isEqualTo("app");
    assertThat(credentials.secret).as("the header's").isEqualTo("secret");
  }

  @Test void formCredentialsWithoutAHeaderAreOneMethod() {
    ClientCredentials credentials = ClientCredentials.from(null, Form.parse("client_id=app&client_secret=secret"));

    assertThat(credentials.id).isEqualTo("app");
    assertThat(credentials.secret).isEqualTo("secret");
  }
}
