package dev.resilientsession.sample.desktop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import okhttp3.HttpUrl;
import picocli.CommandLine.Option;

/** Where the desktop device signs in and what it calls itself, so QA can start several against one gateway. */
final class DeviceOptions {
  @Option(names = "--gateway", paramLabel = "URL", defaultValue = "https://localhost:9443/",
      description = "The gateway's base URL (token endpoint at /oauth2/token). Default: ${DEFAULT-VALUE}.")
  private String gateway;

  @Option(names = "--client-id", paramLabel = "KEY", defaultValue = "jwt-client",
      description = "The application's consumer key. Default: ${DEFAULT-VALUE} (the mock gateway's default JWT app).")
  private String clientId;

  @Option(names = "--client-secret", paramLabel = "SECRET", defaultValue = "jwt-client-secret",
      description = "The application's consumer secret. Default: the mock gateway's.")
  private String clientSecret;

  @Option(names = "--user", paramLabel = "NAME", defaultValue = "admin", description = "Default: ${DEFAULT-VALUE}.")
  private String user;

  @Option(names = "--password", paramLabel = "PASSWORD", interactive = true, arity = "0..1",
      description = "The user's password; without a value, asked on the terminal. Default: admin.")
  private char[] password;

  @Option(names = "--device", paramLabel = "NAME", defaultValue = "desktop",
      description = "This device's name; its scope is device_<name>. Default: ${DEFAULT-VALUE}; "
          + "with --headless, --device tablet plays the tablet.")
  private String device;

  @Option(names = "--no-device-scope", description = "Request no device_ scope: share the token with the user's other devices.")
  private boolean noDeviceScope;

  @Option(names = "--ca", paramLabel = "FILE",
      description = "Trust this CA certificate (PEM), such as the mock gateway's --cert-out file.")
  private Path ca;

  HttpUrl gateway() {
    HttpUrl url = HttpUrl.parse(gateway);
    if (url == null) throw new IllegalArgumentException("--gateway is not an http(s) URL: " + gateway);
    return url;
  }

  String clientId() {
    return clientId;
  }

  String clientSecret() {
    return clientSecret;
  }

  String deviceName() {
    return device;
  }

  boolean deviceScope() {
    return !noDeviceScope;
  }

  /** The --ca certificate as PEM, or null without --ca. */
  String caPem() {
    if (ca == null) return null;
    try {
      return Files.readString(ca, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalArgumentException("--ca " + ca + " cannot be read: " + e.getClass().getSimpleName());
    }
  }

  String user() {
    return user;
  }

  /** A copy of the password given, or the mock gateway's default. */
  char[] password() {
    return password != null ? password.clone() : "admin".toCharArray();
  }
}
