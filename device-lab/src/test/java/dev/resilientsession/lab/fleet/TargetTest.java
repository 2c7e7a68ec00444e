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

  @Test void theRevokeUrlIsDerivedFromTheTokenUrlAsTheSdkDerivesIt() {
    assertThat(Target.revokeUrlFor(HttpUrl.get("https://apim:9443/oauth2/token")))
        .isEqualTo(HttpUrl.get("https://apim:9443/oauth2/revoke"));
    assertThat(Target.revokeUrlFor(HttpUrl.get("https://kc:8443/realms/lab/protocol/openid-connect/token?x=1")))
        .isEqualTo(HttpUrl.get("https://kc:8443/realms/lab/protocol/openid-connect/revoke"));
    assertThat(Target.revokeUrlFor(HttpUrl.get("http://127.0.0.1:8080/token")))
        .isEqualTo(HttpUrl.get("http://127.0.0.1:8080/revoke"));
  }

  @Test void aServerGivenByItsTokenAndApiUrlsCallsBelowTheApiUrlAndRevokesWhereTheSdkWould() {
    Target target = Target.endpoints(HttpUrl.get("https://apim:9443/oauth2/token"),
        HttpUrl.get("https://apim:8243/pizzashack/1.0.0"), null);

    Endpoints endpoints = target.endpoints();
    assertThat(endpoints.api().resolve("menu")).isEqualTo(HttpUrl.get("https://apim:8243/pizzashack/1.0.0/menu"));
    assertThat(endpoints.revoke()).as("left to the SDK").isNull();
    assertThat(endpoints.revokeUsed()).isEqualTo(HttpUrl.get("https://apim:9443/oauth2/revoke"));
    assertThat(endpoints.admin()).as("a mock's /admin is beside its token endpoint")
        .isEqualTo(HttpUrl.get("https://apim:9443/admin/"));
    assertThat(target.toString())
        .isEqualTo("token URL https://apim:9443/oauth2/token, API URL https://apim:8243/pizzashack/1.0.0/");
    assertThat(target.isGateway()).isFalse();
  }

  @Test void aRevokeUrlGivenIsKept() {
    Target target = Target.endpoints(HttpUrl.get("https://idp/token"), HttpUrl.get("https://api/"), null)
        .withRevokeUrl(HttpUrl.get("https://idp/oauth/revocation"));

    assertThat(target.endpoints().revokeUsed()).isEqualTo(HttpUrl.get("https://idp/oauth/revocation"));
    assertThat(target.toString()).contains("revocation URL https://idp/oauth/revocation");
  }

  @Test void theAuthorizationUrlIsDerivedFromTheTokenUrlAsTheSdkDerivesIt() {
    assertThat(Target.authorizationUrlFor(HttpUrl.get("https://apim:9443/oauth2/token?x=1")))
        .isEqualTo(HttpUrl.get("https://apim:9443/oauth2/authorize"));
    Target keycloak = Target.endpoints(HttpUrl.get("https://kc:8443/realms/lab/protocol/openid-connect/token"),
        HttpUrl.get("https://kc:8443/realms/lab/protocol/openid-connect"), null);

    assertThat(keycloak.endpoints().authorization()).as("left to the SDK").isNull();
    assertThat(keycloak.endpoints().authorizationUsed())
        .as("not Keycloak's: that is .../auth, and must be given")
        .isEqualTo(HttpUrl.get("https://kc:8443/realms/lab/protocol/openid-connect/authorize"));
  }

  @Test void anAuthorizationUrlGivenIsKeptBesideARevokeUrlGiven() {
    HttpUrl auth = HttpUrl.get("https://kc:8443/realms/lab/protocol/openid-connect/auth");
    Target target = Target.endpoints(HttpUrl.get("https://kc:8443/realms/lab/protocol/openid-connect/token"),
        HttpUrl.get("https://kc:8443/realms/lab/protocol/openid-connect"), null)
        .withAuthorizationUrl(auth).withRevokeUrl(HttpUrl.get("https://kc:8443/logout/revoke"));

    assertThat(target.endpoints().authorizationUsed()).isEqualTo(auth);
    assertThat(target.endpoints().revokeUsed()).isEqualTo(HttpUrl.get("https://kc:8443/logout/revoke"));
    assertThat(target.toString()).isEqualTo("token URL https://kc:8443/realms/lab/protocol/openid-connect/token,"
        + " authorization URL " + auth + ", revocation URL https://kc:8443/logout/revoke,"
        + " API URL https://kc:8443/realms/lab/protocol/openid-connect/");
    assertThatThrownBy(() -> Target.remote(STAGING, null).withAuthorizationUrl(auth))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test void aGatewaysOneOriginHoldsTheTokenEndpointTheApisAndAdmin() {
    Endpoints endpoints = Target.remote(STAGING, null).endpoints();

    assertThat(endpoints.token()).isEqualTo(HttpUrl.get("https://staging.example:9443/oauth2/token"));
    assertThat(endpoints.revokeUsed()).isEqualTo(HttpUrl.get("https://staging.example:9443/oauth2/revoke"));
    assertThat(endpoints.authorizationUsed()).isEqualTo(HttpUrl.get("https://staging.example:9443/oauth2/authorize"));
    assertThat(endpoints.api()).isEqualTo(STAGING);
    assertThat(endpoints.admin()).isEqualTo(HttpUrl.get("https://staging.example:9443/admin/"));
    assertThatThrownBy(() -> Target.remote(STAGING, null).withRevokeUrl(STAGING.resolve("/revoke")))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test void aTokenUrlWithoutAPathOrAnApiUrlTheTokenCannotReachIsRefused() {
    assertThatThrownBy(() -> Target.endpoints(HttpUrl.get("https://kc:8443"), HttpUrl.get("https://kc:8443/"), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("the token URL https://kc:8443/ names a"
            + " server, not its token endpoint");
    assertThatThrownBy(() -> Target.endpoints(HttpUrl.get("https://kc/token"), HttpUrl.get("http://kc/api/"), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is plain HTTP while the token URL is HTTPS");
  }

  @Test void theEmbeddedGatewayTakesNoAdminToken() {
    assertThatThrownBy(() -> Target.embedded().withAdminToken("any")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("needs no admin token");
  }
}
