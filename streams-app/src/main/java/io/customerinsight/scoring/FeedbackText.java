package io.customerinsight.scoring;

/** Text handling shared by every sentiment path: length limit and language detection. */
public final class FeedbackText {
    private FeedbackText() {
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
        int letters = 0;
        int han = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetter(cp)) {
                letters++;
                if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
                    han++;
                }
            }
        }
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
}
