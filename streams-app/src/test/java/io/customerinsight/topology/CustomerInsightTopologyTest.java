package io.customerinsight.topology;

import io.customerinsight.alerts.ChurnAlert;
import io.customerinsight.alerts.RiskLevel;
import io.customerinsight.config.InsightConfig;
import io.customerinsight.config.TopicRole;
import io.customerinsight.customer.CustomerStage;
import io.customerinsight.profiles.CustomerProfile;
import io.customerinsight.testing.TopologyHarness;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.customerinsight.testing.Events.DAY;
import static io.customerinsight.testing.Events.HOUR;
import static io.customerinsight.testing.Events.MINUTE;
import static io.customerinsight.testing.Events.T0;
import static io.customerinsight.testing.Events.click;
import static io.customerinsight.testing.Events.feedback;
import static org.assertj.core.api.Assertions.assertThat;

class CustomerInsightTopologyTest {

    /** Keeps stream time moving with an unrelated, busy customer. */
    private static void advance(TopologyHarness h, long from, long to, long step) {
        int i = 0;
        for (long t = from; t <= to; t += step) {
            h.click("busy", click("b" + t, "busy", "page_view", t, "busy-" + (i++ / 5)));
        }
    }

    @Test
    void recordWithNullOrWrongKeyIsRekeyedByCustomerId() {
        try (var h = new TopologyHarness()) {
            h.click(null, click("e1", "c1", "page_view", T0, "s1"));
            h.click("someone-else", click("e2", "c2", "page_view", T0, "s2"));
            var profiles = h.profiles.readKeyValuesToMap();
            assertThat(profiles).containsOnlyKeys("c1", "c2");
            assertThat(profiles.get("c1").customerId()).isEqualTo("c1");
            assertThat(h.dlq.isEmpty()).isTrue();
        }
    }

    /** A producer that writes {@code PURCHASE} means a purchase: counting it as an unknown type lost the spend. */
    @Test
    void aKnownTypeInOtherLettersIsThatType() {
        try (var h = new TopologyHarness()) {
            h.click("c1", click("e1", "c1", "PURCHASE", T0, "s1").replace("}", ",\"amount\":20}"));
            h.click("c1", click("e2", "c1", "Add_To_Cart", T0 + MINUTE, "s1"));
            h.click("c1", click("e3", "c1", "page-view", T0 + 2 * MINUTE, "s1"));
            var summary = h.profiles.readKeyValuesToMap().get("c1").summary();
            assertThat(summary.get("purchases_30d")).isEqualTo(1f);
            assertThat(summary.get("spend_lifetime")).isEqualTo(20f);
            assertThat(h.metrics.count("insight.events.consumed", "type", "purchase")).isEqualTo(1.0);
            assertThat(h.metrics.count("insight.events.consumed", "type", "add_to_cart")).isEqualTo(1.0);
            // a name that is not a known type in any letters stays unknown, accepted and counted
            assertThat(h.metrics.count("insight.events.consumed", "type", "unknown")).isEqualTo(1.0);
        }
    }

    /**
     * A wholesale customer's spend, past what a 32-bit float holds to the cent (131,072): the summary's money is
     * summed in doubles and written to the cent (it showed 280206.03 for 280,206.02).
     */
    @Test
    void theProfileWritesMoneyToTheCent() {
        try (var h = new TopologyHarness()) {
            double[] amounts = {100_000.01, 100_000.00, 80_206.01};
            for (int i = 0; i < amounts.length; i++) {
                h.click("c1", click("p" + i, "c1", "purchase", T0 + i * 8 * DAY, "s" + i)
                        .replace("}", ",\"amount\":" + amounts[i] + "}"));
            }
            var summary = h.profiles.readKeyValuesToMap().get("c1").summary();
            for (String money : List.of("spend_30d", "spend_365d", "spend_lifetime")) {
                assertThat(((Number) summary.get(money)).doubleValue()).as(money).isEqualTo(280_206.02);
            }
            assertThat(((Number) summary.get("purchases_30d")).doubleValue()).isEqualTo(3.0);
        }
    }

