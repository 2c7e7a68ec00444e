package dev.resilientsession.gateway.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * Signs access tokens as RS256 JWTs with a 2048-bit key. The key is generated off the caller's
 * path (it costs about half a second), and the first signature waits for it.
 */
final class JwtSigner {
  private final CompletableFuture<Keys> keys;
  private final String issuer;

  private JwtSigner(CompletableFuture<Keys> keys, String issuer) {
    this.keys = keys;
    this.issuer = issuer;
  }

  /** Guarded by JwtSigner.class: one key per JVM, as one WSO2 server signs with one key store. */
  private static CompletableFuture<Keys> sharedKeys;

  /**
   * A signer using this JVM's signing key, whose generation starts on {@code executor} the first
   * time. Gateways in one JVM (a test suite's) share the key instead of paying for one each.
   */
  static JwtSigner withSharedKey(Executor executor, String issuer) {
    return new JwtSigner(sharedKeys(executor), issuer);
  }

  /**
   * A signer whose key outlives the process, as a data directory is a server with its own key store:
   * {@code stored}, the key a database kept, or else a new key, generated on {@code executor} and
   * handed to {@code journal} to keep before anything is signed with it.
   */
  static JwtSigner withStoredKey(RSAKey stored, TokenJournal journal, Executor executor, String issuer) {
    if (stored != null) return new JwtSigner(CompletableFuture.completedFuture(keys(stored)), issuer);
    return new JwtSigner(CompletableFuture.supplyAsync(() -> {
      Keys keys = generate();
      journal.signingKeyMade(keys.rsaKey.toJSONString());
      return keys;
    }, executor), issuer);
  }

  private static synchronized CompletableFuture<Keys> sharedKeys(Executor executor) {
    if (sharedKeys == null) sharedKeys = CompletableFuture.supplyAsync(JwtSigner::generate, executor);
    return sharedKeys;
  }

  String sign(TokenRecord record) {
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
        .issuer(issuer)
        .subject(record.user())
        .audience(record.clientId())
        .claim("azp", record.clientId())
        .claim("client_id", record.clientId())
        .claim("aut", record.grantType == GrantType.CLIENT_CREDENTIALS ? "APPLICATION" : "APPLICATION_USER")
        .claim("scope", String.join(" ", record.scopes))
        .issueTime(Date.from(record.issuedAt))
        .notBeforeTime(Date.from(record.issuedAt))
        .expirationTime(Date.from(record.expiresAt))
        .jwtID(record.id);
    return sign(claims.build());
  }

  private String sign(JWTClaimsSet claims) {
    Keys keys = keys();
    SignedJWT jwt = new SignedJWT(
        new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(keys.rsaKey.getKeyID()).build(),
        claims);
    try {
      jwt.sign(keys.signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("RS256 signing failed", e);
    }
    return jwt.serialize();
  }

  /**
   * An OpenID Connect ID token for {@code token} (OIDC Core section 2): the user as {@code sub}, the
   * client as {@code aud} and {@code azp}, {@code at_hash} of the access token, and the sign-in's
   * {@code nonce}, {@code sid} and {@code auth_time} when known. It lives as long as the access token.
   */
  String signIdToken(Application application, IssuedToken token, IdTokenClaims signIn, Instant now) {
    byte[] hash = Pkce.sha256(token.accessToken().getBytes(StandardCharsets.US_ASCII));
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
        .issuer(issuer)
        .subject(token.user())
        .audience(application.consumerKey())
        .claim("azp", application.consumerKey())
        .claim("at_hash", Base64URL.encode(Arrays.copyOf(hash, hash.length / 2)).toString())
        .claim("amr", List.of("BasicAuthenticator"))
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(token.expiresIn())))
        .jwtID(UUID.randomUUID().toString());
    if (signIn.nonce() != null) claims.claim("nonce", signIn.nonce());
    if (signIn.sessionId() != null) claims.claim("sid", signIn.sessionId());
    if (signIn.authTime() != null) claims.claim("auth_time", signIn.authTime().getEpochSecond());
    return sign(claims.build());
  }

  /**
   * The client an ID token this gateway signed was issued to ({@code azp}, else the first
   * {@code aud}); null when {@code jwt} is not one of ours. Expiry does not matter: a logout may
   * carry an old hint.
   */
  String verifiedClient(String jwt) {
    try {
      SignedJWT parsed = SignedJWT.parse(jwt);
      if (!parsed.verify(new RSASSAVerifier(keys().rsaKey.toRSAPublicKey()))) return null;
      JWTClaimsSet claims = parsed.getJWTClaimsSet();
      Object azp = claims.getClaim("azp");
      if (azp instanceof String) return (String) azp;
      return claims.getAudience().isEmpty() ? null : claims.getAudience().get(0);
    } catch (java.text.ParseException | JOSEException | RuntimeException e) {
      return null;
    }
  }

  /** The public key as a JWK Set document, for {@code /oauth2/jwks}. */
  String jwkSetJson() {
    return new JWKSet(keys().rsaKey.toPublicJWK()).toString(true);
  }

  private Keys keys() {
    try {
      return keys.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the signing key", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("signing key generation failed", e.getCause());
    }
  }

  private static Keys generate() {
    try {
      return keys(new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate());
    } catch (JOSEException e) {
      throw new IllegalStateException("RSA key generation failed", e);
    }
  }

  private static Keys keys(RSAKey rsaKey) {
    try {
      return new Keys(rsaKey, new RSASSASigner(rsaKey));
    } catch (JOSEException e) {
      throw new IllegalStateException("not an RSA private key", e);
    }
  }

  private static final class Keys {
    final RSAKey rsaKey;
    final RSASSASigner signer;

    Keys(RSAKey rsaKey, RSASSASigner signer) {
      this.rsaKey = rsaKey;
      this.signer = signer;
    }
  }
}
