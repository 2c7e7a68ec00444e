package dev.resilientsession.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A token endpoint whose every request waits until the test answers it, so that a test can act
 * while a recovery is in flight. A request whose thread is interrupted fails as a real one would.
 */
final class HandHeldTokenEndpoint implements TokenEndpoint {
  final BlockingQueue<Asked> asked = new LinkedBlockingQueue<>();
  final List<String> revoked = new CopyOnWriteArrayList<>();

  /** One token request, waiting for its answer. */
  static final class Asked {
    final String grantType;
    final String username;
    final char[] password;
    private final CompletableFuture<TokenOutcome> answer = new CompletableFuture<>();

    Asked(String grantType, String username, char[] password) {
      this.grantType = grantType;
      this.username = username;
      this.password = password;
    }

    void grant(String accessToken, String refreshToken) {
      answer.complete(TokenOutcome.granted(new TokenGrant(accessToken, refreshToken, 3600, "device_desktop")));
    }

    void refuse(String error) {
      answer.complete(TokenOutcome.refused(400, error, error));
    }

    /** The endpoint's 503: a failure for now. */
    void fail() {
      answer.complete(TokenOutcome.unavailable(503, "HTTP 503", null));
    }
  }

  /** The next request the session sent; fails the test if none comes. */
  Asked next() throws InterruptedException {
    Asked next = asked.poll(10, TimeUnit.SECONDS);
    assertThat(next).as("a token request").isNotNull();
    return next;
  }

  @Override public TokenOutcome password(String username, char[] password, String scope) {
    return await(new Asked("password", username, password));
  }

  @Override public TokenOutcome refresh(String refreshToken) {
    return await(new Asked("refresh_token", null, null));
  }

  @Override public TokenOutcome authorizationCode(String code, String redirectUri, String codeVerifier) {
    return await(new Asked("authorization_code", null, null));
  }

  @Override public String revoke(String token, String tokenTypeHint) {
    revoked.add(token);
    return null;
  }

  private TokenOutcome await(Asked request) {
    asked.add(request);
    try {
      return request.answer.get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return TokenOutcome.unavailable("InterruptedIOException: interrupted", null);
    } catch (ExecutionException | TimeoutException e) {
      return TokenOutcome.unavailable("no answer", null);
    }
  }
}
