package dev.resilientsession.sample.desktop;

import dev.resilientsession.sample.device.DeviceSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import okhttp3.HttpUrl;
import picocli.CommandLine.Option;

/** The command-line options every sample device takes, so QA can start several against one gateway. */
public final class DeviceOptions {
  @Option(names = "--gateway", paramLabel = "URL", defaultValue = "https://localhost:9443/",
      description = "The gateway's base URL (token endpoint at /oauth2/token). Default: ${DEFAULT-VALUE}.")
  String gateway;

  @Option(names = "--client-id", paramLabel = "KEY", defaultValue = "jwt-client",
      description = "The application's consumer key. Default: ${DEFAULT-VALUE} (the mock gateway's default JWT app).")
  String clientId;

  @Option(names = "--client-secret", paramLabel = "SECRET", defaultValue = "jwt-client-secret",
      description = "The application's consumer secret. Default: the mock gateway's.")
  String clientSecret;

  @Option(names = "--user", paramLabel = "NAME", defaultValue = "admin", description = "Default: ${DEFAULT-VALUE}.")
  String user;

  @Option(names = "--password", paramLabel = "PASSWORD", interactive = true, arity = "0..1",
      description = "The user's password; without a value, asked on the terminal. Default: admin.")
  char[] password;

  @Option(names = "--device", paramLabel = "NAME", description = "This device's name; its scope is device_<name>.")
  String device;

  @Option(names = "--no-device-scope", description = "Request no device_ scope: share the token with the user's other devices.")
  boolean noDeviceScope;

  @Option(names = "--ca", paramLabel = "FILE",
      description = "Trust this CA certificate (PEM), such as the mock gateway's --cert-out file.")
  Path ca;

  /** The settings these options describe; {@code defaultDevice} names the device when --device is absent. */
  public DeviceSettings settings(String defaultDevice) throws IOException {
    HttpUrl url = HttpUrl.parse(gateway);
    if (url == null) throw new IllegalArgumentException("--gateway is not an http(s) URL: " + gateway);
    return DeviceSettings.builder()
        .gateway(url)
        .client(clientId, clientSecret)
        .deviceName(device != null ? device : defaultDevice)
        .deviceScope(!noDeviceScope)
        .trustedCertificatePem(ca != null ? Files.readString(ca, StandardCharsets.US_ASCII) : null)
        .build();
  }

  public String user() {
    return user;
  }

  /** A copy of the password given, or the mock gateway's default. */
  public char[] password() {
    return password != null ? password.clone() : "admin".toCharArray();
  }
}
