package io.customerinsight.testing;

import java.time.Instant;

/** JSON builders for contract events in tests. */
public final class Events {
    public static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    public static final long MINUTE = 60_000L;
    public static final long HOUR = 60 * MINUTE;
    public static final long DAY = 24 * HOUR;

    private Events() {
    }

    public static String click(String eventId, String customer, String type, long ts, String session) {
        return "{\"eventId\":\"" + eventId + "\",\"customerId\":\"" + customer + "\",\"type\":\"" + type
                + "\",\"timestamp\":" + ts + ",\"sessionId\":\"" + session + "\"}";
    }

    public static String productEvent(String eventId, String customer, String type, long ts, String session,
                                      String product) {
        return "{\"eventId\":\"" + eventId + "\",\"customerId\":\"" + customer + "\",\"type\":\"" + type
                + "\",\"timestamp\":" + ts + ",\"sessionId\":\"" + session + "\",\"productId\":\"" + product + "\"}";
    }

    public static String purchase(String eventId, String customer, long ts, String session, double amount) {
        return "{\"eventId\":\"" + eventId + "\",\"customerId\":\"" + customer + "\",\"type\":\"purchase\",\"timestamp\":"
                + ts + ",\"sessionId\":\"" + session + "\",\"productId\":\"p-1\",\"amount\":" + amount
                + ",\"currency\":\"EUR\"}";
    }

    public static String feedback(String id, String customer, long ts, String channel, String text, Integer rating) {
        return "{\"feedbackId\":\"" + id + "\",\"customerId\":\"" + customer + "\",\"timestamp\":" + ts
                + ",\"channel\":\"" + channel + "\",\"text\":\"" + text + "\""
                + (rating == null ? "" : ",\"rating\":" + rating) + "}";
    }
}
