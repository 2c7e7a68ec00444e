package dev.resilientsession.lab.scenario;

import dev.resilientsession.gateway.GatewayConfig;
import dev.resilientsession.gateway.config.ConfigException;
import dev.resilientsession.gateway.config.ConfigLoader;
import dev.resilientsession.gateway.token.Application;
import dev.resilientsession.gateway.token.User;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code [gateway]}: a deployment.toml embedded as is, read by the mock's own {@link ConfigLoader}.
 * Without it, WSO2's defaults and no users or applications: the lab adds its own.
 */
final class GatewayReader {
  private GatewayReader() {
  }

  static GatewayConfig read(String source, @Nullable Section gateway, List<UserAccount> users,
      Collection<ApplicationSpec> applications) throws ScenarioException {
    if (gateway == null) return GatewayConfig.builder().build();
    GatewayConfig config;
    try {
      config = ConfigLoader.fromTable(source, gateway.toml());
    } catch (ConfigException e) {
      throw new ScenarioException(e.getMessage());
    } catch (RuntimeException e) {
      throw gateway.error("the gateway config cannot be read: " + e);
    }
    // Without [gateway.gateway] users or applications, ConfigLoader brings the mock's defaults (admin, ...).
    for (User user : config.users()) {
      if (users.stream().anyMatch(account -> account.name().equals(user.username()))) {
        throw gateway.error("the gateway has a user \"" + user.username() + "\" of its own; rename the one in [users]");
      }
    }
    for (Application application : config.applications()) {
      for (ApplicationSpec spec : applications) {
        if (spec.consumerKey().equals(application.consumerKey())) {
          throw gateway.error("the gateway has an application with consumer key \"" + spec.consumerKey()
              + "\" of its own; change applications." + spec.name() + ".consumer_key");
        }
      }
    }
    return config;
  }
}
