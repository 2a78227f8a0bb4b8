"""Atomic file writes: write a temporary file in the target's folder, then ``os.replace``.

A reader sees the old file or the new one, never half of one; on any failure the
temporary file is removed and the target is left as it was.
"""
from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Iterator, Union

from ..errors import OutputError

__all__ = ["atomic_path", "write_bytes", "write_text"]

PathLike = Union[str, "os.PathLike[str]"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_path(path: PathLike) -> Iterator[Path]:
    """Yield a temporary path beside `path`; on a clean exit it replaces `path`.

    For writers that want a file name (networkx, graphviz). The folder is created if
    missing. Raises `OutputError` (one line) when the folder or file cannot be written.
    """
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
    except OSError as err:
        raise OutputError(f"cannot write {target}: {err.strerror or err}") from err
    tmp = Path(tmp_name)
    try:
        yield tmp
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except OSError as err:
        raise OutputError(f"cannot write {target}: {err.strerror or err}") from err
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def write_bytes(path: PathLike, data: bytes) -> Path:
    """Write `data` to `path` atomically (flushed to disk before the rename)."""
    with atomic_path(path) as tmp:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    return Path(path)


def write_text(path: PathLike, text: str) -> Path:
    """Write `text` as UTF-8 to `path` atomically, newlines untouched."""
    return write_bytes(path, text.encode("utf-8"))
