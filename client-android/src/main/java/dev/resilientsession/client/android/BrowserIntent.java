package dev.resilientsession.client.android;

import android.content.Intent;
import android.content.pm.PackageManager;
import android.content.pm.ResolveInfo;
import android.net.Uri;
import android.os.Bundle;

/**
 * The intent that opens a URL in the user's default browser: in a Custom Tab when that browser
 * offers them (a tab over the app, which the redirect closes), else as a plain page in the browser.
 * It speaks the Custom Tabs protocol without AndroidX: a {@code VIEW} intent carrying the session
 * extra, with no session.
 */
final class BrowserIntent {
  static final String ACTION_CUSTOM_TABS_CONNECTION = "android.support.customtabs.action.CustomTabsService";
  static final String EXTRA_CUSTOM_TABS_SESSION = "android.support.customtabs.extra.SESSION";
  /** Any web page: handled by browsers, not by an app that claims one site's links. */
  private static final Uri ANY_WEB_PAGE = Uri.fromParts("http", "", null);
  /** Who answers when the user has not chosen a default browser: the system's chooser. */
  private static final String CHOOSER_PACKAGE = "android";

  private BrowserIntent() {
  }

  /**
   * Opens {@code url} in the default browser, or, when the user has none or the app cannot see it
   * (no {@code <queries>} on API 30+), in whichever browser the system picks.
   */
  static Intent forUrl(PackageManager packageManager, Uri url) {
    Intent view = new Intent(Intent.ACTION_VIEW, url).addCategory(Intent.CATEGORY_BROWSABLE);
    String browser = defaultBrowser(packageManager);
    if (browser == null) return view;
    view.setPackage(browser);
    if (offersCustomTabs(packageManager, browser)) {
      Bundle noSession = new Bundle();
      noSession.putBinder(EXTRA_CUSTOM_TABS_SESSION, null);
      view.putExtras(noSession);
    }
    return view;
  }

  private static String defaultBrowser(PackageManager packageManager) {
    Intent anyPage = new Intent(Intent.ACTION_VIEW, ANY_WEB_PAGE).addCategory(Intent.CATEGORY_BROWSABLE);
    ResolveInfo resolved = packageManager.resolveActivity(anyPage, PackageManager.MATCH_DEFAULT_ONLY);
    if (resolved == null || resolved.activityInfo == null) return null;
    String browser = resolved.activityInfo.packageName;
    return CHOOSER_PACKAGE.equals(browser) ? null : browser;
  }

  private static boolean offersCustomTabs(PackageManager packageManager, String browser) {
    Intent service = new Intent(ACTION_CUSTOM_TABS_CONNECTION).setPackage(browser);
    return !packageManager.queryIntentServices(service, 0).isEmpty();
  }
}
