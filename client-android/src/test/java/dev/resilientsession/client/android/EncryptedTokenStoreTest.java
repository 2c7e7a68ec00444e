package dev.resilientsession.client.android;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import android.content.Context;
import android.content.SharedPreferences;
import android.util.Base64;
import org.robolectric.RuntimeEnvironment;
import dev.resilientsession.client.SignInMethod;
import dev.resilientsession.client.StoredTokens;
import dev.resilientsession.client.TokenStoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;

@RunWith(RobolectricTestRunner.class)
public class EncryptedTokenStoreTest {
  private final Context context = RuntimeEnvironment.getApplication();
  private final JceKeyProvider keys = new JceKeyProvider();
  private final EncryptedTokenStore store = EncryptedTokenStore.create(context, "tokens_test", keys);
  private final SharedPreferences preferences = context.getSharedPreferences("tokens_test", Context.MODE_PRIVATE);
  private final ExecutorService threads = Executors.newFixedThreadPool(8);

  @After public void stopThreads() {
    threads.shutdownNow();
  }

  @Test public void savedTokensComeBackIntact() throws Exception {
    StoredTokens tokens = tokens("at-1", "rt-1");

    store.save(tokens);

    assertThat(store.load()).isEqualTo(tokens);
  }

  @Test public void nothingSavedLoadsAsSignedOut() throws Exception {
    assertThat(store.load()).isNull();
  }

  @Test public void tokensWithoutARefreshTokenComeBackIntact() throws Exception {
    StoredTokens tokens = tokens("at-only", null);

    store.save(tokens);

    assertThat(store.load()).isEqualTo(tokens);
  }

  @Test public void aBrowserSignInIsRememberedAsOne() throws Exception {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    StoredTokens tokens = new StoredTokens("at-1", "rt-1", now, now.plusSeconds(3600), Set.of("device_tablet"),
        SignInMethod.BROWSER);

    store.save(tokens);

    assertThat(store.load().signInMethod()).isEqualTo(SignInMethod.BROWSER);
  }

  @Test public void theEntryIsEncrypted() throws Exception {
    store.save(tokens("secret-access-token", "secret-refresh-token"));

    String stored = String.valueOf(preferences.getAll());
    assertThat(stored).doesNotContain("secret-access-token").doesNotContain("secret-refresh-token")
        .doesNotContain("device_tablet");
  }

  @Test public void aTamperedEntryIsClearedAndReportedNotACrash() throws Exception {
    store.save(tokens("at-1", "rt-1"));
    byte[] sealed = Base64.decode(preferences.getString("tokens", null), Base64.NO_WRAP);
    sealed[sealed.length - 1] ^= 1;
    preferences.edit().putString("tokens", Base64.encodeToString(sealed, Base64.NO_WRAP)).commit();

    assertThatThrownBy(store::load).isInstanceOf(TokenStoreException.class).hasMessageContaining("cleared");
    assertThat(preferences.contains("tokens")).isFalse();
    assertThat(store.load()).isNull();
  }

  @Test public void garbageIsClearedAndReportedNotACrash() throws Exception {
    for (String garbage : List.of("not base64 !!", "", "AAAA", Base64.encodeToString(new byte[64], Base64.NO_WRAP))) {
      preferences.edit().putString("tokens", garbage).commit();

      assertThatThrownBy(store::load).as(garbage).isInstanceOf(TokenStoreException.class);
      assertThat(preferences.contains("tokens")).isFalse();
    }
  }

  @Test public void anEntryUnderAnotherKeyIsUndecryptableAndCleared() throws Exception {
    store.save(tokens("at-1", "rt-1"));
    EncryptedTokenStore afterKeyChange = EncryptedTokenStore.create(context, "tokens_test", new JceKeyProvider());

    assertThatThrownBy(afterKeyChange::load).isInstanceOf(TokenStoreException.class);
    assertThat(afterKeyChange.load()).isNull();
  }

  @Test public void concurrentSavesNeverCorruptTheEntry() throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<StoredTokens>> saves = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      StoredTokens tokens = tokens("at-" + i, "rt-" + i);
      saves.add(threads.submit(() -> {
        go.await();
        for (int round = 0; round < 25; round++) store.save(tokens);
        return tokens;
      }));
    }
    go.countDown();
    List<StoredTokens> saved = new ArrayList<>();
    for (Future<StoredTokens> save : saves) saved.add(save.get(30, TimeUnit.SECONDS));

    assertThat(saved).contains(store.load());
  }

  @Test public void clearForgetsTheTokens() throws Exception {
    store.save(tokens("at-1", "rt-1"));

    store.clear();

    assertThat(store.load()).isNull();
    assertThat(preferences.getAll()).isEmpty();
  }

  @Test public void theStoreSaysNothingOfTheTokensInToString() throws Exception {
    store.save(tokens("at-visible?", "rt-visible?"));

    assertThat(store.toString()).doesNotContain("visible");
  }

  static StoredTokens tokens(String accessToken, String refreshToken) {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    return new StoredTokens(accessToken, refreshToken, now, now.plusSeconds(3600), Set.of("device_tablet", "orders:read"));
  }
}
