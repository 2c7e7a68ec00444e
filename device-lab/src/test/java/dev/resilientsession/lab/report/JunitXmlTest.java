package dev.resilientsession.lab.report;

import static dev.resilientsession.lab.report.ResultsBuilder.counts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientsession.lab.scenario.Expectation.Metric;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitXmlTest {
  @TempDir Path dir;

  @Test void theSuiteIsTheScenarioAndEachExpectationATestCase() throws Exception {
    Element suite = write(ResultsBuilder.storm().build());

    assertThat(suite.getTagName()).isEqualTo("testsuite");
    assertThat(suite.getAttribute("name")).isEqualTo("signout-storm");
    assertThat(suite.getAttribute("tests")).isEqualTo("2");
    assertThat(suite.getAttribute("failures")).isEqualTo("1");
    assertThat(suite.getAttribute("errors")).isEqualTo("0");
    assertThat(testcases(suite)).extracting(testcase -> testcase.getAttribute("name"))
        .containsExactly("failed_calls in group tablet <= 1", "prompts <= 0");
    assertThat(testcases(suite)).extracting(testcase -> testcase.getAttribute("classname"))
        .containsOnly("lab.signout-storm");
  }

  @Test void anExpectationNotMetFailsWithItsActualValueAndBounds() throws Exception {
    Element suite = write(ResultsBuilder.storm().build());

    List<Element> testcases = testcases(suite);
    assertThat(testcases.get(0).getElementsByTagName("failure").getLength()).isZero();
    Element failure = (Element) testcases.get(1).getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("message")).isEqualTo("prompts was 1, expected at most 0");
    assertThat(failure.getTextContent()).isEqualTo("prompts was 1, expected at most 0 (scenario line 41)");
  }

  @Test void aShortfallIsAFailedTestCaseWithItsReasonAndTheTargetIsInTheProperties() throws Exception {
    Element suite = write(ResultsBuilder.storm().endpoints("https://kc:8443/realms/lab/protocol/openid-connect/token",
        "https://kc:8443/realms/lab/protocol/openid-connect/").shortfall(new RunResults.Shortfall("never_signed_in",
            "phone", 2, 2, 0, "user-1/phone-1", "sign-in failed: invalid_credentials (invalid_grant)")).build());

    assertThat(suite.getAttribute("tests")).isEqualTo("3");
    assertThat(suite.getAttribute("failures")).isEqualTo("2");
    Element testcase = testcases(suite).get(0);
    assertThat(testcase.getAttribute("name")).isEqualTo("group phone: devices sign in");
    Element failure = (Element) testcase.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("type")).isEqualTo("NotExercised");
    assertThat(failure.getAttribute("message")).isEqualTo("group phone: 2 of 2 devices never signed in;"
        + " user-1/phone-1: sign-in failed: invalid_credentials (invalid_grant)");
    List<String> properties = new ArrayList<>();
    NodeList nodes = suite.getElementsByTagName("property");
    for (int i = 0; i < nodes.getLength(); i++) {
      Element property = (Element) nodes.item(i);
      properties.add(property.getAttribute("name") + "=" + property.getAttribute("value"));
    }
    assertThat(properties).contains("target=endpoints",
        "token_url=https://kc:8443/realms/lab/protocol/openid-connect/token",
        "authorization_url=https://kc:8443/realms/lab/protocol/openid-connect/authorize",
        "revoke_url=https://kc:8443/realms/lab/protocol/openid-connect/revoke",
        "api_url=https://kc:8443/realms/lab/protocol/openid-connect/");
  }

  @Test void boundsAreSaidInWords() throws Exception {
    Element suite = write(new ResultsBuilder()
        .device("user-1/phone-1", "phone", counts().calls(3).recoveries(2).tokenRequests(5).signIns(1))
        .expect(Metric.CALLS, null, 5.0, null)
        .expect(Metric.RECOVERIES, null, 3.0, 3.0)
        .expect(Metric.TOKEN_REQUESTS_PER_RECOVERY, null, 1.0, 1.5)
        .build());

    assertThat(testcases(suite)).extracting(testcase -> ((Element) testcase.getElementsByTagName("failure").item(0))
            .getAttribute("message"))
        .containsExactly("calls was 3, expected at least 5", "recoveries was 2, expected exactly 3",
            "token_requests_per_recovery was 2, expected between 1 and 1.5");
  }

  @Test void markupAndForbiddenCharactersInNamesStayText() throws Exception {
    Element suite = write(ResultsBuilder.storm().scenario("a <b> & \"c\" 'd'\u0001").build());

    assertThat(suite.getAttribute("name")).isEqualTo("a <b> & \"c\" 'd'\uFFFD");
    assertThat(testcases(suite).get(0).getAttribute("classname")).isEqualTo("lab.a <b> & \"c\" 'd'\uFFFD");
  }

  @Test void aRunStoppedEarlySaysSoInSystemOut() throws Exception {
    Element suite = write(ResultsBuilder.storm().stoppedAfter(12.5).build());

    NodeList out = suite.getElementsByTagName("system-out");
    assertThat(out.getLength()).isEqualTo(1);
    assertThat(out.item(0).getTextContent()).startsWith("Stopped early: the timeline ran 12.5 s of 40.0 s;");
  }

  @Test void aWholeRunHasNoSystemOut() throws Exception {
    Element suite = write(ResultsBuilder.storm().build());

    assertThat(suite.getElementsByTagName("system-out").getLength()).isZero();
  }

  private Element write(RunResults results) throws Exception {
    Path file = dir.resolve("junit.xml");
    JunitXml.write(results, file);
    assertThat(Files.readString(file)).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite ");
    Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    return document.getDocumentElement();
  }

  private static List<Element> testcases(Element suite) {
    NodeList nodes = suite.getElementsByTagName("testcase");
    List<Element> testcases = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) testcases.add((Element) nodes.item(i));
    return testcases;
  }
}
