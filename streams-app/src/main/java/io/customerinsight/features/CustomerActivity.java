package io.customerinsight.features;

import io.customerinsight.events.ClickEvent;
import io.customerinsight.events.EventType;
import io.customerinsight.events.ScoredFeedback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything the features need to know about one customer's behaviour: bucketed counters over 32 days
 * (daily), 24 hours (hourly) and one hour (five-minute buckets), a year by week with lifetime totals
 * ({@link LongHistory}), the purchase days, and recency marks. Out-of-order events land in their own
 * buckets; memory per customer is bounded.
 */
public final class CustomerActivity {
    static final long MINUTE = 60_000L;
    static final long HOUR = 60 * MINUTE;
    static final long DAY = 24 * HOUR;
    private static final int MAX_TRACKED_PRODUCTS = 256;
    /**
     * A session's events can arrive far apart and out of order (a record without a key reaches its customer a
     * hop after the keyed ones beside it; a backlog brings them in whatever order the tasks wrote them): each
     * session is counted once if it is among the customer's latest 32.
     */
    private static final int RECENT_SESSIONS = 32;
    /**
     * Format 5 adds satisfaction (daily and weekly) and weekly feedback counts; format 6 the aspects of the
     * latest complaints (an older format has none); format 7 the latest 32 sessions' hashes (an older format
     * held the last four ids themselves). Older formats are migrated.
     */
    private static final byte FORMAT = 7;

    static final int DAILY_BUCKETS = 32;

    final BucketRing days = new BucketRing(DAILY_BUCKETS, DAY, Metric.COUNT);
    final BucketRing hours = new BucketRing(24, HOUR, Metric.FINE_GRAINED);
    final BucketRing fiveMinutes = new BucketRing(12, 5 * MINUTE, Metric.FINE_GRAINED);

    long firstSeen = Long.MAX_VALUE;
    long lastEvent = Long.MIN_VALUE;
    long lastPurchase = Long.MIN_VALUE;
    long lastFeedback = Long.MIN_VALUE;
    /** the customer's whole purchase history, by day: what customer value models need */
    private final PurchaseDays purchaseDays = new PurchaseDays();
    final LongHistory longHistory = new LongHistory();
    private final RecentIds sessions = new RecentIds(RECENT_SESSIONS);
    private final RecentProducts products = new RecentProducts(MAX_TRACKED_PRODUCTS);
    private final ComplaintAspects complaints = new ComplaintAspects();

    public void apply(ClickEvent e) {
        long ts = e.timestamp();
        firstSeen = Math.min(firstSeen, ts);
        lastEvent = Math.max(lastEvent, ts);
        boolean firstOfDay = days.get(ts, Metric.EVENTS.ordinal()) == 0;
        count(ts, Metric.EVENTS, 1);
        longHistory.add(ts, WeeklyMetric.EVENTS, 1);
        if (firstOfDay && days.get(ts, Metric.EVENTS.ordinal()) > 0) {
            longHistory.add(ts, WeeklyMetric.ACTIVE_DAYS, 1);
        }
        if (e.sessionId() != null && sessions.add(e.sessionId())) {
            count(ts, Metric.SESSIONS, 1);
            longHistory.add(ts, WeeklyMetric.SESSIONS, 1);
        }
        EventType type = e.eventType();
        switch (type) {
            case PAGE_VIEW -> days.add(ts, Metric.PAGE_VIEWS.ordinal(), 1);
            case SEARCH -> days.add(ts, Metric.SEARCHES.ordinal(), 1);
            case PRODUCT_VIEW -> days.add(ts, Metric.PRODUCT_VIEWS.ordinal(), 1);
            case ADD_TO_CART -> days.add(ts, Metric.ADD_TO_CART.ordinal(), 1);
            case REMOVE_FROM_CART -> days.add(ts, Metric.REMOVE_FROM_CART.ordinal(), 1);
            case CHECKOUT -> days.add(ts, Metric.CHECKOUTS.ordinal(), 1);
            case PURCHASE -> {
                double amount = e.amount() == null ? 0 : e.amount();
                purchaseDays.add(Math.floorDiv(ts, DAY), amount, days.get(ts, Metric.PURCHASES.ordinal()) == 0);
                days.add(ts, Metric.PURCHASES.ordinal(), 1);
                days.add(ts, Metric.SPEND.ordinal(), amount);
                longHistory.add(ts, WeeklyMetric.PURCHASES, 1);
                longHistory.add(ts, WeeklyMetric.SPEND, amount);
                lastPurchase = Math.max(lastPurchase, ts);
            }
            case LOGIN -> days.add(ts, Metric.LOGINS.ordinal(), 1);
            case SUPPORT_CONTACT -> {
                days.add(ts, Metric.SUPPORT.ordinal(), 1);
                longHistory.add(ts, WeeklyMetric.SUPPORT, 1);
            }
            case SUBSCRIPTION_CANCEL -> days.add(ts, Metric.CANCELS.ordinal(), 1);
            case ORDER_CANCEL -> {
                days.add(ts, Metric.ORDER_CANCELS.ordinal(), 1);
                longHistory.add(ts, WeeklyMetric.ORDER_CANCELS, 1);
            }
            case RETURN -> {
                double amount = e.amount() == null ? 0 : e.amount();
                days.add(ts, Metric.RETURNS.ordinal(), 1);
                days.add(ts, Metric.RETURNED_AMOUNT.ordinal(), amount);
                longHistory.add(ts, WeeklyMetric.RETURNS, 1);
                longHistory.add(ts, WeeklyMetric.RETURNED_AMOUNT, amount);
            }
            case UNKNOWN -> days.add(ts, Metric.UNKNOWN.ordinal(), 1);
        }
        if (e.productId() != null) {
            products.seen(e.productId().hashCode(), (int) Math.floorDiv(ts, DAY));
        }
    }

