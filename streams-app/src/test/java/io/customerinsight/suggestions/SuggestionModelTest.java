package io.customerinsight.suggestions;

import com.fasterxml.jackson.databind.JsonNode;
import io.customerinsight.events.EventSerdes;
import io.customerinsight.scoring.ModelLoadException;
import io.customerinsight.scoring.ModelLoader;
import io.customerinsight.scoring.ModelSource;
import io.customerinsight.testing.SuggestionModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SuggestionModelTest {
    @TempDir
    Path dir;

    private static int[] hashes(String... products) {
        int[] out = new int[products.length];
        for (int i = 0; i < products.length; i++) {
            out[i] = products[i].hashCode();
        }
        return out;
    }

    private static List<String> ids(List<ProductSuggestion> suggestions) {
        return suggestions.stream().map(ProductSuggestion::productId).toList();
    }

    @Test
    void theBundledModelSuggestsWhatModelExportComputedForTheExamplesOfItsCard() throws Exception {
        SuggestionModel model = ModelLoader.suggestions(ModelSource.bundled());
        assertThat(model).isNotNull();
        JsonNode card = EventSerdes.JSON.readTree(ModelSource.bundled().read(SuggestionModel.CARD));
        assertThat(card.get("examples")).isNotEmpty();
        for (JsonNode example : card.get("examples")) {
            List<String> recent = new ArrayList<>();
            example.get("recent").forEach(p -> recent.add(p.asText()));
            List<ProductSuggestion> expected = new ArrayList<>();
            example.get("suggestions").forEach(s -> expected.add(new ProductSuggestion(s.get(0).asText(),
                    s.get(1).asDouble())));
            assertThat(model.suggest(hashes(recent.toArray(String[]::new)), expected.size()))
                    .as("suggestions after %s", recent).isEqualTo(expected);
        }
    }

    @Test
    void productsSimilarToTheMostRecentOnesComeFirstAndTheCustomersOwnAreLeftOut() {
        SuggestionModel model = SuggestionModels.write(dir, SuggestionModels.OUTDOOR, true);
        // coat (weight 1) then tent (weight 0.5): scarf 0.6, gloves 0.5, stove 0.35, hat 0.1
        List<ProductSuggestion> out = model.suggest(hashes("coat", "tent"), 4);
        assertThat(ids(out)).containsExactly("scarf", "gloves", "stove", "hat");
        assertThat(out.get(2).score()).isEqualTo(0.35);
        // the most recent product weighs most: tent first puts the stove on top
        assertThat(ids(model.suggest(hashes("tent", "coat"), 2))).containsExactly("stove", "scarf");
    }

    @Test
    void whenSimilarityRunsOutThePopularProductsFillTheRest() {
        SuggestionModel model = SuggestionModels.write(dir, SuggestionModels.OUTDOOR, true);
        List<ProductSuggestion> out = model.suggest(hashes("tent"), 3);
        assertThat(ids(out)).containsExactly("stove", "hat", "coat");
        assertThat(out.get(1).score()).isZero();
        // a customer whose products the catalogue does not know gets the popular ones
        assertThat(ids(model.suggest(hashes("kayak"), 2))).containsExactly("hat", "coat");
        assertThat(ids(model.suggest(new int[0], 2))).containsExactly("hat", "coat");
    }

    @Test
    void withRepeatPurchasesAllowedTheCustomersOwnProductsMayComeBack() {
        SuggestionModel model = SuggestionModels.write(dir, SuggestionModels.OUTDOOR, false);
        assertThat(ids(model.suggest(hashes("scarf", "coat"), 2))).containsExactly("gloves", "coat");
    }

    @Test
    void theSuggestionsAreTheBestByRoundedSimilarityThenPopularityOnRandomTables() {
        Random random = new Random(7);
        for (int table = 0; table < 40; table++) {
            int size = 5 + random.nextInt(40);
            StringBuilder tsv = new StringBuilder();
            for (int i = 0; i < size; i++) {
                tsv.append('p').append(i).append('\t').append(size - i).append('\t');
                int neighbours = random.nextInt(6);
                for (int k = 0; k < neighbours; k++) {
                    // few distinct similarities, so that rounded ties are common
                    tsv.append(k == 0 ? "" : " ").append('p').append(random.nextInt(size)).append(' ')
                            .append(random.nextInt(4) * 0.25 + random.nextInt(2) * 0.00001);
                }
                tsv.append('\n');
            }
            boolean excludeSeen = random.nextBoolean();
            double decay = random.nextBoolean() ? 1.0 : 0.7;
            SuggestionModel model = SuggestionModel.of(new SuggestionModel.Card("t", "1", "neighbours.tsv", "",
                    new SuggestionModel.Settings(5, decay, excludeSeen), null), tsv.toString());
            for (int customer = 0; customer < 20; customer++) {
                String[] recent = new String[random.nextInt(8)];
                for (int r = 0; r < recent.length; r++) {
                    recent[r] = "p" + random.nextInt(size + 3); // now and then a product the table does not know
                }
                int n = 1 + random.nextInt(6);
                assertThat(model.suggest(hashes(recent), n)).as("table %d, after %s", table, List.of(recent))
                        .isEqualTo(bySorting(tsv.toString(), recent, n, decay, excludeSeen, 5));
            }
        }
    }

    /** The suggestions as their definition reads: every candidate summed, all sorted, popular ones after. */
    private static List<ProductSuggestion> bySorting(String tsv, String[] recent, int n, double decay,
                                                     boolean excludeSeen, int recentKept) {
        List<String[]> rows = tsv.lines().map(l -> l.split("\t", -1)).toList();
        Map<String, Integer> index = new HashMap<>();
        for (String[] row : rows) {
            index.putIfAbsent(row[0], index.size());
        }
        List<Integer> known = new ArrayList<>();
        for (int r = 0; r < Math.min(recent.length, recentKept); r++) {
            if (index.containsKey(recent[r])) {
                known.add(index.get(recent[r]));
            }
        }
        Set<Integer> seen = excludeSeen ? new HashSet<>(known) : Set.of();
        Map<Integer, Double> scores = new HashMap<>();
        for (int rank = 0; rank < known.size(); rank++) {
            String[] near = rows.get(known.get(rank))[2].split(" ");
            for (int k = 0; k + 1 < near.length; k += 2) {
                int j = index.get(near[k]);
                if (!seen.contains(j)) {
                    scores.merge(j, Math.pow(decay, rank) * Double.parseDouble(near[k + 1]), Double::sum);
                }
            }
        }
        List<Integer> ranked = new ArrayList<>(scores.keySet());
        ranked.sort(Comparator.<Integer>comparingDouble(j -> -Math.round(scores.get(j) * 10_000) / 10_000.0)
                .thenComparing(Comparator.naturalOrder()));
        List<ProductSuggestion> out = new ArrayList<>();
        for (int j : ranked.subList(0, Math.min(n, ranked.size()))) {
            out.add(new ProductSuggestion(rows.get(j)[0], Math.round(scores.get(j) * 10_000) / 10_000.0));
        }
        for (int j = 0; j < rows.size() && out.size() < n; j++) {
            if (!scores.containsKey(j) && !seen.contains(j)) {
                out.add(new ProductSuggestion(rows.get(j)[0], 0));
            }
        }
        return out;
    }

    @Test
    void aTableThatIsNotTheOneItsCardNamesIsRefused() throws Exception {
        SuggestionModels.write(dir, SuggestionModels.OUTDOOR, true);
        Files.writeString(dir.resolve("suggestions/neighbours.tsv"), "hat\t50\t\n");
        assertThatThrownBy(() -> ModelLoader.suggestions(ModelSource.directory(dir)))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("sha256");
    }

    @Test
    void aDirectoryWithoutSuggestionsHasNoModel() {
        assertThat(ModelLoader.suggestions(ModelSource.directory(dir))).isNull();
    }
}
