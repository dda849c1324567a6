"""The encoder's six transformer layers as an ONNX graph, for ONNX Runtime to run a query.

ONNX Runtime runs a short query through the layers about twice as fast as NumPy (its matrix kernels suit a few
tokens against a large weight matrix; OpenBLAS packs each weight matrix on every call). The graph is written here
from the weights the NumPy encoder already holds, so there is no exported file to keep in step with the weights and
no `onnx` package (or protobuf) to install: the few message types the graph needs are written by hand, in the
protobuf wire format (https://protobuf.dev/programming-guides/encoding/; field numbers from onnx/onnx.proto).
The layers compute exactly what `MiniLMEncoder._forward` computes for one sequence (tanh GELU, post-layer-norm);
tests/test_embeddings.py holds the two to within 1e-5.

`quantized=True` stores each dense layer's weights as int8 (a scale per output column, symmetric) and runs them with
ONNX Runtime's DynamicQuantizeMatMul, which quantizes each token's activations on the fly: a query takes a quarter
of the time (4.0 -> 1.0 ms of CPU) and the weights a quarter of the memory. Its query vectors stay within cosine
0.98 of the exact ones (0.994 on average), and documents keep their exact vectors; the search evaluation figures
are held by tests/test_embeddings.py and `manage.py search_eval` (docs/search.md).
"""

from __future__ import annotations

import math
import struct

import numpy as np

IR_VERSION = 8  # ONNX Runtime 1.14 and later read it
OPSET = 20  # Gelu with approximate="tanh" (opset 20), LayerNormalization (17)
_FLOAT, _INT8, _INT64 = 1, 3, 7  # TensorProto.DataType
MICROSOFT = "com.microsoft"  # the domain of ONNX Runtime's own operators (DynamicQuantizeMatMul)


def _varint(value: int) -> bytes:
    value &= (1 << 64) - 1  # negative int64 values are written as their two's complement
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _key(field: int, wire: int) -> bytes:
    return _varint(field << 3 | wire)


def _int(field: int, value: int) -> bytes:
    return _key(field, 0) + _varint(value)


def _bytes(field: int, value: bytes | str) -> bytes:
    data = value.encode() if isinstance(value, str) else value
    return _key(field, 2) + _varint(len(data)) + data


def _attribute(name: str, value) -> bytes:
    # AttributeProto: name 1, f 2, i 3, ints 8, type 20 (FLOAT 1, INT 2, STRING 3, INTS 7)
    if isinstance(value, float):
        body = _key(2, 5) + struct.pack("<f", value) + _int(20, 1)
    elif isinstance(value, int):
        body = _int(3, value) + _int(20, 2)
    elif isinstance(value, str):
        body = _bytes(4, value) + _int(20, 3)
    else:
        body = b"".join(_int(8, v) for v in value) + _int(20, 7)
    return _bytes(1, name) + body


def _node(op: str, inputs: list[str], outputs: list[str], domain: str = "", **attributes) -> bytes:
    # NodeProto: input 1, output 2, op_type 4, attribute 5, domain 7
    body = b"".join(_bytes(1, i) for i in inputs) + b"".join(_bytes(2, o) for o in outputs) + _bytes(4, op)
    body += b"".join(_bytes(5, _attribute(k, v)) for k, v in attributes.items())
    return body + (_bytes(7, domain) if domain else b"")


def _tensor(name: str, array: np.ndarray) -> bytes:
    # TensorProto: dims 1, data_type 2, name 8, raw_data 9 (little-endian)
    dtype = {np.dtype(np.int64): _INT64, np.dtype(np.int8): _INT8}.get(np.asarray(array).dtype, _FLOAT)
    array = np.ascontiguousarray(array, dtype={_INT64: np.int64, _INT8: np.int8}.get(dtype, np.float32))
    dims = b"".join(_int(1, d) for d in array.shape)
    return dims + _int(2, dtype) + _bytes(8, name) + _bytes(9, array.astype(array.dtype.newbyteorder("<")).tobytes())


def _value_info(name: str, width: int) -> bytes:
    # ValueInfoProto{name 1, type 2: TypeProto{tensor_type 1: {elem_type 1, shape 2: {dim 1: {value 1 | param 2}}}}}
    shape = _bytes(1, _bytes(2, "tokens")) + _bytes(1, _int(1, width))
    return _bytes(1, name) + _bytes(2, _bytes(1, _int(1, _FLOAT) + _bytes(2, shape)))


