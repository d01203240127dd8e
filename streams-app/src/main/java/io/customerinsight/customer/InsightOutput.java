package io.customerinsight.customer;

import io.customerinsight.alerts.ChurnAlert;
import io.customerinsight.profiles.CustomerProfile;

/** What the customer processor emits; the topology splits it to the alert and profile topics. */
public sealed interface InsightOutput {
    record Alert(ChurnAlert alert) implements InsightOutput {
    }

    record Profile(CustomerProfile profile) implements InsightOutput {
    }
}
