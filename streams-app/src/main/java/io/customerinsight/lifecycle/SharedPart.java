package io.customerinsight.lifecycle;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One loaded model (or a group loaded together, such as the churn model and its explainer), shared by every
 * generation that did not replace it, and closed when the last of them is retired: a new churn model does
 * not reload the sentiment encoder, and a model is never closed while a task may still score with it.
 */
final class SharedPart<T> {
    private final T model;
    private final Runnable closer;
    private final AtomicInteger holders = new AtomicInteger();

    SharedPart(T model, Runnable closer) {
        this.model = model;
        this.closer = closer;
    }

    T model() {
        return model;
    }

    void hold() {
        holders.incrementAndGet();
    }

    void release() {
        if (holders.decrementAndGet() == 0) {
            closer.run();
        }
    }
}
