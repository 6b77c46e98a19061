"""Write files so that readers see the old content or the new, never half of either.

llmhub replaces only what it owns. ``guard_target`` runs before every write a command makes:

- a symlink is followed, and the write goes through to its target (the link stays a link);
- a folder, a device node, a FIFO or a socket is never replaced, not even with ``--force``;
- an existing regular file is replaced only when ``owner`` says llmhub wrote it, or with
  ``--force``.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

__all__ = [
    "atomic_write_bytes",
    "atomic_write_text",
    "guard_target",
    "read_current_text",
    "replace_atomically",
    "write_target",
]


def write_target(path: str | Path) -> Path:
    """The file a write to ``path`` really replaces: a symlink's final target, else ``path``."""
    target = Path(path).expanduser()
    if target.is_symlink():
        return Path(os.path.realpath(target))
    return target


def read_current_text(path: Path, fix: str) -> str:
    """The text of a file llmhub is about to compare with what it would write ('' when absent).

    Raises:
        ConfigError: the file is not UTF-8 text (``fix`` says what to point at instead).
    """
    try:
        return path.read_text("utf-8")
    except FileNotFoundError:
        return ""
    except UnicodeDecodeError:
        from llmhub.errors import ConfigError

        raise ConfigError("not UTF-8 text", path=path, fix=fix) from None


def _refuse(path: Path, message: str, fix: str, field: str | None) -> Exception:
    from llmhub.errors import InputError

    return InputError(message, path=path, field=field, fix=fix)


def guard_target(
    path: str | Path,
    *,
    force: bool = False,
    owner: Callable[[Path], str | None] | None = None,
    field: str | None = "out",
    mkdir: bool = True,
) -> Path:
    """Check that llmhub may replace ``path``; returns the path to write (symlinks resolved).

    Args:
        path: the file a command is about to write.
        force: replace a regular file llmhub did not write.
        owner: returns why the existing file is not llmhub's (None when it is); without it,
            any existing file counts as not llmhub's.
        field: the option that named the path, for the error.
        mkdir: a missing parent folder is created later; False makes it an error.

    Raises:
        InputError: (exit 2) the target is not a regular file, or not llmhub's and not ``force``.
    """
    target = write_target(path)
    try:
        st = os.stat(target)
    except FileNotFoundError:
        if not mkdir and not target.parent.is_dir():
            raise _refuse(
                target,
                f"folder {target.parent} does not exist",
                "create it first, or pass --mkdir",
                field,
            ) from None
        return target
    except OSError as exc:
        raise _refuse(
            target, f"cannot check it: {exc.strerror}", "choose another path", field
        ) from None
    if stat.S_ISDIR(st.st_mode):
        raise _refuse(target, "is a folder, not a file", "give a file name", field)
    if not stat.S_ISREG(st.st_mode):
        kind = (
            "a FIFO"
            if stat.S_ISFIFO(st.st_mode)
            else "a socket"
            if stat.S_ISSOCK(st.st_mode)
            else "a device node"
        )
        raise _refuse(
            target,
            f"is {kind}, not a regular file; llmhub never replaces one (not even with --force)",
            "write to a regular file",
            field,
        )
    if force:
        return target
    reason = owner(target) if owner is not None else "the file exists already"
    if reason is not None:
        raise _refuse(
            target, f"not overwriting: {reason}", "choose another path, or pass --force", field
        )
    return target


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and one rename.

    A symlink is written through (its target is replaced, the link stays); a path that exists
    and is not a regular file is refused with ``IsADirectoryError`` or ``InputError``.
    """
    target = write_target(path)
    if target.is_dir():  # say so about the target, not about our temporary file
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(target))
    if target.exists() and not target.is_file():
        guard_target(target, force=True)  # raises: a device, FIFO or socket
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        replace_atomically(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        if exc.filename is None:  # a full or read-only disk: name the file the user asked for
            raise OSError(exc.errno, exc.strerror or str(exc), str(target)) from None
        raise
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_text(path: str | Path, text: str) -> None:
    """``atomic_write_bytes`` for UTF-8 text."""
    atomic_write_bytes(path, text.encode("utf-8"))


def replace_atomically(src: str | Path, dst: str | Path) -> None:
    """Move ``src`` over ``dst`` in one rename and make the rename durable."""
    os.replace(src, dst)
    try:
        dir_fd = os.open(Path(dst).parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)
