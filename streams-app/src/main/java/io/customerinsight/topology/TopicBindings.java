package io.customerinsight.topology;

import io.customerinsight.alerts.ChurnAlert;
import io.customerinsight.config.InsightConfig;
import io.customerinsight.config.TopicRole;
import io.customerinsight.customer.ScoringFailure;
import io.customerinsight.events.ClickEvent;
import io.customerinsight.events.EventParser;
import io.customerinsight.events.EventSerdes;
import io.customerinsight.events.FeedbackEvent;
import io.customerinsight.events.ParsedEvent;
import io.customerinsight.events.ScoredFeedback;
import io.customerinsight.outcomes.AlertOutcome;
import io.customerinsight.profiles.CustomerProfile;
import io.customerinsight.shadow.ShadowScore;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The topic registry's binding to records: each role with its name (the setting {@link TopicRole} declares,
 * or its default) and the serdes of what it carries, in one place. {@link TopicRole} itself lives with the
 * settings, below the records, so that {@code topics apply} and the catalogue can use it.
 */
final class TopicBindings {
    /** One role, its configured name and the serde of its values (keys are customer ids). */
    record Binding<V>(TopicRole role, String name, Serde<V> values) {
        Consumed<String, V> consumed() {
            return Consumed.with(Serdes.String(), values).withName(role.role() + "-source");
        }

        Produced<String, V> produced(String sinkName) {
            return Produced.with(Serdes.String(), values).withName(sinkName);
        }
    }

    final Binding<ParsedEvent<ClickEvent>> clickstream;
    final Binding<ParsedEvent<FeedbackEvent>> feedback;
    final Binding<ChurnAlert> churnAlerts;
    final Binding<CustomerProfile> customerProfiles;
    final Binding<ScoredFeedback> feedbackScored;
    /** scoring failures; the other dead letters are written by the exception handlers, with raw bytes */
    final Binding<ScoringFailure> deadLetter;
    final Binding<ShadowScore> churnShadow;
    final Binding<AlertOutcome> alertOutcomes;

    TopicBindings(InsightConfig config, EventParser parser) {
        clickstream = new Binding<>(TopicRole.CLICKSTREAM, config.topic(TopicRole.CLICKSTREAM),
                EventSerdes.parsedClickEvents(parser));
        feedback = new Binding<>(TopicRole.FEEDBACK, config.topic(TopicRole.FEEDBACK),
                EventSerdes.parsedFeedbackEvents(parser));
        churnAlerts = new Binding<>(TopicRole.CHURN_ALERTS, config.topic(TopicRole.CHURN_ALERTS),
                EventSerdes.json(ChurnAlert.class));
        customerProfiles = new Binding<>(TopicRole.CUSTOMER_PROFILES, config.topic(TopicRole.CUSTOMER_PROFILES),
                EventSerdes.json(CustomerProfile.class));
        feedbackScored = new Binding<>(TopicRole.FEEDBACK_SCORED, config.topic(TopicRole.FEEDBACK_SCORED),
                EventSerdes.json(ScoredFeedback.class));
        deadLetter = new Binding<>(TopicRole.DEAD_LETTER, config.topic(TopicRole.DEAD_LETTER),
                EventSerdes.json(ScoringFailure.class));
        churnShadow = new Binding<>(TopicRole.CHURN_SHADOW, config.topic(TopicRole.CHURN_SHADOW),
                EventSerdes.json(ShadowScore.class));
        alertOutcomes = new Binding<>(TopicRole.ALERT_OUTCOMES, config.topic(TopicRole.ALERT_OUTCOMES),
                EventSerdes.json(AlertOutcome.class));
    }
}
