package io.customerinsight.profiles;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.customerinsight.events.WholeNumbers;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes a profile's summary: every profile carries the same sixteen names, so each is quoted and encoded
 * once ({@link SerializedString}) rather than escaped for every profile, as Jackson's map serializer does;
 * numbers as everywhere in the profile ({@link WholeNumbers}).
 */
final class SummarySerializer extends StdSerializer<Map<String, Double>> {
    private static final Map<String, SerializedString> NAMES = new HashMap<>();
    /** the names in the order the builder puts them, to be found without a lookup */
    private static final SerializedString[] IN_ORDER = new SerializedString[ProfileBuilder.SUMMARY_FEATURES.size()];

    static {
        for (int i = 0; i < IN_ORDER.length; i++) {
            String name = ProfileBuilder.SUMMARY_FEATURES.get(i);
            IN_ORDER[i] = new SerializedString(name);
            NAMES.put(name, IN_ORDER[i]);
        }
    }

    @SuppressWarnings("unchecked")
    SummarySerializer() {
        super((Class<Map<String, Double>>) (Class<?>) Map.class);
    }

    @Override
    public void serialize(Map<String, Double> summary, JsonGenerator gen, SerializerProvider provider)
            throws IOException {
        gen.writeStartObject(summary);
        int position = 0;
        for (Map.Entry<String, Double> e : summary.entrySet()) {
            // the very strings the builder put (by reference); a summary read back from JSON has others
            SerializedString name = position < IN_ORDER.length && IN_ORDER[position].getValue() == e.getKey()
                    ? IN_ORDER[position] : NAMES.get(e.getKey());
            position++;
            if (name != null) {
                gen.writeFieldName(name);
            } else {
                gen.writeFieldName(e.getKey());
            }
            if (e.getValue() == null) {
                gen.writeNull();
            } else {
                WholeNumbers.write(gen, e.getValue());
            }
        }
        gen.writeEndObject();
    }
}
