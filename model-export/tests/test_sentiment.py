"""Sentiment heads on a small labelled sample owned by the tests (never ../shared), embedded by the Java path."""
import json

import numpy as np
import pytest

from model_export import adaptation, cards, fast_sentiment, sentiment

EN_POS = ["I love this dress, the fabric is soft", "Great fit and lovely colour", "Excellent quality, very happy",
          "Beautiful top, I get compliments every time", "Perfect, exactly as pictured", "So comfortable, highly recommend",
          "Fast delivery and great service", "Fantastic jeans, they fit perfectly", "Very pretty and well made",
          "Wonderful purchase, will buy again", "The material is lovely and it washes well", "Really flattering cut"]
EN_NEG = ["Terrible quality, it ripped after one wash", "Very disappointed, the colour is awful",
          "Cheap fabric and poor stitching", "It arrived damaged and late", "Runs small and looks nothing like the photo",
          "Worst purchase ever, returning it", "The zipper broke on day one", "Uncomfortable and itchy, do not buy",
          "Poor customer service and no refund", "Faded after the first wash", "Badly made, threads everywhere",
          "Awful fit, completely unflattering"]
ZH_POS = ["质量很好，非常满意", "衣服很漂亮，推荐购买", "物流很快，包装也好", "性价比很高，下次还来", "客服态度很好",
          "面料舒服，穿着合身", "非常喜欢，颜色好看", "东西不错，值得购买", "做工精细，很满意", "宝贝很好，好评",
          "很好用，家人都喜欢", "正品，质量没问题"]
ZH_NEG = ["质量太差了，很失望", "用了一天就坏了", "物流太慢，客服不理人", "和图片完全不一样", "做工粗糙，不推荐",
          "退款一直没处理", "味道很大，不能用", "尺码不对，很难穿", "太差了，再也不买了", "收到就是坏的",
          "颜色掉得厉害，差评", "包装破损，东西也有问题"]


@pytest.fixture(scope="module")
def datasets():
    en = sentiment.Dataset("en", EN_POS + EN_NEG, np.array([1] * 12 + [0] * 12), {"name": "test sample (en)"})
    zh = sentiment.Dataset("zh", ZH_POS + ZH_NEG, np.array([1] * 12 + [0] * 12), {"name": "test sample (zh)"})
    return [en, zh]


def test_heads_are_trained_on_java_embeddings_and_exported_with_cards(datasets, tmp_path):
    report = sentiment.train_heads(datasets, tmp_path, seed=1, work=tmp_path / "work")
    for lang, other in (("en", "zh"), ("zh", "en")):
        card = json.loads((tmp_path / "sentiment" / lang / "card.json").read_text(encoding="utf-8"))
        assert card["sha256"] == cards.sha256(tmp_path / "sentiment" / lang / "head.onnx")
        assert card["labels"] == ["negative", "positive"] and card["inputName"] == "embedding"
        assert card["metrics"]["onnxParityMaxAbsDiff"] < 1e-5
        assert f"on_{other}_texts" in report[lang]
        assert report[lang]["ownLanguage"]["accuracy"] >= 0.6
    emb = np.load(tmp_path / "work" / "en-own.npy")
    assert emb.shape == (24, 384)
    assert np.allclose(np.linalg.norm(emb, axis=1), 1, atol=1e-3)


def test_fast_models_per_language_and_the_cascade_threshold_chosen_against_the_encoder(datasets, tmp_path):
    work = tmp_path / "work"
    sentiment.train_heads(datasets, tmp_path, seed=1, work=work)
    small = {lang: v | {"min_df": 1} for lang, v in fast_sentiment.VECTORIZERS.items()}  # 24 texts per language
    report = fast_sentiment.train(datasets, tmp_path, seed=1, work=work, vectorizers=small)
    for lang in ("en", "zh"):
        card = json.loads((tmp_path / "sentiment-fast" / lang / "card.json").read_text(encoding="utf-8"))
        assert card["kind"] == "sentiment-text" and card["inputName"] == "text" and card["language"] == lang
        assert card["sha256"] == cards.sha256(tmp_path / "sentiment-fast" / lang / "model.onnx")
        # ONNX's tokenizer does not fold runs of white space as scikit-learn does: close, not identical
        assert report[lang]["onnxParityMaxAbsDiff"] < 0.2
        held_out = (work / f"heldout-{lang}.tsv").read_text(encoding="utf-8").splitlines()
        assert len(held_out) == report[lang]["heldOut"]["rows"] and held_out[0].split("\t")[1] == lang
    chosen = fast_sentiment.choose_cascade(datasets, tmp_path, 1, work)
    for lang in ("en", "zh"):
        card = json.loads((tmp_path / "sentiment-fast" / lang / "card.json").read_text(encoding="utf-8"))
        table = card["metrics"]["cascade"]["byThreshold"]
        assert [r["threshold"] for r in table][:2] == [0.0, 0.1] and table[0]["encoderShare"] == 0
        assert card["thresholds"]["cascade"] == chosen[lang]["chosen"]["threshold"]
        assert abs(sum(card["distributions"]["cascadeScore"]["fractions"]) - 1) < 1e-9
        assert card["sha256"] == cards.sha256(tmp_path / "sentiment-fast" / lang / "model.onnx")


