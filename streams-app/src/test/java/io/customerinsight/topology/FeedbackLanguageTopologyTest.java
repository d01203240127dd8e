package io.customerinsight.topology;

import io.customerinsight.deadletter.DeadLetterRecords;
import io.customerinsight.events.ScoredFeedback;
import io.customerinsight.profiles.CustomerProfile;
import io.customerinsight.testing.TopologyHarness;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.customerinsight.testing.Events.DAY;
import static io.customerinsight.testing.Events.HOUR;
import static io.customerinsight.testing.Events.T0;
import static io.customerinsight.testing.Events.click;
import static io.customerinsight.topology.DeadLetterTopologyTest.header;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feedback in a language neither sentiment model reads. Before, it was read by the English or the Chinese
 * model anyway: a furious Spanish review ("Pésimo servicio, nunca más compro aquí...") came out +0.51,
 * positive, and a Korean one neutral, with a complaint aspect made up from no known word.
 */
class FeedbackLanguageTopologyTest {
    private static final String FEEDBACK =
            "{\"feedbackId\":\"%s\",\"customerId\":\"c1\",\"timestamp\":%d,\"channel\":\"review\",\"text\":\"%s\"%s}";
    private static final String SPANISH = "Pésimo servicio, nunca más compro aquí. Quiero mi dinero de vuelta.";
    private static final String KOREAN = "최악의 서비스입니다. 다시는 구매하지 않겠습니다.";
    private static final String JAPANESE = "最悪です。二度と買いません。返金してください。";
    /** no hint: the detector tells it from English */
    private static final String FRENCH = "Le colis est arrivé en retard et abîmé, je ne commanderai plus jamais.";

    @Test
    void aTextNoModelReadsIsRejectedWithItsLanguageUnlessARatingSaysHowTheCustomerFelt() {
        try (var h = new TopologyHarness()) {
            h.click("c1", click("e0", "c1", "page_view", T0, "s0"));
            h.feedback("c1", FEEDBACK.formatted("f1", T0 + 1000, SPANISH, ",\"language\":\"es\""));
            h.feedback("c1", FEEDBACK.formatted("f2", T0 + 2000, KOREAN, ""));
            h.feedback("c1", FEEDBACK.formatted("f3", T0 + 3000, JAPANESE, ""));
            h.feedback("c1", FEEDBACK.formatted("f4", T0 + 4000, SPANISH, ",\"language\":\"es-MX\",\"rating\":1"));
            h.feedback("c1", FEEDBACK.formatted("f5", T0 + 5000, "质量非常好，物流也很快", ""));
            h.feedback("c1", FEEDBACK.formatted("f6", T0 + 6000, FRENCH, ""));
            h.busy(T0 + HOUR, T0 + 2 * DAY);

            var dead = h.dlq.readRecordsToList();
            assertThat(dead).extracting(r -> header(r, DeadLetterRecords.REASON)).containsOnly("unsupported_language");
            assertThat(dead).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                    .extracting(v -> v.substring(15, 17)).containsExactly("f1", "f2", "f3", "f6");
            assertThat(header(dead.get(0), DeadLetterRecords.MESSAGE)).contains("'es'").contains("rating");
            assertThat(header(dead.get(1), DeadLetterRecords.MESSAGE)).contains("'ko'");
            assertThat(header(dead.get(2), DeadLetterRecords.MESSAGE)).contains("'ja'");
            assertThat(header(dead.get(3), DeadLetterRecords.MESSAGE)).contains("'fr'");

            var scored = h.scored.readValuesToList();
            assertThat(scored).extracting(ScoredFeedback::feedbackId).containsExactly("f4", "f5");
            ScoredFeedback rated = scored.get(0);
            assertThat(rated.model()).isEqualTo("rating");
            assertThat(rated.sentiment()).isEqualTo(-1.0);
            assertThat(rated.language()).isEqualTo("es");
            assertThat(rated.topics()).isNullOrEmpty();
            assertThat(scored.get(1).language()).isEqualTo("zh");

            CustomerProfile profile = h.profiles.readKeyValuesToMap().get("c1");
            assertThat(profile.sentiment().feedback30d()).isEqualTo(2);
            assertThat(profile.sentiment().negative30d()).isEqualTo(1);
        }
    }
}
