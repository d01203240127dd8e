package io.customerinsight.events;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** The feedback channels of the contract. */
public enum FeedbackChannel {
    REVIEW, SURVEY, SUPPORT_TICKET, CHAT, SOCIAL;

    public static final Set<String> WIRE_NAMES = Arrays.stream(values())
            .map(FeedbackChannel::wireName).collect(Collectors.toUnmodifiableSet());

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
