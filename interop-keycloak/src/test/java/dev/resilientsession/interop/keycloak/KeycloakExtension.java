package dev.resilientsession.interop.keycloak;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.TestAbortedException;

/**
 * One Keycloak for the whole test run, shared by every class that asks for it with
 * {@code @ExtendWith(KeycloakExtension.class)} and a {@link Keycloak} parameter: started before the
 * first such class, stopped when the run ends (the root context's store closes it). Its start is
 * attempted once: where it was skipped or failed, every class is skipped or fails for the same
 * reason, at once.
 *
 * <p>Settings, as JUnit configuration parameters or system properties (the module's surefire
 * configuration passes them):
 * {@code keycloak.version} (the parent pom's), {@code maven.repo.local} (the local repository, by
 * default {@code ~/.m2/repository}) and {@code keycloak.workDir} (by default {@code target/keycloak}).
 */
final class KeycloakExtension implements BeforeAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KeycloakExtension.class);

  @Override public void beforeAll(ExtensionContext context) {
    try {
      startup(context).keycloak();
    } catch (TestAbortedException skipped) {
      // Surefire counts skipped tests but does not say why; the build log should.
      System.out.println("SKIPPED " + context.getDisplayName() + ": " + skipped.getMessage());
      throw skipped;
    }
  }

  @Override public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Keycloak.class;
  }

  @Override public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return startup(context).keycloak();
  }

  private static Startup startup(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Startup.class, key -> Startup.attempt(context),
        Startup.class);
  }

  /** The one attempt to start Keycloak in this run: the server, or why there is none. */
  private static final class Startup implements AutoCloseable {
    private final Keycloak keycloak;
    private final RuntimeException skippedOrFailed;

    private Startup(Keycloak keycloak, RuntimeException skippedOrFailed) {
      this.keycloak = keycloak;
      this.skippedOrFailed = skippedOrFailed;
    }

    static Startup attempt(ExtensionContext context) {
      String version = context.getConfigurationParameter("keycloak.version").orElse(null);
      if (version == null) {
        return new Startup(null, new IllegalStateException(
            "keycloak.version is not set: run these tests with Maven, whose surefire sets it"));
      }
      Path repository = Path.of(context.getConfigurationParameter("maven.repo.local")
          .orElse(Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
      Path workDir = Path.of(context.getConfigurationParameter("keycloak.workDir").orElse("target/keycloak"))
          .toAbsolutePath();
      try {
        return new Startup(Keycloak.start(KeycloakDistribution.in(repository, version), workDir), null);
      } catch (IOException e) {
        return new Startup(null, new IllegalStateException("Keycloak " + version + " did not start: " + e, e));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Startup(null, new IllegalStateException("interrupted while Keycloak started", e));
      } catch (RuntimeException skippedOrFailed) {
        return new Startup(null, skippedOrFailed);
      }
    }

    Keycloak keycloak() {
      if (skippedOrFailed != null) throw skippedOrFailed;
      return keycloak;
    }

    @Override public void close() {
      if (keycloak != null) keycloak.close();
    }
  }
}
