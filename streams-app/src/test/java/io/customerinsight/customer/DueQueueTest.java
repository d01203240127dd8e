package io.customerinsight.customer;

import org.junit.jupiter.api.Test;

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
}
