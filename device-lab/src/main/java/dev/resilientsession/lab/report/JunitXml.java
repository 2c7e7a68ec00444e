package dev.resilientsession.lab.report;

import dev.resilientsession.lab.report.RunResults.ExpectationResult;
import dev.resilientsession.lab.report.RunResults.Shortfall;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * {@code junit.xml}: the run as one test suite named after the scenario, one test case per
 * expectation, so that CI shows a failed expectation as a failed test; and a failed test case per
 * shortfall, what the scenario meant to exercise and the run did not.
 */
final class JunitXml {
  private JunitXml() {
  }

  static void write(RunResults results, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
      write(results, xml);
      xml.close();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static void write(RunResults results, XMLStreamWriter xml) throws XMLStreamException {
    long failures = results.expectations().stream().filter(expectation -> !expectation.met()).count()
        + results.shortfalls().size();
    xml.writeStartDocument("UTF-8", "1.0");
    xml.writeCharacters("\n");
    xml.writeStartElement("testsuite");
    attribute(xml, "name", results.scenario());
    attribute(xml, "tests", Integer.toString(results.expectations().size() + results.shortfalls().size()));
    attribute(xml, "failures", Long.toString(failures));
    attribute(xml, "errors", "0");
    attribute(xml, "skipped", "0");
    attribute(xml, "time", String.format(Locale.ROOT, "%.3f", results.elapsedSeconds()));
    attribute(xml, "timestamp", results.startedAt());
    xml.writeCharacters("\n  ");
    xml.writeStartElement("properties");
    property(xml, "source", results.source());
    property(xml, "target", results.target().kind());
    property(xml, "token_url", results.target().tokenUrl());
    property(xml, "authorization_url", results.target().authorizationUrl());
    property(xml, "revoke_url", results.target().revokeUrl());
    property(xml, "api_url", results.target().apiUrl());
    property(xml, "shards", results.shards());
    xml.writeCharacters("\n  ");
    xml.writeEndElement();
    for (Shortfall shortfall : results.shortfalls()) {
      shortfall(xml, results.scenario(), shortfall);
    }
    for (ExpectationResult expectation : results.expectations()) {
      testcase(xml, results.scenario(), expectation);
    }
    if (results.stoppedEarly()) {
      xml.writeCharacters("\n  ");
      xml.writeStartElement("system-out");
      characters(xml, "Stopped early: the timeline ran " + Figures.seconds(results.elapsedSeconds()) + " of "
          + Figures.seconds(results.plannedSeconds()) + "; the expectations were judged on that part.");
      xml.writeEndElement();
    }
    xml.writeCharacters("\n");
    xml.writeEndElement();
    xml.writeCharacters("\n");
    xml.writeEndDocument();
  }

  private static void testcase(XMLStreamWriter xml, String scenario, ExpectationResult expectation)
      throws XMLStreamException {
    xml.writeCharacters("\n  ");
    if (expectation.met()) {
      xml.writeEmptyElement("testcase");
    } else {
      xml.writeStartElement("testcase");
    }
    attribute(xml, "name", expectation.description());
    attribute(xml, "classname", "lab." + scenario);
    attribute(xml, "time", "0");
    if (!expectation.met()) {
      String message = expectation.metric() + " was " + Figures.number(expectation.actual()) + ", expected "
          + Figures.bounds(expectation) + (expectation.note() != null ? ": " + expectation.note() : "");
      xml.writeCharacters("\n    ");
      xml.writeStartElement("failure");
      attribute(xml, "message", message);
      attribute(xml, "type", "ExpectationNotMet");
      characters(xml, message + " (scenario line " + expectation.line() + ")");
      xml.writeEndElement();
      xml.writeCharacters("\n  ");
      xml.writeEndElement();
    }
  }

  private static void shortfall(XMLStreamWriter xml, String scenario, Shortfall shortfall) throws XMLStreamException {
    xml.writeCharacters("\n  ");
    xml.writeStartElement("testcase");
    attribute(xml, "name", shortfall.title());
    attribute(xml, "classname", "lab." + scenario);
    attribute(xml, "time", "0");
    xml.writeCharacters("\n    ");
    xml.writeStartElement("failure");
    attribute(xml, "message", shortfall.describe());
    attribute(xml, "type", "NotExercised");
    characters(xml, shortfall.describe() + ". The scenario had this happen and it did not; a scenario that means"
        + " sign-ins to fail says so with a sign_in_failures expectation that allows some.");
    xml.writeEndElement();
    xml.writeCharacters("\n  ");
    xml.writeEndElement();
  }

  private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
    xml.writeCharacters("\n    ");
    xml.writeEmptyElement("property");
    attribute(xml, "name", name);
    attribute(xml, "value", value);
  }

  private static void attribute(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
    xml.writeAttribute(name, xmlChars(value));
  }

  private static void characters(XMLStreamWriter xml, String text) throws XMLStreamException {
    xml.writeCharacters(xmlChars(text));
  }

  /** The writer escapes markup but passes on characters XML 1.0 forbids, such as U+0000; they become U+FFFD. */
  private static String xmlChars(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> out.appendCodePoint(allowedInXml(c) ? c : 0xFFFD));
    return out.toString();
  }

  private static boolean allowedInXml(int c) {
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
        || (c >= 0x10000 && c <= 0x10FFFF);
  }
}
