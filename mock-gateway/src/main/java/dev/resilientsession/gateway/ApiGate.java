package dev.resilientsession.gateway;

import dev.resilientsession.gateway.token.TokenInfo;
import java.util.List;
import java.util.Optional;

/**
 * The gateway's decision for an API call, with no HTTP in it: which resource the call hits, whether
 * it carries a valid bearer token, and whether the token has one of the resource's scopes.
 */
final class ApiGate {
  private final GatewayTokenCache tokens;
  private final List<ResourceRule> resources;
  private final boolean strictResources;

  /**
   * @param strictResources when true, a call that matches no resource is answered 404 900906;
   *     when false, any path is a resource that needs a valid token and no particular scope.
   */
  ApiGate(GatewayTokenCache tokens, List<ResourceRule> resources, boolean strictResources) {
    this.tokens = tokens;
    this.resources = List.copyOf(resources);
    this.strictResources = strictResources;
  }

  /**
   * Decides a call to {@code path} (without its query) carrying the {@code Authorization} header
   * value {@code authorization} (null when absent).
   */
  AccessDecision check(String method, String path, String authorization) {
    ResourceRule resource = match(method, path);
    if (resource == null && strictResources) {
      return AccessDecision.denied(ApiFault.NO_MATCHING_RESOURCE,
          "No matching resource found for " + method + " " + path);
    }
    String bearer = bearerToken(authorization);
    if (bearer == null) {
      return AccessDecision.denied(ApiFault.MISSING_CREDENTIALS,
          "Make sure your API invocation call has a header: 'Authorization : Bearer ACCESS_TOKEN'");
    }
    Optional<TokenInfo> token = tokens.validate(bearer);
    if (token.isEmpty()) {
      return AccessDecision.denied(ApiFault.INVALID_CREDENTIALS,
          "Make sure you have provided the correct security credentials");
    }
    if (resource != null && !resource.scopes().isEmpty()
        && resource.scopes().stream().noneMatch(token.get()::hasScope)) {
      return AccessDecision.denied(ApiFault.RESOURCE_FORBIDDEN,
          "User is NOT authorized to access the Resource: " + path + ". Scope validation failed.");
    }
    return AccessDecision.allowed(token.get());
  }

  private ResourceRule match(String method, String path) {
    for (ResourceRule resource : resources) {
      if (resource.matches(method, path)) return resource;
    }
    return null;
  }

  /**
   * The token of a {@code Bearer} credential, or null when there is none. WSO2 compares the scheme
   * with {@code equals}, so {@code bearer} or {@code BEARER} is no bearer credential; spaces around
   * the scheme and the token are tolerated.
   */
  static String bearerToken(String authorization) {
    if (authorization == null) return null;
    String value = authorization.trim();
    if (value.length() <= 7 || !value.startsWith("Bearer ")) return null;
    String token = value.substring(7).trim();
    return token.isEmpty() ? null : token;
  }
}
