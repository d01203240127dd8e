package io.customerinsight.alerts;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Churn risk levels, ordered. */
public enum RiskLevel {
    LOW, MEDIUM, HIGH;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public boolean above(RiskLevel other) {
        return compareTo(other) > 0;
    }

    public static RiskLevel fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