    public void apply(ScoredFeedback f) {
        long ts = f.timestamp();
        firstSeen = Math.min(firstSeen, ts);
        lastFeedback = Math.max(lastFeedback, ts);
        boolean first = days.get(ts, Metric.FEEDBACK.ordinal()) == 0;
        if (!days.add(ts, Metric.FEEDBACK.ordinal(), 1)) {
            return;
        }
        days.add(ts, Metric.SENTIMENT_SUM.ordinal(), f.sentiment());
        double satisfaction = Standing.satisfactionOf(f);
        days.add(ts, Metric.SATISFACTION_SUM.ordinal(), satisfaction);
        longHistory.add(ts, WeeklyMetric.FEEDBACK, 1);
        longHistory.add(ts, WeeklyMetric.SATISFACTION_SUM, satisfaction);
        days.min(ts, Metric.SENTIMENT_MIN.ordinal(), f.sentiment(), first);
        if ("negative".equals(f.label())) {
            days.add(ts, Metric.NEGATIVE_FEEDBACK.ordinal(), 1);
            longHistory.add(ts, WeeklyMetric.NEGATIVE_FEEDBACK, 1);
        }
        if (f.rating() != null && f.rating() <= 2) {
            days.add(ts, Metric.LOW_RATINGS.ordinal(), 1);
        }
        if (f.topics() != null && f.isComplaint()) {
            for (var topic : f.topics()) {
                complaints.add(topic.aspect(), (int) Math.floorDiv(ts, DAY));
            }
        }
    }

    /** The customer's complaints of the 30 days up to {@code asOf}, per aspect, the most frequent first. */
    public Map<String, Integer> complaintAspects(long asOf) {
        int day = (int) Math.floorDiv(asOf, DAY);
        return complaints.between(day - 29, day);
    }

    /**
     * Whether an event of this time can still be applied: the daily buckets reach back 32 days from the
     * newest one (the day of the latest activity); an older event has left the state.
     */
    public boolean canHold(long timestamp) {
        return isEmpty() || Math.floorDiv(timestamp, DAY) > Math.floorDiv(lastActivity(), DAY) - DAILY_BUCKETS;
    }

    public boolean isEmpty() {
        return firstSeen == Long.MAX_VALUE;
    }

    /** The latest time anything was heard from the customer (behaviour or feedback). */
    public long lastActivity() {
        return Math.max(lastEvent, lastFeedback);
    }

    public long firstSeen() {
        return firstSeen;
    }

    public long lastPurchase() {
        return lastPurchase;
    }

    public PurchaseDays purchaseDays() {
        return purchaseDays;
    }

    /** The hashes of the customer's last {@code limit} products seen by {@code asOf}, the most recent first. */
    public int[] recentProducts(int limit, long asOf) {
        return products.mostRecent(limit, (int) Math.floorDiv(asOf, DAY));
    }