def test_english_labels_map_ratings_and_drop_neutral(tmp_path):
    path = tmp_path / "reviews.csv"
    path.write_text(",Clothing ID,Age,Title,Review Text,Rating,Recommended IND\n"
                    "0,1,30,Nice,\"Lovely, soft\",5,1\n1,2,40,,Meh,3,0\n2,3,50,Bad,\"Ripped, cheap\",1,0\n"
                    "3,4,20,,,4,1\n", encoding="utf-8")
    ds = sentiment.load_english(path)
    assert ds.texts == ["Nice Lovely, soft", "Bad Ripped, cheap"]
    assert list(ds.labels) == [1, 0]


def test_chinese_loader_handles_the_byte_order_mark(tmp_path):
    path = tmp_path / "zh.csv"
    path.write_bytes("\ufeffcat,label,review\n书籍,1,很好\n书籍,0,很差\n".encode("utf-8"))
    ds = sentiment.load_chinese(path)
    assert ds.texts == ["很好", "很差"] and list(ds.labels) == [1, 0]


def test_retraining_the_heads_with_the_same_seed_gives_the_same_metrics(datasets, tmp_path):
    a = sentiment.train_heads(datasets, tmp_path / "a", seed=1, work=tmp_path / "wa")
    b = sentiment.train_heads(datasets, tmp_path / "b", seed=1, work=tmp_path / "wb")
    assert a == b
    # the files differ only in the random graph name skl2onnx gives them: compare what they compute
    import onnxruntime as ort
    x = np.load(tmp_path / "wa" / "en-own.npy")
    run = [ort.InferenceSession((tmp_path / d / "sentiment" / "en" / "head.onnx").read_bytes(),
                                providers=["CPUExecutionProvider"]).run(["probabilities"], {"embedding": x})[0]
           for d in ("a", "b")]
    assert np.array_equal(run[0], run[1])


def test_leave_one_category_out_judges_each_category_by_a_model_that_never_saw_it():
    # two categories share their wording; the third praises and complains in words of its own, so a model
    # trained on the other two cannot read it, while each of the first two is read by the other's model
    shared_pos = ["great quality love it", "love it great value", "great fit love it", "love the great colour"]
    shared_neg = ["awful quality hate it", "hate it awful value", "awful fit hate it", "hate the awful colour"]
    own_pos = ["superb plot gripping", "gripping superb author", "superb gripping ending", "gripping and superb"]
    own_neg = ["dull plot tedious", "tedious dull author", "dull tedious ending", "tedious and dull"]
    texts, labels, categories = [], [], []
    for category, pos, neg in (("dresses", shared_pos, shared_neg), ("tops", shared_pos, shared_neg),
                               ("books", own_pos, own_neg)):
        texts += pos + neg
        labels += [1] * len(pos) + [0] * len(neg)
        categories += [category] * (len(pos) + len(neg))
    ds = sentiment.Dataset("en", texts, np.array(labels), {"name": "three categories"}, categories)
    small = {"en": fast_sentiment.VECTORIZERS["en"] | {"min_df": 1}}
    report = fast_sentiment.leave_one_category_out(ds, seed=1, vectorizers=small)
    assert set(report) == {"dresses", "tops", "books", "meanAccuracy", "meanMacroF1"}
    assert report["dresses"]["accuracy"] == 1.0 and report["tops"]["accuracy"] == 1.0
    assert report["books"]["accuracy"] <= 0.75
    assert report["meanAccuracy"] == pytest.approx(np.mean([report[c]["accuracy"] for c in ("dresses", "tops", "books")]),
                                                   abs=1e-4)


