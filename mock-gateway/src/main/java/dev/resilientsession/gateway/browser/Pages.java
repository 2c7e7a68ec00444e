package dev.resilientsession.gateway.browser;

import gg.jte.html.OwaspHtmlTemplateOutput;
import gg.jte.output.StringOutput;

/**
 * Renders the browser flow's pages from the templates in {@code src/main/jte}, precompiled at build
 * time. The output escapes every value for the HTML context it lands in (element text, attribute),
 * since these pages show what strangers typed and sent.
 */
final class Pages {
  private Pages() {
  }

  static String render(BrowserOutcome outcome) {
    StringOutput text = new StringOutput(2048);
    OwaspHtmlTemplateOutput html = new OwaspHtmlTemplateOutput(text);
    switch (outcome.page) {
      case LOGIN:
        JteloginGenerated.render(html, null, outcome.login);
        break;
      case ERROR:
        JteerrorGenerated.render(html, null, outcome.error, outcome.errorDescription);
        break;
      case SIGNED_OUT:
        JtesignedoutGenerated.render(html, null);
        break;
      default:
        throw new AssertionError(outcome.page);
    }
    return text.toString();
  }
}
