package io.customerinsight.scoring;

import com.optimaize.langdetect.DetectedLanguage;
import com.optimaize.langdetect.LanguageDetector;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import com.optimaize.langdetect.text.TextObjectFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Tells English from the other languages written in Latin letters that customers most often use, with the
 * character n-gram profiles of optimaize's language detector: by its script alone a Spanish review is English,
 * and the English models read it at chance. Only these candidates are compared (all 70 profiles took four
 * times as long and found more far-fetched languages in short English texts). Deterministic, and thread-safe.
 */
final class LatinScriptLanguages {
    /** English and the candidates it is told from */
    static final List<String> CANDIDATES = List.of("en", "es", "fr", "de", "pt", "it", "nl", "pl", "tr", "vi",
            "id", "sv", "da", "no", "fi", "cs", "ro", "hu");
    /** the detector reads the start of a text: enough to tell its language, and its cost grows with length */
    private static final int MAX_CHARS = 160;
    private static final LanguageDetector DETECTOR = loadProfiles();
    private static final TextObjectFactory TEXT = CommonTextObjectFactories.forDetectingShortCleanText();

    /** The likeliest language of a text and the probability that it is English. */
    record Detected(String likeliest, double english) {
    }

    private LatinScriptLanguages() {
    }

    /** Loads the profiles now (a class's first use loads them), so that no message waits for it. */
    static void load() {
        // initialising the class has loaded DETECTOR
    }

    static Detected detect(String text) {
        String start = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        List<DetectedLanguage> found = DETECTOR.getProbabilities(TEXT.forText(start));
        if (found.isEmpty()) {
            return new Detected("en", 1.0);
        }
        double english = 0;
        for (DetectedLanguage language : found) {
            if (language.getLocale().getLanguage().equals("en")) {
                english += language.getProbability();
            }
        }
        return new Detected(found.get(0).getLocale().getLanguage(), english);
    }

    private static LanguageDetector loadProfiles() {
        try {
            return LanguageDetectorBuilder.create(NgramExtractors.standard())
                    .withProfiles(new LanguageProfileReader().read(CANDIDATES)).build();
        } catch (IOException e) {
            throw new UncheckedIOException("the language profiles are missing from the classpath", e);
        }
    }
}