def _new_domain(n: int, seed: int):
    """Reviews of a business the labelled sets never saw: its own words of praise and complaint ("gripping",
    "tedious") always beside familiar ones ("great", "awful"), with words of its own subject around them."""
    rng = np.random.default_rng(seed)
    subject = ["plot", "author", "chapter", "ending", "story", "pages", "cover", "series"]
    texts, labels = [], []
    for i in range(n):
        positive = i % 2 == 0
        words = [("great" if positive else "awful"), ("gripping" if positive else "tedious"),
                 *rng.choice(subject, 3, replace=False)]
        rng.shuffle(words)
        texts.append(" ".join(words))
        labels.append(int(positive))
    return texts, np.array(labels)


def _labelled_shop(n: int, seed: int):
    rng = np.random.default_rng(seed)
    subject = ["dress", "fabric", "fit", "colour", "zip", "size", "sleeve", "collar"]
    texts = [" ".join([("great" if i % 2 == 0 else "awful"), *rng.choice(subject, 3, replace=False)]) for i in range(n)]
    return texts, np.array([int(i % 2 == 0) for i in range(n)])


SMALL_EN = {"en": fast_sentiment.VECTORIZERS["en"] | {"min_df": 1}}


def test_self_training_learns_a_new_business_words_from_its_unlabelled_texts():
    texts, labels = _labelled_shop(60, 1)
    unlabelled, _ = _new_domain(120, 2)
    judged = ["gripping", "gripping story", "tedious", "tedious pages"]  # only the new business's own words
    truth = np.array([1, 1, 0, 0])
    base = fast_sentiment.pipeline("en", 1, SMALL_EN).fit(texts, labels)
    adapted, info = adaptation.fit_self_trained("en", 1, texts, labels, unlabelled, SMALL_EN)
    assert np.mean(base.predict(judged) == truth) <= 0.5  # the words are unknown to it: one answer for all
    assert np.array_equal(adapted.predict(judged), truth)
    assert info["unlabelledTexts"] == 120 and info["rounds"] == adaptation.SELF_TRAINING_ROUNDS
    assert info["pseudoLabelled"] == {"negative": 60, "positive": 60}


def test_pseudo_labels_keep_both_labels_when_the_texts_are_mostly_of_one():
    texts, labels = _labelled_shop(60, 1)
    model = fast_sentiment.pipeline("en", 1, SMALL_EN).fit(texts, labels)
    skewed = ["great dress"] * 90 + ["awful dress"] * 10
    chosen, pseudo = adaptation.confident(model, skewed)
    assert list(pseudo).count(1) == 50 and list(pseudo).count(0) == 10  # at most half of the texts per label
    assert all(t == "awful dress" for t, y in zip(chosen, pseudo) if y == 0)


def test_the_exported_fast_model_is_adapted_to_the_unlabelled_texts_and_its_card_says_so(tmp_path):
    texts, labels = _labelled_shop(80, 3)
    ds = sentiment.Dataset("en", texts, labels, {"name": "a shop"})
    unlabelled, _ = _new_domain(adaptation.MIN_TEXTS, 4)
    report = fast_sentiment.train([ds], tmp_path, seed=1, vectorizers=SMALL_EN, unlabelled={"en": unlabelled})
    card = json.loads((tmp_path / "sentiment-fast" / "en" / "card.json").read_text(encoding="utf-8"))
    assert card["metrics"]["adaptation"]["unlabelledTexts"] == adaptation.MIN_TEXTS
    assert report["en"]["adaptation"] == card["metrics"]["adaptation"]
    import onnxruntime as ort
    session = ort.InferenceSession(str(tmp_path / "sentiment-fast" / "en" / "model.onnx"),
                                   providers=["CPUExecutionProvider"])
    p = session.run(["probabilities"], {"text": np.array(["gripping", "tedious"], dtype=object).reshape(-1, 1)})[0]
    assert p[0, 1] > 0.5 > p[1, 1]
    # too few texts of a language: its model is trained as without them
    fast_sentiment.train([ds], tmp_path / "few", seed=1, vectorizers=SMALL_EN, unlabelled={"en": unlabelled[:10]})
    card = json.loads((tmp_path / "few" / "sentiment-fast" / "en" / "card.json").read_text(encoding="utf-8"))
    assert "adaptation" not in card["metrics"]


