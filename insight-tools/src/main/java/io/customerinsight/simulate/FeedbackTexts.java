package io.customerinsight.simulate;

import java.util.List;
import java.util.random.RandomGenerator;

/** Synthetic feedback in English and Chinese, by polarity. Phrases are combined so texts vary. */
final class FeedbackTexts {
    private static final List<String> EN_NEGATIVE = List.of(
            "The delivery was late again and nobody answered my emails.",
            "Terrible quality, the item broke after two days.",
            "I am really disappointed with the customer service.",
            "The app keeps crashing at checkout, very frustrating.",
            "Prices went up and the quality went down. Not worth it anymore.",
            "Still waiting for my refund, this is unacceptable.",
            "Wrong size sent twice. I'm done with this shop.");
    private static final List<String> EN_NEUTRAL = List.of(
            "The product is okay, nothing special.",
            "Delivery took about a week.",
            "It fits as expected. Packaging was plain.",
            "Average experience overall.");
    private static final List<String> EN_POSITIVE = List.of(
            "Great quality and fast delivery, thank you!",
            "I love this dress, the fabric is so soft.",
            "Excellent service, the support team solved my issue quickly.",
            "Perfect fit and beautiful colour. Will buy again.",
            "Very happy with my order, highly recommend.");
    private static final List<String> ZH_NEGATIVE = List.of(
            "物流太慢了，客服也不回复，非常失望。",
            "质量很差，用了两天就坏了。",
            "退款一直没有到账，体验太糟糕了。",
            "发错货两次，再也不会在这里买了。",
            "价格涨了质量却下降了，不值这个价。");
    private static final List<String> ZH_NEUTRAL = List.of(
            "东西还行，一般般吧。",
            "快递大概一周到的。",
            "和描述差不多，包装普通。");
    private static final List<String> ZH_POSITIVE = List.of(
            "质量很好，物流很快，非常满意！",
            "衣服很漂亮，面料很舒服，推荐购买。",
            "客服态度很好，问题很快就解决了。",
            "性价比很高，下次还会再来。");

    private FeedbackTexts() {
    }

    /** @param polarity -1 negative, 0 neutral, 1 positive */
    static String text(String language, int polarity, RandomGenerator rnd) {
        boolean zh = "zh".equals(language);
        List<String> pool = switch (polarity) {
            case -1 -> zh ? ZH_NEGATIVE : EN_NEGATIVE;
            case 0 -> zh ? ZH_NEUTRAL : EN_NEUTRAL;
            default -> zh ? ZH_POSITIVE : EN_POSITIVE;
        };
        String first = pool.get(rnd.nextInt(pool.size()));
        if (rnd.nextDouble() < 0.4) {
            String second = pool.get(rnd.nextInt(pool.size()));
            if (!second.equals(first)) {
                return first + (zh ? "" : " ") + second;
            }
        }
        return first;
    }

    static int ratingFor(int polarity, RandomGenerator rnd) {
        return switch (polarity) {
            case -1 -> 1 + rnd.nextInt(2);
            case 0 -> 3;
            default -> 4 + rnd.nextInt(2);
        };
    }
}
