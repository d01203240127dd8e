package io.customerinsight.drift;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Arrays;

/**
 * A training distribution from a model card: quantile bin edges and the share of training values in each
 * bin. A value falls in bin {@code i} when exactly {@code i} inner edges are at or below it, so values
 * outside the training range land in the first or last bin (the rule model-export uses to build the card).
 */
public record ReferenceDistribution(double[] edges, double[] fractions) {
    /** Shares below this count as this, so that an empty bin does not make the index infinite. */
    static final double FLOOR = 1e-4;

    public ReferenceDistribution {
        if (edges.length < 2 || fractions.length != edges.length - 1) {
            throw new IllegalArgumentException("a distribution needs n+1 edges for n fractions, got "
                    + edges.length + " edges and " + fractions.length + " fractions");
        }
    }

    public static ReferenceDistribution fromCard(JsonNode node) {
        double[] edges = toArray(node.path("edges"));
        double[] fractions = toArray(node.path("fractions"));
        return new ReferenceDistribution(edges, fractions);
    }

    private static double[] toArray(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    public int bins() {
        return fractions.length;
    }

    public int binOf(double value) {
        // count of inner edges edges[1 .. n-1] that are <= value
        int lo = 1;
        int hi = edges.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (edges[mid] <= value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }

    /**
     * Population stability index of observed bin counts against this distribution:
     * {@code sum((a - e) * ln(a / e))} over bins, shares floored at {@link #FLOOR}. Rule of thumb: below 0.1
     * stable, 0.1 to 0.25 a shift worth watching, above 0.25 a shift that calls for retraining.
     */
    public double psi(long[] counts) {
        long total = Arrays.stream(counts).sum();
        if (total == 0) {
            return Double.NaN;
        }
        double psi = 0;
        for (int i = 0; i < fractions.length; i++) {
            double actual = Math.max(FLOOR, counts[i] / (double) total);
            double expected = Math.max(FLOOR, fractions[i]);
            psi += (actual - expected) * Math.log(actual / expected);
        }
        return psi;
    }
}
