package io.customerinsight.scoring;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BgeEncoderTest {

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }

    @Test
    void englishEncoderPlacesSimilarTextsCloser() {
        try (BgeEncoder encoder = BgeEncoder.forLanguage("en", 256)) {
            float[][] e = encoder.embed(List.of("The delivery was very late.", "My parcel arrived late.",
                    "I love the colour of this dress."));
            assertThat(e).hasNumberOfRows(3);
            assertThat(e[0]).hasSize(384);
            assertThat(cosine(e[0], e[0])).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-4));
            assertThat(cosine(e[0], e[1])).isGreaterThan(cosine(e[0], e[2]));
        }
    }

    @Test
    void chineseEncoderWorksAndPaddingInABatchBarelyMovesEmbeddings() {
        // Dynamic quantization sees the padded positions, so a padded text's embedding moves a little
        // (measured cosine 0.995); `embed` therefore batches texts of similar length.
        try (BgeEncoder encoder = BgeEncoder.forLanguage("zh", 256)) {
            float[][] batch = encoder.embed(List.of("物流太慢了", "质量很好，非常满意！这件衣服很漂亮"));
            float[][] single = encoder.embed(List.of("物流太慢了"));
            assertThat(single[0]).hasSize(512);
            assertThat(cosine(batch[0], single[0])).isGreaterThan(0.99);
        }
    }

    @Test
    void theEncoderAccountsForItsTimeAndTheTokensItWasFed() {
        try (BgeEncoder encoder = BgeEncoder.forLanguage("en", 8, new BgeEncoder.SessionSettings(1,
                ai.onnxruntime.OrtSession.SessionOptions.OptLevel.BASIC_OPT,
                ai.onnxruntime.OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL))) {
            encoder.embed(List.of("short", "a much longer text that the truncation cuts at eight tokens"));
            BgeEncoder.Phases phases = encoder.phases();
            assertThat(phases.tokens()).isEqualTo(2 * 8); // both padded to the longest, cut at 8
            assertThat(phases.encodeNanos()).isPositive();
            assertThat(phases.tokenizeNanos()).isPositive();
            assertThat(phases.poolNanos()).isPositive();
        }
    }
}
