"""The sentence encoder: all-MiniLM-L6-v2 as sentence-transformers computes it, whichever runtime runs a query.

A query runs through ONNX Runtime when it is installed (about twice as fast as NumPy for a short query) and through
NumPy otherwise; documents are embedded in NumPy, in padded batches. Each path must give the vectors of a plain,
row-by-row forward pass of the model (below), to within 1e-5: the index's document vectors and a query's vector are
compared with each other, so two runtimes that drifted apart would change rankings silently.

The default ("auto") runs a query through ONNX Runtime with int8 weights (onnxgraph.py): four times faster again, and
not exact. Its vectors are held close to the reference's and must find the same nearest documents.
"""

import math

import numpy as np
import pytest

from cancerinfo.search import embeddings

pytestmark = pytest.mark.skipif(embeddings.model_dir() is None, reason="the all-MiniLM-L6-v2 weights are not installed")

TEXTS = [
    "A man is eating food.",
    "A man is eating a piece of bread.",
    "womb",
    "bisphosphonates bone pain",
    "zometa",
    "What are the side effects of chemotherapy for bowel cancer? " * 6,
    "",
]


@pytest.fixture(scope="module")
def numpy_encoder():
    return embeddings.MiniLMEncoder(embeddings.model_dir(), runtime="numpy")


@pytest.fixture(scope="module")
def onnx_encoder():
    pytest.importorskip("onnxruntime")
    return embeddings.MiniLMEncoder(embeddings.model_dir(), runtime="onnxruntime")


@pytest.fixture(scope="module")
def int8_encoder():
    pytest.importorskip("onnxruntime")
    return embeddings.MiniLMEncoder(embeddings.model_dir(), runtime="auto")


def reference_vector(text: str) -> np.ndarray:
    """BERT as its paper and sentence-transformers write it: tokens as rows, x @ W.T + b, post-layer-norm, tanh
    GELU (the encoder's choice), mean pooling, unit length. Read straight from the safetensors file."""
    directory = embeddings.model_dir()
    w = embeddings.read_safetensors(directory / "model.safetensors")
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
    tokenizer.no_padding()  # the file pads to 128 tokens
    ids = tokenizer.encode(text or " ").ids

    def norm(x, name):
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + 1e-12) * w[name + ".weight"] + w[name + ".bias"]

    def dense(x, name):
        return x @ w[name + ".weight"].T + w[name + ".bias"]

    x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][: len(ids)]
    x = norm(x + w["embeddings.token_type_embeddings.weight"][0], "embeddings.LayerNorm")
    for i in range(6):
        p = f"encoder.layer.{i}."
        q, k, v = (dense(x, p + f"attention.self.{n}").reshape(len(ids), 12, 32) for n in ("query", "key", "value"))
        scores = np.einsum("qhd,khd->hqk", q, k) / math.sqrt(32)
        weights = np.exp(scores - scores.max(-1, keepdims=True))
        weights /= weights.sum(-1, keepdims=True)
        context = np.einsum("hqk,khd->qhd", weights, v).reshape(len(ids), 384)
        x = norm(x + dense(context, p + "attention.output.dense"), p + "attention.output.LayerNorm")
        up = dense(x, p + "intermediate.dense")
        gelu = 0.5 * up * (1 + np.tanh(math.sqrt(2 / math.pi) * (up + 0.044715 * up**3)))
        x = norm(x + dense(gelu, p + "output.dense"), p + "output.LayerNorm")
    pooled = x.mean(0)
    return pooled / np.linalg.norm(pooled)


@pytest.fixture(scope="module")
def reference():
    return {text: reference_vector(text) for text in TEXTS}


def test_numpy_encoder_gives_the_reference_vectors_one_text_at_a_time(numpy_encoder, reference):
    for text in TEXTS:
        assert np.abs(numpy_encoder.encode([text])[0] - reference[text]).max() < 1e-5, text


def test_numpy_encoder_gives_the_reference_vectors_in_padded_batches(numpy_encoder, reference):
    vectors = numpy_encoder.encode(TEXTS, batch_size=4)
    for text, vector in zip(TEXTS, vectors, strict=True):
        assert np.abs(vector - reference[text]).max() < 1e-5, text


def test_onnx_runtime_gives_the_reference_vectors_for_queries(onnx_encoder, reference):
    assert onnx_encoder.runtime == "onnxruntime"
    for text in TEXTS:
        assert np.abs(onnx_encoder.encode_query(text) - reference[text]).max() < 1e-5, text


def test_both_runtimes_agree_on_many_queries(numpy_encoder, onnx_encoder):
    words = ["womb", "bowel", "chemotherapy", "hair", "loss", "zoledronic", "acid", "trials", "near", "me", "pain"]
    rng = np.random.default_rng(17)
    for _ in range(40):
        query = " ".join(rng.choice(words, size=rng.integers(1, 6)))
        assert np.abs(onnx_encoder.encode_query(query) - numpy_encoder.encode([query])[0]).max() < 1e-5, query


