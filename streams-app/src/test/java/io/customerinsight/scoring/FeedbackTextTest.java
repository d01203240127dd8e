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

    @Test
    void aTextNeitherModelReadsIsToldByItsScriptOrByAHintItsLettersDoNotContradict() {
        assertThat(FeedbackText.unsupportedLanguage("최악의 서비스입니다", null)).isEqualTo("ko");
        assertThat(FeedbackText.unsupportedLanguage("最悪です。二度と買いません。", null)).isEqualTo("ja");
        assertThat(FeedbackText.unsupportedLanguage("Ужасный сервис", null)).isEqualTo("und");
        assertThat(FeedbackText.unsupportedLanguage("Ужасный сервис", "ru-RU")).isEqualTo("ru");
        assertThat(FeedbackText.unsupportedLanguage("Pésimo servicio, nunca más", "es-MX")).isEqualTo("es");
        assertThat(FeedbackText.unsupportedLanguage("Pésimo servicio, nunca más", "ES")).isEqualTo("es");
    }

    @Test
    void latinLettersAreToldApartByTheDetectorWhenTheTextIsLongEnough() {
        assertThat(FeedbackText.unsupportedLanguage(
                "Pésimo servicio, nunca más compro aquí. Quiero mi dinero de vuelta.", null)).isEqualTo("es");
        assertThat(FeedbackText.unsupportedLanguage(
                "Schrecklicher Kundendienst, ich kündige sofort und will mein Geld zurück.", null)).isEqualTo("de");
        assertThat(FeedbackText.unsupportedLanguage(
                "Le colis est arrivé en retard et abîmé, je ne commanderai plus jamais.", null)).isEqualTo("fr");
        // too short to tell without a hint: left to the English models, as before
        assertThat(FeedbackText.unsupportedLanguage("Muy bueno", null)).isNull();
        assertThat(FeedbackText.unsupportedLanguage("Muy bueno", "es")).isEqualTo("es");
        // English under a Spanish site's locale is English
        assertThat(FeedbackText.unsupportedLanguage(
                "This is the third time my order is broken and nobody answers my emails.", "es")).isNull();
        assertThat(FeedbackText.unsupportedLanguage(
                "Love this dress, the fabric is soft and it fits true to size. Ordering another color!", null))
                .isNull();
    }

    @Test
    void englishAndChineseAndWhatCannotBeToldAreLeftToTheModels() {
        assertThat(FeedbackText.unsupportedLanguage("Great shoes, fast delivery", null)).isNull();
        assertThat(FeedbackText.unsupportedLanguage("Great shoes, fast delivery", "en-GB")).isNull();
        assertThat(FeedbackText.unsupportedLanguage("质量非常好，物流也很快", null)).isNull();
        // a hint the letters contradict: a Chinese text on a Spanish site, English under a Korean locale
        assertThat(FeedbackText.unsupportedLanguage("质量非常好，物流也很快", "es")).isNull();
        assertThat(FeedbackText.unsupportedLanguage("Great shoes, fast delivery", "ko-KR")).isNull();
        // no letters, or a hint that names no language
        assertThat(FeedbackText.unsupportedLanguage("12345 !!! 👍", "fr")).isNull();
        assertThat(FeedbackText.unsupportedLanguage("Great shoes", "und")).isNull();
        assertThat(FeedbackText.unsupportedLanguage("Great shoes", "spanish")).isNull();
        // pinyin and Chinese mixed, which language() gives the Chinese model: the detector took it for Dutch
        String mixed = "zhe ge dong xi zhen de hen cha, kuai di tai man le 质量很差真的很差物流太慢了";
        assertThat(FeedbackText.language(mixed, null)).isEqualTo("zh");
        assertThat(FeedbackText.unsupportedLanguage(mixed, null)).isNull();
        // a Chinese review quoting one Japanese brand name stays Chinese
        assertThat(FeedbackText.unsupportedLanguage("这个无印良品的杯子质量很好，物流也很快，推荐购买の", null)).isNull();
    }
}
