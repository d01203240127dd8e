package io.customerinsight.customer;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DueQueueTest {

    @Test
    void holdsOneEntryPerCustomerAtItsLatestDueTime() {
        DueQueue queue = new DueQueue();
        queue.schedule("a", Long.MIN_VALUE, 300);
        queue.schedule("b", Long.MIN_VALUE, 100);
        queue.schedule("a", 300, 50);
        queue.schedule("b", 100, 100);
        assertThat(queue.size()).isEqualTo(2);
        assertThat(queue.dueBy(1_000, 10)).containsExactly(new DueQueue.Due(50, "a"), new DueQueue.Due(100, "b"));
    }

    @Test
    void yieldsOnlyWhatIsDueOldestFirstUpToTheLimit() {
        DueQueue queue = new DueQueue();
        for (int i = 0; i < 10; i++) {
            queue.schedule("c" + i, Long.MIN_VALUE, 1_000 - i * 100);
        }
        assertThat(queue.dueBy(400, 100)).extracting(DueQueue.Due::customerId)
                .containsExactly("c9", "c8", "c7", "c6");
        assertThat(queue.dueBy(400, 2)).extracting(DueQueue.Due::customerId).containsExactly("c9", "c8");
        queue.remove("c9", 100);
        assertThat(queue.dueBy(400, 100)).extracting(DueQueue.Due::customerId).containsExactly("c8", "c7", "c6");
        assertThat(queue.size()).isEqualTo(9);
    }

    @Test
    void customersSharingADueTimeMoveOneByOne() {
        DueQueue queue = new DueQueue();
        for (String c : new String[] {"a", "b", "c"}) {
            queue.schedule(c, Long.MIN_VALUE, 500);
        }
        queue.schedule("b", 500, 200);
        assertThat(queue.hasDueBy(199)).isFalse();
        assertThat(queue.hasDueBy(200)).isTrue();
        assertThat(queue.dueBy(1_000, 10)).containsExactly(new DueQueue.Due(200, "b"), new DueQueue.Due(500, "a"),
                new DueQueue.Due(500, "c"));
        queue.remove("b", 200);
        queue.remove("a", 500);
        assertThat(queue.hasDueBy(499)).isFalse();
        assertThat(queue.dueBy(1_000, 10)).containsExactly(new DueQueue.Due(500, "c"));
        assertThat(queue.size()).isEqualTo(1);
    }

    @Test
    void agreesWithASortedListOverManyRandomMoves() {
        DueQueue queue = new DueQueue();
        java.util.Map<String, long[]> expected = new java.util.HashMap<>();
        java.util.Random random = new java.util.Random(7);
        long seq = 0;
        for (int step = 0; step < 20_000; step++) {
            String customer = "c" + random.nextInt(500);
            long[] current = expected.get(customer);
            long previous = current == null ? Long.MIN_VALUE : current[0];
            if (current != null && random.nextInt(10) == 0) {
                queue.remove(customer, previous);
                expected.remove(customer);
                continue;
            }
            long next = random.nextInt(2_000);
            queue.schedule(customer, previous, next);
            if (next != previous) {
                expected.put(customer, new long[] {next, seq++});
            }
        }
        long now = 1_000;
        List<DueQueue.Due> want = expected.entrySet().stream().filter(e -> e.getValue()[0] <= now)
                .sorted(java.util.Comparator.<java.util.Map.Entry<String, long[]>>comparingLong(e -> e.getValue()[0])
                        .thenComparingLong(e -> e.getValue()[1]))
                .map(e -> new DueQueue.Due(e.getValue()[0], e.getKey())).toList();
        assertThat(queue.size()).isEqualTo(expected.size());
        assertThat(queue.dueBy(now, Integer.MAX_VALUE)).containsExactlyElementsOf(want);
        assertThat(queue.hasDueBy(want.isEmpty() ? now : want.get(0).dueAt())).isEqualTo(!want.isEmpty());
    }
}
