package dev.resilientsession.lab.scenario;

import dev.resilientsession.client.AuthorizationRequest;
import dev.resilientsession.gateway.token.TokenType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** {@code [applications.NAME]}, over the defaults {@code jwt} and {@code opaque}. */
final class ApplicationsReader {
  private static final Set<String> KEYS = Set.of("consumer_key", "consumer_secret", "token_type", "public_client",
      "redirect_uri");

  private ApplicationsReader() {
  }

  static Map<String, ApplicationSpec> read(@Nullable Section applications) throws ScenarioException {
    Map<String, ApplicationSpec> specs = new LinkedHashMap<>();
    specs.put(ApplicationSpec.JWT.name(), ApplicationSpec.JWT);
    specs.put(ApplicationSpec.OPAQUE.name(), ApplicationSpec.OPAQUE);
    if (applications == null) return specs;
    Map<String, String> keyOwners = new LinkedHashMap<>();
    for (String name : applications.keys()) {
      Section application = applications.table(name);
      application.allowOnly(KEYS);
      String consumerKey = application.requiredString("consumer_key");
      String owner = keyOwners.putIfAbsent(consumerKey, name);
      if (owner != null) {
        throw application.error("consumer_key", "\"" + consumerKey + "\" is application " + owner + "'s too");
      }
      boolean publicClient = application.bool("public_client", false);
      String redirectUri = application.has("redirect_uri")
          ? redirectUri(application) : ApplicationSpec.LOOPBACK_REDIRECT_URI;
      specs.put(name, new ApplicationSpec(name, consumerKey, secret(application, publicClient), tokenType(application),
          publicClient, redirectUri));
    }
    for (ApplicationSpec spec : specs.values()) {
      String owner = keyOwners.get(spec.consumerKey());
      if (owner != null && !owner.equals(spec.name())) {
        throw applications.table(owner).error("consumer_key",
            "\"" + spec.consumerKey() + "\" is the default application " + spec.name() + "'s; pick another");
      }
    }
    return specs;
  }

  private static @Nullable String secret(Section application, boolean publicClient) throws ScenarioException {
    if (publicClient) {
      if (application.has("consumer_secret")) {
        throw application.error("consumer_secret", "a public client sends no secret: its client id alone "
            + "authenticates it; leave consumer_secret out");
      }
      return null;
    }
    if (!application.has("consumer_secret")) {
      throw application.error("consumer_secret", "required, unless public_client = true");
    }
    return application.requiredString("consumer_secret");
  }

  private static TokenType tokenType(Section application) throws ScenarioException {
    String text = application.string("token_type");
    if (text == null) return TokenType.JWT;
    for (TokenType type : TokenType.values()) {
      if (type.name().equalsIgnoreCase(text)) return type;
    }
    throw application.error("token_type", "must be \"JWT\" or \"OPAQUE\", was \"" + text + "\"");
  }

  /** A redirect URI the SDK accepts, refused before the run otherwise. */
  private static String redirectUri(Section application) throws ScenarioException {
    String text = application.requiredString("redirect_uri");
    try {
      AuthorizationRequest.checkRedirectUri(text);
    } catch (IllegalArgumentException e) {
      throw application.error("redirect_uri", e.getMessage());
    }
    return text;
  }
}
