package io.customerinsight.actions;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.customerinsight.alerts.RecommendedAction;
import io.customerinsight.alerts.RiskLevel;
import io.customerinsight.events.ComplaintTopic;
import io.customerinsight.features.FeatureSchema;
import io.customerinsight.scoring.TopFactor;
import io.customerinsight.value.CustomerValue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The next-best-action playbook: ordered rules keyed on the alert's risk level, its top factors, the named
 * complaint aspects of the customer and the customer's expected spend; the first rule that matches gives the
 * alert's action. Loaded and checked at start-up: a playbook that cannot be used stops start-up with a message
 * naming the line.
 */
public final class Playbook {
    /**
     * The least probability of being alive a priority divides by: the value card's figures are rounded (P(alive)
     * to four digits), and below this their ratio is mostly rounding.
     */
    private static final double MIN_ALIVE = 0.01;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    /** the aspects complaints are mapped to (names, never topic ids, which change at every retrain) */
    public static final Set<String> ASPECTS = Set.copyOf(ComplaintTopic.ASPECTS);

    private final String source;
    private final List<Rule> rules;

    private Playbook(String source, List<Rule> rules) {
        this.source = source;
        this.rules = List.copyOf(rules);
    }

    /** One rule: its conditions ({@code when}), the action and its expected effect on the risk. */
    public record Rule(String id, String description, double effect, When when, String reason) {
    }

    /** Conditions, all of which must hold; an absent one always holds. */
    public record When(List<String> levels, List<String> factors, List<String> aspects, Double minExpectedSpend,
                       Double maxExpectedSpend) {
    }

    /** The bundled playbook, or the file at {@code path}. */
    public static Playbook load(Path path) {
        if (path == null) {
            try (InputStream in = Playbook.class.getResourceAsStream("/playbook/playbook.yaml")) {
                if (in == null) {
                    throw new PlaybookException("playbook/playbook.yaml is not bundled in the jar");
                }
                return parse(in, "the bundled playbook");
            } catch (IOException e) {
                throw new PlaybookException("cannot read the bundled playbook: " + e.getMessage());
            }
        }
        try (InputStream in = Files.newInputStream(path)) {
            return parse(in, path.toString());
        } catch (IOException e) {
            throw new PlaybookException("cannot read the playbook " + path + ": " + e.getMessage());
        }
    }

