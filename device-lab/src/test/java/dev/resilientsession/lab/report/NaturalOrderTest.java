package dev.resilientsession.lab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NaturalOrderTest {
  @Test void numbersInIdsSortAsNumbers() {
    List<String> ids = new ArrayList<>(List.of("user-10/phone-1", "user-2/tablet-1", "user-2/phone-12",
        "user-2/phone-2", "user-1/phone-1", "user-007/phone-1", "user-7/phone-1"));

    ids.sort(NaturalOrder.INSTANCE);

    assertThat(ids).containsExactly("user-1/phone-1", "user-2/phone-2", "user-2/phone-12", "user-2/tablet-1",
        "user-007/phone-1", "user-7/phone-1", "user-10/phone-1");
  }

  @Test void onlyEqualIdsAreEqual() {
    assertThat(NaturalOrder.INSTANCE.compare("user-1", "user-01")).isNotZero();
    assertThat(NaturalOrder.INSTANCE.compare("user-1", "user-1")).isZero();
    assertThat(NaturalOrder.INSTANCE.compare("user", "user-1")).isNegative();
  }

  @Test void numbersLongerThanALongStillSort() {
    assertThat(NaturalOrder.INSTANCE.compare("d-99999999999999999999", "d-100000000000000000000")).isNegative();
  }
}
