package io.customerinsight.scoring;

import io.customerinsight.events.ComplaintTopic;
import io.customerinsight.testing.BundledModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bundled complaint topics name what plain complaints are about, in both languages. */
class ComplaintTopicModelTest {
    @TempDir
    Path dir;

    @Test
    void plainComplaintsGetTheAspectTheySpeakOf() {
        try (ComplaintTopicModel model = ComplaintTopicModel.load(ModelSource.bundled())) {
            assertThat(model).isNotNull();
            assertThat(model.topic("Runs huge, the size is far too large and big on me", "en").aspect())
                    .isEqualTo("size");
            assertThat(model.topic("Cheap fabric, poor quality, not worth the price", "en").aspect())
                    .isEqualTo("quality");
            assertThat(model.topic("京东的快递太慢了，客服也不理人，差评", "zh").aspect()).isEqualTo("delivery");
            ComplaintTopic hotel = model.topic("酒店房间很脏，前台服务态度很差", "zh");
            assertThat(hotel.aspect()).isEqualTo("service");
            assertThat(hotel.topic()).as("named by its top terms").contains("酒店");
            assertThat(hotel.probability()).isBetween(0.0, 1.0);
        }
    }

    @Test
    void complaintsWithEmojiGetTheirAspectToo() {
        try (ComplaintTopicModel model = ComplaintTopicModel.load(ModelSource.bundled())) {
            assertThat(model.topic("Runs huge \uD83D\uDE21 the size is far too large and big on me", "en").aspect())
                    .isEqualTo("size");
            assertThat(model.topic("京东的快递太慢了\uD83D\uDE21客服也不理人，差评", "zh").aspect()).isEqualTo("delivery");
        }
    }

    @Test
    void aCardWithoutAnAspectPerTopicIsRefused() throws Exception {
        BundledModels.copyTo(dir);
        Path card = dir.resolve("topics/en/card.json");
        Files.writeString(card, Files.readString(card).replace("\"aspect\": \"size\"", "\"aspect\": \"fit\""));
        assertThatThrownBy(() -> ComplaintTopicModel.load(ModelSource.directory(dir)))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("aspect");
    }

    @Test
    void aDirectoryWithoutTopicsHasNoModel() {
        assertThat(ComplaintTopicModel.load(ModelSource.directory(dir))).isNull();
    }
}
