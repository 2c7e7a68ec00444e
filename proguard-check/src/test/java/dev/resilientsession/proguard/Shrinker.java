package dev.resilientsession.proguard;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Runs ProGuard on {@link ShrunkApp} with the SDK and all its libraries as program code, the way R8
 * builds a minified Android app: the only rules are the consumer rules the jars ship in
 * {@code META-INF/proguard/} and a -keep for the app's main method. ProGuard runs in a JVM of its own
 * on the class path the build resolved for it (target/proguard/proguard-classpath.txt).
 */
final class Shrinker {
  /** client-core's consumer rules, which {@link Rules#WITHOUT_SDK_RULES} leaves out. */
  static final String SDK_RULES = "resilient-session.pro";
  static final String MAIN_CLASS = "dev.resilientsession.proguard.ShrunkApp";
  private static final long TIMEOUT_S = 600;

  enum Rules { ALL_CONSUMER_RULES, WITHOUT_SDK_RULES }

  /** One shrink: the jar, what went in, what it took. */
  static final class Result {
    final Path jar;
    final Path mapping;
    final Path log;
    final List<String> ruleFiles;
    final long inputBytes;
    final int inputClasses;
    final long millis;

    Result(Path jar, Path mapping, Path log, List<String> ruleFiles, long inputBytes, int inputClasses, long millis) {
      this.jar = jar;
      this.mapping = mapping;
      this.log = log;
      this.ruleFiles = ruleFiles;
      this.inputBytes = inputBytes;
      this.inputClasses = inputClasses;
      this.millis = millis;
    }
  }

  private final Path work;
  private final Path appClasses;
  private final List<Path> appClasspath;
  private final Path androidJar;
  private final String proguardClasspath;

  Shrinker() throws IOException {
    this.work = Path.of(required("proguard.work"));
    this.appClasses = Path.of(required("proguard.appClasses"));
    this.appClasspath = readClasspath(work.resolve("app-classpath.txt"));
    List<Path> android = readClasspath(work.resolve("android-jar.txt"));
    if (android.size() != 1) throw new IllegalStateException("expected one android-all jar, got " + android);
    this.androidJar = android.get(0);
    this.proguardClasspath = Files.readString(work.resolve("proguard-classpath.txt")).trim();
  }

  Path work() {
    return work;
  }

  /** The app as built, unshrunk: its classes and its runtime class path. */
  String unshrunkClasspath() {
    StringBuilder classpath = new StringBuilder(appClasses.toString());
    for (Path entry : appClasspath) classpath.append(java.io.File.pathSeparator).append(entry);
    return classpath.toString();
  }

