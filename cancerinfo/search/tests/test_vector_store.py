"""The database index keeps sentence vectors as int8 codes with a scale per row: a quarter of the memory, the same
similarities to within 0.001 (what ranks documents)."""

import numpy as np

from cancerinfo.search.dbindex import Int8Vectors


def unit_vectors(count: int, seed: int = 18) -> np.ndarray:
    vectors = np.random.default_rng(seed).standard_normal((count, 384)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_similarities_are_those_of_the_float32_vectors():
    vectors = unit_vectors(1000)  # more rows than one chunk of conversion, and not a multiple of it
    store = Int8Vectors(len(vectors))
    store.put(list(range(len(vectors))), vectors)
    query = unit_vectors(1, seed=7)[0]
    assert store.codes.dtype == np.int8
    assert np.abs((store @ query) - vectors @ query).max() < 0.002


def test_growing_keeps_the_rows_stored_and_new_rows_score_zero():
    vectors = unit_vectors(10)
    store = Int8Vectors(10)
    store.put(list(range(10)), vectors)
    bigger = store.grown(5)
    query = vectors[3]
    scores = bigger @ query
    assert len(bigger) == 15
    assert abs(scores[3] - 1.0) < 0.002
    assert np.all(scores[10:] == 0.0)
    assert np.abs(bigger[3] - vectors[3]).max() < 0.01


def clustered_store(monkeypatch, rows: int = 3000) -> tuple[Int8Vectors, np.ndarray]:
    """Vectors around a few topics, as sentence vectors are; the store treated as large (signs first)."""
    monkeypatch.setattr(Int8Vectors, "SIGNS_FROM_ROWS", 1000)
    monkeypatch.setattr(Int8Vectors, "NEAREST_BY_SIGNS", 300)
    rng = np.random.default_rng(5)
    topics = unit_vectors(12, seed=9)
    vectors = topics[rng.integers(0, 12, rows)] + 0.6 * unit_vectors(rows, seed=11)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    store = Int8Vectors(rows)
    store.put(list(range(rows)), vectors)
    return store, vectors


def test_in_a_large_store_the_nearest_rows_and_the_word_matches_get_their_similarity(monkeypatch):
    store, vectors = clustered_store(monkeypatch)
    query = vectors[42] + 0.3 * unit_vectors(1, seed=3)[0]
    query /= np.linalg.norm(query)
    exact = store @ query
    lexical = np.zeros(len(vectors), dtype=np.float32)
    far = int(np.argmin(exact))  # the least similar row of all, matched by the query's words
    lexical[far] = 2.0

    found = store.similarities(query, lexical)

    nearest = np.argsort(-exact)[:10]
    assert np.abs(found[nearest] - exact[nearest]).max() < 1e-5  # the nearest in meaning: worked out
    assert abs(found[far] - exact[far]) < 1e-5  # matched by words: worked out, however far in meaning
    left_out = found == Int8Vectors.NOT_WORKED_OUT
    assert 0 < left_out.sum() < len(vectors) - 300  # only the rows that cannot rank were skipped
    assert exact[left_out].max() < exact[nearest].min()


def test_a_small_store_works_out_every_similarity(monkeypatch):
    store, vectors = clustered_store(monkeypatch, rows=900)  # under SIGNS_FROM_ROWS
    query = vectors[7]
    assert np.array_equal(store.similarities(query, None), store @ query)


def test_the_signs_of_rows_grown_and_stored_later_are_kept(monkeypatch):
    store, vectors = clustered_store(monkeypatch)
    bigger = store.grown(10)
    bigger.put([len(vectors) + 3], vectors[:1])
    assert np.array_equal(bigger.signs[len(vectors) + 3], bigger.signs[0])
    signs = np.unpackbits(bigger.signs[len(vectors) + 3].view(np.uint8))[: vectors.shape[1]]
    assert np.array_equal(signs, vectors[0] > 0)  # one bit per component: is it above zero
    assert bigger.similarities(vectors[0], None)[len(vectors) + 3] > 0.99
