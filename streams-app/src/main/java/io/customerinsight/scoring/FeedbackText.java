package io.customerinsight.scoring;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Text handling shared by every sentiment path: length limit and language detection. */
public final class FeedbackText {
    /** the languages the sentiment models read */
    public static final Set<String> SUPPORTED = Set.of("en", "zh");
    /** a BCP 47 primary language subtag; {@code und}, {@code mul} and {@code zxx} say no language */
    private static final Pattern LANGUAGE_SUBTAG = Pattern.compile("[a-z]{2,3}");
    private static final Set<String> NO_LANGUAGE = Set.of("und", "mul", "zxx");
    /** hints of a language whose script is not Latin: on a text in Latin letters the hint is contradicted */
    private static final Set<String> NON_LATIN = Set.of("ja", "ko", "ru", "uk", "bg", "el", "ar", "fa", "he",
            "th", "hi");

    /**
     * Without a hint, a text in Latin letters is taken for another language only when it has this many letters
     * and the detector gives English less than {@link #NOT_ENGLISH}: of the 18,110 English clothing reviews of
     * the training data, 4 (0.02%) are taken for another language, all short ("Great versatile skirt, very
     * flattering"); with 20 letters, 7
     */
    private static final int MIN_LETTERS_TO_DETECT = 30;
    private static final double NOT_ENGLISH = 0.01;
    /** a hint of another language is overridden when the detector is this sure the text is English */
    private static final double HINT_CONTRADICTED = 0.5;

    private FeedbackText() {
    }

    /**
     * The language of a text that neither sentiment model reads, or null when it is English or Chinese (or
     * cannot be told: a text without letters). The script decides where it can: Hangul is {@code ko}, kana
     * {@code ja} (each from a fifth of the letters), most letters in another script but Latin or Han
     * {@code und}. By script alone a Spanish review is English, so a text in Latin letters goes to a language
     * detector ({@link LatinScriptLanguages}): without a hint, a text of at least 30 letters it finds almost
     * surely not English is in the language it names; a hint of another language ({@code es}, {@code fr-CA})
     * holds unless the detector finds the text more likely English than not. A hint the script contradicts is
     * overridden, as in {@link #language}: {@code ko} on Latin letters, {@code es} on Chinese. A hint of
     * English skips the detector.
     * Used live and by {@code replay}, so that both leave out the same texts.
     */
    public static String unsupportedLanguage(String text, String hint) {
        Letters counted = Letters.of(text);
        int letters = counted.all;
        int han = counted.han;
        int hangul = counted.hangul;
        int kana = counted.kana;
        if (letters == 0) {
            return null;
        }
        if (hangul * 5 >= letters && hangul > 0) {
            return "ko";
        }
        if (kana * 5 >= letters && kana > 0) {
            return "ja";
        }
        int other = letters - counted.latin - han - hangul - kana;
        if (other * 2 >= letters) {
            String hinted = hintedSubtag(hint);
            return hinted != null && NON_LATIN.contains(hinted) ? hinted : "und";
        }
        if (han * 5 >= letters || hintedLanguage(hint) != null) {
            return null; // the Chinese model reads it (see language), or the producer says English or Chinese
        }
        String hinted = hintedSubtag(hint);
        if (hinted != null && NON_LATIN.contains(hinted)) {
            hinted = null;
        }
        LatinScriptLanguages.Detected detected = LatinScriptLanguages.detect(text);
        if (hinted != null) {
            return detected.english() >= HINT_CONTRADICTED ? null : hinted;
        }
        return counted.latin >= MIN_LETTERS_TO_DETECT && detected.english() < NOT_ENGLISH ? detected.likeliest() : null;
    }

    /** Loads the language detector's profiles (about 100 ms), as a scorer's task starts rather than at a message. */
    public static void loadLanguageDetector() {
        LatinScriptLanguages.load();
    }

    /** The primary language subtag of a hint ({@code es} of {@code es-MX}), or null for none. */
    private static String hintedSubtag(String hint) {
        if (hint == null) {
            return null;
        }
        String primary = hint.strip().toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
        return LANGUAGE_SUBTAG.matcher(primary).matches() && !NO_LANGUAGE.contains(primary) ? primary : null;
    }

    /** Cuts text to at most {@code maxChars} UTF-16 units without splitting a surrogate pair. */
    public static String truncate(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int end = maxChars;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    /**
     * {@code zh} when at least a fifth of the letters are CJK ideographs, else {@code en}. A hint ({@code en},
     * {@code zh}, or a tag starting with them such as {@code zh-CN}) wins over that, unless the text's script
     * contradicts it: producers often label feedback by the site's locale, and each model reads the other
     * language at chance (the English one sees no word at all in Chinese text). So {@code zh} for a text with
     * letters but no Chinese character is {@code en}, and {@code en} for a text mostly of Chinese characters
     * is {@code zh}.
     */
    public static String language(String text, String hint) {
        Letters counted = Letters.of(text);
        int letters = counted.all;
        int han = counted.han;
        String hinted = hintedLanguage(hint);
        if ("zh".equals(hinted) && !(han == 0 && letters > 0)) {
            return "zh";
        }
        if ("en".equals(hinted) && han * 2 <= letters) {
            return "en";
        }
        return letters > 0 && han * 5 >= letters ? "zh" : "en";
    }

    /** {@code en} or {@code zh} for a producer's hint ({@code en-US}, {@code zh-CN}...), null for none or another. */
    public static String hintedLanguage(String hint) {
        String h = hint == null ? "" : hint.toLowerCase(java.util.Locale.ROOT);
        return h.startsWith("zh") ? "zh" : h.startsWith("en") ? "en" : null;
    }

    /** A text's letters, counted by the scripts that tell its language. */
    private static final class Letters {
        int all;
        int latin;
        int han;
        int hangul;
        int kana;

        static Letters of(String text) {
            Letters n = new Letters();
            for (int i = 0; i < text.length(); ) {
                int cp = text.codePointAt(i);
                i += Character.charCount(cp);
                if (Character.isLetter(cp)) {
                    n.all++;
                    switch (Character.UnicodeScript.of(cp)) {
                        case LATIN -> n.latin++;
                        case HAN -> n.han++;
                        case HANGUL -> n.hangul++;
                        case HIRAGANA, KATAKANA -> n.kana++;
                        default -> {
                        }
                    }
                }
            }
            return n;
        }
    }
}