    static Playbook parse(InputStream in, String source) throws IOException {
        List<Rule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        try (JsonParser p = YAML.getFactory().createParser(in)) {
            expect(p, p.nextToken() == JsonToken.START_OBJECT, source, "a mapping with `rules:`");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (!field.equals("rules")) {
                    throw error(source, p, "unknown key `" + field + "` (the playbook has `rules:` only)");
                }
                expect(p, p.currentToken() == JsonToken.START_ARRAY, source, "`rules:` as a list");
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    int line = p.currentLocation().getLineNr();
                    Rule rule;
                    try {
                        rule = YAML.readValue(p, Rule.class);
                    } catch (UnrecognizedPropertyException e) {
                        throw new PlaybookException(source + ", line " + e.getLocation().getLineNr()
                                + ": unknown key `" + e.getPropertyName() + "` (a rule has id, description, effect, "
                                + "when, reason; `when` has levels, factors, aspects, minExpectedSpend, "
                                + "maxExpectedSpend)");
                    } catch (IOException e) {
                        throw new PlaybookException(source + ", line " + line + ": "
                                + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
                    }
                    check(rule, source, line, ids);
                    rules.add(rule);
                }
            }
        }
        if (rules.isEmpty()) {
            throw new PlaybookException(source + ": no rules");
        }
        return new Playbook(source, rules);
    }

    private static void check(Rule rule, String source, int line, Set<String> ids) {
        String at = source + ", line " + line + ": ";
        if (rule.id() == null || rule.id().isBlank()) {
            throw new PlaybookException(at + "a rule needs an `id`");
        }
        if (!ids.add(rule.id())) {
            throw new PlaybookException(at + "rule id `" + rule.id() + "` is used twice");
        }
        if (rule.description() == null || rule.reason() == null) {
            throw new PlaybookException(at + "rule `" + rule.id() + "` needs a `description` and a `reason`");
        }
        if (!(rule.effect() >= 0 && rule.effect() <= 1)) {
            throw new PlaybookException(at + "rule `" + rule.id() + "`: `effect` is the share of the risk the action "
                    + "removes, between 0 and 1, not " + rule.effect());
        }
        When when = rule.when();
        if (when == null) {
            return;
        }
        for (String level : nullToEmpty(when.levels())) {
            try {
                RiskLevel.fromWire(level);
            } catch (IllegalArgumentException e) {
                throw new PlaybookException(at + "rule `" + rule.id() + "`: unknown level `" + level
                        + "` (low, medium, high)");
            }
        }
        for (String factor : nullToEmpty(when.factors())) {
            if (!FeatureSchema.NAMES.contains(factor)) {
                throw new PlaybookException(at + "rule `" + rule.id() + "`: unknown factor `" + factor
                        + "` (a feature of " + FeatureSchema.VERSION + ")");
            }
        }
        for (String aspect : nullToEmpty(when.aspects())) {
            if (!ASPECTS.contains(aspect)) {
                throw new PlaybookException(at + "rule `" + rule.id() + "`: unknown aspect `" + aspect + "` "
                        + ASPECTS.stream().sorted().toList());
            }
        }
    }

    private static void expect(JsonParser p, boolean ok, String source, String what) {
        if (!ok) {
            throw error(source, p, "expected " + what);
        }
    }

    private static PlaybookException error(String source, JsonParser p, String message) {
        return new PlaybookException(source + ", line " + p.currentLocation().getLineNr() + ": " + message);
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /**
     * The action of the first rule that matches, with its reason, or null when none does.
     *
     * @param value the customer's value estimate, or null (then only rules without a spend condition match)
     */
    public RecommendedAction choose(RiskLevel level, List<TopFactor> factors, Set<String> aspects,
                                    CustomerValue value) {
        for (Rule rule : rules) {
            if (matches(rule.when(), level, factors, aspects, value)) {
                return new RecommendedAction(rule.id(), rule.description(), rule.reason(), rule.effect());
            }
        }
        return null;
    }

    private static boolean matches(When when, RiskLevel level, List<TopFactor> factors, Set<String> aspects,
                                   CustomerValue value) {
        if (when == null) {
            return true;
        }
        if (when.levels() != null && !when.levels().contains(level.wireName())) {
            return false;
        }
        if (when.factors() != null && factors.stream().noneMatch(f -> when.factors().contains(f.feature()))) {
            return false;
        }
        if (when.aspects() != null && when.aspects().stream().noneMatch(aspects::contains)) {
            return false;
        }
        double spend = value == null ? Double.NaN : value.expectedSpend();
        if (when.minExpectedSpend() != null && !(spend >= when.minExpectedSpend())) {
            return false;
        }
        // an unknown value (no value model, no purchase yet) is neither above a minimum nor below a maximum
        return when.maxExpectedSpend() == null || spend <= when.maxExpectedSpend();
    }

    /**
     * The expected value of acting on an alert: the churn probability, times what the customer would spend if
     * they stayed, times the share of the risk the action removes; 0 without a value estimate or an action.
     * BG/NBD's expected spend is already weighed by its probability that the customer is still a customer, and
     * the churn score weighs the same risk, so the spend is taken as a customer who stays would make it.
     */
    public static double priority(double score, CustomerValue value, RecommendedAction action) {
        if (value == null || action == null || Double.isNaN(score)) {
            return 0;
        }
        double spendIfTheyStay = value.expectedSpend() / Math.max(value.probabilityAlive(), MIN_ALIVE);
        return Math.round(score * spendIfTheyStay * action.effect() * 100) / 100.0;
    }

    public String source() {
        return source;
    }

    public int size() {
        return rules.size();
    }
}