def quantize_columns(weight: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A dense layer's weight, stored (out, in), as DynamicQuantizeMatMul reads it: int8 codes (in, out) and a scale
    per output column (its largest magnitude / 127), so each column keeps its own precision."""
    columns = np.asarray(weight, dtype=np.float32).T
    largest = np.abs(columns).max(axis=0)
    scales = np.where(largest > 0, largest / 127.0, 1.0).astype(np.float32)
    codes = np.clip(np.rint(columns / scales), -127, 127).astype(np.int8)
    return codes, scales


def layers_model(blocks: list[dict], heads: int, hidden: int, quantized: bool = False) -> bytes:
    """An ONNX model: input "hidden" (tokens, hidden), the embeddings after their layer norm; output "output", the
    last layer's hidden states. blocks: MiniLMEncoder.blocks (weights (out, in), biases and norms as columns).
    quantized: dense weights as int8 (see the module's docstring)."""
    head_dim = hidden // heads
    nodes: list[bytes] = []
    initializers: list[bytes] = [
        _tensor("split_heads", np.array([0, heads, head_dim], dtype=np.int64)),
        _tensor("join_heads", np.array([0, hidden], dtype=np.int64)),
        _tensor("scale", np.array(1.0 / math.sqrt(head_dim), dtype=np.float32)),
    ]

    def weight(name: str, array: np.ndarray) -> str:
        array = np.asarray(array)
        initializers.append(_tensor(name, array[:, 0] if array.ndim == 2 and array.shape[1] == 1 else array))
        return name

    def dense(x: str, block: dict, name: str, out: str, i: int) -> str:
        b = weight(f"l{i}.{name}.b", block[f"{name}_b"])
        if quantized:
            codes, scales = quantize_columns(block[f"{name}_w"])
            q, s, z = weight(f"l{i}.{name}.q", codes), weight(f"l{i}.{name}.s", scales), f"l{i}.{name}.z"
            initializers.append(_tensor(z, np.zeros(len(scales), dtype=np.int8)))
            nodes.append(_node("DynamicQuantizeMatMul", [x, q, s, z, b], [out], domain=MICROSOFT))
            return out
        # Gemm with transB reads the weight in its stored (out, in) layout
        w = weight(f"l{i}.{name}.w", block[f"{name}_w"])
        nodes.append(_node("Gemm", [x, w, b], [out], transB=1))
        return out

    x = "hidden"
    for i, block in enumerate(blocks):
        for name, order in (("query", [1, 0, 2]), ("key", [1, 2, 0]), ("value", [1, 0, 2])):
            projected = dense(x, block, name, f"l{i}.{name}", i)
            nodes.append(_node("Reshape", [projected, "split_heads"], [f"{projected}.heads"]))
            nodes.append(_node("Transpose", [f"{projected}.heads"], [f"{projected}.t"], perm=order))
        nodes.append(_node("MatMul", [f"l{i}.query.t", f"l{i}.key.t"], [f"l{i}.scores"]))
        nodes.append(_node("Mul", [f"l{i}.scores", "scale"], [f"l{i}.scaled"]))
        nodes.append(_node("Softmax", [f"l{i}.scaled"], [f"l{i}.weights"], axis=-1))
        nodes.append(_node("MatMul", [f"l{i}.weights", f"l{i}.value.t"], [f"l{i}.context"]))
        nodes.append(_node("Transpose", [f"l{i}.context"], [f"l{i}.context.t"], perm=[1, 0, 2]))
        nodes.append(_node("Reshape", [f"l{i}.context.t", "join_heads"], [f"l{i}.joined"]))
        dense(f"l{i}.joined", block, "out", f"l{i}.attended", i)
        nodes.append(_node("Add", [f"l{i}.attended", x], [f"l{i}.residual1"]))
        norm1 = [weight(f"l{i}.ln1.w", block["ln1"][0]), weight(f"l{i}.ln1.b", block["ln1"][1])]
        nodes.append(_node("LayerNormalization", [f"l{i}.residual1", *norm1], [f"l{i}.x1"], axis=-1, epsilon=1e-12))
        dense(f"l{i}.x1", block, "up", f"l{i}.up", i)
        nodes.append(_node("Gelu", [f"l{i}.up"], [f"l{i}.gelu"], approximate="tanh"))
        dense(f"l{i}.gelu", block, "down", f"l{i}.down", i)
        nodes.append(_node("Add", [f"l{i}.down", f"l{i}.x1"], [f"l{i}.residual2"]))
        out = "output" if i == len(blocks) - 1 else f"l{i}.x2"
        norm2 = [weight(f"l{i}.ln2.w", block["ln2"][0]), weight(f"l{i}.ln2.b", block["ln2"][1])]
        nodes.append(_node("LayerNormalization", [f"l{i}.residual2", *norm2], [out], axis=-1, epsilon=1e-12))
        x = out
    # GraphProto: node 1, name 2, initializer 5, input 11, output 12
    graph = (
        b"".join(_bytes(1, n) for n in nodes)
        + _bytes(2, "minilm_layers")
        + b"".join(_bytes(5, t) for t in initializers)
        + _bytes(11, _value_info("hidden", hidden))
        + _bytes(12, _value_info("output", hidden))
    )
    # ModelProto: ir_version 1, graph 7, opset_import 8 (OperatorSetIdProto: domain 1, version 2)
    opsets = _bytes(8, _bytes(1, "") + _int(2, OPSET))
    if quantized:
        opsets += _bytes(8, _bytes(1, MICROSOFT) + _int(2, 1))
    return _int(1, IR_VERSION) + _bytes(7, graph) + opsets
