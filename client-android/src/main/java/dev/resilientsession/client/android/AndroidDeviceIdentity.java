package dev.resilientsession.client.android;

import android.content.Context;
import android.content.SharedPreferences;
import android.os.Build;
import dev.resilientsession.client.DeviceIdentity;
import java.security.SecureRandom;
import java.util.Locale;

/**
 * This install's device id: a readable name (the device model by default, such as {@code pixel_8})
 * and a random suffix made once and kept in the app's preferences, so two phones of one model stay
 * apart and the id survives restarts. Its scope looks like {@code device_pixel_8_3f2a9c}.
 */
public final class AndroidDeviceIdentity implements DeviceIdentity {
  private static final String FILE = "resilient_session_device";
  private static final String SUFFIX = "suffix";

  private final String deviceId;

  private AndroidDeviceIdentity(String deviceId) {
    this.deviceId = deviceId;
  }

  /** Named after the device model. */
  public static AndroidDeviceIdentity create(Context context) {
    return create(context, Build.MODEL != null && !Build.MODEL.trim().isEmpty() ? Build.MODEL : "android");
  }

  /** Named {@code name} (a user's "Kitchen tablet", say), with this install's stable suffix. */
  public static AndroidDeviceIdentity create(Context context, String name) {
    if (name == null || name.trim().isEmpty()) throw new IllegalArgumentException("name is empty");
    return new AndroidDeviceIdentity(readable(name) + "_" + suffix(context));
  }

  @Override public String deviceId() {
    return deviceId;
  }

  private static synchronized String suffix(Context context) {
    SharedPreferences preferences = context.getSharedPreferences(FILE, Context.MODE_PRIVATE);
    String suffix = preferences.getString(SUFFIX, null);
    if (suffix == null) {
      byte[] bytes = new byte[3];
      new SecureRandom().nextBytes(bytes);
      suffix = String.format(Locale.ROOT, "%02x%02x%02x", bytes[0] & 0xff, bytes[1] & 0xff, bytes[2] & 0xff);
      preferences.edit().putString(SUFFIX, suffix).commit();
    }
    return suffix;
  }

  private static String readable(String name) {
    String scope = DeviceIdentity.scopeFor(name);
    String readable = scope.substring("device_".length());
    return readable.length() > 40 ? readable.substring(0, 40) : readable;
  }

  @Override public String toString() {
    return "AndroidDeviceIdentity{" + deviceId + "}";
  }
}
