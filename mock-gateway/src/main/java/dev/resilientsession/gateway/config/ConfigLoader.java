package dev.resilientsession.gateway.config;

import dev.resilientsession.gateway.AccountLockout;
import dev.resilientsession.gateway.ErrorFormat;
import dev.resilientsession.gateway.GatewayConfig;
import dev.resilientsession.gateway.ResourceRule;
import dev.resilientsession.gateway.token.Application;
import dev.resilientsession.gateway.token.GrantType;
import dev.resilientsession.gateway.token.OAuthError;
import dev.resilientsession.gateway.token.RedirectUris;
import dev.resilientsession.gateway.token.RenewalPolicy;
import dev.resilientsession.gateway.token.TokenType;
import dev.resilientsession.gateway.token.User;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Reads a gateway config from TOML: WSO2's own {@code deployment.toml} keys for the server
 * switches, and a {@code [gateway]} table for the mock's own settings (users, applications,
 * resources, the token endpoint's capacity, ...). Keys of WSO2's that the mock does not model are
 * ignored, so a real deployment.toml can be used as it is; unknown keys under {@code [gateway]}
 * are errors, since they are typos.
 */
public final class ConfigLoader {
  private static final Set<String> GATEWAY_KEYS = Set.of("error_format", "strict_resources",
      "unknown_grant_type_error", "issuer", "max_body_bytes", "revocation_delay", "token_capacity", "users",
      "applications", "resources");
  private static final Set<String> USER_KEYS = Set.of("username", "password", "scopes");
  private static final Set<String> APPLICATION_KEYS = Set.of("consumer_key", "consumer_secret", "token_type",
      "grant_types", "access_token_validity", "refresh_token_validity", "owner", "public_client", "pkce_mandatory",
      "pkce_support_plain", "redirect_uris");
  private static final Set<String> RESOURCE_KEYS = Set.of("path", "method", "scopes");
  private static final Set<String> RENEWAL_KEYS = Set.of("enable", "allowed_grant_types");

  private final String source;
  private final TomlTable toml;

  private ConfigLoader(String source, TomlTable toml) {
    this.source = source;
    this.toml = toml;
  }

