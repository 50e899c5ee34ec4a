"""Writing a file so that it is either whole or untouched (no Django import).

A command that fails halfway (a writer raising on a bad value, a full disk, Ctrl+C) must not
leave an empty or truncated file where the user expects a report or an export, nor destroy
the previous one. So every output is written to a temporary file in the same folder, then
renamed over the target: a rename within one file system is atomic, readers see the old
file or the new one, never a part.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str]) -> Iterator[Path]:
    """A temporary path beside ``target``, renamed to it when the block ends without error.

    On any exception (KeyboardInterrupt included) the temporary file is deleted and
    ``target``, if it existed, is left as it was. The new file gets the existing file's
    permissions, or those a plain ``open`` would give (the umask's).
    """
    final = Path(target)
    if _is_special(final):
        # /dev/stdout, /dev/null, a named pipe: there is nothing to replace (and renaming
        # over a device would destroy it), so write through.
        yield final
        return
    temporary = _create_beside(final)
    try:
        yield temporary
        with contextlib.suppress(FileNotFoundError):
            os.chmod(temporary, stat.S_IMODE(final.stat().st_mode))
        with open(temporary, "rb") as written:
            # On disk before the rename: after a crash, the name holds the whole new file.
            os.fsync(written.fileno())
        os.replace(temporary, final)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        raise


def write_atomically(target: str | os.PathLike[str], data: str | bytes) -> None:
    """``data`` (text as UTF-8, line ends untouched) written whole to ``target``, or nothing."""
    with atomic_path(target) as temporary:
        if isinstance(data, str):
            temporary.write_text(data, encoding="utf-8", newline="")
        else:
            temporary.write_bytes(data)


def _is_special(final: Path) -> bool:
    try:
        mode = final.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _create_beside(final: Path) -> Path:
    # Created by os.open with mode 0o666 so that the kernel applies the umask, as for a plain
    # open(); mkstemp would make it 0o600, and reading the umask means changing it.
    for _attempt in range(100):
        temporary = final.with_name(f".{final.name}.{secrets.token_hex(6)}.part")
        try:
            os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            continue
        return temporary
    raise FileExistsError(f"no free temporary name beside {final}")
