"""Write files so that readers see the old content or the new, never half of either.

llmhub replaces only what it owns. ``guard_target`` runs before every write a command makes:

- a symlink is followed, and the write goes through to its target (the link stays a link);
- a folder, a device node, a FIFO or a socket is never replaced, not even with ``--force``;
- an existing regular file is replaced only when ``owner`` says llmhub wrote it, or with
  ``--force``.

And llmhub reads only regular files: ``regular_file`` stats a path (it never opens it) before
anything reads it, as an input or as the previous version of an output, so ``/dev/zero`` is not
read into memory and a FIFO does not block forever. ``distinct_paths`` refuses two outputs on
one file, and an output that is one of the command's inputs.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from llmhub.errors import InputError

__all__ = [
    "atomic_write_bytes",
    "atomic_write_text",
    "distinct_paths",
    "guard_target",
    "read_current_text",
    "read_previous_bytes",
    "regular_file",
    "replace_atomically",
    "write_target",
]


def write_target(path: str | Path) -> Path:
    """The file a write to ``path`` really replaces: a symlink's final target, else ``path``."""
    target = Path(path).expanduser()
    if target.is_symlink():
        return Path(os.path.realpath(target))
    return target


def _kind(mode: int) -> str | None:
    """What a file that is not a regular file is ('a FIFO', ...); None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO or pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device node"


def _refuse(
    path: Path, message: str, fix: str, field: str | None, error: type[InputError] | None = None
) -> Exception:
    from llmhub.errors import InputError

    return (error or InputError)(message, path=path, field=field, fix=fix)


def regular_file(
    path: str | Path,
    *,
    field: str | None = None,
    fix: str = "pass the path of a regular file",
    error: type[InputError] | None = None,
) -> bool:
    """Whether ``path`` exists, checked by ``stat`` (symlinks followed) without opening it.

    True for a regular file, False when nothing is there (or a symlink dangles).

    Raises:
        InputError: (exit 2; or ``error``, a subclass) ``path`` is a folder, a device node
            (``/dev/zero``), a FIFO or pipe (``/dev/stdout`` in a pipeline) or a socket: reading
            one could fill memory or block forever. Also when it cannot be checked at all.
    """
    shown = Path(path).expanduser()
    try:
        st = os.stat(shown)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as exc:
        raise _refuse(shown, f"cannot check it: {exc.strerror}", fix, field, error) from None
    kind = _kind(st.st_mode)
    if kind is not None:
        message = f"is {kind}, not a regular file; llmhub reads only files"
        raise _refuse(shown, message, fix, field, error)
    return True


def read_previous_bytes(path: str | Path, *, field: str | None = None, fix: str) -> bytes | None:
    """The bytes of a file llmhub reads, as an input or as the file it is about to replace.

    None when nothing is there. ``regular_file`` runs first, so a device or a FIFO is refused
    before it is opened.
    """
    if not regular_file(path, field=field, fix=fix):
        return None
    try:
        return Path(path).expanduser().read_bytes()
    except FileNotFoundError:  # removed since the check
        return None


def read_current_text(path: Path, fix: str, *, field: str | None = "out") -> str:
    """The text of a file llmhub is about to compare with what it would write ('' when absent).

    Raises:
        InputError: the path is not a regular file (a device, a FIFO; see ``regular_file``).
        ConfigError: the file is not UTF-8 text (``fix`` says what to point at instead).
    """
    data = read_previous_bytes(path, field=field, fix="write to a regular file")
    if data is None:
        return ""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        from llmhub.errors import ConfigError

        raise ConfigError("not UTF-8 text", path=path, fix=fix) from None


def _same_file(a: Path, b: Path) -> bool:
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return os.path.samefile(a, b)  # hard links
    except OSError:
        return False


def distinct_paths(
    outputs: dict[str, str | Path | None], inputs: dict[str, str | Path | None] | None = None
) -> None:
    """Refuse two outputs on one file, and an output that is one of the inputs.

    Keys name the options (``out``, ``runtime-out``, ``spec``); ``None`` values are skipped.
    Symlinks and hard links count as the same file.

    Raises:
        InputError: (exit 2) naming both options.
    """
    outs = [(name, Path(p).expanduser()) for name, p in outputs.items() if p is not None]
    ins = [(name, Path(p).expanduser()) for name, p in (inputs or {}).items() if p is not None]
    for i, (name, path) in enumerate(outs):
        for other, other_path in outs[:i]:
            if _same_file(path, other_path):
                raise _refuse(
                    path,
                    f"--{other} and --{name} are the same file; the second would replace the first",
                    f"give --{name} another path",
                    name,
                )
        for source, source_path in ins:
            if _same_file(path, source_path):
                raise _refuse(
                    path,
                    f"is the --{source} file this command reads; writing it would replace it",
                    f"give --{name} another path",
                    name,
                )


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
    given = Path(path).expanduser()
    try:
        # The path as given, symlinks followed by the kernel: /dev/stdout resolves to a pipe's
        # /proc entry that realpath cannot name, but stat still says "FIFO".
        st = os.stat(given)
    except (FileNotFoundError, NotADirectoryError):
        target = write_target(given)
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
            given, f"cannot check it: {exc.strerror}", "choose another path", field
        ) from None
    kind = _kind(st.st_mode)
    if kind == "a folder":
        raise _refuse(given, "is a folder, not a file", "give a file name", field)
    if kind is not None:
        raise _refuse(
            given,
            f"is {kind}, not a regular file; llmhub never replaces one (not even with --force)",
            "write to a regular file",
            field,
        )
    target = write_target(given)
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
    given = Path(path).expanduser()
    if given.is_dir():  # say so about the target, not about our temporary file
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(write_target(given)))
    target = guard_target(given, force=True)  # raises: a device, FIFO (or pipe) or socket
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
