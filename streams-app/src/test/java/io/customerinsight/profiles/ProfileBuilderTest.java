package io.customerinsight.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import io.customerinsight.alerts.RiskLevel;
import io.customerinsight.events.ClickEvent;
import io.customerinsight.events.EventSerdes;
import io.customerinsight.features.CustomerActivity;
import io.customerinsight.features.FeatureExtractor;
import io.customerinsight.features.Spend;
import io.customerinsight.features.Standing;
import org.junit.jupiter.api.Test;

import static io.customerinsight.testing.Events.DAY;
import static io.customerinsight.testing.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;

class ProfileBuilderTest {
    @Test
    void theProfileCarriesItsSchemaVersionAndTheLongHorizonsOfTheSummary() throws Exception {
        CustomerActivity a = new CustomerActivity();
        long now = T0 + 400 * DAY;
        for (int i = 0; i < 6; i++) { // a purchase every 30 days, the first 300 days ago
            a.apply(new ClickEvent("p" + i, "c1", "purchase", now - 300 * DAY + i * 30 * DAY, "s" + i, null, null,
                    50.0, "GBP", null));
        }
        a.apply(new ClickEvent("r", "c1", "return", now - 10 * DAY, "s9", null, null, 20.0, "GBP", null));
        CustomerProfile profile = ProfileBuilder.build("c1", now, a.firstSeen(), a.lastActivity(), a.lastPurchase(),
                FeatureExtractor.extract(a, now), 0.2, RiskLevel.LOW, "1.0.0", null, null,
                new CustomerProfile.Cluster(2, "frequent buyers, regulars"), Standing.of(a, now), a.complaintAspects(now),
                Spend.of(a, now));

        JsonNode json = EventSerdes.JSON.readTree(EventSerdes.JSON.writeValueAsString(profile));
        assertThat(json.get("schemaVersion").asInt()).isEqualTo(CustomerProfile.SCHEMA_VERSION);
        JsonNode summary = json.get("summary");
        assertThat(summary.get("purchases_365d").floatValue()).isEqualTo(6f);
        assertThat(summary.get("spend_lifetime").floatValue()).isEqualTo(300f);
        assertThat(summary.get("purchase_cadence_days").floatValue()).isEqualTo(30f);
        assertThat(summary.get("returns_90d").floatValue()).isEqualTo(1f);
        assertThat(summary.get("active_weeks_365d").floatValue()).isEqualTo(7f);
        assertThat(json.get("cluster").get("name").asText()).isEqualTo("frequent buyers, regulars");
        // 300 days of tenure, 5 repeat purchase days, purchases in 3 of the 4 quarters since the first
        assertThat(json.at("/loyalty/index").asInt()).isEqualTo(80);
        assertThat(json.at("/loyalty/activeQuarters").asInt()).isEqualTo(3);
        assertThat(json.at("/satisfaction/index30d").isMissingNode()).as("no feedback, no index").isTrue();
        assertThat(EventSerdes.JSON.treeToValue(json, CustomerProfile.class)).isEqualTo(profile);
    }

    @Test
    void fractionsAreWrittenAsTheFeaturesHoldThemNotAsTheirWidenedFloats() throws Exception {
        float[] features = new float[io.customerinsight.features.FeatureSchema.size()];
        features[io.customerinsight.features.FeatureSchema.indexOf("feedback_30d")] = 3;
        features[io.customerinsight.features.FeatureSchema.indexOf("sentiment_mean_30d")] = 0.60800117f;
        features[io.customerinsight.features.FeatureSchema.indexOf("sentiment_min_30d")] = -0.12067103f;
        features[io.customerinsight.features.FeatureSchema.indexOf("spend_30d")] = 657.09f;
        features[io.customerinsight.features.FeatureSchema.indexOf("cart_abandonment_30d")] = 0.4f;
        CustomerProfile profile = ProfileBuilder.build("c1", T0, T0, T0, T0, features, 0.2, RiskLevel.LOW, "1.0.0",
                null, null, null, null, java.util.Map.of(), null);
        String json = EventSerdes.JSON.writeValueAsString(profile);
        // widened, they read 0.608001172542572, -0.12067103385925293, 657.0900268554688 and 0.4000000059604645
        assertThat(json).contains("\"mean30d\":0.6080012,").contains("\"min30d\":-0.12067103,")
                .contains("\"spend_30d\":657.09,").contains("\"cart_abandonment_30d\":0.4,");
    }

