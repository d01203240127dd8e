package io.customerinsight.cli;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class InsightCliTest {
    @Test
    void theEntryPointFormatsNumbersAsInTheUsWhateverTheMachinesLocale() {
        Locale before = Locale.getDefault(Locale.Category.FORMAT);
        try {
            Locale.setDefault(Locale.Category.FORMAT, Locale.ENGLISH);
            InsightCli.formatNumbersAsInUs();
            assertThat(Locale.getDefault(Locale.Category.FORMAT)).isEqualTo(Locale.US);
        } finally {
            Locale.setDefault(Locale.Category.FORMAT, before);
        }
    }
}
