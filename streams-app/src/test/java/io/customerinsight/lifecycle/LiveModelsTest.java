package io.customerinsight.lifecycle;

import io.customerinsight.features.FeatureSchema;
import io.customerinsight.scoring.ChurnExplainer;
import io.customerinsight.scoring.ChurnScorer;
import io.customerinsight.scoring.ScoringModels;
import io.customerinsight.scoring.SentimentScorer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LiveModelsTest {
    /** A churn model that knows whether it was closed. */
    static final class Closeable implements ChurnScorer {
        final String version;
        volatile boolean closed;

        Closeable(String version) {
            this.version = version;
        }

        @Override
        public String name() {
            return "closeable";
        }

        @Override
        public String version() {
            return version;
        }

        @Override
        public double[] score(float[][] rows) {
            if (closed) {
                throw new IllegalStateException("scored with a closed model");
            }
            return new double[rows.length];
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    static final class Sentiment implements SentimentScorer {
        volatile boolean closed;

        @Override
        public String name() {
            return "sentiment";
        }

        @Override
        public String version() {
            return "1";
        }

        @Override
        public List<Sentiment> score(List<String> texts, List<String> languages) {
            return List.of();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static ScoringModels models(ChurnScorer churn, SentimentScorer sentiment) {
        return new ScoringModels(churn, new ChurnExplainer(churn, new float[FeatureSchema.size()]), sentiment);
    }

    @Test
    void aRetiredGenerationIsClosedOnlyWhenTheLastTaskHoldingItMovesOn() {
        Closeable first = new Closeable("1");
        Sentiment sentiment = new Sentiment();
        LiveModels live = LiveModels.of(models(first, sentiment));
        ModelGeneration held = live.acquire();

        Closeable second = new Closeable("2");
        ModelGeneration next = live.install(models(second, new Sentiment()), null, null);
        assertThat(live.current()).isSameAs(next);
        assertThat(next.number()).isEqualTo(2);
        assertThat(first.closed).as("a task still scores with it").isFalse();
        held.churn().score(new float[][] {new float[FeatureSchema.size()]});

        held.release();
        assertThat(first.closed).isTrue();
        assertThat(sentiment.closed).isTrue();
        assertThat(second.closed).isFalse();
        live.close();
        assertThat(second.closed).isTrue();
    }

    @Test
    void aGenerationRetiredWhileNobodyHeldItIsClosedAtOnceAndNeverHandedOut() {
        Closeable first = new Closeable("1");
        LiveModels live = LiveModels.of(models(first, new Sentiment()));
        live.install(models(new Closeable("2"), new Sentiment()), null, null);
        assertThat(first.closed).isTrue();
        ModelGeneration acquired = live.acquire();
        assertThat(acquired.churn().version()).isEqualTo("2");
        acquired.release();
    }
}
