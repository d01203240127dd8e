package io.customerinsight.suggestions;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Item-to-item co-purchase suggestions trained by model-export ({@code suggestions/}): a card and a table
 * of the catalogue's products, popular first, each with its most similar products. A customer's suggestions
 * are the products most similar to the ones they saw last, computed exactly as model-export's
 * {@code suggestions.py} computes them (checked against the card's examples by test): the r-th most recent
 * product adds {@code decay^r} times its similarity to each of its neighbours; the customer's own recent
 * products are left out when the card says so; ties and empty places go to the most popular products.
 * Products are found by the hash of their id, which is what a customer's state keeps. Loaded and checked by
 * the model loader.
 */
public final class SuggestionModel {
    public static final String CARD = "suggestions/card.json";

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Card(String name, String version, String file, String sha256, Settings settings,
                       JsonNode metrics) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Settings(int recent, double decay, boolean excludeSeen) {
    }

    private final Card card;
    private final String[] products;
    private final Map<Integer, Integer> byHash;
    private final int[][] neighbours;
    private final double[][] similarities;

    private SuggestionModel(Card card, String[] products, int[][] neighbours, double[][] similarities) {
        this.card = card;
        this.products = products;
        this.neighbours = neighbours;
        this.similarities = similarities;
        this.byHash = new HashMap<>(products.length * 2);
        for (int i = 0; i < products.length; i++) {
            byHash.putIfAbsent(products[i].hashCode(), i);
        }
    }

    /**
     * The model of a card and its table ({@code product TAB customers TAB neighbour score ...}, popular first).
     *
     * @throws IllegalArgumentException naming the line of a table that does not read
     */
    public static SuggestionModel of(Card card, String table) {
        String[] lines = table.split("\n");
        List<String[]> rows = new ArrayList<>(lines.length);
        Map<String, Integer> index = new HashMap<>(lines.length * 2);
        for (String line : lines) {
            if (line.isEmpty()) {
                continue;
            }
            String[] cols = line.split("\t", -1);
            if (cols.length != 3) {
                throw new IllegalArgumentException("line " + (rows.size() + 1)
                        + ": expected product, customers and neighbours separated by tabs");
            }
            index.put(cols[0], rows.size());
            rows.add(cols);
        }
        String[] products = new String[rows.size()];
        int[][] neighbours = new int[rows.size()][];
        double[][] sims = new double[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            String[] cols = rows.get(i);
            products[i] = cols[0];
            String[] near = cols[2].isEmpty() ? new String[0] : cols[2].split(" ");
            neighbours[i] = new int[near.length / 2];
            sims[i] = new double[near.length / 2];
            for (int k = 0; k + 1 < near.length; k += 2) {
                Integer j = index.get(near[k]);
                if (j == null) {
                    throw new IllegalArgumentException("line " + (i + 1) + ": neighbour " + near[k]
                            + " is not in the table");
                }
                neighbours[i][k / 2] = j;
                sims[i][k / 2] = Double.parseDouble(near[k + 1]);
            }
        }
        return new SuggestionModel(card, products, neighbours, sims);
    }

    public Card card() {
        return card;
    }

    public String name() {
        return card.name();
    }

    public String version() {
        return card.version();
    }

    /** How many of a customer's recent products a suggestion starts from. */
    public int recent() {
        return card.settings().recent();
    }

    /**
     * @param recentHashes the hashes of the customer's recent product ids, the most recent first
     * @param n            how many suggestions
     */
    public List<ProductSuggestion> suggest(int[] recentHashes, int n) {
        Settings s = card.settings();
        int[] known = new int[Math.min(recentHashes.length, s.recent())];
        int knownCount = 0;
        for (int i = 0; i < known.length; i++) {
            Integer product = byHash.get(recentHashes[i]);
            if (product != null) {
                known[knownCount++] = product;
            }
        }
        boolean[] seen = new boolean[products.length];
        if (s.excludeSeen()) {
            for (int r = 0; r < knownCount; r++) {
                seen[known[r]] = true;
            }
        }
        // the sums in the order model-export adds them, per product, and the products in the order first reached
        double[] sums = new double[products.length];
        boolean[] reached = new boolean[products.length];
        int[] candidates = new int[products.length];
        int count = 0;
        for (int rank = 0; rank < knownCount; rank++) {
            int i = known[rank];
            double weight = Math.pow(s.decay(), rank);
            for (int k = 0; k < neighbours[i].length; k++) {
                int j = neighbours[i][k];
                if (!seen[j]) {
                    sums[j] += weight * similarities[i][k];
                    if (!reached[j]) {
                        reached[j] = true;
                        candidates[count++] = j;
                    }
                }
            }
        }
        for (int c = 0; c < count; c++) {
            sums[candidates[c]] = round(sums[candidates[c]]); // ranked, and shown, to four decimals
        }
        List<ProductSuggestion> out = new ArrayList<>(n);
        boolean[] chosen = new boolean[products.length];
        // the n best, by rounded similarity and then popularity (a lower index), picked one at a time: n is a
        // handful, and sorting every candidate cost more than the rest of a decision
        for (int pick = 0; pick < Math.min(n, count); pick++) {
            int best = -1;
            double bestScore = 0;
            for (int c = 0; c < count; c++) {
                int j = candidates[c];
                if (chosen[j]) {
                    continue;
                }
                if (best < 0 || sums[j] > bestScore || (sums[j] == bestScore && j < best)) {
                    best = j;
                    bestScore = sums[j];
                }
            }
            chosen[best] = true;
            out.add(new ProductSuggestion(products[best], bestScore));
        }
        for (int j = 0; j < products.length && out.size() < n; j++) {
            if (!chosen[j] && !seen[j]) {
                out.add(new ProductSuggestion(products[j], 0));
            }
        }
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
