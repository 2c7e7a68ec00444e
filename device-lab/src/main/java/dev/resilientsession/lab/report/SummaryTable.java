package dev.resilientsession.lab.report;

import dev.resilientsession.lab.report.RunResults.GroupResult;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The report's summary: a row of counts per device group and one for the fleet. Each count cell
 * names its column in {@code data-metric}, so a reader (or a test) can find it.
 */
final class SummaryTable {
  private record Row(int devices, Counts counts, Latency latency) {
  }

  private record Column(String metric, String heading, Function<Row, String> text, Predicate<Row> bad) {
  }

  private static final List<Column> COLUMNS = List.of(
      count("devices", "Devices", row -> row.devices()),
      count("calls", "Calls", row -> row.counts().calls()),
      new Column("failed", "Failed", row -> Figures.count(row.counts().failedCalls()),
          row -> row.counts().failedCalls() > 0),
      count("offline", "Offline calls", row -> row.counts().offlineCalls()),
      count("unauthorized", "401s", row -> row.counts().unauthorized()),
      count("recoveries", "Recoveries", row -> row.counts().recoveries()),
      count("replays", "Replays", row -> row.counts().passwordReplays()),
      count("displaced", "Displaced", row -> row.counts().displacements()),
      count("tokenRequests", "Token requests", row -> row.counts().tokenRequests()),
      count("rejectedTokenRequests", "Rejected (429, 5xx)", row -> row.counts().rejectedTokenRequests()),
      count("unansweredTokenRequests", "Unanswered", row -> row.counts().unansweredTokenRequests()),
      new Column("perRecovery", "Token requests per recovery", SummaryTable::perRecovery, row -> false),
      new Column("prompts", "Prompts", row -> Figures.count(row.counts().prompts()),
          row -> row.counts().prompts() > 0),
      new Column("signInFailures", "Sign-ins failed", row -> Figures.count(row.counts().signInFailures()),
          row -> row.counts().signInFailures() > 0),
      new Column("p50", "p50 ms", row -> percentile(row.latency(), 50), row -> false),
      new Column("p99", "p99 ms", row -> percentile(row.latency(), 99), row -> false));

  private SummaryTable() {
  }

  static String html(RunResults results) {
    Html html = new Html().open("table", "class", "summary").newline().open("thead").open("tr");
    html.element("th", "Group");
    for (Column column : COLUMNS) html.element("th", column.heading(), "class", "num");
    html.close("tr").close("thead").newline().open("tbody").newline();
    for (GroupResult group : results.groups()) {
      String about = group.application() + " · " + group.tokenType() + (group.deviceScope() ? " · device scope" : "");
      html.open("tr", "data-group", group.name())
          .open("th", "scope", "row").element("span", group.name()).element("small", about).close("th");
      cells(html, new Row(group.devices(), group.counts(), group.latency()));
      html.close("tr").newline();
    }
    int devices = results.groups().stream().mapToInt(GroupResult::devices).sum();
    html.close("tbody").open("tfoot").open("tr", "data-fleet", "").element("th", "Fleet", "scope", "row");
    cells(html, new Row(devices, results.totals(), results.latency()));
    return html.close("tr").close("tfoot").newline().close("table").toString();
  }

  private static void cells(Html html, Row row) {
    for (Column column : COLUMNS) {
      String type = column.bad().test(row) ? "num bad" : "num";
      html.element("td", column.text().apply(row), "class", type, "data-metric", column.metric());
    }
  }

  private static Column count(String metric, String heading, Function<Row, Number> value) {
    return new Column(metric, heading, row -> Figures.count(value.apply(row).longValue()), row -> false);
  }

  private static String perRecovery(Row row) {
    if (row.counts().recoveries() == 0) return "–";
    return String.format(Locale.ROOT, "%.2f", row.counts().tokenRequestsPerRecovery());
  }

  private static String percentile(Latency latency, double percent) {
    return latency.count() == 0 ? "–" : Figures.count(latency.percentile(percent));
  }
}
