package dev.resilientsession.lab.report;

import static dev.resilientsession.lab.report.ResultsBuilder.at;
import static dev.resilientsession.lab.report.ResultsBuilder.counts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Types;
import dev.resilientsession.lab.report.RunResults.DeviceResult;
import dev.resilientsession.lab.report.RunResults.EventHit;
import dev.resilientsession.lab.report.RunResults.EventMark;
import dev.resilientsession.lab.report.RunResults.GroupResult;
import dev.resilientsession.lab.report.RunResults.SecondCounts;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
  private static final Pattern BLOB =
      Pattern.compile("<script type=\"application/json\" id=\"lab-data\">(.*?)</script>", Pattern.DOTALL);

  private final RunResults sample = SampleRun.results();
  private final String html = HtmlReport.html(sample);

  @Test void thePageLoadsNothingFromTheNetworkOrBesideIt() {
    assertThat(html).doesNotContainPattern("(?i)(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//");
    assertThat(html).doesNotContainPattern("(?i)\\s(src|href)\\s*=");
    assertThat(html).doesNotContain("<link", "@import", "url(", "sourceMappingURL");
    assertThat(html).contains("default-src 'none'");
  }

  @Test void chartJsAndTheDataAreInThePage() {
    assertThat(html).contains("<script>/*!\n * Chart.js v4.4.1");
    assertThat(BLOB.matcher(html).find()).isTrue();
    assertThat(html).doesNotContainPattern("\\{\\{[a-zA-Z]+}}");
  }

  @Test void theSummaryShowsEachGroupsCountsAndTheFleets() {
    assertThat(sample.groups()).hasSize(3);
    for (GroupResult group : sample.groups()) {
      assertRow(row("data-group=\"" + group.name() + "\""), group.devices(), group.counts(), group.latency());
    }
    assertRow(row("data-fleet=\"\""), sample.devices().size(), sample.totals(), sample.latency());
  }

  @Test void theDataBlobHoldsTheRunsSecondsAndEvents() throws IOException {
    Map<String, Object> blob = blob(html);

    assertThat(listOf(SecondCounts.class).fromJsonValue(blob.get("seconds"))).isEqualTo(sample.seconds());
    assertThat(listOf(EventMark.class).fromJsonValue(blob.get("events"))).isEqualTo(sample.events());
    assertThat(blob.get("plannedSeconds")).isEqualTo(40.0);
  }

  @Test void troubledDevicesHaveTheFirstLanes() throws IOException {
    List<DeviceResult> lanes = listOf(DeviceResult.class).fromJsonValue(blob(html).get("lanes"));

    assertThat(lanes).hasSize(27);
    int troubled = (int) lanes.stream().filter(ChartData::troubled).count();
    assertThat(lanes.subList(0, troubled)).allMatch(ChartData::troubled);
    assertThat(lanes.subList(troubled, lanes.size())).noneMatch(ChartData::troubled);
    assertThat(lanes.subList(troubled, lanes.size())).extracting(DeviceResult::id)
        .as("in natural order")
        .startsWith("user-5/desktop-1", "user-5/phone-1", "user-5/tablet-1", "user-10/desktop-1");
  }

  @Test void lanesStopAtSixtyAndSayHowManyAreLeftOut() throws IOException {
    ResultsBuilder run = new ResultsBuilder();
    for (int user = 1; user <= 70; user++) {
      ResultsBuilder.CountsBuilder counts = counts().calls(1).failedCalls(user > 65 ? 1 : 0);
      run.device("user-" + user + "/phone-1", "phone", counts, at(1, "call", "GET /orders: 200"));
    }
    String page = HtmlReport.html(run.build());

    List<DeviceResult> lanes = listOf(DeviceResult.class).fromJsonValue(blob(page).get("lanes"));
    assertThat(lanes).hasSize(60);
    assertThat(lanes).extracting(DeviceResult::id).startsWith("user-66/phone-1", "user-67/phone-1")
        .contains("user-1/phone-1", "user-55/phone-1").doesNotContain("user-56/phone-1");
    assertThat(blob(page).get("lanesLeftOut")).isEqualTo(10.0);
    assertThat(page).contains("60 of 70 shown. 10 left out.");
  }

  @Test void textFromTheResultsCannotBecomeMarkupOrEndAScript() throws IOException {
    String attack = "</script><script>alert(1)</script><!--";
    RunResults results = ResultsBuilder.storm().description(attack).event(30, "note", attack)
        .device("user-3/phone-1", "phone", counts().failedCalls(1), at(2, "failed", attack)).build();

    String page = HtmlReport.html(results);

    assertThat(page).contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!--");
    assertThat(page.split("</script>", -1)).as("only the page's three scripts end").hasSize(4);
    assertThat(page).doesNotContain("<script>alert");
    assertThat(listOf(EventMark.class).fromJsonValue(blob(page).get("events")))
        .extracting(EventMark::description).contains(attack);
  }

  @Test void theVerdictAndEachExpectationAreShown() {
    assertThat(html).contains("<span class=\"verdict fail\">FAIL</span>");
    assertThat(count(html, "<tr class=\"met\">")).isEqualTo(3);
    assertThat(count(html, "<tr class=\"not-met\">")).isEqualTo(2);
    assertThat(HtmlReport.html(new ResultsBuilder().build())).contains("<span class=\"verdict pass\">PASS</span>");
  }

  @Test void aNamedEventShowsTheDevicesItHitAndHowSoonAfterItsEndTheyWereBack() {
    RunResults results = new ResultsBuilder().planned(60)
        .device("user-1/phone-1", "phone", counts(), List.of(12.0, 31.0), new EventHit("outage", 12, 31.5))
        .device("user-2/phone-1", "phone", counts(), List.of(13.0), new EventHit("outage", 13, null))
        .event(10, "token_fault", "token_fault unavailable for 20 s", "outage", 30.0)
        .build();

    assertThat(HtmlReport.html(results)).contains("<td class=\"kind\">token_fault outage</td>")
        .contains("<td data-event=\"outage\">2 devices hit, 1 back: half 1.5 s after its end, 99% not by the end,"
            + " all not by the end</td>");
  }

  @Test void theTimeChartDrawsTokenRequestsAndTheirRejectionsPerSecond() throws IOException {
    RunResults results = new ResultsBuilder().second(3, 10, 0, 0, 700, 200, 5, 0, 0).build();

    assertThat(listOf(SecondCounts.class).fromJsonValue(blob(HtmlReport.html(results)).get("seconds")))
        .extracting(SecondCounts::tokenRequests, SecondCounts::rejectedTokenRequests,
            SecondCounts::unansweredTokenRequests)
        .containsExactly(tuple(700L, 200L, 5L));
    assertThat(html).contains("['tokenRequests', 'token requests',")
        .contains("['rejectedTokenRequests', 'token requests rejected (429, 5xx)',")
        .contains("['unansweredTokenRequests', 'token requests unanswered',");
  }

  @Test void whatTheRunDidNotExerciseFailsItWithABannerSayingWhat() {
    RunResults short1 = new ResultsBuilder().shortfall(new RunResults.Shortfall("no_calls", "tablet", 2, 2, 6,
        "user-1/tablet-1", "not signed in when its calls were due")).build();

    String page = HtmlReport.html(short1);

    assertThat(short1.expectations()).isEmpty();
    assertThat(page).contains("<span class=\"verdict fail\">FAIL</span>")
        .contains("<div class=\"banner shortfalls\" role=\"alert\"><strong>Not exercised. </strong>")
        .contains("<li data-shortfall=\"no_calls\">group tablet: made none of the 6 calls it was meant to;"
            + " user-1/tablet-1: not signed in when its calls were due</li>");
  }

  @Test void aRunStoppedEarlyHasABanner() {
    assertThat(html).doesNotContain("class=\"banner\"");

    String stopped = HtmlReport.html(ResultsBuilder.storm().stoppedAfter(12.5).build());

    assertThat(stopped).contains("<div class=\"banner\" role=\"alert\"><strong>Stopped early. </strong>"
        + "The timeline ran 12.5 s of the 40.0 s planned;");
  }

  private void assertRow(String row, int devices, Counts counts, Latency latency) {
    assertThat(cell(row, "devices")).isEqualTo(devices);
    assertThat(cell(row, "calls")).isEqualTo(counts.calls());
    assertThat(cell(row, "failed")).isEqualTo(counts.failedCalls());
    assertThat(cell(row, "offline")).isEqualTo(counts.offlineCalls());
    assertThat(cell(row, "unauthorized")).isEqualTo(counts.unauthorized());
    assertThat(cell(row, "recoveries")).isEqualTo(counts.recoveries());
    assertThat(cell(row, "replays")).isEqualTo(counts.passwordReplays());
    assertThat(cell(row, "displaced")).isEqualTo(counts.displacements());
    assertThat(cell(row, "tokenRequests")).isEqualTo(counts.tokenRequests());
    assertThat(cell(row, "rejectedTokenRequests")).isEqualTo(counts.rejectedTokenRequests());
    assertThat(cell(row, "unansweredTokenRequests")).isEqualTo(counts.unansweredTokenRequests());
    assertThat(cell(row, "prompts")).isEqualTo(counts.prompts());
    assertThat(cell(row, "p50")).isEqualTo(latency.percentile(50));
    assertThat(cell(row, "p99")).isEqualTo(latency.percentile(99));
    assertThat(text(row, "perRecovery")).isEqualTo(counts.recoveries() == 0 ? "–"
        : String.format(Locale.ROOT, "%.2f", counts.tokenRequestsPerRecovery()));
  }

  private String row(String attribute) {
    Matcher row = Pattern.compile("<tr " + attribute + ">(.*?)</tr>").matcher(html);
    assertThat(row.find()).as(attribute).isTrue();
    return row.group(1);
  }

  private static long cell(String row, String metric) {
    return Long.parseLong(text(row, metric).replace(",", ""));
  }

  private static String text(String row, String metric) {
    Matcher cell = Pattern.compile("data-metric=\"" + metric + "\">([^<]*)</td>").matcher(row);
    assertThat(cell.find()).as(metric).isTrue();
    return cell.group(1);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> blob(String page) throws IOException {
    Matcher blob = BLOB.matcher(page);
    assertThat(blob.find()).isTrue();
    return (Map<String, Object>) ResultsJson.MOSHI.adapter(Object.class).fromJson(blob.group(1));
  }

  private static <T> JsonAdapter<List<T>> listOf(Class<T> type) {
    return ResultsJson.MOSHI.adapter(Types.newParameterizedType(List.class, type));
  }

  private static int count(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1;
  }
}
