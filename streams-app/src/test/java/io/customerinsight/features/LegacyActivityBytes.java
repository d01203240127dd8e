package io.customerinsight.features;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Customer activity as releases before the current format wrote it, for the tests of their migration. */
final class LegacyActivityBytes {
    private LegacyActivityBytes() {
    }

    /**
     * The bytes of a state with the session memory written as formats 2 to 6 wrote it (each id with its length);
     * the state's other parts are the same in those formats.
     */
    static byte[] withSessionIds(byte[] current, String... ids) {
        int header = 1 + 4 * 8;
        int sessionBytes = 1 + 8 * Byte.toUnsignedInt(current[header]);
        ByteBuffer out = ByteBuffer.allocate(current.length - sessionBytes + 1 + Arrays.stream(ids)
                .mapToInt(s -> 2 + s.getBytes(StandardCharsets.UTF_8).length).sum());
        out.put(current, 0, header);
        out.put((byte) ids.length);
        for (String id : ids) {
            byte[] b = id.getBytes(StandardCharsets.UTF_8);
            out.putShort((short) b.length);
            out.put(b);
        }
        out.put(current, header + sessionBytes, current.length - header - sessionBytes);
        return out.array();
    }
}
