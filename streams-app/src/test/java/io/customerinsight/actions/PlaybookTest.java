package io.customerinsight.actions;

import io.customerinsight.alerts.RecommendedAction;
import io.customerinsight.alerts.RiskLevel;
import io.customerinsight.scoring.TopFactor;
import io.customerinsight.value.CustomerValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlaybookTest {
    private static final Playbook BUNDLED = Playbook.load(null);

    private static CustomerValue worth(double spend) {
        return new CustomerValue(2, spend, 0.8, 90);
    }

    private static List<TopFactor> factors(String... names) {
        return java.util.Arrays.stream(names).map(n -> new TopFactor(n, n, 1, 0, 0.1)).toList();
    }

    private static String chosen(RiskLevel level, List<TopFactor> factors, Set<String> aspects, CustomerValue value) {
        RecommendedAction action = BUNDLED.choose(level, factors, aspects, value);
        return action == null ? null : action.id();
    }

    @Test
    void theBundledPlaybookActsByValueRiskFactorsAndComplaints() {
        assertThat(chosen(RiskLevel.HIGH, factors("days_since_last_event"), Set.of("delivery"), worth(500)))
                .isEqualTo("service-call");
        assertThat(chosen(RiskLevel.MEDIUM, factors("support_contacts_30d"), Set.of(), worth(500)))
                .isEqualTo("service-call-after-complaints");
        assertThat(chosen(RiskLevel.MEDIUM, factors("sessions_7d"), Set.of("price"), worth(80)))
                .isEqualTo("price-voucher");
        assertThat(chosen(RiskLevel.MEDIUM, factors("days_since_last_event"), Set.of(), worth(80)))
                .isEqualTo("win-back-email");
        assertThat(chosen(RiskLevel.HIGH, factors("support_contacts_30d"), Set.of("delivery"), worth(5)))
                .as("a customer of little value").isEqualTo("none");
        assertThat(chosen(RiskLevel.HIGH, factors("support_contacts_30d"), Set.of(), null))
                .as("value unknown").isEqualTo("retention-offer");
        assertThat(chosen(RiskLevel.MEDIUM, factors("sessions_7d"), Set.of(), null)).isEqualTo("watch");
        // a retailer's model reads risk in a customer buying less (on the UCI year, 1,733 of 3,166 alerts led
        // with spend_180d), not only in silence
        assertThat(chosen(RiskLevel.MEDIUM, factors("spend_180d", "purchase_cadence_days"), Set.of(), worth(300)))
                .isEqualTo("buying-less-email");
        assertThat(chosen(RiskLevel.HIGH, factors("spend_180d"), Set.of(), worth(300))).isEqualTo("retention-offer");
        RecommendedAction call = BUNDLED.choose(RiskLevel.HIGH, factors("x"), Set.of("service"), worth(400));
        assertThat(call.reason()).contains("valuable customer");
        assertThat(Playbook.priority(0.5, null, call)).isZero();
    }

    @Test
    void priorityIsTheRiskTimesWhatTheCustomerWouldSpendIfTheyStayed() {
        RecommendedAction call = BUNDLED.choose(RiskLevel.HIGH, factors("x"), Set.of("service"), worth(400));
        // BG/NBD's expected spend (400) already counts the chance that the customer has gone (P(alive) 0.8);
        // if the action keeps them, what it keeps is the spend of a customer who stays, 500
        assertThat(Playbook.priority(0.5, worth(400), call)).isEqualTo(75.0);
        assertThat(Playbook.priority(0.5, new CustomerValue(2, 400, 1.0, 90), call)).isEqualTo(60.0);
        // the card's figures are rounded (P(alive) to four digits): a customer BG/NBD holds almost surely gone
        // is valued as if P(alive) were 0.01, not by a ratio of two rounding errors
        assertThat(Playbook.priority(0.5, new CustomerValue(0, 0.02, 0.0001, 90), call)).isEqualTo(0.3);
        assertThat(Playbook.priority(0.5, new CustomerValue(0, 0, 0, 90), call)).isZero();
    }

    private static Playbook parse(String yaml) throws Exception {
        return Playbook.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "rules:\\n  - id: a\\n    description: d\\n    effect: 0.1\\n    reason: r\\n    colour: red|line 6|unknown key `colour`",
            "rules:\\n  - id: a\\n    description: d\\n    effect: 1.5\\n    reason: r|line 2|between 0 and 1",
            "rules:\\n  - id: a\\n    description: d\\n    effect: 0.1\\n    reason: r\\n  - id: a\\n    description: d\\n    effect: 0.1\\n    reason: r|line 6|used twice",
            "rules:\\n  - id: a\\n    description: d\\n    effect: 0.1\\n    reason: r\\n    when:\\n      levels: [severe]|line 2|unknown level `severe`",
            "rules:\\n  - id: a\\n    description: d\\n    effect: 0.1\\n    reason: r\\n    when:\\n      factors: [mood]|line 2|unknown factor `mood`",
            "rules:\\n  - id: a\\n    description: d\\n    effect: 0.1\\n    reason: r\\n    when:\\n      aspects: [topic_7]|line 2|unknown aspect `topic_7`",
            "actions: []|line 1|unknown key `actions`",
    })
    void aPlaybookThatCannotBeUsedIsRefusedNamingTheLine(String yaml, String line, String message) {
        assertThatThrownBy(() -> parse(yaml.replace("\\n", "\n"))).isInstanceOf(PlaybookException.class)
                .hasMessageContaining("test.yaml, " + line).hasMessageContaining(message);
    }
}
