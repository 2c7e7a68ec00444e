package dev.resilientsession.lab.report;

import dev.resilientsession.lab.report.RunResults.EventMark;
import dev.resilientsession.lab.report.RunResults.EventRecovery;
import dev.resilientsession.lab.report.RunResults.ExpectationResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code report.html}: one self-contained page that opens offline. The tables are rendered here;
 * the charts are drawn by Chart.js, inlined, from the {@link ChartData} blob in the page.
 */
final class HtmlReport {
  private static final Template PAGE = Template.resource(HtmlReport.class, "report.html");

  private HtmlReport() {
  }

  static void write(RunResults results, Path file) throws IOException {
    Files.writeString(file, html(results), StandardCharsets.UTF_8);
  }

  static String html(RunResults results) {
    ChartData chart = ChartData.of(results);
    long met = results.expectations().stream().filter(ExpectationResult::met).count();
    String metOfAll = met + " of " + results.expectations().size() + " met";
    Map<String, String> values = new LinkedHashMap<>();
    values.put("title", Html.escape(results.scenario() + " · " + (results.passed() ? "PASS" : "FAIL")));
    values.put("scenario", Html.escape(results.scenario()));
    values.put("verdict", results.passed() ? "PASS" : "FAIL");
    values.put("verdictClass", results.passed() ? "pass" : "fail");
    values.put("description", Html.escape(results.description()));
    values.put("facts", facts(results, metOfAll));
    values.put("banner", banner(results));
    values.put("summary", SummaryTable.html(results));
    values.put("expectationsMet", metOfAll);
    values.put("expectations", expectations(results.expectations()));
    values.put("events", events(results.events(), results.eventRecoveries()));
    values.put("lanesNote", Html.escape(lanesNote(chart)));
    values.put("data", chart.json());
    values.put("chartjs", ChartJs.script());
    return PAGE.render(values);
  }

  private static String facts(RunResults results, String metOfAll) {
    Html html = new Html();
    fact(html, "Target", results.target().describe());
    if (!results.target().kind().equals(RunResults.TargetFacts.GATEWAY)) {
      fact(html, "Token URL", results.target().tokenUrl());
    }
    fact(html, "Authorization URL", results.target().authorizationUrl());
    fact(html, "Revocation URL", results.target().revokeUrl());
    if (!results.target().kind().equals(RunResults.TargetFacts.GATEWAY)) {
      fact(html, "API URL", results.target().apiUrl());
    }
    fact(html, "Shards", results.shards().isEmpty() ? "unsharded" : results.shards());
    fact(html, "Started", results.startedAt());
    fact(html, "Time", Figures.seconds(results.elapsedSeconds()) + " of " + Figures.seconds(results.plannedSeconds())
        + " planned");
    fact(html, "Expectations", metOfAll);
    fact(html, "Scenario file", results.source());
    return html.toString();
  }

  private static void fact(Html html, String name, String value) {
    html.open("div").element("dt", name).element("dd", value).close("div").newline();
  }

  private static String banner(RunResults results) {
    Html html = new Html();
    if (!results.shortfalls().isEmpty()) {
      html.open("div", "class", "banner shortfalls", "role", "alert").element("strong", "Not exercised. ")
          .text("The scenario had these happen and they did not, so the run fails whatever its expectations say (a"
              + " scenario that means sign-ins to fail says so with a sign_in_failures expectation that allows some):")
          .open("ul");
      for (RunResults.Shortfall shortfall : results.shortfalls()) {
        html.element("li", shortfall.describe(), "data-shortfall", shortfall.kind());
      }
      html.close("ul").close("div").newline();
    }
    if (results.stoppedEarly()) {
      html.open("div", "class", "banner", "role", "alert").element("strong", "Stopped early. ")
          .text("The timeline ran " + Figures.seconds(results.elapsedSeconds()) + " of the "
              + Figures.seconds(results.plannedSeconds())
              + " planned; the counts and expectations cover that part only.")
          .close("div");
    }
    return html.toString();
  }

  private static String expectations(List<ExpectationResult> expectations) {
    if (expectations.isEmpty()) {
      return new Html().element("p", "The scenario expects nothing.", "class", "muted").toString();
    }
    Html html = new Html().open("table", "class", "expectations").newline().open("thead").open("tr")
        .element("th", "Line", "class", "num").element("th", "Expectation").element("th", "Actual", "class", "num")
        .element("th", "Expected").element("th", "Result").close("tr").close("thead").newline().open("tbody").newline();
    for (ExpectationResult expectation : expectations) {
      String result = expectation.met() ? "met" : "not-met";
      html.open("tr", "class", result)
          .element("td", Integer.toString(expectation.line()), "class", "num muted")
          .element("td", expectation.description())
          .element("td", Figures.number(expectation.actual()), "class", "num", "data-metric", expectation.metric())
          .element("td", Figures.bounds(expectation)
              + (expectation.note() != null ? " (" + expectation.note() + ")" : ""), "class", "muted")
          .open("td").element("span", expectation.met() ? "✓ met" : "✗ not met", "class", "pill " + result)
          .close("td")
          .close("tr").newline();
    }
    return html.close("tbody").close("table").toString();
  }

  private static String events(List<EventMark> events, List<EventRecovery> recoveries) {
    if (events.isEmpty()) return new Html().element("p", "No events.", "class", "muted").toString();
    Html html = new Html().open("table", "class", "events").newline().open("thead").open("tr")
        .element("th", "#", "class", "num").element("th", "At", "class", "num").element("th", "Event")
        .element("th", "What happened").element("th", "Devices hit, back after its end")
        .element("th", "Line", "class", "num")
        .close("tr").close("thead").newline().open("tbody").newline();
    for (int i = 0; i < events.size(); i++) {
      EventMark event = events.get(i);
      EventRecovery recovery = recoveries.stream().filter(candidate -> candidate.event().equals(event.name()))
          .findFirst().orElse(null);
      html.open("tr")
          .open("td", "class", "num").element("span", Integer.toString(i + 1), "class", "mark").close("td")
          .element("td", Figures.seconds(event.atSeconds()), "class", "num")
          .element("td", event.name() != null ? event.kind() + " " + event.name() : event.kind(), "class", "kind")
          .element("td", event.description())
          .element("td", recovery == null ? "" : recovery.summary(), "data-event", event.name() == null ? ""
              : event.name())
          .element("td", Integer.toString(event.line()), "class", "num muted")
          .close("tr").newline();
    }
    return html.close("tbody").close("table").toString();
  }

  private static String lanesNote(ChartData chart) {
    int kept = chart.lanes().size() + chart.lanesLeftOut();
    if (kept == 0) return "No device kept a timeline.";
    String shown = "Devices whose timeline was kept (sampled, failed or prompted), failed and prompted first: "
        + chart.lanes().size() + " of " + kept + " shown.";
    return chart.lanesLeftOut() == 0 ? shown : shown + " " + chart.lanesLeftOut() + " left out.";
  }
}