    /** The hash earlier releases computed from the built profile and stored in every customer's state. */
    private static long storedHash(CustomerProfile p) {
        int summary = 0;
        for (java.util.Map.Entry<String, Double> e : p.summary().entrySet()) {
            if (!e.getKey().equals(ProfileBuilder.RECENCY_FEATURE)) {
                // the entry of the summary's map of floats
                summary = 31 * summary + (e.getKey().hashCode() ^ Float.hashCode(e.getValue().floatValue()));
            }
        }
        var v = p.value();
        long value = v == null ? 0 : java.util.Objects.hash(Math.round(v.expectedPurchases() * 10),
                Math.round(v.expectedSpend()), Math.round(v.probabilityAlive() * 100));
        var s = p.sentiment(); // as it was built from the widened floats
        var sentiment = new CustomerProfile.Sentiment(s.feedback30d(), (float) s.mean30d(), (float) s.min30d(),
                s.negative30d());
        return java.util.Objects.hash(p.firstSeenAt(), p.lastActivityAt(), p.lastPurchaseAt(), p.segment(),
                Math.round(p.churnScore() * 100), p.riskLevel().ordinal(), sentiment, summary,
                value, p.cluster() == null ? -1 : p.cluster().id(), p.satisfaction(),
                p.loyalty() == null ? -1 : p.loyalty().index(), p.complaints30d());
    }

    @Test
    void theContentHashOfTheInputsIsTheHashEarlierReleasesStoredForTheBuiltProfile() {
        var random = new java.util.Random(7);
        for (int i = 0; i < 500; i++) {
            float[] features = new float[io.customerinsight.features.FeatureSchema.size()];
            for (int f = 0; f < features.length; f++) {
                features[f] = random.nextInt(4) == 0 ? 0f : random.nextInt(3) == 0 ? random.nextInt(40)
                        : random.nextFloat() * 100 - 20;
            }
            boolean full = random.nextBoolean();
            long firstSeen = random.nextBoolean() ? Long.MIN_VALUE : T0 + random.nextInt(1000) * 60_000L;
            long lastPurchase = random.nextBoolean() ? Long.MIN_VALUE : T0 + random.nextInt(1000) * 60_000L;
            double score = random.nextDouble();
            RiskLevel level = RiskLevel.values()[random.nextInt(RiskLevel.values().length)];
            var value = full ? new io.customerinsight.value.CustomerValue(random.nextDouble() * 5,
                    random.nextDouble() * 500, random.nextDouble(), 90) : null;
            var cluster = full ? new CustomerProfile.Cluster(random.nextInt(5), "c") : null;
            var standing = full ? new Standing(random.nextBoolean() ? null : random.nextDouble() * 100, null,
                    random.nextInt(3), random.nextInt(5), random.nextInt(100), random.nextInt(400), random.nextInt(9),
                    random.nextInt(4)) : null;
            java.util.Map<String, Integer> complaints = full && random.nextBoolean()
                    ? java.util.Map.of("delivery", 1 + random.nextInt(3)) : java.util.Map.of();
            CustomerProfile built = ProfileBuilder.build("c" + i, T0, firstSeen, T0, lastPurchase, features, score,
                    level, "1.0.0", null, value, cluster, standing, complaints, null);
            long hash = ProfileBuilder.contentHash(firstSeen, T0, lastPurchase, features, score, level, null, value,
                    cluster, standing, complaints);
            assertThat(hash).as("inputs %d", i).isEqualTo(storedHash(built));
            assertThat(ProfileBuilder.contentHash(firstSeen, T0, lastPurchase, features, score, level, T0 + 30 * DAY,
                    value, cluster, standing, complaints)).as("lapsed, inputs %d", i).isNotEqualTo(hash);
        }
    }

    @Test
    void theSummaryIsWrittenAsJacksonWritesTheSameMapWhateverItsNames() throws Exception {
        var summary = new java.util.LinkedHashMap<String, Double>();
        for (String name : ProfileBuilder.SUMMARY_FEATURES) {
            summary.put(name, name.length() % 3 == 0 ? 0.1 * name.length() : name.length());
        }
        summary.put("not \"known\" é", -2.5);
        summary.put("absent", null);
        CustomerProfile profile = new CustomerProfile("c1", T0, null, null, null, "casual", 0.25, RiskLevel.LOW,
                "1.0.0", null, new CustomerProfile.Sentiment(0, 0, 0, 0), summary, null, null, null, null, null);
        String json = EventSerdes.JSON.writeValueAsString(profile);
        assertThat(json).contains("\"summary\":" + EventSerdes.JSON.writeValueAsString(summary) + ",");
        assertThat(EventSerdes.JSON.readValue(json, CustomerProfile.class)).isEqualTo(profile);
    }

    @Test
    void wholeNumbersAreWrittenWithoutAFractionAndFractionsKeepTheirDigits() throws Exception {
        var summary = new java.util.LinkedHashMap<String, Double>();
        summary.put("events_7d", 12.0);
        summary.put("spend_30d", 19.99);
        CustomerProfile profile = new CustomerProfile("c1", T0, null, null, null, "active", 0.25, RiskLevel.LOW,
                "1.0.0", null, new CustomerProfile.Sentiment(2, -0.5, -1.0, 1), summary, null, null, null, null, null);
        String json = EventSerdes.JSON.writeValueAsString(profile);
        assertThat(json).contains("\"events_7d\":12,").doesNotContain("12.0")
                .contains("\"spend_30d\":19.99").contains("\"churnScore\":0.25").contains("\"min30d\":-1,");
        assertThat(EventSerdes.JSON.readValue(json, CustomerProfile.class)).isEqualTo(profile);
    }
}
