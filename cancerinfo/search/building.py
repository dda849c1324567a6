"""What a search index is built from: the text analyzer (with our spelling pairs), the thesaurus, the documents'
embeddings and the cancer type names. Both the in-memory index (services.py) and the database index (dbindex.py)
build from these, so neither has to import the other for them."""

import hashlib
import logging
import time
import uuid
from pathlib import Path

import numpy as np
from django.conf import settings
from django.db import DatabaseError, transaction

from cancerinfo.taxonomy.models import CancerType

from .embeddings import MODEL_NAME
from .engine import SearchIndex, Thesaurus
from .models import DocumentVector, SpellingVariant, ThesaurusGroup
from .registry import Document
from .spelling import own_pairs, spelling_map, stem_rules
from .text import Analyzer, fold
from .thesaurus import shipped_groups

logger = logging.getLogger(__name__)


def thesaurus_groups() -> list[list[str]]:
    try:
        groups = [group.terms_list for group in ThesaurusGroup.objects.filter(active=True)]
        if groups or ThesaurusGroup.objects.exists():
            return groups
    except DatabaseError:
        pass
    return shipped_groups()


def spelling_pairs() -> list[tuple[str, str]]:
    pairs = own_pairs()
    try:
        pairs += list(SpellingVariant.objects.values_list("british", "american"))
    except DatabaseError:
        pass
    return pairs


def make_analyzer() -> Analyzer:
    pairs = spelling_pairs()
    return Analyzer(spelling_map(pairs), stem_rules(pairs))


EMBED_BATCH = 512


def _quiet(message: str) -> None:
    pass


def document_vectors(documents: list[Document], encoder, progress=_quiet) -> np.ndarray | None:
    """Stored embeddings for unchanged documents; new or changed ones are embedded now and stored."""
    if encoder is None:
        return None
    hashes = [hashlib.sha1(d.embed_text.encode(), usedforsecurity=False).hexdigest() for d in documents]
    stored = {}
    rows = DocumentVector.objects.filter(model_name=MODEL_NAME)
    if len(documents) <= 1000:  # a few pages changed: read their vectors only (another server may have made them)
        rows = rows.filter(key__in=[d.key for d in documents])
    try:
        for key, text_hash, blob in rows.values_list("key", "text_hash", "vector").iterator(chunk_size=2000):
            stored[key] = (text_hash, blob)
    except DatabaseError:
        logger.warning("Search: stored embeddings unreadable; embedding everything.", exc_info=True)
    vectors = np.zeros((len(documents), 384), dtype=np.float32)
    missing = []
    file_cache = vector_file_cache()
    for i, (document, text_hash) in enumerate(zip(documents, hashes, strict=True)):
        found = stored.get(document.key)
        if found and found[0] == text_hash:
            vectors[i] = np.frombuffer(bytes(found[1]), dtype=np.float32)
        else:
            missing.append(i)
    if missing:
        started = time.perf_counter()
        to_embed = [i for i in missing if hashes[i] not in file_cache]
        for start in range(0, len(to_embed), EMBED_BATCH):
            batch = to_embed[start : start + EMBED_BATCH]
            embedded = encoder.encode([documents[i].embed_text for i in batch])
            for row, i in enumerate(batch):
                file_cache[hashes[i]] = embedded[row]
            progress(f"embedded {start + len(batch):,} of {len(to_embed):,} new or changed documents")
        if to_embed:
            save_vector_file_cache(file_cache)
        fresh = np.stack([file_cache[hashes[i]] for i in missing])
        for row, i in enumerate(missing):
            vectors[i] = fresh[row]
        try:
            with transaction.atomic():
                DocumentVector.objects.filter(key__in=[documents[i].key for i in missing]).delete()
                DocumentVector.objects.bulk_create(
                    [
                        DocumentVector(
                            key=documents[i].key,
                            text_hash=hashes[i],
                            model_name=MODEL_NAME,
                            vector=fresh[row].tobytes(),
                        )
                        for row, i in enumerate(missing)
                    ],
                    batch_size=500,
                )
        except DatabaseError:
            logger.warning("Search: could not store embeddings; they will be computed again.", exc_info=True)
        logger.info("Search: embedded %d documents in %.1f s.", len(missing), time.perf_counter() - started)
    return vectors


def _vector_cache_path():
    folder = getattr(settings, "SEARCH_VECTOR_CACHE_DIR", "")
    return Path(folder) / f"{MODEL_NAME}.npz" if folder else None


def vector_file_cache() -> dict[str, np.ndarray]:
    """Embeddings by text hash from a file shared by every database on this machine (tests, evaluation)."""
    path = _vector_cache_path()
    if path is None or not path.exists():
        return {}
    try:
        with np.load(path) as data:
            return dict(zip(data["keys"].tolist(), data["vectors"], strict=True))
    except (OSError, ValueError, KeyError):
        return {}


def save_vector_file_cache(vectors: dict[str, np.ndarray]) -> None:
    path = _vector_cache_path()
    if path is None or not vectors:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{uuid.uuid4().hex}.npz")
        keys = list(vectors)
        np.savez(temporary, keys=np.array(keys), vectors=np.stack([vectors[k] for k in keys]))
        temporary.replace(path)
    except OSError:
        logger.warning("Search: could not write the embedding cache %s.", path, exc_info=True)


def cancer_type_names() -> dict[str, str]:
    """slug -> name of every cancer type, for the filter."""
    try:
        return dict(CancerType.objects.order_by("name").values_list("slug", "name"))
    except DatabaseError:
        return {}


def promotion_table() -> dict[str, list[tuple[int, str]]]:
    """Every promoted page by normalised query, read once per content version (promotions bump it too)."""
    try:
        from wagtail.contrib.search_promotions.models import SearchPromotion
    except ImportError:
        return {}
    table: dict[str, list[tuple[int, str]]] = {}
    try:
        rows = (
            SearchPromotion.objects.filter(page__isnull=False)
            .order_by("query__query_string", "sort_order")
            .values_list("query__query_string", "page_id", "description")
        )
        for query_string, page_id, description in rows:
            table.setdefault(" ".join(fold(query_string).split()), []).append((page_id, description or ""))
    except DatabaseError:
        return {}
    return table


def assemble(documents: list[Document], vectors: np.ndarray | None, encoder) -> SearchIndex:
    """An in-memory index of these documents and their sentence vectors, with the site's thesaurus, promoted results
    and cancer type names."""
    analyzer = make_analyzer()
    cancer_types = cancer_type_names()
    index = SearchIndex(
        documents,
        analyzer,
        Thesaurus(thesaurus_groups(), analyzer),
        vectors,
        encoder,
        extra_vocabulary=list(cancer_types.values()),
    )
    index.promotions = promotion_table()
    index.spellchecker  # noqa: B018 (built now, with the index, rather than on a visitor's first misspelling)
    # The filter's list of cancer types, read with the documents: a cancer type change bumps the version too.
    index.cancer_type_names = cancer_types
    return index