  Result shrink(Rules rules) throws IOException, InterruptedException {
    Path dir = work.resolve(rules.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    deleteRecursively(dir);
    Files.createDirectories(dir.resolve("rules"));

    List<String> ruleFiles = new ArrayList<>();
    List<Path> includes = new ArrayList<>();
    long inputBytes = 0;
    int inputClasses = countClasses(appClasses);
    for (Path entry : appClasspath) {
      inputBytes += Files.isDirectory(entry) ? directorySize(entry) : Files.size(entry);
      inputClasses += countClasses(entry);
      for (Rule rule : consumerRules(entry)) {
        if (rules == Rules.WITHOUT_SDK_RULES && rule.name.equals(SDK_RULES)) continue;
        Path copy = dir.resolve("rules").resolve(includes.size() + "-" + rule.name);
        Files.writeString(copy, rule.text);
        includes.add(copy);
        ruleFiles.add(rule.name);
      }
    }

    Path jar = dir.resolve("app-shrunk.jar");
    Path mapping = dir.resolve("mapping.txt");
    Path config = dir.resolve("proguard.pro");
    Path javaHome = Path.of(System.getProperty("java.home"));
    Path jmods = javaHome.resolve("jmods");
    if (!Files.isRegularFile(jmods.resolve("java.base.jmod"))) {
      throw new IllegalStateException("ProGuard needs the JDK's jmods as library; none in " + jmods);
    }
    StringBuilder text = new StringBuilder();
    text.append("# Written by proguard-check's Shrinker: the app, the SDK and its libraries as program code.\n");
    text.append("-injars ").append(quote(appClasses)).append("(**.class)\n");
    for (Path entry : appClasspath) {
      // Resources stay (okhttp's public suffix list), but not the jars' manifests and rule files.
      text.append("-injars ").append(quote(entry)).append("(!META-INF/**,!module-info.class)\n");
    }
    text.append("-outjars ").append(quote(jar)).append('\n');
    text.append("-libraryjars ").append(quote(jmods.resolve("java.base.jmod"))).append("(!**.jar;!module-info.class)\n");
    text.append("-libraryjars ").append(quote(jmods.resolve("java.logging.jmod"))).append("(!**.jar;!module-info.class)\n");
    // An Android build's library is android.jar; Retrofit refers to android.os.Build and Handler.
    text.append("-libraryjars ").append(quote(androidJar)).append("(android/**.class)\n");
    text.append('\n');
    text.append("# The consumer rules shipped in the jars, as R8 applies them.\n");
    for (Path include : includes) text.append("-include ").append(quote(include)).append('\n');
    text.append('\n');
    text.append("# The app's entry point: the one rule of the app's own.\n");
    text.append("-keep public class ").append(MAIN_CLASS).append(" { public static void main(java.lang.String[]); }\n");
    text.append('\n');
    text.append("# Not a keep rule: ProGuard's return-type specialization breaks Kotlin multifile classes such as\n");
    text.append("# okio's Okio__JvmOkioKt (VerifyError 'Bad return type'; ProGuard issue #533). R8 has no such bug.\n");
    text.append("-optimizations !method/specialization/returntype\n");
    text.append("-printmapping ").append(quote(mapping)).append('\n');
    text.append("-printconfiguration ").append(quote(dir.resolve("full-configuration.pro"))).append('\n');
    Files.writeString(config, text.toString());

    Path log = dir.resolve("proguard.log");
    long start = System.nanoTime();
    Process process = new ProcessBuilder(javaHome.resolve("bin").resolve("java").toString(),
        "-cp", proguardClasspath, "proguard.ProGuard", "@" + config)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    if (!process.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new IllegalStateException("ProGuard took over " + TIMEOUT_S + " s; see " + log);
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    if (process.exitValue() != 0 || !Files.isRegularFile(jar)) {
      throw new IllegalStateException("ProGuard failed (exit " + process.exitValue() + "); " + log + ":\n"
          + tail(log, 40));
    }
    return new Result(jar, mapping, log, ruleFiles, inputBytes, inputClasses, millis);
  }

  /** The {@code .pro} files under META-INF/proguard/ of a jar or class directory. */
  static List<Rule> consumerRules(Path entry) throws IOException {
    List<Rule> rules = new ArrayList<>();
    if (Files.isDirectory(entry)) {
      Path dir = entry.resolve("META-INF").resolve("proguard");
      if (Files.isDirectory(entry.resolve("META-INF").resolve("com.android.tools"))) {
        throw new IllegalStateException(entry + " has R8-specific rules, which R8 prefers; this check does not read them");
      }
      if (!Files.isDirectory(dir)) return rules;
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.sorted().collect(Collectors.toList())) {
          if (file.getFileName().toString().endsWith(".pro")) {
            rules.add(new Rule(file.getFileName().toString(), Files.readString(file)));
          }
        }
      }
      return rules;
    }
    try (ZipFile zip = new ZipFile(entry.toFile())) {
      List<ZipEntry> entries = new ArrayList<>();
      for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
        ZipEntry zipEntry = e.nextElement();
        if (zipEntry.getName().startsWith("META-INF/com.android.tools/")) {
          throw new IllegalStateException(entry + " has R8-specific rules, which R8 prefers; this check does not read them");
        }
        String name = zipEntry.getName();
        if (name.startsWith("META-INF/proguard/") && name.endsWith(".pro") && name.indexOf('/', 18) < 0) {
          entries.add(zipEntry);
        }
      }
      entries.sort((a, b) -> a.getName().compareTo(b.getName()));
      for (ZipEntry zipEntry : entries) {
        try (InputStream in = zip.getInputStream(zipEntry)) {
          rules.add(new Rule(zipEntry.getName().substring(18), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
      }
    }
    return rules;
  }

  static final class Rule {
    final String name;
    final String text;

    Rule(String name, String text) {
      this.name = name;
      this.text = text;
    }
  }

  static int countClasses(Path entry) throws IOException {
    if (Files.isDirectory(entry)) {
      try (Stream<Path> files = Files.walk(entry)) {
        return (int) files.filter(f -> f.toString().endsWith(".class") && !f.endsWith("module-info.class")
            && !entry.relativize(f).toString().startsWith("META-INF")).count();
      }
    }
    try (ZipFile zip = new ZipFile(entry.toFile())) {
      return (int) zip.stream().filter(e -> e.getName().endsWith(".class") && !e.getName().startsWith("META-INF/")
          && !e.getName().equals("module-info.class")).count();
    }
  }

  private static List<Path> readClasspath(Path file) throws IOException {
    String text = Files.readString(file).trim();
    if (text.isEmpty()) throw new IllegalStateException(file + " is empty");
    List<Path> paths = new ArrayList<>();
    for (String part : text.split(java.io.File.pathSeparator)) paths.add(Path.of(part));
    return paths;
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isEmpty()) {
      throw new IllegalStateException("system property " + property + " is not set; run through Maven: "
          + "mvn -Pproguard verify -pl proguard-check -am (or benchmarks/run proguard)");
    }
    return value;
  }

  private static String quote(Path path) {
    return "'" + path.toAbsolutePath() + "'";
  }

  private static long directorySize(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      long total = 0;
      for (Path f : files.filter(Files::isRegularFile).collect(Collectors.toList())) total += Files.size(f);
      return total;
    }
  }

  static String tail(Path file, int lines) throws IOException {
    List<String> all = Files.readAllLines(file);
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(java.util.Comparator.reverseOrder()).collect(Collectors.toList())) Files.delete(f);
    }
  }
}
