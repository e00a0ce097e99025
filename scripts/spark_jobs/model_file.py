"""Reads sections of a Zhuti model file (models/FORMAT.md) from Python: the Spark driver needs
a model's size and article ids, the checks its singular values and vectors. A reader of the
documented format; the zhuti binary verifies checksums when it loads the same file."""

from __future__ import annotations

import json
import struct


class NotAModel(ValueError):
    pass


def section(path: str, wanted: str) -> bytes:
    with open(path, "rb") as f:
        head = f.read(24)
        if head[:8] != b"ZHUTIMDL":
            raise NotAModel(f"{path}: not a Zhuti model file")
        count = struct.unpack_from("<I", head, 12)[0]
        table = f.read(32 * count)
        for i in range(count):
            tag, _, offset, length, _ = struct.unpack_from("<4sIQQQ", table, 32 * i)
            if tag == wanted.encode():
                f.seek(offset)
                return f.read(length)
    raise NotAModel(f"{path}: the model has no {wanted} section")


def strings(raw: bytes) -> list[str]:
    """A string table: count (UInt32), count + 1 end offsets (UInt32), then the UTF-8 bytes."""
    count = struct.unpack_from("<I", raw, 0)[0]
    ends = struct.unpack_from(f"<{count + 1}I", raw, 4)
    blob = raw[4 + 4 * (count + 1):]
    return [blob[ends[i]:ends[i + 1]].decode() for i in range(count)]


def info(path: str) -> dict:
    return json.loads(section(path, "META"))


def ids(path: str) -> list[str]:
    return strings(section(path, "DIDS"))


def singular_values(path: str):
    import numpy as np
    return np.frombuffer(section(path, "SVAL"), dtype="<f4")


def vectors(path: str):
    """Document vectors, documents x dimensions."""
    import numpy as np
    return np.frombuffer(section(path, "DVEC"), dtype="<f4").reshape(-1, info(path)["dimensions"])