  /** Loads {@code file}; the error names the file, the line and key, and what is wrong. */
  public static GatewayConfig load(Path file) throws ConfigException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": no such file");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage());
    }
    return parse(file.toString(), text);
  }

  /** Parses config text; {@code source} names it in errors. */
  public static GatewayConfig parse(String source, String text) throws ConfigException {
    TomlParseResult toml = TomlText.parse(source, text);
    if (toml.hasErrors()) {
      TomlParseError error = toml.errors().get(0);
      String hint = text.contains("\u201c") || text.contains("\u201d")
          ? " (curly quotes \u201c\u201d, as in copies of WSO2's documentation, are not TOML quotes: use \")" : "";
      int line = error.position().line();
      throw new ConfigException(source + ":" + line + ": " + keyOnLine(text, line) + error.getMessage() + hint);
    }
    return new ConfigLoader(source, toml).read();
  }

  /**
   * Reads a config from a table already parsed, as a deployment.toml embedded in a larger file
   * (the device lab's scenario {@code [gateway]} table); errors name {@code source} and the
   * table's lines in that file.
   */
  public static GatewayConfig fromTable(String source, TomlTable root) throws ConfigException {
    return new ConfigLoader(source, root).read();
  }

  /**
   * "table.key: " for a {@code key = value} line, so a syntax error names the key as the other
   * errors do; empty when the line has no key (a table header, a continuation line).
   */
  private static String keyOnLine(String text, int line) {
    String table = "";
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < line - 1 && i < lines.length; i++) {
      String header = lines[i].strip();
      if (header.startsWith("[") && header.indexOf(']') > 0) {
        table = header.substring(0, header.indexOf(']')).replace("[", "").strip();
      }
    }
    if (line < 1 || line > lines.length) return "";
    String current = lines[line - 1];
    int equals = current.indexOf('=');
    if (equals <= 0 || current.substring(0, equals).matches(".*[\"'\u201c\u201d\\[].*")) return "";
    String key = current.substring(0, equals).strip();
    if (key.isEmpty() || key.startsWith("#")) return "";
    return (table.isEmpty() ? key : table + "." + key) + ": ";
  }

  private GatewayConfig read() throws ConfigException {
    GatewayConfig defaults = GatewayConfig.defaults();
    GatewayConfig.Builder config = GatewayConfig.builder();

    TomlTable gateway = table(toml, "gateway");
    if (gateway != null) {
      checkKeys(gateway, "gateway", GATEWAY_KEYS);
      String errorFormat = string(gateway, "gateway", "error_format");
      if (errorFormat != null) config.errorFormat(choice(ErrorFormat.class, errorFormat, "gateway.error_format", gateway, "error_format"));
      Boolean strict = bool(gateway, "gateway", "strict_resources");
      if (strict != null) config.strictResources(strict);
      String unknownGrant = string(gateway, "gateway", "unknown_grant_type_error");
      if (unknownGrant != null) {
        if (unknownGrant.equals("unsupported_grant_type")) {
          config.unknownGrantTypeError(OAuthError.UNSUPPORTED_GRANT_TYPE);
        } else if (unknownGrant.equals("invalid_request")) {
          config.unknownGrantTypeError(OAuthError.INVALID_REQUEST);
        } else {
          throw error(gateway, "unknown_grant_type_error", "gateway.unknown_grant_type_error",
              "must be \"unsupported_grant_type\" or \"invalid_request\", was \"" + unknownGrant + "\"");
        }
      }
      String issuer = string(gateway, "gateway", "issuer");
      if (issuer != null) config.issuer(issuer);
      Long maxBody = integer(gateway, "gateway", "max_body_bytes");
      if (maxBody != null) {
        if (maxBody < 1024 || maxBody > 16 * 1024 * 1024) {
          throw error(gateway, "max_body_bytes", "gateway.max_body_bytes", "must be between 1024 and 16777216");
        }
        config.maxBodyBytes(maxBody.intValue());
      }
      Duration revocationDelay = duration(gateway, "gateway", "revocation_delay");
      if (revocationDelay != null) config.revocationDelay(revocationDelay);
      Long tokenCapacity = integer(gateway, "gateway", "token_capacity");
      if (tokenCapacity != null) {
        if (tokenCapacity < 1 || tokenCapacity > 1_000_000) {
          throw error(gateway, "token_capacity", "gateway.token_capacity",
              "must be 1 to 1000000 token requests a second, was " + tokenCapacity + " (leave it out for no limit)");
        }
        config.tokenCapacity(tokenCapacity.intValue());
      }
    }

    TomlArray users = gateway == null ? null : tables(gateway, "gateway", "users");
    if (users == null) {
      defaults.users().forEach(config::user);
    } else {
      Set<String> names = new LinkedHashSet<>();
      for (int i = 0; i < users.size(); i++) {
        String where = "gateway.users[" + i + "]";
        TomlTable user = users.getTable(i);
        checkKeys(user, where, USER_KEYS);
        String username = requiredString(user, where, "username", users.inputPositionOf(i));
        if (!names.add(username)) throw error(user, "username", where + ".username", "duplicate user \"" + username + "\"");
        config.user(User.of(username, requiredString(user, where, "password", users.inputPositionOf(i)),
            strings(user, where, "scopes")));
      }
    }

    TomlArray applications = gateway == null ? null : tables(gateway, "gateway", "applications");
    if (applications == null) {
      defaults.applications().forEach(config::application);
    } else {
      Set<String> keys = new LinkedHashSet<>();
      for (int i = 0; i < applications.size(); i++) {
        String where = "gateway.applications[" + i + "]";
        TomlTable application = applications.getTable(i);
        checkKeys(application, where, APPLICATION_KEYS);
        String key = requiredString(application, where, "consumer_key", applications.inputPositionOf(i));
        if (!keys.add(key)) throw error(application, "consumer_key", where + ".consumer_key", "duplicate consumer key \"" + key + "\"");
        Boolean publicClient = bool(application, where, "public_client");
        boolean isPublic = publicClient != null && publicClient;
        // A public client need not have a secret: it never sends one.
        String secret = isPublic ? string(application, where, "consumer_secret")
            : requiredString(application, where, "consumer_secret", applications.inputPositionOf(i));
        Application.Builder builder = Application.builder(key, secret).publicClient(isPublic);
        String tokenType = string(application, where, "token_type");
        if (tokenType != null) builder.tokenType(choice(TokenType.class, tokenType, where + ".token_type", application, "token_type"));
        if (application.contains("grant_types")) {
          Set<GrantType> grants = grantTypes(application, where, "grant_types");
          if (grants.isEmpty()) throw error(application, "grant_types", where + ".grant_types", "lists no grant type");
          if (isPublic && grants.contains(GrantType.CLIENT_CREDENTIALS)) {
            throw error(application, "grant_types", where + ".grant_types",
                "a public client cannot use client_credentials: it has no secret to prove");
          }
          builder.grantTypes(grants);
        }
        Long access = integer(application, where, "access_token_validity");
        if (access != null) builder.accessTokenValidity(validity(application, where, "access_token_validity", access));
        Long refresh = integer(application, where, "refresh_token_validity");
        if (refresh != null) builder.refreshTokenValidity(validity(application, where, "refresh_token_validity", refresh));
        String owner = string(application, where, "owner");
        if (owner != null) builder.owner(owner);
        Boolean pkceMandatory = bool(application, where, "pkce_mandatory");
        if (pkceMandatory != null) builder.pkceMandatory(pkceMandatory);
        Boolean plain = bool(application, where, "pkce_support_plain");
        if (plain != null) builder.pkcePlainAllowed(plain);
        if (application.contains("redirect_uris")) {
          List<String> uris = new ArrayList<>(strings(application, where, "redirect_uris"));
          try {
            builder.redirectUris(RedirectUris.of(uris));
          } catch (IllegalArgumentException e) {
            throw error(application, "redirect_uris", where + ".redirect_uris", e.getMessage());
          }
        }
        config.application(builder.build());
      }
    }

    TomlArray resources = gateway == null ? null : tables(gateway, "gateway", "resources");
    if (resources != null) {
      for (int i = 0; i < resources.size(); i++) {
        String where = "gateway.resources[" + i + "]";
        TomlTable resource = resources.getTable(i);
        checkKeys(resource, where, RESOURCE_KEYS);
        String path = requiredString(resource, where, "path", resources.inputPositionOf(i));
        if (!path.startsWith("/")) throw error(resource, "path", where + ".path", "must start with '/', was \"" + path + "\"");
        config.resource(ResourceRule.of(string(resource, where, "method"), path, strings(resource, where, "scopes")));
      }
    }

    config.jwtRenewal(renewal("oauth.jwt.renew_token_without_revoking_existing"));
    config.opaqueRenewal(renewal("oauth.opaque.renew_token_without_revoking_existing"));
    TomlTable renewal = table(toml, "oauth.token_renewal");
    if (renewal != null) {
      Boolean rotate = bool(renewal, "oauth.token_renewal", "renew_refresh_token");
      if (rotate != null) config.rotateRefreshTokens(rotate);
      Boolean extend = bool(renewal, "oauth.token_renewal", "extend_refresh_token_expiry_time_on_renewal");
      if (extend != null) config.extendRenewedRefreshTokenExpiry(extend);
      Boolean perRequest = bool(renewal, "oauth.token_renewal", "renew_access_token_per_request");
      if (perRequest != null) config.renewAccessTokenPerRequest(perRequest);
    }
    TomlTable validation = table(toml, "oauth.token_validation");
    Duration codeValidity = validation == null ? null : duration(validation, "oauth.token_validation",
        "authorization_code_validity");
    if (codeValidity != null) {
      if (codeValidity.compareTo(Duration.ofSeconds(1)) < 0) {
        throw error(validation, "authorization_code_validity", "oauth.token_validation.authorization_code_validity",
            "must be at least 1 second");
      }
      config.authorizationCodeValidity(codeValidity);
    }
    config.accountLockout(accountLockout());
    TomlTable tokenCache = table(toml, "apim.cache.gateway_token");
    if (tokenCache != null) {
      Boolean enable = bool(tokenCache, "apim.cache.gateway_token", "enable");
      Duration expiry = duration(tokenCache, "apim.cache.gateway_token", "expiry_time");
      // WSO2 caches for 900 s unless told otherwise.
      if (enable == null || enable) config.gatewayTokenCache(expiry != null ? expiry : Duration.ofSeconds(900));
    }
    return config.build();
  }

  /** {@code [identity_mgt.account_locking]}, as WSO2 Identity Server reads it; off unless enabled. */
  private AccountLockout accountLockout() throws ConfigException {
    String name = "identity_mgt.account_locking";
    TomlTable locking = table(toml, name);
    if (locking == null) return AccountLockout.disabled();
    Boolean enable = bool(locking, name, "enable_account_locking");
    if (enable == null || !enable) return AccountLockout.disabled();
    Long attempts = integer(locking, name, "allowed_failed_attempts");
    Long minutes = integer(locking, name, "auto_unlock_after");
    if (attempts != null && attempts < 1) {
      throw error(locking, "allowed_failed_attempts", name + ".allowed_failed_attempts", "must be at least 1");
    }
    if (minutes != null && minutes < 1) {
      throw error(locking, "auto_unlock_after", name + ".auto_unlock_after", "must be at least 1 (minutes)");
    }
    return AccountLockout.after(attempts != null ? attempts.intValue() : 5,
        Duration.ofMinutes(minutes != null ? minutes : 5));
  }

  /**
   * A duration: whole seconds ({@code 900}), or a string with a unit as WSO2 writes them
   * ({@code "900s"}, {@code "15m"}, {@code "500ms"}, {@code "1h"}).
   */
  private Duration duration(TomlTable table, String where, String key) throws ConfigException {
    if (!table.contains(key)) return null;
    String name = where + "." + key;
    if (table.isLong(key)) {
      long seconds = table.getLong(key);
      if (seconds < 0) throw error(table, key, name, "must not be negative, was " + seconds);
      return Duration.ofSeconds(seconds);
    }
    if (!table.isString(key)) throw error(table, key, name, "must be a number of seconds or a string such as \"900s\"");
    Duration duration = DurationText.parse(table.getString(key));
    if (duration == null) {
      throw error(table, key, name, "must be a number with a unit (ms, s, m, h), such as \"900s\", was \""
          + table.getString(key) + "\"");
    }
    return duration;
  }

  private RenewalPolicy renewal(String name) throws ConfigException {
    TomlTable table = table(toml, name);
    if (table == null) return RenewalPolicy.disabled();
    checkKeys(table, name, RENEWAL_KEYS);
    Boolean enable = bool(table, name, "enable");
    if (enable == null || !enable) return RenewalPolicy.disabled();
    if (!table.contains("allowed_grant_types")) return RenewalPolicy.enabled();
    return RenewalPolicy.enabledFor(grantTypes(table, name, "allowed_grant_types"));
  }

  private Set<GrantType> grantTypes(TomlTable table, String where, String key) throws ConfigException {
    Set<GrantType> grants = EnumSet.noneOf(GrantType.class);
    for (String name : strings(table, where, key)) {
      grants.add(GrantType.fromWireName(name).orElseThrow(() -> error(table, key, where + "." + key,
          "unknown grant type \"" + name + "\" (known: password, refresh_token, client_credentials, authorization_code)")));
    }
    return grants;
  }

  private Duration validity(TomlTable table, String where, String key, long seconds) throws ConfigException {
    if (seconds < 2) throw error(table, key, where + "." + key, "must be at least 2 seconds, was " + seconds);
    return Duration.ofSeconds(seconds);
  }

  private <E extends Enum<E>> E choice(Class<E> type, String value, String name, TomlTable table, String key)
      throws ConfigException {
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(value)) return constant;
    }
    StringBuilder known = new StringBuilder();
    for (E constant : type.getEnumConstants()) {
      if (known.length() > 0) known.append(" or ");
      known.append('"').append(constant.name()).append('"');
    }
    throw error(table, key, name, "must be " + known + ", was \"" + value + "\"");
  }

  private TomlTable table(TomlTable parent, String dottedKey) throws ConfigException {
    if (!parent.contains(dottedKey)) return null;
    if (!parent.isTable(dottedKey)) throw error(parent, dottedKey, dottedKey, "must be a table");
    return parent.getTable(dottedKey);
  }

  private TomlArray tables(TomlTable table, String where, String key) throws ConfigException {
    if (!table.contains(key)) return null;
    TomlArray array = table.isArray(key) ? table.getArray(key) : null;
    if (array == null || !allOf(array, TomlTable.class)) {
      throw error(table, key, where + "." + key, "must be an array of tables ([[" + where + "." + key + "]])");
    }
    return array;
  }

  private void checkKeys(TomlTable table, String where, Set<String> known) throws ConfigException {
    for (String key : table.keySet()) {
      if (!known.contains(key)) {
        throw error(table, key, where + "." + key, "unknown key (known: " + String.join(", ", new TreeSet<>(known)) + ")");
      }
    }
  }

  /** {@code tableStart} places the error when the table has no key to place it by, as in {@code [[gateway.users]]} alone. */
  private String requiredString(TomlTable table, String where, String key, TomlPosition tableStart)
      throws ConfigException {
    String value = string(table, where, key);
    if (value == null || value.isBlank()) {
      throw new ConfigException(source + ": " + where + "." + key + ": required" + near(table, tableStart));
    }
    return value;
  }

  private String string(TomlTable table, String where, String key) throws ConfigException {
    if (!table.contains(key)) return null;
    if (!table.isString(key)) throw error(table, key, where + "." + key, "must be a string");
    return table.getString(key);
  }

  private Boolean bool(TomlTable table, String where, String key) throws ConfigException {
    if (!table.contains(key)) return null;
    if (!table.isBoolean(key)) throw error(table, key, where + "." + key, "must be true or false");
    return table.getBoolean(key);
  }

  private Long integer(TomlTable table, String where, String key) throws ConfigException {
    if (!table.contains(key)) return null;
    if (!table.isLong(key)) throw error(table, key, where + "." + key, "must be a whole number");
    return table.getLong(key);
  }

  private Set<String> strings(TomlTable table, String where, String key) throws ConfigException {
    Set<String> result = new LinkedHashSet<>();
    if (!table.contains(key)) return result;
    TomlArray array = table.isArray(key) ? table.getArray(key) : null;
    if (array == null || !allOf(array, String.class)) {
      throw error(table, key, where + "." + key, "must be an array of strings");
    }
    for (int i = 0; i < array.size(); i++) result.add(array.getString(i));
    return result;
  }

  private ConfigException error(TomlTable table, String key, String name, String reason) {
    TomlPosition position = table.inputPositionOf(key);
    String line = position != null ? ":" + position.line() : "";
    return new ConfigException(source + line + ": " + name + ": " + reason);
  }

  private String near(TomlTable table, TomlPosition tableStart) {
    for (String key : table.keySet()) {
      TomlPosition position = table.inputPositionOf(key);
      if (position != null) return " (in the table near line " + position.line() + ")";
    }
    return tableStart != null ? " (in the table at line " + tableStart.line() + ")" : "";
  }

  private static boolean allOf(TomlArray array, Class<?> type) {
    for (int i = 0; i < array.size(); i++) {
      if (!type.isInstance(array.get(i))) return false;
    }
    return true;
  }
}