def _shop_and_books() -> sentiment.Dataset:
    """Two businesses as two categories; half of the books' reviews use only their own words, unreadable
    without adaptation."""
    shop_texts, shop_labels = _labelled_shop(80, 5)
    book_texts, book_labels = _new_domain(80, 6)
    book_texts = [t if i % 4 < 2 else " ".join(w for w in t.split() if w not in ("great", "awful"))
                  for i, t in enumerate(book_texts)]
    return sentiment.Dataset("en", shop_texts + book_texts, np.concatenate([shop_labels, book_labels]),
                             {"name": "two businesses"}, ["dresses"] * 80 + ["books"] * 80)


def test_cross_domain_judges_the_adapted_model_on_reviews_its_adaptation_never_saw():
    ds = _shop_and_books()
    out = fast_sentiment.cross_domain(ds, ["books"], 1, SMALL_EN)
    assert out["books"]["accuracy"] <= 0.8
    assert out["adapted"]["books"]["accuracy"] >= 0.95
    assert out["adapted"]["books"]["rows"] == out["books"]["rows"]  # the same balanced sample
    assert out["adapted"]["unlabelledTextsPerHalf"] == {"books": [40, 40]}


def _embedder(work):
    """The Java encoder path's embeddings (insight-tools.jar embed), as the sentiment command uses them."""
    return lambda texts, language, tag: sentiment.embed(texts, language, work, tag)


def test_cotraining_adapts_the_fast_model_and_the_head_and_sets_the_encoder_share(tmp_path):
    embed = _embedder(tmp_path)
    texts, labels = _labelled_shop(60, 1)
    unlabelled, _ = _new_domain(120, 2)
    judged = ["gripping", "gripping story", "tedious", "tedious pages"]  # only the new business's own words
    truth = np.array([1, 1, 0, 0])
    head_x = embed(texts, "en", "shop")
    fast, head, info = adaptation.fit_cotrained("en", 1, texts, labels, unlabelled, head_x, labels,
                                                embed(unlabelled, "en", "books"), SMALL_EN)
    assert np.array_equal(fast.predict(judged), truth)
    assert np.array_equal(head.predict(embed(judged, "en", "judged")), truth)
    assert info["method"].startswith("co-training") and info["rounds"] == adaptation.COTRAINING_ROUNDS
    assert info["pseudoLabelled"] == {"negative": 60, "positive": 60}
    # the threshold sends the new texts of the business the fast model is least sure of to the encoder; set on
    # texts left out of a fit, as the model is surer of those it was trained on
    fresh, _ = _new_domain(200, 9)
    share = np.mean(np.abs(2 * fast.predict_proba(fresh)[:, 1] - 1) < info["cascadeThreshold"])
    trained_on = np.mean(np.abs(2 * fast.predict_proba(unlabelled)[:, 1] - 1) < info["cascadeThreshold"])
    assert 0 < share <= 3 * adaptation.ENCODER_SHARE and trained_on < share


def test_pruning_keeps_the_business_ngrams_with_their_weights():
    texts, labels = _labelled_shop(60, 1)
    business, _ = _new_domain(40, 2)
    full = fast_sentiment.pipeline("en", 1, SMALL_EN).fit(texts + business, np.concatenate([labels, _new_domain(40, 2)[1]]))
    small = adaptation.prune(full, business, min_texts=2, strongest=3)
    kept = set(small.steps[0][1].vocabulary_)
    assert len(kept) < len(full.steps[0][1].vocabulary_)
    assert {"gripping", "tedious"} <= kept and "zip" not in kept  # the shop's own words go, but for the 3 strongest
    judged = [t for t in business if set(small.steps[0][1].build_analyzer()(t)) <= kept]
    assert judged and np.allclose(small.predict_proba(judged), full.predict_proba(judged))
    assert all(w in kept for g in kept for w in g.split(" "))  # ONNX finds an n-gram through its tokens


