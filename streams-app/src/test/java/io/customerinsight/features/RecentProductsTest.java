package io.customerinsight.features;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;

class RecentProductsTest {

    @Test
    void forgetsTheLeastRecentlySeenWhenFullAndKeepsTheLastDayOfEach() {
        RecentProducts products = new RecentProducts(3);
        products.seen(1, 10);
        products.seen(2, 11);
        products.seen(3, 12);
        products.seen(1, 13); // seen again: now the most recent, on day 13
        products.seen(4, 14); // full: product 2, the least recently seen, is forgotten
        assertThat(products.size()).isEqualTo(3);
        assertThat(products.seenSince(0)).isEqualTo(3);
        assertThat(products.seenSince(13)).isEqualTo(2); // 1 (day 13) and 4 (day 14)
        products.seen(2, 15); // 2 is new again; 3 is now the least recent and goes
        assertThat(products.seenSince(12)).isEqualTo(3);
        assertThat(products.seenSince(13)).isEqualTo(3);
        products.seen(1, 9); // an older sighting does not move the day back
        assertThat(products.seenSince(13)).isEqualTo(3);
    }

    @Test
    void roundTripsInOrderBeyondItsInitialArrays() {
        RecentProducts products = new RecentProducts(256);
        for (int i = 0; i < 300; i++) {
            products.seen(i * 31, i);
        }
        ByteBuffer buf = ByteBuffer.allocate(products.encodedSize());
        products.write(buf);
        RecentProducts copy = new RecentProducts(256);
        copy.read(buf.flip());
        assertThat(copy.size()).isEqualTo(256);
        assertThat(copy.seenSince(44)).isEqualTo(256);
        assertThat(copy.seenSince(45)).isEqualTo(255);
        copy.seen(999_999, 400); // the oldest kept (day 44) is forgotten, as it would have been in the original
        products.seen(999_999, 400);
        ByteBuffer a = ByteBuffer.allocate(products.encodedSize());
        ByteBuffer b = ByteBuffer.allocate(copy.encodedSize());
        products.write(a);
        copy.write(b);
        assertThat(b.array()).isEqualTo(a.array());
        assertThat(copy.seenSince(45)).isEqualTo(256);
    }
}
