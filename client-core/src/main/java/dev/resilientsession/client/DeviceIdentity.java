package dev.resilientsession.client;

import java.util.Locale;

/**
 * Names this device, so that its token requests carry its own {@code device_<id>} scope and the
 * gateway keeps a separate token for it. The id must be stable per install: a new id per launch
 * would leave a trail of tokens on the gateway.
 */
public interface DeviceIdentity {
  /** This install's id, such as {@code "tablet"} or {@code "pixel_8_3f2a"}; sanitised before use. */
  String deviceId();

  /** A fixed id, for desktop apps and tests that know their device's name. */
  static DeviceIdentity of(String deviceId) {
    String scope = scopeFor(deviceId);
    return new DeviceIdentity() {
      @Override public String deviceId() {
        return deviceId;
      }

      @Override public String toString() {
        return "DeviceIdentity{" + scope + "}";
      }
    };
  }

  /**
   * The scope for {@code deviceId}: {@code device_} and the id in lower case, every character
   * outside {@code [a-z0-9_.-]} replaced by {@code _}, at most 64 characters. Scope tokens may not
   * hold spaces or quotes (RFC 6749 section 3.3).
   */
  static String scopeFor(String deviceId) {
    if (deviceId == null || deviceId.trim().isEmpty()) {
      throw new IllegalArgumentException("device id is empty");
    }
    StringBuilder scope = new StringBuilder("device_");
    for (char c : deviceId.trim().toLowerCase(Locale.ROOT).toCharArray()) {
      if (scope.length() == 64) break;
      boolean safe = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
      scope.append(safe ? c : '_');
    }
    return scope.toString();
  }
}
