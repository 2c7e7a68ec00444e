package dev.resilientsession.client.android;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import android.content.Context;
import dev.resilientsession.client.DeviceIdentity;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;
import org.robolectric.shadows.ShadowBuild;

@RunWith(RobolectricTestRunner.class)
public class AndroidDeviceIdentityTest {
  private final Context context = RuntimeEnvironment.getApplication();

  @Test public void theDefaultNameIsTheDeviceModelWithAStableSuffix() {
    ShadowBuild.setModel("Pixel 8");

    String id = AndroidDeviceIdentity.create(context).deviceId();

    assertThat(id).matches("pixel_8_[0-9a-f]{6}");
    assertThat(DeviceIdentity.scopeFor(id)).startsWith("device_pixel_8_");
  }

  @Test public void theIdSurvivesARestart() {
    String first = AndroidDeviceIdentity.create(context, "tablet").deviceId();

    String afterRestart = AndroidDeviceIdentity.create(RuntimeEnvironment.getApplication(), "tablet").deviceId();

    assertThat(afterRestart).isEqualTo(first);
  }

  @Test public void aNewInstallGetsANewSuffix() {
    String first = AndroidDeviceIdentity.create(context, "tablet").deviceId();
    context.getSharedPreferences("resilient_session_device", Context.MODE_PRIVATE).edit().clear().commit();

    assertThat(AndroidDeviceIdentity.create(context, "tablet").deviceId()).isNotEqualTo(first);
  }

  @Test public void theNameCanBeOverriddenAndIsMadeScopeSafe() {
    String id = AndroidDeviceIdentity.create(context, "Kitchen \"Tablet\" #2").deviceId();

    assertThat(id).matches("kitchen__tablet___2_[0-9a-f]{6}");
    assertThat(DeviceIdentity.scopeFor(id)).isEqualTo("device_" + id);
  }

  @Test public void anEmptyNameIsRefused() {
    assertThatThrownBy(() -> AndroidDeviceIdentity.create(context, " ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test public void aModelWithoutANameFallsBackToAndroid() {
    ShadowBuild.setModel("");

    assertThat(AndroidDeviceIdentity.create(context).deviceId()).startsWith("android_");
  }
}
