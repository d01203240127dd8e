package io.customerinsight.tools;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DemoCommandTest {
    @Test
    void theSummarySaysHowManyDecidedAlertsCameTrue() {
        assertThat(DemoCommand.cameTrue(Map.of())).isEqualTo("none decided yet");
        assertThat(DemoCommand.cameTrue(Map.of("churned", 1_200L, "retained", 800L)))
                .isEqualTo("1,200 of 2,000 decided");
    }
}
