package io.customerinsight.topology;

import io.customerinsight.alerts.RiskThresholds;
import io.customerinsight.profiles.CustomerProfile;
import io.customerinsight.shadow.ShadowComparison;
import io.customerinsight.shadow.ShadowScore;
import io.customerinsight.shadow.ShadowScoring;
import io.customerinsight.testing.KeywordSentimentScorer;
import io.customerinsight.testing.RuleBasedChurnScorer;
import io.customerinsight.testing.TopologyHarness;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.customerinsight.testing.Events.MINUTE;
import static io.customerinsight.testing.Events.T0;
import static io.customerinsight.testing.Events.click;
import static io.customerinsight.testing.Events.feedback;
import static org.assertj.core.api.Assertions.assertThat;

/** A new churn model installed while the topology runs, as hot reload installs one. */
class ModelSwapTopologyTest {
    @Test
    void scoringsBeforeTheSwapCarryTheOldVersionAndScoringsAfterItTheNewOne() {
        try (var h = new TopologyHarness()) {
            h.click("c1", click("e1", "c1", "page_view", T0, "s1"));
            h.click("c2", click("e2", "c2", "page_view", T0 + MINUTE, "s2"));
            List<CustomerProfile> before = h.profiles.readValuesToList();
            assertThat(before).extracting(CustomerProfile::customerId).containsExactly("c1", "c2");
            assertThat(before).extracting(CustomerProfile::modelVersion).containsOnly("test");

            h.installChurnModel(new RuleBasedChurnScorer("2"));
            assertThat(h.models.current().number()).isEqualTo(2);
            h.click("c1", click("e3", "c1", "add_to_cart", T0 + 10 * MINUTE, "s1"));
            h.click("c2", click("e4", "c2", "add_to_cart", T0 + 11 * MINUTE, "s2"));

            List<CustomerProfile> after = h.profiles.readValuesToList();
            assertThat(after).extracting(CustomerProfile::customerId).containsExactly("c1", "c2");
            assertThat(after).extracting(CustomerProfile::modelVersion).containsOnly("2");
            assertThat(h.dlq.isEmpty()).isTrue();
        }
    }

    @Test
    void aChallengerScoresTheSameSnapshotsInShadowAndNeverDecides() {
        try (var h = new TopologyHarness()) {
            var registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
            RuleBasedChurnScorer challenger = new RuleBasedChurnScorer("challenger-1");
            h.installChurnModel(new RuleBasedChurnScorer("2"), new ShadowScoring.Challenger(challenger,
                    new RiskThresholds(0.5, 0.8, 0), new ShadowComparison(registry, "challenger-1")));
            h.click("c1", click("e1", "c1", "page_view", T0, "s1"));
            h.click("c2", click("e2", "c2", "page_view", T0 + MINUTE, "s2"));

            List<ShadowScore> shadow = h.shadow.readValuesToList();
            List<CustomerProfile> profiles = h.profiles.readValuesToList();
            assertThat(shadow).extracting(ShadowScore::customerId).containsExactly("c1", "c2");
            assertThat(shadow).allSatisfy(s -> {
                assertThat(s.champion().modelVersion()).isEqualTo("2");
                assertThat(s.challenger().modelVersion()).isEqualTo("challenger-1");
                assertThat(s.challenger().score()).isEqualTo(s.champion().score()); // the same rules, the same rows
                assertThat(s.agree()).isTrue();
            });
            assertThat(shadow).extracting(ShadowScore::asOf).containsExactlyElementsOf(
                    profiles.stream().map(CustomerProfile::updatedAt).toList());
            assertThat(registry.find("insight.shadow.levels").tag("champion_level", "low")
                    .tag("challenger_level", "low").counter().count()).isEqualTo(2);
            assertThat(registry.find("insight.shadow.score.psi").gauge().value()).isZero();

            challenger.failWhen = row -> true;
            h.click("c1", click("e3", "c1", "add_to_cart", T0 + 10 * MINUTE, "s1"));
            assertThat(h.shadow.isEmpty()).as("no shadow result when the challenger fails").isTrue();
            assertThat(h.profiles.readValuesToList()).as("the champion's decisions stand")
                    .extracting(CustomerProfile::modelVersion).containsExactly("2");
            assertThat(h.metrics.total("insight.shadow.failures")).isEqualTo(1);
        }
    }

    @Test
    void feedbackIsScoredByTheSentimentModelLiveWhenItArrives() {
        try (var h = new TopologyHarness()) {
            h.click("c1", click("e1", "c1", "page_view", T0, "s1"));
            h.feedback("c1", feedback("f1", "c1", T0 + MINUTE, "review", "great fit", 5));
            var running = h.models.current().models();
            h.models.install(new io.customerinsight.scoring.ScoringModels(running.churn(), running.explainer(),
                    new KeywordSentimentScorer("2"), running.value(), running.segments()), null, null);
            h.feedback("c1", feedback("f2", "c1", T0 + 2 * MINUTE, "review", "terrible seams", 1));
            assertThat(h.scored.readValuesToList()).extracting(s -> s.feedbackId() + "@" + s.modelVersion())
                    .containsExactly("f1@test", "f2@2");
        }
    }
}
