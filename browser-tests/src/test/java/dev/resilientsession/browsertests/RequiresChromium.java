package dev.resilientsession.browsertests;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips the class, with a message saying what to install, where Chromium or chromedriver is
 * missing, so a machine with only Java and Maven still passes {@code mvn verify}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresChromium.Condition.class)
@interface RequiresChromium {
  final class Condition implements ExecutionCondition {
    @Override public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      Chromium.Binaries binaries = Chromium.find();
      if (binaries.found()) {
        return ConditionEvaluationResult.enabled("Chromium " + binaries.browser() + ", chromedriver " + binaries.driver());
      }
      // Surefire counts skipped tests but does not print why; the build log should say.
      System.out.println("SKIPPED " + context.getDisplayName() + ": " + binaries.problem());
      return ConditionEvaluationResult.disabled(binaries.problem());
    }
  }
}
