package io.customerinsight.profiles;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.customerinsight.events.WholeNumbers;
import io.customerinsight.value.CustomerValue;

import java.io.IOException;
import java.util.Map;

/**
 * Writes a profile field by field, as Jackson's record serializer writes it (components in order, nulls and
 * an empty complaints map left out, {@code schemaVersion} last; {@code ProfileSerializerTest} compares the
 * two on random profiles): the bench's pipeline writes about one profile per ten events, and the generic
 * serializer boxed every number and looked up a serializer for each field of each profile.
 */
final class ProfileSerializer extends StdSerializer<CustomerProfile> {
    private static final SerializedString CUSTOMER_ID = name("customerId");
    private static final SerializedString UPDATED_AT = name("updatedAt");
    private static final SerializedString FIRST_SEEN_AT = name("firstSeenAt");
    private static final SerializedString LAST_ACTIVITY_AT = name("lastActivityAt");
    private static final SerializedString LAST_PURCHASE_AT = name("lastPurchaseAt");
    private static final SerializedString SEGMENT = name("segment");
    private static final SerializedString CHURN_SCORE = name("churnScore");
    private static final SerializedString RISK_LEVEL = name("riskLevel");
    private static final SerializedString MODEL_VERSION = name("modelVersion");
    private static final SerializedString LAPSED_SINCE = name("lapsedSince");
    private static final SerializedString SENTIMENT = name("sentiment");
    private static final SerializedString SUMMARY = name("summary");
    private static final SerializedString VALUE = name("value");
    private static final SerializedString CLUSTER = name("cluster");
    private static final SerializedString SATISFACTION = name("satisfaction");
    private static final SerializedString LOYALTY = name("loyalty");
    private static final SerializedString COMPLAINTS = name("complaints30d");
    private static final SerializedString SCHEMA_VERSION = name("schemaVersion");
    private static final SerializedString FEEDBACK_30D = name("feedback30d");
    private static final SerializedString FEEDBACK_90D = name("feedback90d");
    private static final SerializedString MEAN_30D = name("mean30d");
    private static final SerializedString MIN_30D = name("min30d");
    private static final SerializedString NEGATIVE_30D = name("negative30d");
    private static final SerializedString EXPECTED_PURCHASES = name("expectedPurchases");
    private static final SerializedString EXPECTED_SPEND = name("expectedSpend");
    private static final SerializedString PROBABILITY_ALIVE = name("probabilityAlive");
    private static final SerializedString HORIZON_DAYS = name("horizonDays");
    private static final SerializedString ID = name("id");
    private static final SerializedString NAME = name("name");
    private static final SerializedString INDEX_30D = name("index30d");
    private static final SerializedString INDEX_90D = name("index90d");
    private static final SerializedString INDEX = name("index");
    private static final SerializedString TENURE_DAYS = name("tenureDays");
    private static final SerializedString REPEAT_PURCHASE_DAYS = name("repeatPurchaseDays");
    private static final SerializedString ACTIVE_QUARTERS = name("activeQuarters");

    private final SummarySerializer summary = new SummarySerializer();

    ProfileSerializer() {
        super(CustomerProfile.class);
    }

    private static SerializedString name(String name) {
        return new SerializedString(name);
    }

    @Override
    public void serialize(CustomerProfile p, JsonGenerator gen, SerializerProvider provider) throws IOException {
        gen.writeStartObject(p);
        string(gen, CUSTOMER_ID, p.customerId());
        gen.writeFieldName(UPDATED_AT);
        gen.writeNumber(p.updatedAt());
        time(gen, FIRST_SEEN_AT, p.firstSeenAt());
        time(gen, LAST_ACTIVITY_AT, p.lastActivityAt());
        time(gen, LAST_PURCHASE_AT, p.lastPurchaseAt());
        string(gen, SEGMENT, p.segment());
        number(gen, CHURN_SCORE, p.churnScore());
        string(gen, RISK_LEVEL, p.riskLevel() == null ? null : p.riskLevel().wireName());
        string(gen, MODEL_VERSION, p.modelVersion());
        time(gen, LAPSED_SINCE, p.lapsedSince());
        object(gen, SENTIMENT, p.sentiment(), ProfileSerializer::sentiment);
        if (p.summary() != null) {
            gen.writeFieldName(SUMMARY);
            summary.serialize(p.summary(), gen, provider);
        }
        object(gen, VALUE, p.value(), ProfileSerializer::value);
        object(gen, CLUSTER, p.cluster(), ProfileSerializer::cluster);
        object(gen, SATISFACTION, p.satisfaction(), ProfileSerializer::satisfaction);
        object(gen, LOYALTY, p.loyalty(), ProfileSerializer::loyalty);
        complaints(gen, p.complaints30d());
        gen.writeFieldName(SCHEMA_VERSION);
        gen.writeNumber(p.schemaVersion());
        gen.writeEndObject();
    }

