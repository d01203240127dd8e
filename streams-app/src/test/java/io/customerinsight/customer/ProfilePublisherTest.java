package io.customerinsight.customer;

import io.customerinsight.alerts.AlertPolicy;
import io.customerinsight.config.InsightConfig;
import io.customerinsight.events.ClickEvent;
import io.customerinsight.features.CustomerActivity;
import io.customerinsight.features.FeatureSchema;
import io.customerinsight.ops.InsightMetrics;
import io.customerinsight.profiles.CustomerProfile;
import io.customerinsight.scoring.ChurnExplainer;
import io.customerinsight.testing.RuleBasedChurnScorer;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.customerinsight.testing.Events.DAY;
import static io.customerinsight.testing.Events.MINUTE;
import static io.customerinsight.testing.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;

class ProfilePublisherTest {
    private final InsightMetrics metrics = InsightMetrics.standalone();
    private final RuleBasedChurnScorer model = new RuleBasedChurnScorer();
    private final InsightConfig config = InsightConfig.of(Map.of(InsightConfig.RISK_MEDIUM, "0.5",
            InsightConfig.RISK_HIGH, "0.8", InsightConfig.RESCORE_MIN_INTERVAL, "1m"));
    private final AlertDecider levels = new AlertDecider(AlertPolicy.from(config, null), config, model,
            new ChurnExplainer(model, new float[FeatureSchema.size()]), metrics);
    private final ProfilePublisher publisher = new ProfilePublisher(levels, config, "v1", metrics, null, null);
    private final CustomerState state = new CustomerState(new CustomerActivity());

    /** As the customer stage decides: the score a point had when it was decided before, then the new one. */
    private CustomerProfile scored(double score, long at) {
        Snapshot snapshot = Snapshot.of(state.activity, at, publisher.claimSlot(state, at), null);
        double before = state.lastScoredAt == at ? state.lastScore : Double.NaN;
        state.lastScore = score;
        state.lastScoredAt = at;
        ProfilePublisher.Draft draft = publisher.afterScoring(state, snapshot, null, before);
        return draft == null ? null : draft.toProfile("c1");
    }

    private void click(long at) {
        state.activity.apply(new ClickEvent("e" + at, "c1", "page_view", at, "s" + at, null, null, null, null, null));
    }

    @Test
    void theLiveProfileOfALapsedCustomerSaysSinceWhenAsThePublishedOneDoes() {
        InsightConfig lapsing = InsightConfig.of(Map.of(InsightConfig.RISK_MEDIUM, "0.5", InsightConfig.RISK_HIGH,
                "0.8", InsightConfig.ALERT_MAX_SILENCE, "30d"));
        ProfilePublisher withBound = new ProfilePublisher(new AlertDecider(AlertPolicy.from(lapsing, null), lapsing,
                model, new ChurnExplainer(model, new float[FeatureSchema.size()]), metrics), lapsing, "v1", metrics,
                null, null);
        click(T0);
        state.lastScore = 0.9;
        state.lastScoredAt = T0 + 31 * DAY;
        CustomerProfile live = withBound.profileOf("c1", state);
        assertThat(live.lapsedSince()).isEqualTo(T0 + 30 * DAY);
        assertThat(live.segment()).isEqualTo("lapsed");
        state.lastScoredAt = T0 + 29 * DAY;
        assertThat(withBound.profileOf("c1", state).lapsedSince()).isNull();
    }

    @Test
    void publishedOnChangeAtMostOncePerIntervalAndNotForThePassageOfTime() {
        click(T0);
        CustomerProfile first = scored(0.1, T0);
        assertThat(first).isNotNull();
        assertThat(first.modelVersion()).isEqualTo("v1");

        // a day later nothing a reader acts on changed (recency and tiny score moves do not count)
        assertThat(scored(0.102, T0 + DAY)).isNull();
        assertThat(metrics.count("insight.profile.updates", "outcome", "unchanged")).isEqualTo(1);

        // the rate limit is decided when a snapshot is taken: the day's scoring above took this interval's slot
        click(T0 + DAY + 1000);
        assertThat(scored(0.1, T0 + DAY + 1000)).isNull();
        assertThat(state.profileOwed).isTrue();
        assertThat(metrics.count("insight.profile.updates", "outcome", "rate_limited")).isEqualTo(1);

        CustomerProfile owed = scored(0.1, T0 + DAY + MINUTE);
        assertThat(owed).isNotNull();
        assertThat(state.profileOwed).isFalse();
    }

    /**
     * A point taken again with a late event (a record without a key, a batch) whose score moved by less than a
     * reader's change: its profile goes out again with the new score, the one the point has when the event comes
     * in time. When the point's first profile was left unchanged, the published one is an earlier point's,
     * as in time, and stays.
     */
    @Test
    void aPointTakenAgainRepublishesItsProfileWhenItsScoreMoved() {
        click(T0);
        assertThat(scored(0.1, T0)).isNotNull();
        CustomerProfile again = scored(0.104, T0);
        assertThat(again).isNotNull();
        assertThat(again.churnScore()).isEqualTo(0.104);
        assertThat(scored(0.104, T0)).as("the same score again").isNull();

        assertThat(scored(0.102, T0 + DAY)).as("a tiny move a day later").isNull();
        assertThat(scored(0.103, T0 + DAY)).as("taken again; the published profile is T0's").isNull();
        CustomerState copy = CustomerState.fromBytes(state.toBytes());
        assertThat(copy.slotPublished).isFalse();
    }

    @Test
    void aStoredStateReadsAsTheProfileItsLastScoringPublished() {
        click(T0);
        CustomerProfile published = scored(0.3, T0 + 1000);
        assertThat(publisher.profileOf("c1", state)).isEqualTo(published);
    }

    @Test
    void aNewModelVersionAloneDoesNotRepublishAProfile() {
        click(T0);
        CustomerProfile published = scored(0.3, T0 + 1000);
        ProfilePublisher afterReload = new ProfilePublisher(levels, config, "v2", metrics, null, null);
        Snapshot later = Snapshot.of(state.activity, T0 + 2 * MINUTE, afterReload.claimSlot(state, T0 + 2 * MINUTE),
                null);
        assertThat(afterReload.afterScoring(state, later, null, Double.NaN)).isNull();

        click(T0 + 3 * MINUTE);
        Snapshot changed = Snapshot.of(state.activity, T0 + 4 * MINUTE,
                afterReload.claimSlot(state, T0 + 4 * MINUTE), null);
        assertThat(afterReload.afterScoring(state, changed, null, Double.NaN).modelVersion())
                .as("what it says of the customer changed: published, with the version that scored it")
                .isEqualTo("v2");
        assertThat(published.modelVersion()).isEqualTo("v1");
    }
}
