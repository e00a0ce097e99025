"""Reads a Zhuti model file's sections (models/FORMAT.md) for benchmarks and checks: a
reader of the documented format, not part of the product."""

from __future__ import annotations

import json
import struct

import numpy as np


def sections(path: str) -> dict[str, memoryview]:
    data = memoryview(open(path, "rb").read())
    if bytes(data[:8]) != b"ZHUTIMDL":
        raise ValueError(f"{path}: not a Zhuti model file")
    count = struct.unpack_from("<I", data, 12)[0]
    found = {}
    for i in range(count):
        tag, _, offset, length, _ = struct.unpack_from("<4sIQQQ", data, 24 + 32 * i)
        found[tag.decode()] = data[offset:offset + length]
    return found


def strings(raw: memoryview) -> list[str]:
    count = struct.unpack_from("<I", raw, 0)[0]
    ends = struct.unpack_from(f"<{count + 1}I", raw, 4)
    blob = bytes(raw[4 + 4 * (count + 1):])
    return [blob[ends[i]:ends[i + 1]].decode() for i in range(count)]


def load(path: str) -> dict:
    """info, singular values, document ids and vectors (documents x dimensions) of a model."""
    s = sections(path)
    info = json.loads(bytes(s["META"]))
    k = info["dimensions"]
    return {
        "info": info,
        "singular_values": np.frombuffer(s["SVAL"], dtype="<f4"),
        "ids": strings(s["DIDS"]),
        "vectors": np.frombuffer(s["DVEC"], dtype="<f4").reshape(-1, k),
    }
