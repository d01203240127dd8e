package io.customerinsight.outcomes;

import io.customerinsight.alerts.RiskLevel;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * An alert whose outcome is not decided yet, kept in the customer's state: it came true if the customer
 * churned (no qualifying activity, or a cancel) within {@code horizonMillis} of {@code alertedAt}.
 */
public record OpenAlert(String alertId, RiskLevel level, String reason, String modelName, String modelVersion,
                        long alertedAt, long horizonMillis, boolean purchasesOnly) {

    public long deadline() {
        return alertedAt + horizonMillis;
    }

    public void write(ByteBuffer out) {
        putString(out, alertId);
        out.put((byte) level.ordinal());
        putString(out, reason);
        putString(out, modelName);
        putString(out, modelVersion);
        out.putLong(alertedAt);
        out.putLong(horizonMillis);
        out.put((byte) (purchasesOnly ? 1 : 0));
    }

    public int encodedSize() {
        return 4 * 2 + bytes(alertId).length + bytes(reason).length + bytes(modelName).length
                + bytes(modelVersion).length + 1 + 8 * 2 + 1;
    }

    public static OpenAlert read(ByteBuffer in) {
        return new OpenAlert(getString(in), RiskLevel.values()[in.get()], getString(in), getString(in),
                getString(in), in.getLong(), in.getLong(), in.get() == 1);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void putString(ByteBuffer out, String s) {
        byte[] b = bytes(s);
        out.putShort((short) b.length);
        out.put(b);
    }

    private static String getString(ByteBuffer in) {
        byte[] b = new byte[Short.toUnsignedInt(in.getShort())];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