def test_the_sentiment_command_exports_an_adapted_head_and_its_card_says_so(tmp_path):
    embed = _embedder(tmp_path / "work")
    texts, labels = _labelled_shop(80, 3)
    ds = sentiment.Dataset("en", texts, labels, {"name": "a shop"})
    sentiment.train_heads([ds], tmp_path, seed=1, work=tmp_path / "work")
    shipped = (tmp_path / "sentiment" / "en" / "head.onnx").read_bytes()
    unlabelled, _ = _new_domain(adaptation.MIN_TEXTS, 4)
    fast_sentiment.train([ds], tmp_path, seed=1, vectorizers=SMALL_EN, unlabelled={"en": unlabelled}, embed=embed,
                         head_rows={"en": sentiment.head_rows(ds, tmp_path / "work", 1)}, adapt_vectorizers=SMALL_EN)
    head_card = json.loads((tmp_path / "sentiment" / "en" / "card.json").read_text(encoding="utf-8"))
    assert (tmp_path / "sentiment" / "en" / "head.onnx").read_bytes() != shipped
    assert head_card["sha256"] == cards.sha256(tmp_path / "sentiment" / "en" / "head.onnx")
    assert head_card["metrics"]["adaptation"]["unlabelledTexts"] == adaptation.MIN_TEXTS
    fast_card = json.loads((tmp_path / "sentiment-fast" / "en" / "card.json").read_text(encoding="utf-8"))
    assert fast_card["metrics"]["adaptation"]["method"].startswith("co-training")


def test_cross_domain_judges_the_cotrained_models_and_their_cascade(tmp_path):
    ds = _shop_and_books()
    out = fast_sentiment.cross_domain(ds, ["books"], 1, SMALL_EN, _embedder(tmp_path), SMALL_EN)
    assert out["books"]["accuracy"] <= 0.8
    assert out["adapted"]["books"]["accuracy"] >= 0.95
    assert out["adapted"]["cascade"]["books"]["rows"] == out["books"]["rows"]
    assert 0 < out["adapted"]["cascade"]["encoderShare"] < 1  # some texts to the encoder, not all
    assert "co-training" in out["adapted"]["protocol"]


def test_a_business_texts_are_read_as_the_app_hands_them_to_the_fast_models(tmp_path):
    # the app gives ONNX Runtime each emoji (any character beyond the basic plane, U+0000, a lone surrogate)
    # as U+FFFD (OnnxClassifier.readableByNativeTokenizer): an adapted model learns from the same characters,
    # or n-grams of emoji it learnt would never match live
    path = tmp_path / "feedback.jsonl"
    path.write_text("\n".join([
        json.dumps({"feedbackId": "f1", "customerId": "c1", "text": "太好了\U0001F44D\U0001F44D"}, ensure_ascii=False),
        '{"feedbackId": "f2", "customerId": "c2", "text": "Broken again \\ud83d\\ude21 and \\ud83d alone\\u0000"}',
    ]) + "\n", encoding="utf-8")
    texts = sentiment.load_unlabelled(path)
    assert texts == {"zh": ["太好了\ufffd\ufffd"], "en": ["Broken again \ufffd and \ufffd alone\ufffd"]}


def test_unlabelled_feedback_is_read_from_the_contract_and_sorted_by_language(tmp_path):
    path = tmp_path / "feedback.jsonl"
    path.write_text("\n".join([
        json.dumps({"feedbackId": "f1", "customerId": "c1", "text": "Lovely, fast delivery", "language": "en"}),
        json.dumps({"feedbackId": "f2", "customerId": "c2", "text": "物流很快，质量很好"}, ensure_ascii=False),
        json.dumps({"feedbackId": "f3", "customerId": "c3", "text": "OK 好", "language": "zh-CN"}, ensure_ascii=False),
        json.dumps({"feedbackId": "f4", "customerId": "c4", "text": "   "}),
        "not json", json.dumps(["a", "list"]),
        json.dumps({"feedbackId": "f5", "customerId": "c5", "text": "The app crashed again"}),
    ]) + "\n", encoding="utf-8")
    texts = sentiment.load_unlabelled(path)
    assert texts == {"en": ["Lovely, fast delivery", "The app crashed again"], "zh": ["物流很快，质量很好", "OK 好"]}
    assert sentiment.language_of("Good product 好") == "en" and sentiment.language_of("OK 好") == "zh"
    # a hint wins unless the script contradicts it, as in the app (FeedbackTextTest)
    assert sentiment.language_of("Great service from 王小明 at the store", "zh") == "zh"
    assert sentiment.language_of("iPhone 的电池太差了", "en-US") == "en"
    assert sentiment.language_of("这个产品质量很好，物流也快", "en") == "zh"
    assert sentiment.language_of("Terrible, it broke after a day", "zh-CN") == "en"
