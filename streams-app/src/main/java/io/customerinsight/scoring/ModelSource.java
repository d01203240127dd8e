package io.customerinsight.scoring;

import io.customerinsight.events.EventSerdes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where models are read from: a directory given by the user, or the defaults bundled in the jar under
 * {@code /models}. Paths are relative, e.g. {@code churn/card.json}.
 */
public final class ModelSource {
    private final Path directory;

    private ModelSource(Path directory) {
        this.directory = directory;
    }

    public static ModelSource directory(Path dir) {
        return new ModelSource(dir);
    }

    public static ModelSource bundled() {
        return new ModelSource(null);
    }

    /** Whether the models come from a directory (which hot reload can watch), not from the jar. */
    public boolean isDirectory() {
        return directory != null;
    }

    public String describe() {
        return directory == null ? "the models bundled in the jar" : directory.toString();
    }

    public byte[] read(String relativePath) {
        try {
            if (directory != null) {
                return Files.readAllBytes(directory.resolve(relativePath));
            }
            try (InputStream in = ModelSource.class.getResourceAsStream("/models/" + relativePath)) {
                if (in == null) {
                    throw new NoSuchFileException("/models/" + relativePath + " (in the jar)");
                }
                return in.readAllBytes();
            }
        } catch (NoSuchFileException e) {
            throw new ModelLoadException("model file " + e.getFile() + " not found in " + describe());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean exists(String relativePath) {
        if (directory != null) {
            return Files.isRegularFile(directory.resolve(relativePath));
        }
        return ModelSource.class.getResource("/models/" + relativePath) != null;
    }

    /** Reads a card and the ONNX file it names, refusing the pair if the checksum differs. */
    public Loaded load(String cardPath) {
        ModelCard card;
        try {
            card = EventSerdes.JSON.readValue(read(cardPath), ModelCard.class);
        } catch (IOException e) {
            throw new ModelLoadException("model card " + cardPath + " in " + describe() + " is not valid JSON: "
                    + e.getMessage());
        }
        if (card.file() == null || card.sha256() == null) {
            throw new ModelLoadException("model card " + cardPath + " must name its 'file' and 'sha256'");
        }
        String base = cardPath.contains("/") ? cardPath.substring(0, cardPath.lastIndexOf('/') + 1) : "";
        byte[] onnx = read(base + card.file());
        String actual = sha256(onnx);
        if (!actual.equalsIgnoreCase(card.sha256())) {
            throw new ModelLoadException("checksum mismatch for " + base + card.file() + " in " + describe()
                    + ": the card says sha256 " + card.sha256() + " but the file has " + actual
                    + ". Re-export the model with model-export, or restore the file that goes with this card.");
        }
        return new Loaded(card, onnx);
    }

    public record Loaded(ModelCard card, byte[] onnx) {
    }

    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