    @Test
    void aPlaybookThatCannotBeUsedStopsStartUpNamingTheLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path playbook = dir.resolve("playbook.yaml");
        java.nio.file.Files.writeString(playbook, "rules:\n  - id: call\n    description: a call\n    effect: 0.2\n"
                + "    reason: r\n    when:\n      factors: [happiness]\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TopologyHarness(Map.of(InsightConfig.PLAYBOOK,
                        playbook.toString())))
                .hasMessageContaining(playbook + ", line 2").hasMessageContaining("unknown factor `happiness`");
    }

    @Test
    void feedbackWithNullKeyIsRekeyedThroughTheSameTopicAsClicks() {
        try (var h = new TopologyHarness()) {
            h.click("c3", click("e3", "c3", "page_view", T0, "s3"));
            h.feedback(null, feedback("f3", "c3", T0 + MINUTE, "review", "terrible, I want a refund", 1));
            assertThat(h.scored.readValuesToList()).singleElement()
                    .satisfies(f -> assertThat(f.customerId()).isEqualTo("c3"));
            assertThat(h.dlq.isEmpty()).isTrue();
        }
    }

    /**
     * A re-keyed record keeps its event time (Kafka Streams reads a repartition topic by the records' own
     * timestamps, which are the events' times): scored feedback that came without a key is written at the
     * time the customer wrote it, as keyed feedback is.
     */
    @Test
    void aRekeyedRecordKeepsItsEventTime() {
        try (var h = new TopologyHarness()) {
            h.click("c3", click("e3", "c3", "page_view", T0, "s3"));
            h.feedback(null, feedback("f3", "c3", T0 + MINUTE, "review", "terrible, I want a refund", 1));
            h.feedback("c3", feedback("f4", "c3", T0 + 2 * MINUTE, "review", "still waiting for my refund", 1));
            assertThat(h.scored.readRecordsToList()).extracting(r -> r.value().feedbackId(), r -> r.timestamp())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("f3", T0 + MINUTE),
                            org.assertj.core.groups.Tuple.tuple("f4", T0 + 2 * MINUTE));
        }
    }

    /**
     * Kafka Streams formats log text for every empty input partition of a task on every record while the
     * task may wait for its inputs ({@code max.task.idle.ms=0}): the customer task reads three topics, the
     * two inputs and one repartition topic for both, not one repartition topic per input.
     */
    @Test
    void theCustomerTaskReadsBothInputsAndOneRepartitionTopic() {
        try (var h = new TopologyHarness()) {
            var customerTask = h.topology.describe().subtopologies().stream()
                    .filter(s -> s.nodes().stream().anyMatch(n -> n.name().equals(CustomerStage.PROCESSOR)))
                    .findFirst().orElseThrow();
            var topics = customerTask.nodes().stream()
                    .filter(n -> n instanceof TopologyDescription.Source)
                    .flatMap(n -> ((TopologyDescription.Source) n).topicSet().stream())
                    .toList();
            assertThat(topics).containsExactlyInAnyOrder(h.config.topic(TopicRole.CLICKSTREAM),
                    h.config.topic(TopicRole.FEEDBACK), "input-rekeyed-repartition");
        }
    }

    @Test
    void profileCarriesFeaturesSegmentAndIsRateLimitedPerCustomer() {
        try (var h = new TopologyHarness(Map.of(InsightConfig.RESCORE_MIN_INTERVAL, "1m"))) {
            for (int i = 0; i < 50; i++) {
                h.click("c1", click("e" + i, "c1", "page_view", T0 + i * 100, "s1"));
            }
            List<CustomerProfile> burst = h.profiles.readValuesToList();
            assertThat(burst).hasSize(1);
            assertThat(burst.get(0).segment()).isEqualTo("new");
            assertThat(h.metrics.count("insight.profile.updates", "outcome", "published")).isEqualTo(1.0);

            // the held-back profile is published once the interval has passed, with every event counted
            advance(h, T0 + 2 * MINUTE, T0 + 4 * MINUTE, MINUTE);
            CustomerProfile latest = h.profiles.readKeyValuesToMap().get("c1");
            assertThat(latest).isNotNull();
            assertThat(latest.summary().get("events_7d")).isEqualTo(50f);
        }
    }

    @Test
    void quietCustomersAreRescoredWithoutRepublishingProfilesForTheMerePassageOfTime() {
        try (var h = new TopologyHarness(Map.of(InsightConfig.RESCORE_INACTIVITY, "6h"))) {
            for (int i = 0; i < 20; i++) { // a very active hour: the test model scores this close to 0
                h.click("c1", click("e" + i, "c1", "page_view", T0 + i * 2 * MINUTE, "s" + i));
            }
            advance(h, T0 + HOUR, T0 + 2 * HOUR, HOUR);
            assertThat(h.profiles.readKeyValuesToMap().get("c1").summary().get("sessions_7d")).isEqualTo(20f);
            double rescoredBefore = h.metrics.count("insight.rescoring.customers");
            double unchangedBefore = h.metrics.count("insight.profile.updates", "outcome", "unchanged");

            // two silent days: rescored every 6 h, yet nothing a reader acts on changed
            advance(h, T0 + 3 * HOUR, T0 + 2 * DAY, HOUR);
            assertThat(h.metrics.count("insight.rescoring.customers") - rescoredBefore).isGreaterThanOrEqualTo(6);
            assertThat(h.profiles.readKeyValuesToList()).noneMatch(kv -> kv.key.equals("c1"));
            assertThat(h.metrics.count("insight.profile.updates", "outcome", "unchanged")).isGreaterThan(unchangedBefore);

        }
    }

    @Test
    void customerWhoGoesQuietIsRescoredAndAlertedWithReasons() {
        try (var h = new TopologyHarness()) {
            for (int d = 0; d < 5; d++) {
                h.click("quiet", click("q" + d, "quiet", "page_view", T0 + d * DAY, "q-s" + d));
                advance(h, T0 + d * DAY + HOUR, T0 + (d + 1) * DAY - HOUR, 6 * HOUR);
            }
            assertThat(h.alerts.readValuesToList()).noneMatch(a -> a.customerId().equals("quiet"));

            // silence for two weeks while another customer keeps stream time moving
            advance(h, T0 + 5 * DAY, T0 + 19 * DAY, 6 * HOUR);
            List<ChurnAlert> alerts = h.alerts.readValuesToList().stream()
                    .filter(a -> a.customerId().equals("quiet")).toList();
            assertThat(alerts).extracting(ChurnAlert::riskLevel).containsExactly(RiskLevel.MEDIUM, RiskLevel.HIGH);
            ChurnAlert high = alerts.get(1);
            assertThat(high.previousRiskLevel()).isEqualTo(RiskLevel.MEDIUM);
            assertThat(high.reason()).isEqualTo("risk_increased");
            assertThat(high.topFactors()).isNotEmpty();
            assertThat(high.topFactors().get(0).feature()).isEqualTo("days_since_last_event");
            assertThat(high.alertId()).startsWith("quiet:high:");
            // the bundled playbook: no value estimate in this harness, so the rule for high risk of unknown value
            assertThat(high.action().id()).isEqualTo("retention-offer");
            assertThat(high.action().reason()).isNotBlank();
            assertThat(high.priority()).isZero();
            assertThat(h.metrics.count("insight.rescoring.customers")).isPositive();
        }
    }

    @Test
    void levelThatHoldsIsNotAlertedAgainUntilTheCooldownEnds() {
        try (var h = new TopologyHarness(Map.of(InsightConfig.ALERT_MIN_HISTORY, "0s",
                InsightConfig.RESCORE_INACTIVITY, "6h"))) {
            h.click("c1", click("e0", "c1", "page_view", T0, "s0"));
            advance(h, T0 + HOUR, T0 + 15 * DAY, 6 * HOUR);
            List<ChurnAlert> first = h.alerts.readValuesToList();
            assertThat(first).filteredOn(a -> a.riskLevel() == RiskLevel.HIGH).hasSize(1);
            long highAt = first.stream().filter(a -> a.riskLevel() == RiskLevel.HIGH).findFirst().get().createdAt();
            assertThat(h.metrics.count("insight.alerts.suppressed", "reason", "cooldown")).isPositive();

            // still high: by default the cooldown is the model's horizon (30 days for the bundled model), when the
            // first alert's outcome is decided; a week brought a reminder of the same prediction every week
            advance(h, T0 + 15 * DAY + HOUR, highAt + 30 * DAY + 12 * HOUR, 6 * HOUR);
            List<ChurnAlert> later = h.alerts.readValuesToList();
            assertThat(later).hasSize(1);
            assertThat(later.get(0).reason()).isEqualTo("cooldown_elapsed");
            assertThat(later.get(0).createdAt()).isGreaterThanOrEqualTo(highAt + 30 * DAY);
        }
    }

    @Test
    void aConfiguredCooldownRemindsAsOftenAsItSays() {
        try (var h = new TopologyHarness(Map.of(InsightConfig.ALERT_MIN_HISTORY, "0s",
                InsightConfig.RESCORE_INACTIVITY, "6h", InsightConfig.ALERT_COOLDOWN, "7d"))) {
            h.click("c1", click("e0", "c1", "page_view", T0, "s0"));
            advance(h, T0 + HOUR, T0 + 15 * DAY, 6 * HOUR);
            long highAt = h.alerts.readValuesToList().stream().filter(a -> a.riskLevel() == RiskLevel.HIGH)
                    .findFirst().orElseThrow().createdAt();

            advance(h, T0 + 15 * DAY + HOUR, highAt + 21 * DAY + 12 * HOUR, 6 * HOUR);
            assertThat(h.alerts.readValuesToList()).extracting(ChurnAlert::reason)
                    .containsOnly("cooldown_elapsed").hasSizeBetween(2, 3);
        }
    }

    @Test
    void stronglyNegativeFeedbackIsScoredAndRescoresTheCustomerAtOnce() {
        try (var h = new TopologyHarness(Map.of(InsightConfig.ALERT_MIN_HISTORY, "0s"))) {
            h.click("c1", click("e0", "c1", "page_view", T0, "s0"));
            h.click("c1", click("e1", "c1", "support_contact", T0 + 10 * 1000, "s0"));
            h.feedback("c1", feedback("f1", "c1", T0 + 20 * 1000, "review", "Terrible service, awful", 1));
            h.feedback("c1", feedback("f2", "c1", T0 + 30 * 1000, "chat", "服务太糟糕了", null));

            var scored = h.scored.readValuesToList();
            assertThat(scored).extracting(s -> s.label()).containsExactly("negative", "negative");
            assertThat(scored).extracting(s -> s.language()).containsExactly("en", "zh");
            // the support contact and the negative feedback rescored within seconds, not after the interval
            List<ChurnAlert> alerts = h.alerts.readValuesToList();
            assertThat(alerts).isNotEmpty();
            assertThat(alerts.get(alerts.size() - 1).createdAt()).isLessThan(T0 + MINUTE);
            assertThat(alerts.get(alerts.size() - 1).topFactors()).extracting(f -> f.feature())
                    .contains("negative_feedback_30d");
        }
    }

    @Test
    void aRatingWithoutTextIsFeedbackScoredByTheRating() {
        try (var h = new TopologyHarness()) {
            h.click("c1", click("e0", "c1", "page_view", T0, "s0"));
            String survey = "{\"feedbackId\":\"%s\",\"customerId\":\"c1\",\"timestamp\":%d,\"channel\":\"survey\"%s}";
            h.feedback("c1", survey.formatted("f1", T0 + 1000, ",\"rating\":1"));
            h.feedback("c1", survey.formatted("f2", T0 + 2000, ",\"text\":\" \",\"rating\":2,\"language\":\"zh-CN\""));
            h.feedback("c1", survey.formatted("f3", T0 + 3000, ",\"rating\":5"));
            h.busy(T0 + HOUR, T0 + 2 * DAY);

            assertThat(h.dlq.isEmpty()).isTrue();
            var scored = h.scored.readValuesToList();
            assertThat(scored).extracting(s -> s.label()).containsExactly("negative", "negative", "positive");
            assertThat(scored).extracting(s -> s.sentiment()).containsExactly(-1.0, -0.5, 1.0);
            assertThat(scored).extracting(s -> s.model()).containsOnly("rating");
            assertThat(scored).extracting(s -> s.language()).containsExactly("und", "zh", "und");
            assertThat(scored.get(0).isComplaint()).isTrue();
            // no text model read them: nothing counted as a model scoring
            assertThat(h.metrics.total("insight.sentiment.texts")).isZero();
            assertThat(h.metrics.registry().find("insight.sentiment.decided").tag("path", "rating").counters()
                    .stream().mapToDouble(c -> c.count()).sum()).isEqualTo(3.0);

            CustomerProfile profile = h.profiles.readKeyValuesToMap().get("c1");
            assertThat(profile.sentiment().feedback30d()).isEqualTo(3);
            assertThat(profile.sentiment().negative30d()).isEqualTo(2);
            assertThat(profile.sentiment().min30d()).isEqualTo(-1.0);
        }
    }

    @Test
    void englishTicketsAndChatsAreLeftToTheEncoderPathByDefault() {
        try (var h = new TopologyHarness()) {
            h.feedback("c1", feedback("f1", "c1", T0, "support_ticket", "I want to cancel my subscription", 1));
            h.feedback("c1", feedback("f2", "c1", T0 + MINUTE, "review", "lovely dress", 5));
            h.feedback("c1", feedback("f3", "c1", T0 + 2 * MINUTE, "chat", "客服一直不回复", 1));
            assertThat(h.scored.readValuesToList()).hasSize(3);
            assertThat(h.sentiment.byEncoder).containsExactly("I want to cancel my subscription");
        }
        try (var h = new TopologyHarness(Map.of(InsightConfig.SENTIMENT_ENCODER_CHANNELS, ""))) {
            h.feedback("c1", feedback("f1", "c1", T0, "support_ticket", "I want to cancel my subscription", 1));
            assertThat(h.scored.readValuesToList()).hasSize(1);
            assertThat(h.sentiment.byEncoder).isEmpty();
        }
    }

    @Test
    void anEncoderChannelThatIsNotAChannelStopsStartUp() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TopologyHarness(
                        Map.of(InsightConfig.SENTIMENT_ENCODER_CHANNELS, "en:tickets")))
                .hasMessageContaining(InsightConfig.SENTIMENT_ENCODER_CHANNELS).hasMessageContaining("support_ticket");
    }

    @Test
    void longFeedbackIsTruncatedForScoringNotRejected() {
        try (var h = new TopologyHarness()) {
            // a long review, not one word repeated: "great great ..." reads as no language the detector knows
            h.feedback("c1", feedback("f1", "c1", T0, "review", "The fabric is lovely and the fit is great. "
                    .repeat(150), 5));
            var scored = h.scored.readValuesToList();
            assertThat(scored).hasSize(1);
            assertThat(scored.get(0).truncated()).isTrue();
            assertThat(h.dlq.isEmpty()).isTrue();
        }
    }

    @Test
    void noAlertBeforeTheMinimumHistoryThenTheCustomerEntersItsLevel() {
        try (var h = new TopologyHarness(Map.of(InsightConfig.ALERT_MIN_HISTORY, "14d",
                InsightConfig.RESCORE_INACTIVITY, "6h"))) {
            h.click("busy", click("b0", "busy", "page_view", T0, "busy-0"));
            h.click("c1", click("e0", "c1", "page_view", T0 + HOUR, "s0"));
            advance(h, T0 + 2 * HOUR, T0 + 13 * DAY, 6 * HOUR);
            assertThat(h.alerts.readValuesToList()).noneMatch(a -> a.customerId().equals("c1"));
            assertThat(h.metrics.count("insight.alerts.suppressed", "reason", "insufficient_history")).isPositive();
            // the profile already shows the risk the model sees
            assertThat(h.profiles.readKeyValuesToMap().get("c1").riskLevel()).isEqualTo(RiskLevel.HIGH);

            advance(h, T0 + 13 * DAY + HOUR, T0 + 16 * DAY, 6 * HOUR);
            List<ChurnAlert> alerts = h.alerts.readValuesToList().stream()
                    .filter(a -> a.customerId().equals("c1")).toList();
            assertThat(alerts).extracting(ChurnAlert::riskLevel).containsExactly(RiskLevel.HIGH);
            assertThat(alerts.get(0).createdAt()).isGreaterThanOrEqualTo(T0 + HOUR + 14 * DAY);
        }
    }

    @Test
    void silentCustomerStateIsDroppedAfterRetention() {
        try (var h = new TopologyHarness(Map.of(InsightConfig.RETENTION, "90d"))) {
            h.click("gone", click("g", "gone", "page_view", T0, "s"));
            advance(h, T0 + HOUR, T0 + 92 * DAY, 12 * HOUR);
            var store = h.driver.getKeyValueStore("customer-state");
            assertThat(store.get("gone")).isNull();
            assertThat(store.get("busy")).isNotNull();
            // the compacted profile topic forgets the customer too: its last record is a tombstone
            var gone = h.profiles.readKeyValuesToList().stream().filter(kv -> kv.key.equals("gone")).toList();
            assertThat(gone).hasSizeGreaterThan(1);
            assertThat(gone.get(0).value).isNotNull();
            assertThat(gone.get(gone.size() - 1).value).isNull();
            assertThat(h.metrics.count("insight.profile.updates", "outcome", "deleted")).isEqualTo(1.0);
        }
    }

    @Test
    void byDefaultACustomerSilentForAQuarterKeepsTheirHistory() {
        try (var h = new TopologyHarness()) { // the retention covers the features' longest horizon, a year
            h.click("quiet", click("q", "quiet", "page_view", T0, "s"));
            advance(h, T0 + HOUR, T0 + 92 * DAY, 12 * HOUR);
            assertThat(h.driver.getKeyValueStore("customer-state").get("quiet")).isNotNull();
        }
    }
}
