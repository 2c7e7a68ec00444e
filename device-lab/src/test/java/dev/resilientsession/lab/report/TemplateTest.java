package dev.resilientsession.lab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {
  private final Template template = Template.resource(TemplateTest.class, "template-test.txt");

  @Test void placeholdersAreFilledAndNothingElseIsTouched() {
    assertThat(template.render(Map.of("greeting", "Hello", "name", "{{greeting}} $1 \\")))
        .isEqualTo("<p>Hello, {{greeting}} $1 \\!</p> { {not} } {{ spaced }}\n");
  }

  @Test void aPlaceholderWithoutValueIsRefused() {
    assertThatThrownBy(() -> template.render(Map.of("greeting", "Hello")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("template-test.txt needs a value for {{name}}");
  }

  @Test void aValueWithoutPlaceholderIsRefused() {
    assertThatThrownBy(() -> template.render(Map.of("greeting", "Hello", "name", "you", "extra", "")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("template-test.txt has no place for [extra]");
  }
}
