package io.customerinsight.customer;

import io.customerinsight.events.ComplaintTopic;
import io.customerinsight.features.CustomerActivity;
import io.customerinsight.features.FeatureExtractor;
import io.customerinsight.features.Spend;
import io.customerinsight.features.Standing;
import io.customerinsight.value.CustomerValue;
import io.customerinsight.value.ValueModel;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A customer's features frozen as of a scoring point: taken when stream time reaches the point, so it holds
 * exactly the events at or before it, and scored later in a batched model call. What the alert and the
 * profile need of the customer's history is frozen with it, so that events folded in between do not leak
 * into either: outputs are a function of the input, not of when the model ran.
 *
 * @param asOf              the scoring point (event time): every event at or before it, none after
 * @param mayPublishProfile whether this scoring may publish a profile (at most one per rescoring interval)
 * @param visitStart        whether the point is the time of the customer's latest event and no risk signal is
 *                          among its events: the snapshot holds the start of a visit and none of the rest, so
 *                          an alert waits for the next scoring
 * @param recentProducts    the hashes of the customer's last products, the most recent first, for product
 *                          suggestions (empty without a suggestion model)
 * @param complaints        the customer's complaints of the last 30 days per aspect, the most frequent first
 * @param spend             the profile's money to the cent (only a snapshot that may publish one has it; null
 *                          in a snapshot stored before format 9, whose profile writes the features' floats)
 */
record Snapshot(long asOf, float[] features, long firstSeen, long lastActivity, long lastPurchase,
                boolean mayPublishProfile, boolean visitStart, CustomerValue value, Standing standing,
                int[] recentProducts, Map<String, Integer> complaints, Spend spend) {
    private static final int[] NO_PRODUCTS = new int[0];
    private static final List<String> ASPECTS = ComplaintTopic.ASPECTS;

    Snapshot(long asOf, float[] features, long firstSeen, long lastActivity, long lastPurchase,
             boolean mayPublishProfile, CustomerValue value, Standing standing) {
        this(asOf, features, firstSeen, lastActivity, lastPurchase, mayPublishProfile, false, value, standing,
                NO_PRODUCTS, Map.of(), null);
    }

    static Snapshot of(CustomerActivity a, long asOf, boolean mayPublishProfile, ValueModel valueModel) {
        return of(a, asOf, mayPublishProfile, valueModel, 0, false);
    }

    static Snapshot of(CustomerActivity a, long asOf, boolean mayPublishProfile, ValueModel valueModel,
                       int products) {
        return of(a, asOf, mayPublishProfile, valueModel, products, false);
    }

    /**
     * Takes the snapshot; the activity must hold no event after {@code asOf}.
     *
     * @param valueModel the customer value model, or null for none
     * @param products   how many of the customer's recent products to keep for suggestions
     */
    static Snapshot of(CustomerActivity a, long asOf, boolean mayPublishProfile, ValueModel valueModel,
                       int products, boolean visitStart) {
        // satisfaction, loyalty and money to the cent are for the profile: only a snapshot that may publish one
        // needs them
        return new Snapshot(asOf, FeatureExtractor.extract(a, asOf), a.firstSeen(), a.lastActivity(),
                a.lastPurchase(), mayPublishProfile, visitStart,
                valueModel == null ? null : valueModel.estimate(a.purchaseDays(), asOf),
                mayPublishProfile ? Standing.of(a, asOf) : null,
                products == 0 ? NO_PRODUCTS : a.recentProducts(products, asOf), a.complaintAspects(asOf),
                mayPublishProfile ? Spend.of(a, asOf) : null);
    }

    int encodedSize() {
        return 8 * 4 + 1 + 2 + 4 * features.length + 1 + (value == null ? 0 : 8 * 3 + 4) + 1
                + (standing == null ? 0 : Standing.ENCODED_SIZE) + 1 + 4 * recentProducts.length
                + 1 + 2 * complaints.size() + 1 + (spend == null ? 0 : Spend.ENCODED_SIZE);
    }

    void write(ByteBuffer out) {
        out.putLong(asOf);
        out.putLong(firstSeen);
        out.putLong(lastActivity);
        out.putLong(lastPurchase);
        out.put((byte) ((mayPublishProfile ? 1 : 0) | (visitStart ? 2 : 0)));
        out.putShort((short) features.length);
        for (float f : features) {
            out.putFloat(f);
        }
        out.put((byte) (value == null ? 0 : 1));
        if (value != null) {
            out.putDouble(value.expectedPurchases());
            out.putDouble(value.expectedSpend());
            out.putDouble(value.probabilityAlive());
            out.putInt(value.horizonDays());
        }
        out.put((byte) (standing == null ? 0 : 1));
        if (standing != null) {
            standing.write(out);
        }
        out.put((byte) recentProducts.length);
        for (int product : recentProducts) {
            out.putInt(product);
        }
        out.put((byte) complaints.size());
        for (Map.Entry<String, Integer> e : complaints.entrySet()) {
            out.put((byte) ASPECTS.indexOf(e.getKey()));
            out.put((byte) Math.min(e.getValue(), 255));
        }
        out.put((byte) (spend == null ? 0 : 1));
        if (spend != null) {
            spend.write(out);
        }
    }

    /**
     * @param withStanding whether the state's format stores satisfaction and loyalty (format 4 on)
     * @param withProducts whether it stores the recent products (format 5 on); without, the alert of this
     *                     snapshot suggests the popular products
     * @param withComplaints whether it stores the complaints per aspect (format 6 on); without, none
     * @param withVisitStart whether it stores whether the snapshot holds a visit's start (format 8 on); without,
     *                       it is decided as a snapshot of a quiet point
     * @param withSpend      whether it stores the profile's money to the cent (format 9 on); without, none
     */
    static Snapshot read(ByteBuffer in, boolean withStanding, boolean withProducts, boolean withComplaints,
                         boolean withVisitStart, boolean withSpend) {
        long asOf = in.getLong();
        long firstSeen = in.getLong();
        long lastActivity = in.getLong();
        long lastPurchase = in.getLong();
        byte flags = in.get();
        boolean mayPublish = (flags & 1) == 1;
        boolean visitStart = withVisitStart && (flags & 2) != 0;
        float[] features = new float[Short.toUnsignedInt(in.getShort())];
        for (int i = 0; i < features.length; i++) {
            features[i] = in.getFloat();
        }
        CustomerValue value = in.get() == 1
                ? new CustomerValue(in.getDouble(), in.getDouble(), in.getDouble(), in.getInt()) : null;
        Standing standing = withStanding && in.get() == 1 ? Standing.read(in) : null;
        int[] products = withProducts ? new int[Byte.toUnsignedInt(in.get())] : NO_PRODUCTS;
        for (int i = 0; i < products.length; i++) {
            products[i] = in.getInt();
        }
        Map<String, Integer> complaints = new LinkedHashMap<>();
        int aspects = withComplaints ? Byte.toUnsignedInt(in.get()) : 0;
        for (int i = 0; i < aspects; i++) {
            complaints.put(ASPECTS.get(in.get()), Byte.toUnsignedInt(in.get()));
        }
        Spend spend = withSpend && in.get() == 1 ? Spend.read(in) : null;
        return new Snapshot(asOf, features, firstSeen, lastActivity, lastPurchase, mayPublish, visitStart, value,
                standing, products, complaints, spend);
    }
}