    private static void sentiment(JsonGenerator gen, CustomerProfile.Sentiment s) throws IOException {
        integer(gen, FEEDBACK_30D, s.feedback30d());
        number(gen, MEAN_30D, s.mean30d());
        number(gen, MIN_30D, s.min30d());
        integer(gen, NEGATIVE_30D, s.negative30d());
    }

    private static void value(JsonGenerator gen, CustomerValue v) throws IOException {
        number(gen, EXPECTED_PURCHASES, v.expectedPurchases());
        number(gen, EXPECTED_SPEND, v.expectedSpend());
        number(gen, PROBABILITY_ALIVE, v.probabilityAlive());
        integer(gen, HORIZON_DAYS, v.horizonDays());
    }

    private static void cluster(JsonGenerator gen, CustomerProfile.Cluster c) throws IOException {
        integer(gen, ID, c.id());
        gen.writeFieldName(NAME);
        gen.writeString(c.name()); // no inclusion rule on the cluster: a missing name is written as null
    }

    private static void satisfaction(JsonGenerator gen, CustomerProfile.Satisfaction s) throws IOException {
        if (s.index30d() != null) {
            number(gen, INDEX_30D, s.index30d());
        }
        if (s.index90d() != null) {
            number(gen, INDEX_90D, s.index90d());
        }
        integer(gen, FEEDBACK_30D, s.feedback30d());
        integer(gen, FEEDBACK_90D, s.feedback90d());
    }

    private static void loyalty(JsonGenerator gen, CustomerProfile.Loyalty l) throws IOException {
        integer(gen, INDEX, l.index());
        integer(gen, TENURE_DAYS, l.tenureDays());
        integer(gen, REPEAT_PURCHASE_DAYS, l.repeatPurchaseDays());
        integer(gen, ACTIVE_QUARTERS, l.activeQuarters());
    }

    /** A nested object, left out when null (every profile field's inclusion rule). */
    private static <T> void object(JsonGenerator gen, SerializableString name, T value, Fields<T> fields)
            throws IOException {
        if (value == null) {
            return;
        }
        gen.writeFieldName(name);
        gen.writeStartObject();
        fields.write(gen, value);
        gen.writeEndObject();
    }

    private interface Fields<T> {
        void write(JsonGenerator gen, T value) throws IOException;
    }

    private static void complaints(JsonGenerator gen, Map<String, Integer> complaints) throws IOException {
        if (complaints == null || complaints.isEmpty()) {
            return;
        }
        gen.writeFieldName(COMPLAINTS);
        gen.writeStartObject();
        for (Map.Entry<String, Integer> e : complaints.entrySet()) {
            gen.writeFieldName(e.getKey());
            if (e.getValue() == null) {
                gen.writeNull();
            } else {
                gen.writeNumber(e.getValue());
            }
        }
        gen.writeEndObject();
    }

    private static void string(JsonGenerator gen, SerializableString name, String value) throws IOException {
        if (value != null) {
            gen.writeFieldName(name);
            gen.writeString(value);
        }
    }

    private static void time(JsonGenerator gen, SerializableString name, Long time) throws IOException {
        if (time != null) {
            gen.writeFieldName(name);
            gen.writeNumber(time);
        }
    }

    private static void number(JsonGenerator gen, SerializableString name, double value) throws IOException {
        gen.writeFieldName(name);
        WholeNumbers.write(gen, value);
    }

    private static void integer(JsonGenerator gen, SerializableString name, int value) throws IOException {
        gen.writeFieldName(name);
        gen.writeNumber(value);
    }
}
