"""Sentiment heads on a small labelled sample owned by the tests (never ../shared), embedded by the Java path."""
import json

import numpy as np
import pytest

from model_export import cards, fast_sentiment, sentiment

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