def test_sentence_transformers_documented_similarity(numpy_encoder, onnx_encoder):
    # The sentence-transformers documentation gives 0.7553 for these two sentences with all-MiniLM-L6-v2.
    for encoder in (numpy_encoder, onnx_encoder):
        first, second = (encoder.encode_query(text) for text in TEXTS[:2])
        assert float(first @ second) == pytest.approx(0.7553, abs=5e-4)
        assert float(np.linalg.norm(first)) == pytest.approx(1.0, abs=1e-5)


def test_runtime_numpy_runs_no_onnx_session(numpy_encoder):
    assert numpy_encoder.session is None
    assert numpy_encoder.runtime == "numpy"


def test_the_default_runtime_is_onnx_runtime_with_int8_weights(int8_encoder):
    assert int8_encoder.runtime == "onnxruntime-int8"
    assert embeddings.MiniLMEncoder(embeddings.model_dir(), runtime="onnxruntime").runtime == "onnxruntime"


def test_int8_query_vectors_stay_close_to_the_reference(int8_encoder, reference):
    for text in (text for text in TEXTS if text.strip()):  # an empty query is never searched
        vector = int8_encoder.encode_query(text)
        assert float(np.linalg.norm(vector)) == pytest.approx(1.0, abs=1e-5)
        assert float(vector @ reference[text]) > 0.985, text


def test_int8_queries_find_the_same_nearest_documents(numpy_encoder, int8_encoder):
    documents = [
        "Bisphosphonates are drugs that strengthen bones weakened by cancer.",
        "Chemotherapy can make you feel sick; anti-sickness drugs help.",
        "Radiotherapy to the bone can ease pain within a few weeks.",
        "Hair loss after chemotherapy usually grows back in a few months.",
        "A clinical trial compares a new treatment with the usual one.",
        "The womb is where a baby grows; womb cancer often starts in its lining.",
        "Talking to children about cancer: be honest, and use words they know.",
        "Claiming benefits and help with money when you have cancer.",
    ]
    vectors = numpy_encoder.encode(documents)
    queries = {
        "zoledronic acid for my bones": 0, "feeling sick after chemo": 1, "bone pain radiotherapy": 2,
        "will my hair grow back": 3, "testing new treatments": 4, "cancer of the uterus": 5,
        "explaining cancer to a child": 6, "financial support": 7,
    }  # fmt: skip
    for query, nearest in queries.items():
        exact = vectors @ numpy_encoder.encode([query])[0]
        approximate = vectors @ int8_encoder.encode_query(query)
        assert int(np.argmax(exact)) == nearest, query
        assert int(np.argmax(approximate)) == nearest, query
        assert np.abs(approximate - exact).max() < 0.03, query


def test_onnx_runtime_named_runs_the_exact_weights(onnx_encoder, int8_encoder, reference):
    text = TEXTS[3]
    exact, approximate = onnx_encoder.encode_query(text), int8_encoder.encode_query(text)
    assert np.abs(exact - reference[text]).max() < 1e-5
    assert np.abs(approximate - reference[text]).max() > 1e-4  # a different computation, not the same one twice


def test_documents_are_embedded_without_starting_onnx_runtime(int8_encoder, reference):
    # The gunicorn master embeds documents and then forks: ONNX Runtime started there left every worker hanging at
    # exit (embeddings.MiniLMEncoder.session). Documents go through NumPy, exactly.
    fresh = embeddings.MiniLMEncoder(embeddings.model_dir(), runtime="auto")
    vectors = fresh.encode(TEXTS[:3])
    assert fresh._session is None  # noqa: SLF001 - what the master must never have
    for text, vector in zip(TEXTS[:3], vectors, strict=True):
        assert np.abs(vector - reference[text]).max() < 1e-5, text
    fresh.encode_query("womb")
    assert fresh._session is not None  # noqa: SLF001 - a query starts it, in the process that asks


def test_a_forked_process_starts_its_own_session(int8_encoder):
    import os

    int8_encoder.encode_query("started here")
    parent_session = int8_encoder.session
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # the child answers whether it got a session of its own and a right vector
        try:
            vector = int8_encoder.encode_query("a query only the child asks")
            ok = int8_encoder.session is not parent_session and abs(float(np.linalg.norm(vector)) - 1) < 1e-4
            os.write(write, b"1" if ok else b"0")
        finally:
            os._exit(0)
    os.close(write)
    answer = os.read(read, 1)
    os.waitpid(child, 0)
    assert answer == b"1"


def test_a_graph_written_before_the_fork_is_what_each_worker_starts_its_session_from(
    int8_encoder, reference, monkeypatch
):
    # The gunicorn master writes the graph (prepare_session); a worker then only starts its session from it, and
    # starts no ONNX Runtime before the fork.
    monkeypatch.setattr(int8_encoder, "_graph", None)
    monkeypatch.setattr(int8_encoder, "_session", None)
    monkeypatch.setattr(int8_encoder, "_session_pid", None)  # as in a worker just forked
    int8_encoder.prepare_session()
    assert int8_encoder._graph and int8_encoder._session is None
    written = []
    monkeypatch.setattr(embeddings, "_layers_graph", lambda *args: written.append(args) or b"")
    vector = int8_encoder.encode_query.__wrapped__(int8_encoder, TEXTS[0])
    assert written == [] and int8_encoder._session is not None
    assert float(vector @ reference[TEXTS[0]]) > 0.98
