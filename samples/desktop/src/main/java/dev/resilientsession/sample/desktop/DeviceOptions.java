package dev.resilientsession.sample.desktop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import okhttp3.HttpUrl;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** Where the desktop device signs in and what it calls itself, so QA can start several against one gateway. */
final class DeviceOptions {
  @Option(names = "--gateway", paramLabel = "URL", defaultValue = "https://localhost:9443/",
      description = "The gateway's base URL (token endpoint at /oauth2/token). Default: ${DEFAULT-VALUE}.")
  private String gateway;

  @Option(names = "--sign-in", paramLabel = "password|browser", defaultValue = "password",
      converter = SignInConverter.class,
      description = "How the user signs in: with the password grant (the default), or in the browser on the "
          + "gateway's login page (authorization code + PKCE), coming back to this device on 127.0.0.1.")
  private SignIn signIn;

  @Option(names = "--client-id", paramLabel = "KEY",
      description = "The application's consumer key. Default: jwt-client (the mock gateway's default JWT app); "
          + "with --sign-in browser, public-client (its public app, which has no secret).")
  private String clientId;

  @Option(names = "--client-secret", paramLabel = "SECRET",
      description = "The application's consumer secret. Default: the mock gateway's jwt-client-secret; "
          + "with --sign-in browser none (a public client) unless given.")
  private String clientSecret;

  @Option(names = "--user", paramLabel = "NAME", defaultValue = "admin",
      description = "Who signs in with --sign-in password. Default: ${DEFAULT-VALUE}.")
  private String user;

  @Option(names = "--password", paramLabel = "PASSWORD", interactive = true, arity = "0..1",
      description = "The user's password for --sign-in password; without a value, asked on the terminal. "
          + "Default: admin.")
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

  /** Whether the user signs in in the browser rather than with the password grant. */
  boolean browserSignIn() {
    return signIn == SignIn.BROWSER;
  }

  String clientId() {
    if (clientId != null) return clientId;
    return browserSignIn() ? "public-client" : "jwt-client";
  }

  /** The consumer secret; null for a public client: a browser sign-in without --client-secret. */
  String clientSecret() {
    if (clientSecret != null) return clientSecret;
    return browserSignIn() ? null : "jwt-client-secret";
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

  /** The values of --sign-in. */
  enum SignIn {
    PASSWORD, BROWSER
  }

  /** Reads --sign-in's value in lower case, as the help writes it. */
  static final class SignInConverter implements ITypeConverter<SignIn> {
    @Override public SignIn convert(String value) {
      switch (value) {
        case "password": return SignIn.PASSWORD;
        case "browser": return SignIn.BROWSER;
        default: throw new TypeConversionException("password or browser expected");
      }
    }
  }
}
