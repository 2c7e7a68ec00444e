package dev.resilientsession.sample.device;

import java.time.Clock;
import java.util.Objects;
import okhttp3.HttpUrl;

/** How a sample device reaches the gateway and names itself. Immutable; the secret is not printed. */
public final class DeviceSettings {
  private final HttpUrl gateway;
  private final String clientId;
  private final String clientSecret;
  private final String deviceName;
  private final boolean deviceScope;
  private final String trustedCertificatePem;
  private final Clock clock;

  private DeviceSettings(Builder builder) {
    this.gateway = Objects.requireNonNull(builder.gateway, "gateway");
    this.clientId = Objects.requireNonNull(builder.clientId, "clientId");
    this.clientSecret = Objects.requireNonNull(builder.clientSecret, "clientSecret");
    this.deviceName = Objects.requireNonNull(builder.deviceName, "deviceName");
    this.deviceScope = builder.deviceScope;
    this.trustedCertificatePem = builder.trustedCertificatePem;
    this.clock = builder.clock;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The gateway's base URL, such as {@code https://localhost:9443/}. */
  public HttpUrl gateway() {
    return gateway;
  }

  public String clientId() {
    return clientId;
  }

  String clientSecret() {
    return clientSecret;
  }

  public String deviceName() {
    return deviceName;
  }

  public boolean deviceScope() {
    return deviceScope;
  }

  /** A CA certificate to trust for an HTTPS gateway (the mock's {@code --cert-out}); null for none. */
  public String trustedCertificatePem() {
    return trustedCertificatePem;
  }

  public Clock clock() {
    return clock;
  }

  @Override public String toString() {
    return "DeviceSettings{gateway=" + gateway + ", clientId=" + clientId + ", device=" + deviceName
        + ", deviceScope=" + deviceScope + "}";
  }

  /** Builds {@link DeviceSettings}. */
  public static final class Builder {
    private HttpUrl gateway;
    private String clientId;
    private String clientSecret;
    private String deviceName;
    private boolean deviceScope = true;
    private String trustedCertificatePem;
    private Clock clock = Clock.systemUTC();

    private Builder() {
    }

    public Builder gateway(HttpUrl gateway) {
      this.gateway = gateway;
      return this;
    }

    public Builder client(String clientId, String clientSecret) {
      this.clientId = clientId;
      this.clientSecret = clientSecret;
      return this;
    }

    public Builder deviceName(String deviceName) {
      this.deviceName = deviceName;
      return this;
    }

    /** Whether token requests carry {@code device_<name>} (default true). */
    public Builder deviceScope(boolean deviceScope) {
      this.deviceScope = deviceScope;
      return this;
    }

    public Builder trustedCertificatePem(String pem) {
      this.trustedCertificatePem = pem;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public DeviceSettings build() {
      return new DeviceSettings(this);
    }
  }
}
