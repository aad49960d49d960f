"""Reading a file safely, and nothing else (no YAML): the loader, the configuration and
the result cache all read through :func:`read_regular`, so that none of them can block
on a FIFO, follow a final symbolic link or read a device."""

from __future__ import annotations

import os
import stat
from typing import Final

MAX_FILE_BYTES: Final = 256 * 1024 * 1024
"""The largest ledger file read (CL012 above it): a researcher's export of a large
archive into one file can be checked (issue 13; checking a ledger takes memory of about
13 times its size, bench/README.md). What bounds the work on a file is the loader's value budget
(:func:`claimlog.loader.value_budget`), which grows with the file's size."""


class NotRegularFile(OSError):
    """The path opened is not a regular file (a FIFO, a device, a socket, a folder)."""

    def __init__(self, mode: int) -> None:
        super().__init__(f"not a regular file (mode {stat.filemode(mode)})")
        self.mode = mode


class FileTooLarge(OSError):
    """The file is larger than the limit it was read with."""

    def __init__(self, size: int) -> None:
        super().__init__(f"file is {size:,} bytes")
        self.size = size


_OPEN_FLAGS: Final = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO opens at once instead of waiting for a writer
    | getattr(os, "O_NOFOLLOW", 0)  # a symbolic link is not followed at the last step
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def read_regular(path: str, limit: int) -> bytes:
    """The bytes of the regular file at ``path``: never blocks, never follows a final
    symbolic link, never reads anything but a regular file.

    The file is opened non-blocking and without following a symbolic link at its last
    step, then checked with ``fstat`` before a byte is read: a FIFO, a device, a socket
    or a folder raises :class:`NotRegularFile`; a file over ``limit`` bytes raises
    :class:`FileTooLarge` (also when it grows past the limit while being read). Other
    failures raise :class:`OSError` as the system reports them.
    """
    fd = os.open(path, _OPEN_FLAGS)
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise NotRegularFile(status.st_mode)
        if status.st_size > limit:
            raise FileTooLarge(status.st_size)
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:
            raise FileTooLarge(len(data))
        return data
    finally:
        os.close(fd)


_KINDS: Final = {
    stat.S_IFDIR: "a folder",
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFLNK: "a symbolic link",
}


def kind_of(mode: int) -> str:
    """What a file of ``mode`` (from ``stat``) is, in words, for a finding."""
    return _KINDS.get(stat.S_IFMT(mode), "a special file")
