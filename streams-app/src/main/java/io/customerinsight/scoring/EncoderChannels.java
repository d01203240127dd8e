package io.customerinsight.scoring;

import io.customerinsight.events.FeedbackChannel;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The feedback channels whose messages the cascade leaves to the encoder path whatever the fast model says,
 * per language ({@code insight.sentiment.encoder.channels}). The fast models learnt from product reviews; on
 * the language of support tickets and chats the English one is often wrong and sure of it (a request to
 * cancel read as praise), where the encoder's general sense of language holds.
 */
public final class EncoderChannels {
    private static final List<String> LANGUAGES = List.of("en", "zh");

    /** {@code language:channel} */
    private final Set<String> routed;
    private final Set<String> channels;

    private EncoderChannels(Set<String> routed, Set<String> channels) {
        this.routed = Set.copyOf(routed);
        this.channels = Set.copyOf(channels);
    }

    /**
     * @param entries each {@code language:channel} ({@code en:support_ticket}) or a channel alone, for every
     *                language
     * @throws IllegalArgumentException naming the entry and the choices
     */
    public static EncoderChannels parse(List<String> entries) {
        Set<String> routed = new HashSet<>();
        Set<String> channels = new HashSet<>();
        for (String raw : entries) {
            String entry = raw.trim().toLowerCase(Locale.ROOT);
            int colon = entry.indexOf(':');
            String channel = colon < 0 ? entry : entry.substring(colon + 1);
            List<String> languages = colon < 0 ? LANGUAGES : List.of(entry.substring(0, colon));
            if (!FeedbackChannel.WIRE_NAMES.contains(channel)) {
                throw new IllegalArgumentException("'" + raw + "': the channel must be one of "
                        + FeedbackChannel.WIRE_NAMES);
            }
            if (!LANGUAGES.containsAll(languages)) {
                throw new IllegalArgumentException("'" + raw + "': the language must be one of en, zh");
            }
            channels.add(channel);
            languages.forEach(language -> routed.add(language + ":" + channel));
        }
        return new EncoderChannels(routed, channels);
    }

    /** Whether this message is the encoder's to decide: its channel, in the language it is read as. */
    public boolean byEncoder(String channel, String text, String languageHint) {
        return channels.contains(channel) && routed.contains(FeedbackText.language(text, languageHint) + ":" + channel);
    }
}
