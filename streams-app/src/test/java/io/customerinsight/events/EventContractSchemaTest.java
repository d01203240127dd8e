package io.customerinsight.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published JSON Schemas (topics/schemas) accept exactly what the parser accepts, record by record, so
 * a producer that validates before sending never sees a contract rejection from the app.
 */
class EventContractSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EventParser PARSER = new EventParser(ContractLimits.defaults());
    private static final String CLICK = "{\"eventId\":\"e1\",\"customerId\":\"c1\",\"type\":\"page_view\","
            + "\"timestamp\":1763806530000,\"sessionId\":\"s1\"";
    private static final String FEEDBACK = "{\"feedbackId\":\"f1\",\"customerId\":\"c1\",\"timestamp\":1763806530000,"
            + "\"channel\":\"review\"";

    static Stream<Arguments> clicks() {
        return Stream.of(
                Arguments.of(CLICK + "}", true),
                Arguments.of(CLICK.replace("page_view", "something_new") + "}", true),
                Arguments.of(CLICK.replace("1763806530000", "\"2025-11-22T10:15:30Z\"") + "}", true),
                Arguments.of(CLICK.replace("1763806530000", "\"2025-11-22T10:15:30+08:00\"") + "}", true),
                Arguments.of(CLICK + ",\"productId\":\"p-1\",\"category\":\"shoes\",\"amount\":59.9,"
                        + "\"currency\":\"EUR\",\"channel\":\"web\"}", true),
                Arguments.of(CLICK + ",\"productId\":null,\"amount\":null,\"category\":null}", true),
                Arguments.of(CLICK + ",\"amount\":0}", true),
                Arguments.of(CLICK + ",\"amount\":1e12}", true),
                Arguments.of(CLICK + ",\"amount\":1.000001e12}", false),
                Arguments.of(CLICK + ",\"amount\":1e308}", false),
                Arguments.of(CLICK.replace("\"eventId\":\"e1\",", "") + "}", false),
                Arguments.of(CLICK.replace("\"sessionId\":\"s1\"", "\"sessionId\":null") + "}", false),
                Arguments.of(CLICK.replace("\"customerId\":\"c1\"", "\"customerId\":\"\"") + "}", false),
                Arguments.of(CLICK.replace("\"customerId\":\"c1\"", "\"customerId\":\"" + "x".repeat(129) + "\"") + "}",
                        false),
                // maxLength counts characters; an emoji is one, though Java's String holds it as two chars
                Arguments.of(CLICK.replace("\"customerId\":\"c1\"", "\"customerId\":\"" + "\uD83D\uDE00".repeat(128) + "\"") + "}",
                        true),
                Arguments.of(CLICK.replace("\"customerId\":\"c1\"", "\"customerId\":\"" + "\uD83D\uDE00".repeat(129) + "\"") + "}",
                        false),
                Arguments.of(CLICK.replace("\"customerId\":\"c1\"", "\"customerId\":42") + "}", false),
                // a control character in an id: such a customer could never be asked for by GET /customers/{id}
                Arguments.of(CLICK.replace("\"customerId\":\"c1\"", "\"customerId\":\"c1\\n\"") + "}", false),
                Arguments.of(CLICK.replace("\"sessionId\":\"s1\"", "\"sessionId\":\"s\\u00001\"") + "}", false),
                Arguments.of(CLICK.replace("\"customerId\":\"c1\"", "\"customerId\":\"c\\u00851\"") + "}", false),
                Arguments.of(CLICK.replace("\"customerId\":\"c1\"", "\"customerId\":\"Zoë 王 #1\"") + "}", true),
                Arguments.of(CLICK.replace("1763806530000", "\"yesterday\"") + "}", false),
                Arguments.of(CLICK.replace("1763806530000", "\"2025-11-22 10:15\"") + "}", false),
                Arguments.of(CLICK.replace("1763806530000", "1763806530000.0") + "}", true),
                Arguments.of(CLICK.replace("1763806530000", "1.76380653e12") + "}", true),
                Arguments.of(CLICK.replace("1763806530000", "1763806530000.5") + "}", false),
                Arguments.of(CLICK.replace("1763806530000", "true") + "}", false),
                // fields the contract does not name are read through, whatever their shape
                Arguments.of(CLICK + ",\"extra\":{\"a\":[1,{\"b\":null}],\"c\":\"d\"},\"more\":[]}", true),
                Arguments.of(CLICK.replace("1763806530000", "946684799999") + "}", false),
                Arguments.of(CLICK + ",\"amount\":-1}", false),
                Arguments.of(CLICK + ",\"amount\":\"12\"}", false),
                Arguments.of(CLICK + ",\"productId\":\"\"}", false),
                Arguments.of(CLICK + ",\"category\":7}", false),
                Arguments.of("[1,2]", false));
    }

    static Stream<Arguments> feedback() {
        return Stream.of(
                Arguments.of(FEEDBACK + ",\"text\":\"物流太慢了\",\"rating\":2}", true),
                Arguments.of(FEEDBACK + ",\"text\":\"ok\",\"rating\":null,\"language\":\"en-US\"}", true),
                Arguments.of(FEEDBACK.replace("review", "support_ticket") + ",\"text\":\"help\"}", true),
                Arguments.of(FEEDBACK.replace("review", "survey") + ",\"rating\":1}", true),
                Arguments.of(FEEDBACK + ",\"text\":\"  \",\"rating\":5}", true),
                Arguments.of(FEEDBACK + ",\"text\":null,\"rating\":2}", true),
                Arguments.of(FEEDBACK + "}", false),
                Arguments.of(FEEDBACK + ",\"rating\":null}", false),
                Arguments.of(FEEDBACK + ",\"text\":null}", false),
                Arguments.of(FEEDBACK + ",\"text\":\"\",\"rating\":null}", false),
                Arguments.of(FEEDBACK + ",\"text\":\"   \"}", false),
                Arguments.of(FEEDBACK.replace("review", "carrier-pigeon") + ",\"text\":\"hi\"}", false),
                // JSON Schema's integer is any number without a fraction: what Python's json.dumps(4.0) writes
                Arguments.of(FEEDBACK + ",\"text\":\"ok\",\"rating\":4.0}", true),
                Arguments.of(FEEDBACK + ",\"text\":\"ok\",\"rating\":4.5}", false),
                Arguments.of(FEEDBACK + ",\"text\":\"ok\",\"rating\":6}", false),
                Arguments.of(FEEDBACK + ",\"text\":\"ok\",\"rating\":0}", false),
                // 2^32 + 1 once read as 1 (the tree's int value of a long truncated it)
                Arguments.of(FEEDBACK + ",\"text\":\"ok\",\"rating\":4294967297}", false),
                Arguments.of(FEEDBACK + ",\"text\":\"ok\",\"rating\":5e0}", true),
                Arguments.of(FEEDBACK + ",\"text\":\"ok\",\"rating\":\"5\"}", false),
                Arguments.of(FEEDBACK + ",\"text\":\"ok\",\"language\":5}", false),
                Arguments.of(FEEDBACK.replace("\"feedbackId\":\"f1\",", "") + ",\"text\":\"ok\"}", false),
                Arguments.of(FEEDBACK + ",\"text\":42}", false));
    }

    @ParameterizedTest
    @MethodSource("clicks")
    void theClickstreamSchemaAcceptsWhatTheParserAccepts(String record, boolean valid) throws Exception {
        check("clickstream", record, valid, PARSER::parseClick);
    }

    @ParameterizedTest
    @MethodSource("feedback")
    void theFeedbackSchemaAcceptsWhatTheParserAccepts(String record, boolean valid) throws Exception {
        check("feedback", record, valid, PARSER::parseFeedback);
    }

    private static void check(String topic, String record, boolean valid, Consumer<byte[]> parse) throws Exception {
        byte[] bytes = record.getBytes(StandardCharsets.UTF_8);
        boolean parserAccepts;
        try {
            parse.accept(bytes);
            parserAccepts = true;
        } catch (InvalidEventException e) {
            parserAccepts = false;
        }
        boolean schemaAccepts = schema(topic).validate(JSON.readTree(bytes)).isEmpty();
        assertThat(parserAccepts).as("parser on %s", record).isEqualTo(valid);
        assertThat(schemaAccepts).as("schema on %s", record).isEqualTo(valid);
    }

    private static Schema schema(String topic) throws Exception {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
        try (InputStream in = Files.newInputStream(Path.of("..", "topics", "schemas", topic + ".schema.json"))) {
            return registry.getSchema(in);
        }
    }
}