    int distinctProductsSince(int firstDay) {
        return products.seenSince(firstDay);
    }

    private void count(long ts, Metric metric, double delta) {
        days.add(ts, metric.ordinal(), delta);
        hours.add(ts, metric.ordinal(), delta);
        fiveMinutes.add(ts, metric.ordinal(), delta);
    }

    /**
     * The store format, version 4: version 3 and the long history (weekly buckets, lifetime totals) at the
     * end. Versions 3 and 2 are migrated on read: version 2 had no purchase days, which are rebuilt from the
     * daily buckets it holds (32 days); neither had the long history, which starts from those daily buckets
     * (lifetime purchases and spend from the purchase days, which reach further). Version 1, written through
     * data streams by early snapshots, is not read: reset the application's state when upgrading from them.
     */
    public byte[] toBytes() {
        ByteBuffer out = ByteBuffer.allocate(encodedSize());
        write(out);
        return out.array();
    }

    public int encodedSize() {
        return 1 + 4 * 8 + sessions.encodedSize() + products.encodedSize() + PurchaseDays.ENCODED_SIZE
                + days.encodedSize() + hours.encodedSize() + fiveMinutes.encodedSize() + longHistory.encodedSize()
                + complaints.encodedSize();
    }

    public void write(ByteBuffer out) {
        out.put(FORMAT);
        out.putLong(firstSeen);
        out.putLong(lastEvent);
        out.putLong(lastPurchase);
        out.putLong(lastFeedback);
        sessions.write(out);
        products.write(out);
        purchaseDays.write(out);
        days.write(out);
        hours.write(out);
        fiveMinutes.write(out);
        longHistory.write(out);
        complaints.write(out);
    }

    public static CustomerActivity fromBytes(byte[] data) {
        return read(ByteBuffer.wrap(data));
    }

    public static CustomerActivity read(ByteBuffer in) {
        byte format = in.get();
        if (format < 2 || format > FORMAT) {
            throw new IllegalStateException("customer state in format " + format + ", this version reads formats 2 "
                    + "to " + FORMAT + ": reset the application's state (kafka-streams-application-reset) after "
                    + "upgrading");
        }
        CustomerActivity a = new CustomerActivity();
        a.firstSeen = in.getLong();
        a.lastEvent = in.getLong();
        a.lastPurchase = in.getLong();
        a.lastFeedback = in.getLong();
        if (format >= 7) {
            a.sessions.read(in);
        } else {
            int ids = Byte.toUnsignedInt(in.get()); // formats 2 to 6 held the last four ids themselves
            for (int i = 0; i < ids; i++) {
                byte[] id = new byte[Short.toUnsignedInt(in.getShort())];
                in.get(id);
                a.sessions.add(new String(id, StandardCharsets.UTF_8));
            }
        }
        a.products.read(in);
        if (format >= 3) {
            a.purchaseDays.read(in);
        }
        a.days.read(in);
        a.hours.read(in);
        a.fiveMinutes.read(in);
        if (format <= 4) {
            // satisfaction was not kept: each message's is taken as its sentiment (past ratings are not kept)
            List<long[]> feedbackDays = new ArrayList<>();
            a.days.forEachUnit((day, values) -> {
                if (values[Metric.FEEDBACK.ordinal()] > 0) {
                    feedbackDays.add(new long[] {day, Double.doubleToLongBits(values[Metric.SENTIMENT_SUM.ordinal()])});
                }
            });
            for (long[] d : feedbackDays) {
                a.days.add(d[0] * DAY, Metric.SATISFACTION_SUM.ordinal(), Double.longBitsToDouble(d[1]));
            }
        }
        if (format == 2) {
            a.days.forEachUnit((day, values) -> {
                if (values[Metric.PURCHASES.ordinal()] > 0) {
                    a.purchaseDays.add(day, values[Metric.SPEND.ordinal()], true);
                }
            });
        }
        if (format >= 4) {
            a.longHistory.read(in);
            if (format == 4) {
                a.longHistory.rebuildFeedbackFrom(a.days);
            }
        } else {
            a.longHistory.rebuildFrom(a.days, a.purchaseDays);
        }
        if (format >= 6) {
            a.complaints.read(in);
        }
        return a;
    }
}
