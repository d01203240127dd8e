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
     * {@code zh} when at least a fifth of the letters are CJK ideographs, else {@code en}. A valid hint
     * ({@code en}, {@code zh}, or a tag starting with them such as {@code zh-CN}) wins over detection.
     */
    public static String language(String text, String hint) {
        if (hint != null) {
            String h = hint.toLowerCase(java.util.Locale.ROOT);
            if (h.startsWith("zh")) {
                return "zh";
            }
            if (h.startsWith("en")) {
                return "en";
            }
        }
        int letters = 0;
        int cjk = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetter(cp)) {
                letters++;
                if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
                    cjk++;
                }
            }
        }
        return letters > 0 && cjk * 5 >= letters ? "zh" : "en";
    }
}
