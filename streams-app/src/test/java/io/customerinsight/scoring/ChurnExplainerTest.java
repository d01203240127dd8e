package io.customerinsight.scoring;

import io.customerinsight.events.EventSerdes;
import io.customerinsight.features.FeatureSchema;
import io.customerinsight.testing.RuleBasedChurnScorer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChurnExplainerTest {
    private static final int SILENCE = FeatureSchema.indexOf("days_since_last_event");

    @Test
    void aFactorShowsTheValuesAsTheStateHoldsThemNotTheirBinaryWidening() throws Exception {
        float[] typical = new float[FeatureSchema.size()];
        typical[SILENCE] = 2.3f;
        float[] customer = typical.clone();
        customer[SILENCE] = 130.85f;

        List<TopFactor> factors = new ChurnExplainer(new RuleBasedChurnScorer(), typical).explain(customer, 3);

        assertThat(factors).singleElement().satisfies(f -> {
            assertThat(f.feature()).isEqualTo("days_since_last_event");
            assertThat(f.value()).isEqualTo(130.85);
            assertThat(f.typicalValue()).isEqualTo(2.3);
        });
        // a retention system reads the number as written: 130.85, not 130.85000610351562
        assertThat(EventSerdes.JSON.writeValueAsString(factors.get(0)))
                .contains("\"value\":130.85,").contains("\"typicalValue\":2.3,");
    }
}
