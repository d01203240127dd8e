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
import java.util.List;

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
