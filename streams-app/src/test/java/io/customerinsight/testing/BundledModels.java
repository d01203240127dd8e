package io.customerinsight.testing;

import io.customerinsight.scoring.ModelSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** The models bundled in the jar, copied into a directory a test may edit as a data scientist would. */
public final class BundledModels {
    private BundledModels() {
    }

    public static Path copyTo(Path dir) throws IOException {
        Path bundled;
        try {
            bundled = Path.of(ModelSource.class.getResource("/models").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        try (Stream<Path> files = Files.walk(bundled)) {
            for (Path f : files.toList()) {
                Path target = dir.resolve(bundled.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return dir;
    }
}
