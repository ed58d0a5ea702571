"""Writing data files whole or not at all.

Every command that writes the report's data (``add``, ``accept``, ``seed-page --write``,
``validate --write-json``, ``scripts/build_geo.py``) goes through :func:`replace_files` (or
:func:`write_atomic` for one file; :func:`atomic_writer` streams one file, as ``extract --review``
writes its review file):

1. each new content is written to a temporary file in the target's own folder (a dot-file, so no
   loader mistakes it for data), flushed and ``fsync``-ed, with the target's permissions;
2. only when every temporary file is complete are they renamed over their targets in turn
   (``os.replace``, atomic on POSIX within a folder), and each folder is ``fsync``-ed;
3. if anything fails before the renames, the temporary files are removed and no target has changed;
   if a rename fails, the targets already replaced get their previous bytes back and the files that
   did not exist before are removed.

So a reader sees each file either as it was or as it is meant to be, never half-written, and a failed
command leaves every file as it found it (short of the machine failing between two renames).
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path
from typing import IO, Iterator, Mapping

__all__ = ["atomic_writer", "replace_files", "write_atomic"]


def _as_bytes(content: str | bytes) -> bytes:
    return content if isinstance(content, bytes) else content.encode("utf-8")


def _temp_beside(target: Path, data: bytes) -> Path:
    """Write ``data`` to a new temporary file beside ``target``, fsync it, and give it the target's mode
    (or the mode a new file gets under the umask); returns its path."""
    while True:
        tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            break
        except FileExistsError:  # pragma: no cover - 32 random bits
            continue
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o7777)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - not every platform opens folders
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def replace_files(changes: Mapping[str | Path, str | bytes]) -> list[Path]:
    """Give each path of ``changes`` its new content (text is written as UTF-8, line ends as given), all
    or nothing as described above; returns the paths written, in order."""
    targets = [(Path(p), _as_bytes(c)) for p, c in changes.items()]
    before: dict[Path, bytes | None] = {}
    staged: list[tuple[Path, Path]] = []
    try:
        for target, data in targets:
            before[target] = target.read_bytes() if target.exists() else None
            staged.append((target, _temp_beside(target, data)))
    except BaseException:
        for _, tmp in staged:
            tmp.unlink(missing_ok=True)
        raise
    done: list[Path] = []
    try:
        for target, tmp in staged:
            os.replace(tmp, target)
            done.append(target)
    except BaseException:
        for _, tmp in staged:
            tmp.unlink(missing_ok=True)
        for target in reversed(done):
            if before[target] is None:
                target.unlink(missing_ok=True)
            else:
                os.replace(_temp_beside(target, before[target]), target)
        raise
    for folder in dict.fromkeys(t.parent for t in done):
        _fsync_dir(folder)
    return done


def write_atomic(path: str | Path, content: str | bytes) -> Path:
    """Replace one file whole (see :func:`replace_files`); returns its path."""
    return replace_files({path: content})[0]


@contextlib.contextmanager
def atomic_writer(path: str | Path, encoding: str = "utf-8") -> Iterator[IO[str]]:
    """A text file to write ``path`` through as a stream (memory stays flat): the lines go to a temporary
    file beside it, which replaces ``path`` (fsync, then rename) only when the ``with`` block ends
    without an error; on an error it is removed and ``path`` is as it was."""
    target = Path(path)
    tmp = _temp_beside(target, b"")
    try:
        with open(tmp, "w", encoding=encoding, newline="") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(target.parent)
