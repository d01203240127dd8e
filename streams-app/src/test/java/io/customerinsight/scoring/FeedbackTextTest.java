package io.customerinsight.scoring;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which model reads a text: the producer's language hint, unless the text's own script contradicts it. */
class FeedbackTextTest {
    @Test
    void withoutAHintTheScriptDecides() {
        assertThat(FeedbackText.language("Great shoes, fast delivery", null)).isEqualTo("en");
        assertThat(FeedbackText.language("质量非常好，物流也很快", null)).isEqualTo("zh");
        assertThat(FeedbackText.language("iPhone 的电池太差了", null)).isEqualTo("zh");
    }

    @Test
    void aHintTheScriptAgreesWithOrDoesNotDecideWins() {
        // an English review naming a Chinese shop assistant, a mixed text either model could read
        assertThat(FeedbackText.language("Great service from 王小明 at the store", "en")).isEqualTo("en");
        assertThat(FeedbackText.language("Great service from 王小明 at the store", "zh")).isEqualTo("zh");
        assertThat(FeedbackText.language("iPhone 的电池太差了", "en-US")).isEqualTo("en");
        assertThat(FeedbackText.language("12345 !!!", "zh")).isEqualTo("zh");
    }

    @Test
    void aHintTheScriptContradictsIsOverridden() {
        assertThat(FeedbackText.language("这个产品质量很好，物流也快", "en")).isEqualTo("zh");
        assertThat(FeedbackText.language("Terrible, it broke after a day", "zh-CN")).isEqualTo("en");
    }
}
