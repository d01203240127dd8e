package io.customerinsight.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SettingsTableTest {
    @Test
    void theReadmeListsEverySettingAsTheCatalogueDeclaresIt() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int begin = readme.indexOf(SettingsTable.BEGIN);
        int end = readme.indexOf(SettingsTable.END);
        assertThat(begin).as("the README's settings table markers").isNotNegative();
        assertThat(end).isGreaterThan(begin);
        String inReadme = readme.substring(begin, end + SettingsTable.END.length() + 1);
        assertThat(inReadme).as("README settings table; replace it with:%n%s", SettingsTable.markdown())
                .isEqualTo(SettingsTable.markdown());
    }
}
