package io.customerinsight.testing;

import io.customerinsight.scoring.ModelLoader;
import io.customerinsight.scoring.ModelSource;
import io.customerinsight.suggestions.SuggestionModel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small suggestion models written the way model-export writes them, for tests. */
public final class SuggestionModels {
    private SuggestionModels() {
    }

    /**
     * Writes {@code suggestions/} into {@code dir} and loads it.
     *
     * @param table lines of {@code product TAB customers TAB neighbour score neighbour score ...}, popular first
     */
    public static SuggestionModel write(Path dir, String table, boolean excludeSeen) {
        try {
            Path out = Files.createDirectories(dir.resolve("suggestions"));
            byte[] bytes = table.getBytes(StandardCharsets.UTF_8);
            Files.write(out.resolve("neighbours.tsv"), bytes);
            Files.writeString(out.resolve("card.json"), """
                    {"name": "product-suggestions", "version": "test-1", "file": "neighbours.tsv",
                     "sha256": "%s", "settings": {"recent": 3, "neighbours": 20, "decay": 0.5,
                     "excludeSeen": %s}}
                    """.formatted(ModelSource.sha256(bytes), excludeSeen));
            return ModelLoader.suggestions(ModelSource.directory(dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Coats go with scarves and gloves, tents with stoves; hats are the most popular product. */
    public static final String OUTDOOR = String.join("\n",
            "hat\t50\tscarf 0.1000",
            "coat\t40\tscarf 0.6000 gloves 0.5000 hat 0.1000",
            "scarf\t30\tcoat 0.6000 gloves 0.4000",
            "gloves\t20\tcoat 0.5000 scarf 0.4000",
            "tent\t10\tstove 0.7000",
            "stove\t5\ttent 0.7000") + "\n";
}
