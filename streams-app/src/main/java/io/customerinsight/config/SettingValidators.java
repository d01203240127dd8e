package io.customerinsight.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import java.time.Duration;

/** The validators of {@link InsightConfig} that Kafka's {@code ConfigDef} does not have. */
final class SettingValidators {
    private SettingValidators() {
    }

    /** A string that {@link Durations#parse} accepts. */
    static final ConfigDef.Validator DURATION = new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
            try {
                Durations.parse((String) value);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, "not a duration (examples: 90s, 5m, 6h, 7d, PT6H)");
            }
        }

        @Override
        public String toString() {
            return "duration";
        }
    };

    /** A duration, or unset (null) for a default that depends on something else. */
    static final ConfigDef.Validator OPTIONAL_DURATION = new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
            if (value != null) {
                DURATION.ensureValid(name, value);
            }
        }

        @Override
        public String toString() {
            return "duration";
        }
    };

    /** A list of {@code language:channel} or channel entries (the channels themselves are checked at start-up). */
    static final ConfigDef.Validator LANGUAGE_CHANNELS = new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
            for (Object entry : (java.util.List<?>) value) {
                if (!String.valueOf(entry).trim().matches("((en|zh):)?[a-z_]+")) {
                    throw new ConfigException(name, value, "each entry is a channel, or en: or zh: and a channel "
                            + "(en:support_ticket)");
                }
            }
        }

        @Override
        public String toString() {
            return "list of [en:|zh:]channel";
        }
    };

    /** A duration the customer's daily buckets can hold (32 of them, less a day for skew between tasks). */
    static final ConfigDef.Validator LATENESS = durationAtMost("31d", "older events have left the customer's state");

    /** How far ahead of the wall clock an event may be: a day at most, as the contract once allowed. */
    static final ConfigDef.Validator FUTURE_TOLERANCE = durationAtMost("1d",
            "a record further ahead scores its whole task early");

    private static ConfigDef.Validator durationAtMost(String max, String why) {
        Duration bound = Durations.parse(max);
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                DURATION.ensureValid(name, value);
                if (Durations.parse((String) value).compareTo(bound) > 0) {
                    throw new ConfigException(name, value, "at most " + max + ": " + why);
                }
            }

            @Override
            public String toString() {
                return "duration, at most " + max;
            }
        };
    }
}
