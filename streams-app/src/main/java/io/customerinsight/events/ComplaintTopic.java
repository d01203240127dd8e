package io.customerinsight.events;

import java.util.List;

/**
 * What a complaint is about: the shared, named {@code aspect} (delivery, price, quality, size, service, refund,
 * product, app or other) that readers and the playbook key on, the discovered {@code topic} it came from, named
 * by its top terms (topics change at every retrain; aspects do not), and the topic model's {@code probability}.
 */
public record ComplaintTopic(String aspect, String topic, double probability) {
    /** Every aspect a topic may map to, in a fixed order (states store an aspect by its place here). */
    public static final List<String> ASPECTS = List.of("delivery", "price", "quality", "size", "service", "refund",
            "product", "app", "other");
}
