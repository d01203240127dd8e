package io.customerinsight.tools;

import io.customerinsight.alerts.ChurnAlert;
import io.customerinsight.scoring.TopFactor;
import io.customerinsight.suggestions.ProductSuggestion;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Collectors;

/** Formats churn alerts as one readable line each, for the demo's live feed. */
final class AlertFeed {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private AlertFeed() {
    }

    static String line(ChurnAlert a) {
        String why = a.topFactors().stream().limit(3).map(AlertFeed::factor).collect(Collectors.joining("; "));
        String worth = a.value() == null ? "" : String.format(Locale.ROOT, "  worth %.0f over %d days",
                a.value().expectedSpend(), a.value().horizonDays());
        String action = a.action() == null ? "" : "  do: " + a.action().description()
                + (a.priority() > 0 ? String.format(Locale.ROOT, " (priority %.0f)", a.priority()) : "");
        String offer = a.suggestions() == null || a.suggestions().isEmpty() ? "" : "  offer: " + a.suggestions()
                .stream().limit(3).map(ProductSuggestion::productId).collect(Collectors.joining(", "));
        String about = a.complaints() == null || a.complaints().isEmpty() ? ""
                : "  complains of: " + String.join(", ", a.complaints().keySet());
        return String.format(Locale.ROOT, "ALERT %-6s %s  churn risk %.2f (was %s, at %s%s)%s%s%s%s  why: %s",
                a.riskLevel().wireName().toUpperCase(Locale.ROOT), a.customerId(), a.score(),
                a.previousRiskLevel().wireName(), TIME.format(Instant.ofEpochMilli(a.createdAt())),
                "cancelled".equals(a.reason()) ? ", cancelled" : "", worth, about, action, offer,
                why.isEmpty() ? "-" : why);
    }

    private static String factor(TopFactor f) {
        return f.description() + " " + number(f.value()) + " (typical " + number(f.typicalValue()) + ")";
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
