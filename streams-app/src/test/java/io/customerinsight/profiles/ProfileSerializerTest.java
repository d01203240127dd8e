package io.customerinsight.profiles;

import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.customerinsight.alerts.RiskLevel;
import io.customerinsight.events.EventSerdes;
import io.customerinsight.value.CustomerValue;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ProfileSerializerTest {
    /** Jackson's own serializer for the record: the custom one taken off by a mix-in. */
    @JsonSerialize(using = JsonSerializer.None.class)
    private abstract static class RecordSerializer {
    }

    private static final ObjectMapper JACKSON = EventSerdes.JSON.copy()
            .addMixIn(CustomerProfile.class, RecordSerializer.class);

    @Test
    void aProfileIsWrittenAsJacksonWritesTheRecordWhateverIsMissing() throws Exception {
        Random random = new Random(3);
        for (int i = 0; i < 2_000; i++) {
            CustomerProfile profile = randomProfile(random);
            String written = EventSerdes.JSON.writeValueAsString(profile);
            assertThat(written).isEqualTo(JACKSON.writeValueAsString(profile));
            if (profile.complaints30d() == null || !profile.complaints30d().isEmpty()) { // an empty map is left out
                CustomerProfile read = EventSerdes.JSON.readValue(written, CustomerProfile.class);
                assertThat(read).isEqualTo(profile);
                assertThat(EventSerdes.JSON.writeValueAsString(read)).as("names found by lookup").isEqualTo(written);
            }
        }
        assertThat(EventSerdes.JSON.writerFor(CustomerProfile.class).writeValueAsString(randomProfile(random)))
                .as("through the writer the profiles' serde uses").endsWith("\"schemaVersion\":1}");
    }

    private static CustomerProfile randomProfile(Random r) {
        Map<String, Double> summary = null;
        if (r.nextInt(5) > 0) {
            summary = new LinkedHashMap<>();
            for (String name : ProfileBuilder.SUMMARY_FEATURES) {
                summary.put(name, r.nextInt(10) == 0 ? r.nextInt(100) : Math.round(r.nextDouble() * 1e5) / 100.0);
            }
        }
        Map<String, Integer> complaints = switch (r.nextInt(3)) {
            case 0 -> null;
            case 1 -> Map.of();
            default -> Map.of("delivery", 1 + r.nextInt(3));
        };
        return new CustomerProfile("c-" + r.nextInt(1000), r.nextLong(), time(r), time(r), time(r),
                r.nextBoolean() ? "regular" : null, Math.round(r.nextDouble() * 10_000) / 10_000.0,
                r.nextInt(4) == 0 ? null : RiskLevel.values()[r.nextInt(3)], r.nextBoolean() ? "churn 1.0.0" : null,
                time(r),
                r.nextBoolean() ? null : new CustomerProfile.Sentiment(r.nextInt(5), r.nextDouble() * 2 - 1,
                        -r.nextDouble(), r.nextInt(3)),
                summary,
                r.nextBoolean() ? null : new CustomerValue(r.nextDouble() * 5, r.nextDouble() * 900,
                        r.nextDouble(), 90),
                r.nextBoolean() ? null : new CustomerProfile.Cluster(r.nextInt(6),
                        r.nextInt(4) == 0 ? null : "weekend browsers \"new\""),
                r.nextBoolean() ? null : new CustomerProfile.Satisfaction(r.nextBoolean() ? null : r.nextDouble() * 100,
                        r.nextBoolean() ? null : 50.0, r.nextInt(4), r.nextInt(9)),
                r.nextBoolean() ? null : new CustomerProfile.Loyalty(r.nextInt(101), r.nextInt(400), r.nextInt(20),
                        r.nextInt(5)),
                complaints);
    }

    private static Long time(Random r) {
        return r.nextBoolean() ? null : 1_700_000_000_000L + r.nextInt(1_000_000_000);
    }
}
