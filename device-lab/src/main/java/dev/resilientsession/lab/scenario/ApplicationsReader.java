package dev.resilientsession.lab.scenario;

import dev.resilientsession.client.AuthorizationRequest;
import dev.resilientsession.gateway.token.TokenType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.tomlj.TomlArray;

/** {@code [applications.NAME]}, over the defaults {@code jwt} and {@code opaque}. */
final class ApplicationsReader {
  private static final Set<String> KEYS = Set.of("consumer_key", "consumer_secret", "token_type", "public_client",
      "redirect_uri", "scopes", "device_scope");

  private ApplicationsReader() {
  }

  /**
   * The applications, each one the file gets wrong left out, its mistakes kept in {@code problems};
   * its name still goes into {@code declared}, so that groups using it are not refused for it too.
   */
  static Map<String, ApplicationSpec> read(@Nullable Section applications, Problems problems, Set<String> declared)
      throws ScenarioException {
    Map<String, ApplicationSpec> specs = new LinkedHashMap<>();
    specs.put(ApplicationSpec.JWT.name(), ApplicationSpec.JWT);
    specs.put(ApplicationSpec.OPAQUE.name(), ApplicationSpec.OPAQUE);
    declared.addAll(specs.keySet());
    if (applications == null) return specs;
    Map<String, String> keyOwners = new LinkedHashMap<>();
    for (String name : applications.keys()) {
      declared.add(name);
      Section application = problems.read(() -> applications.table(name));
      if (application == null) continue;
      problems.check(() -> application.allowOnly(KEYS));
      ApplicationSpec spec = problems.read(() -> application(name, application, keyOwners));
      if (spec != null) specs.put(name, spec);
    }
    for (ApplicationSpec spec : List.copyOf(specs.values())) {
      String owner = keyOwners.get(spec.consumerKey());
      if (owner != null && !owner.equals(spec.name()) && specs.containsKey(owner)) {
        problems.add(applications.table(owner).error("consumer_key",
            "\"" + spec.consumerKey() + "\" is the default application " + spec.name() + "'s; pick another"));
        specs.remove(owner);
      }
    }
    return specs;
  }

  private static ApplicationSpec application(String name, Section application, Map<String, String> keyOwners)
      throws ScenarioException {
    String consumerKey = application.requiredString("consumer_key");
    String owner = keyOwners.putIfAbsent(consumerKey, name);
    if (owner != null) {
      throw application.error("consumer_key", "\"" + consumerKey + "\" is application " + owner + "'s too");
    }
    boolean publicClient = application.bool("public_client", false);
    String redirectUri = application.has("redirect_uri")
        ? redirectUri(application) : ApplicationSpec.LOOPBACK_REDIRECT_URI;
    return new ApplicationSpec(name, consumerKey, secret(application, publicClient), tokenType(application),
        publicClient, redirectUri, scopes(application), application.bool("device_scope", true));
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

  /** Scope tokens as RFC 6749 3.3 spells them (printable ASCII but space, '"' and '\'), each once. */
  private static List<String> scopes(Section application) throws ScenarioException {
    TomlArray array = application.array("scopes");
    if (array == null) return List.of();
    Set<String> scopes = new LinkedHashSet<>();
    for (int i = 0; i < array.size(); i++) {
      if (!array.isString(i)) {
        throw application.error("scopes", array, i, "must be a scope in quotes, such as \"openid\"");
      }
      String scope = array.getString(i);
      boolean token = !scope.isEmpty() && scope.chars().allMatch(c -> c > ' ' && c <= '~' && c != '"' && c != '\\');
      if (!token) {
        throw application.error("scopes", array, i, "\"" + scope + "\" is not a scope: one word of printable ASCII,"
            + " without spaces, '\"' or '\\'");
      }
      if (scope.startsWith("device_")) {
        throw application.error("scopes", array, i, "device_ scopes are the lab's own, one per device: use"
            + " device_scope = true");
      }
      if (!scopes.add(scope)) throw application.error("scopes", array, i, "\"" + scope + "\" is named twice");
    }
    return new ArrayList<>(scopes);
  }
}
