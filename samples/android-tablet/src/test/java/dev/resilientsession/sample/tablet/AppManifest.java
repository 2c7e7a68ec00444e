package dev.resilientsession.sample.tablet;

import static org.robolectric.Shadows.shadowOf;

import android.content.ComponentName;
import android.content.Context;
import android.content.IntentFilter;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.robolectric.shadows.ShadowPackageManager;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The sample's {@code src/main/AndroidManifest.xml} as the tests' package manager knows it.
 * Robolectric under plain Maven gets no compiled manifest, so this reads the activities the app
 * declares and registers them with their intent filters: a redirect then finds its receiver through
 * the manifest's own filter, as on a device.
 */
final class AppManifest {
  private static final String ANDROID = "http://schemas.android.com/apk/res/android";
  private static final File FILE = new File("src/main/AndroidManifest.xml");

  private final String packageName;
  private final List<Element> activities = new ArrayList<>();

  private AppManifest(Document document) {
    packageName = document.getDocumentElement().getAttribute("package");
    NodeList nodes = document.getElementsByTagName("activity");
    for (int i = 0; i < nodes.getLength(); i++) activities.add((Element) nodes.item(i));
  }

  static AppManifest read() throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    return new AppManifest(factory.newDocumentBuilder().parse(FILE));
  }

  /** The {@code android:} attribute {@code name} of {@code activity}'s declaration, or "" when it has none. */
  String attribute(Class<?> activity, String name) {
    return declaration(activity).getAttributeNS(ANDROID, name);
  }

  /** Registers every declared activity, with its intent filters, in {@code context}'s package. */
  void register(Context context) {
    ShadowPackageManager packages = shadowOf(context.getPackageManager());
    for (Element activity : activities) {
      ComponentName component = new ComponentName(context.getPackageName(), className(activity));
      packages.addActivityIfNotPresent(component);
      NodeList filters = activity.getElementsByTagName("intent-filter");
      for (int i = 0; i < filters.getLength(); i++) {
        packages.addIntentFilterForActivity(component, intentFilter((Element) filters.item(i)));
      }
    }
  }

  private Element declaration(Class<?> type) {
    for (Element activity : activities) {
      if (className(activity).equals(type.getName())) return activity;
    }
    throw new AssertionError(FILE + " does not declare " + type.getName());
  }

  private String className(Element activity) {
    String name = activity.getAttributeNS(ANDROID, "name");
    return name.startsWith(".") ? packageName + name : name;
  }

  private static IntentFilter intentFilter(Element declared) {
    IntentFilter filter = new IntentFilter();
    for (Element action : children(declared, "action")) filter.addAction(action.getAttributeNS(ANDROID, "name"));
    for (Element category : children(declared, "category")) filter.addCategory(category.getAttributeNS(ANDROID, "name"));
    for (Element data : children(declared, "data")) {
      if (data.getAttributes().getLength() != 1 || data.getAttributeNS(ANDROID, "scheme").isEmpty()) {
        throw new AssertionError("only <data android:scheme> is read here");
      }
      filter.addDataScheme(data.getAttributeNS(ANDROID, "scheme"));
    }
    return filter;
  }

  private static List<Element> children(Element parent, String tag) {
    List<Element> children = new ArrayList<>();
    NodeList nodes = parent.getElementsByTagName(tag);
    for (int i = 0; i < nodes.getLength(); i++) children.add((Element) nodes.item(i));
    return children;
  }
}
