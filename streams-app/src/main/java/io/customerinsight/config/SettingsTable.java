package io.customerinsight.config;

import org.apache.kafka.common.config.ConfigDef;

/** The README's table of {@code insight.*} settings, generated from the catalogue so that it cannot drift. */
public final class SettingsTable {
    public static final String BEGIN = "<!-- settings: generated from InsightConfig, checked by a test -->";
    public static final String END = "<!-- end of settings -->";

    private SettingsTable() {
    }

    /** The table as Markdown, between {@link #BEGIN} and {@link #END}. */
    public static String markdown() {
        StringBuilder out = new StringBuilder(BEGIN).append('\n')
                .append("| key | default | accepts | meaning |\n|---|---|---|---|\n");
        for (ConfigDef.ConfigKey key : InsightConfig.DEFINITION.configKeys().values()) {
            out.append("| `").append(key.name).append("` | ")
                    .append(key.defaultValue == null ? "unset" : "`" + key.defaultValue + "`").append(" | ")
                    .append(accepts(key)).append(" | ")
                    .append(key.documentation).append(" |\n");
        }
        return out.append(END).append('\n').toString();
    }

    private static String accepts(ConfigDef.ConfigKey key) {
        if (key.validator != null && !(key.validator instanceof ConfigDef.NonEmptyString)) {
            return key.validator.toString().replace("|", "\\|");
        }
        return switch (key.type) {
            case INT, LONG -> "integer";
            case DOUBLE -> "number";
            case BOOLEAN -> "`true`, `false`";
            case PASSWORD -> "text (a secret, never logged)";
            default -> "text";
        };
    }
}
