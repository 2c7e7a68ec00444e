package dev.resilientsession.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.AnnotatedType;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * What Kotlin and nullness checkers read from the public API: nothing is null unless it says so,
 * and what can be null says so (a Kotlin override of a non-null parameter would crash on it).
 */
class NullabilityTest {
  @Test void thePublicApiIsNullMarked() {
    assertThat(ResilientSession.class.getPackage().isAnnotationPresent(NullMarked.class)).isTrue();
  }

  @Test void theGatewayCodeOfADisplacementMayBeNull() throws Exception {
    AnnotatedType gatewayCode = SessionListener.class.getMethod("onSessionDisplaced", String.class)
        .getAnnotatedParameterTypes()[0];
    assertThat(gatewayCode.isAnnotationPresent(Nullable.class)).isTrue();
  }

  @Test void whatMayBeAbsentIsMarkedNullable() throws Exception {
    assertThat(nullableReturn(StoredTokens.class, "refreshToken")).isTrue();
    assertThat(nullableReturn(SignOutResult.class, "failure")).isTrue();
    assertThat(nullableReturn(SignInException.class, "oauthError")).isTrue();
    assertThat(nullableReturn(ResilientSession.class, "deviceScope")).isTrue();
    assertThat(nullableReturn(TokenStore.class, "load")).isTrue();
    assertThat(nullableReturn(StoredTokens.class, "accessToken")).isFalse();
  }

  private static boolean nullableReturn(Class<?> type, String method) throws NoSuchMethodException {
    return type.getMethod(method).getAnnotatedReturnType().isAnnotationPresent(Nullable.class);
  }
}
