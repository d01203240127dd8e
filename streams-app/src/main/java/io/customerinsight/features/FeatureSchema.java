package io.customerinsight.features;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The churn feature vector: names, order and meaning, defined once. The live topology and {@code replay}
 * (training rows) both build vectors with {@link FeatureExtractor}, and a model card names the
 * {@link #VERSION} it was trained on, so the app refuses a model built for other features.
 * All features are float32. Windows are aligned to UTC: "7d" is the current day and the six before it,
 * "1d" the current hour and the 23 before it, "1h" the current five minutes and the 11 before them. The long
 * horizons count whole weeks (weeks start on Thursday 00:00 UTC, aligned to the epoch): "90d" is the current
 * week and the 12 before it (13 weeks), "180d" 26 weeks, "365d" 52 weeks. "Lifetime" is everything the state
 * holds: a customer silent for longer than {@code insight.retention} starts again from nothing.
 * Version 2 keeps version 1's features, in the same order, and appends the long horizons.
 */
public final class FeatureSchema {
    public static final String VERSION = "churn-features-v2";

    public record Feature(String name, String description) {
    }

    public static final List<Feature> FEATURES = List.of(
            new Feature("events_1h", "events in the last hour"),
            new Feature("events_1d", "events in the last 24 hours"),
            new Feature("events_7d", "events in the last 7 days"),
            new Feature("events_30d", "events in the last 30 days"),
            new Feature("sessions_1d", "sessions in the last 24 hours"),
            new Feature("sessions_7d", "sessions in the last 7 days"),
            new Feature("sessions_30d", "sessions in the last 30 days"),
            new Feature("page_views_7d", "page views in the last 7 days"),
            new Feature("searches_7d", "searches in the last 7 days"),
            new Feature("product_views_7d", "product views in the last 7 days"),
            new Feature("add_to_cart_7d", "add-to-cart actions in the last 7 days"),
            new Feature("add_to_cart_30d", "add-to-cart actions in the last 30 days"),
            new Feature("purchases_7d", "purchases in the last 7 days"),
            new Feature("purchases_30d", "purchases in the last 30 days"),
            new Feature("spend_7d", "amount spent in the last 7 days"),
            new Feature("spend_30d", "amount spent in the last 30 days"),
            new Feature("cart_abandonment_30d", "share of carts not followed by a purchase, last 30 days"),
            new Feature("distinct_products_30d", "distinct products viewed or bought, last 30 days"),
            new Feature("logins_30d", "logins in the last 30 days"),
            new Feature("support_contacts_7d", "support contacts in the last 7 days"),
            new Feature("support_contacts_30d", "support contacts in the last 30 days"),
            new Feature("cancellations_30d", "subscription cancellations in the last 30 days"),
            new Feature("active_days_7d", "days with activity in the last 7 days"),
            new Feature("active_days_30d", "days with activity in the last 30 days"),
            new Feature("days_since_last_event", "days since the last activity"),
            new Feature("days_since_last_purchase", "days since the last purchase (365 if none)"),
            new Feature("tenure_days", "days since the customer was first seen (up to 365)"),
            new Feature("trend_events_7d", "events last 7 days against the 7 before, from -1 to 1"),
            new Feature("trend_sessions_7d", "sessions last 7 days against the 7 before, from -1 to 1"),
            new Feature("feedback_30d", "feedback messages in the last 30 days"),
            new Feature("sentiment_mean_30d", "mean feedback sentiment, last 30 days (-1 to 1, 0 if none)"),
            new Feature("sentiment_min_30d", "most negative feedback sentiment, last 30 days (0 if none)"),
            new Feature("negative_feedback_30d", "negative feedback messages in the last 30 days"),
            new Feature("low_ratings_30d", "ratings of 1 or 2 in the last 30 days"),
            new Feature("purchases_90d", "purchases in the last 13 weeks"),
            new Feature("purchases_180d", "purchases in the last 26 weeks"),
            new Feature("purchases_365d", "purchases in the last 52 weeks"),
            new Feature("spend_90d", "amount spent in the last 13 weeks"),
            new Feature("spend_180d", "amount spent in the last 26 weeks"),
            new Feature("spend_365d", "amount spent in the last 52 weeks"),
            new Feature("sessions_90d", "sessions in the last 13 weeks"),
            new Feature("sessions_180d", "sessions in the last 26 weeks"),
            new Feature("sessions_365d", "sessions in the last 52 weeks"),
            new Feature("active_weeks_90d", "weeks with activity among the last 13"),
            new Feature("active_weeks_180d", "weeks with activity among the last 26"),
            new Feature("active_weeks_365d", "weeks with activity among the last 52"),
            new Feature("active_days_90d", "days with activity in the last 13 weeks"),
            new Feature("events_lifetime", "events in the customer's whole history"),
            new Feature("sessions_lifetime", "sessions in the customer's whole history"),
            new Feature("purchases_lifetime", "purchases in the customer's whole history"),
            new Feature("spend_lifetime", "amount spent in the customer's whole history"),
            new Feature("purchase_days_lifetime", "days with a purchase in the customer's whole history"),
            new Feature("days_since_first_purchase", "days since the first purchase day (0 if none)"),
            new Feature("purchase_cadence_days", "days the customer usually leaves between purchases (365 when they "
                    + "have bought on one day only)"),
            new Feature("purchase_recency_vs_cadence", "days since the last purchase, in the customer's usual gaps "
                    + "between purchases (up to 20)"),
            new Feature("spend_trend_90d", "spend in the last 13 weeks against the 13 before, from -1 to 1"),
            new Feature("purchases_trend_90d", "purchases in the last 13 weeks against the 13 before, from -1 to 1"),
            new Feature("basket_trend_90d", "mean purchase value of the last 13 weeks against the lifetime mean, "
                    + "from -1 to 1 (0 without a purchase in 13 weeks)"),
            new Feature("returns_90d", "returns in the last 13 weeks"),
            new Feature("returned_amount_90d", "amount returned in the last 13 weeks"),
            new Feature("return_share_365d", "amount returned over amount spent, last 52 weeks (0 to 1)"),
            new Feature("order_cancels_90d", "cancelled orders in the last 13 weeks"),
            new Feature("support_contacts_90d", "support contacts in the last 13 weeks"),
            new Feature("negative_feedback_90d", "negative feedback messages in the last 13 weeks"));

    public static final List<String> NAMES = FEATURES.stream().map(Feature::name).collect(Collectors.toUnmodifiableList());

    private FeatureSchema() {
    }

    public static int size() {
        return FEATURES.size();
    }

    public static int indexOf(String name) {
        int i = NAMES.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no feature named " + name);
        }
        return i;
    }
}
