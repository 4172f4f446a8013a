"""Writing fixed files without ever losing data: atomic replacement and faithful re-encoding.

`write_atomically(path, data, expected_original=...)` writes a temporary file in the same
directory, flushes it to disk, gives it the original file's permissions (and owner, when run as
root), checks that the file on disk still holds the bytes that were read, renames the temporary
file over it and flushes the directory. A crash or an error at any point leaves either the old
file or the new one, never a mix, and no temporary file behind.

`encode_fixed_text(fixed, original_bytes=..., original_text=..., info=...)` turns fixed text
back into bytes in the file's own encoding (a UTF-8, UTF-16 or UTF-32 BOM is kept, with its byte
order), or in UTF-8 when asked to transcode. It refuses, rather than guess, when the original
bytes did not decode losslessly or when the fixed text holds a character the encoding cannot
represent. Line endings are part of the text, so CRLF files stay CRLF unless a fix changed them.

`write_fixed_text(path, fixed, original_bytes=..., original_text=..., info=...)` does both.

Symbolic links are followed: the file they point to is replaced and the link stays a link.
A file with several hard links is detached from its other names, as with any editor that saves
by renaming.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import secrets
from pathlib import Path

from lint.document import DecodeInfo

TEMP_SUFFIX = ".seedlint-tmp"


class FixWriteError(Exception):
    """A fixed file was not written; the original is untouched. The message says why."""


class FileChangedError(FixWriteError):
    """The file on disk no longer holds the bytes that were read and fixed."""


class EncodingRefusedError(FixWriteError):
    """The fixed text cannot be written back in the file's encoding without losing data."""


# -- encoding ----------------------------------------------------------------------------------

_BOM_CODECS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_UTF8_NAMES = {"utf-8", "utf8", "utf_8", "u8", "utf-8-sig", "utf_8_sig"}


def file_codec(info: DecodeInfo, original_bytes: bytes | None = None) -> tuple[str, bytes]:
    """The codec (without BOM handling) and the BOM bytes to write a file back as it was.

    The BOM is read from `original_bytes` when given, so UTF-16/32 keep their byte order;
    otherwise it is inferred from `info`.
    """
    if original_bytes is not None:
        for bom, codec in _BOM_CODECS:
            if original_bytes.startswith(bom):
                return codec, bom
        return info.encoding, b""
    encoding = info.encoding.lower()
    if info.had_bom and encoding in _UTF8_NAMES:
        return "utf-8", codecs.BOM_UTF8
    return info.encoding, b""  # Python's "utf-16"/"utf-32" codecs write their own BOM


def _encode(text: str, codec: str, bom: bytes) -> bytes:
    return bom + text.encode(codec, errors="strict")


def _describe_position(text: str, index: int) -> str:
    row = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    char = text[index]
    return f"{char!r} (U+{ord(char):04X}) at line {row}, column {column}"


def encode_fixed_text(
    fixed: str,
    *,
    original_bytes: bytes,
    original_text: str,
    info: DecodeInfo,
    to_utf8: bool = False,
) -> bytes:
    """The bytes to write for `fixed`, in the file's original encoding or, with `to_utf8`, UTF-8.

    `original_text` is what `original_bytes` decoded to (with `info`). The original must
    survive a decode/encode round trip; if it does not (bytes that were replaced at decode,
    as happens to invalid UTF-8 that no codec explains), rewriting would lose those bytes, so
    this raises `EncodingRefusedError`, even when transcoding. Transcoding writes UTF-8 without
    a BOM.
    """
    codec, bom = file_codec(info, original_bytes)
    try:
        round_trip = _encode(original_text, codec, bom)
    except (UnicodeError, LookupError):
        round_trip = None
    if round_trip != original_bytes:
        where = (
            f" (first invalid byte at offset {info.invalid_utf8_byte_offset})"
            if info.invalid_utf8_byte_offset is not None
            else ""
        )
        raise EncodingRefusedError(
            f"the file's bytes do not decode losslessly as {info.encoding}{where}; "
            "rewriting it would lose data, so it is left as it is"
        )
    if to_utf8:
        codec, bom = "utf-8", b""
    try:
        return _encode(fixed, codec, bom)
    except UnicodeEncodeError as error:
        raise EncodingRefusedError(
            f"the fixed text cannot be written in the file's encoding {info.encoding}: "
            f"{_describe_position(fixed, error.start)} has no encoding there "
            "(transcode the file to UTF-8 to apply this fix)"
        ) from error


# -- atomic replacement ------------------------------------------------------------------------


def _fsync_directory(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return  # platforms without directory handles: the rename is still atomic
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def _read_current(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise FixWriteError(f"{path}: cannot read it back before writing: {error}") from error


def _create_temp(directory: Path, name: str) -> tuple[int, Path]:
    """A new file beside the target, created with mode 0o666 less the umask (like any new file)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        temp = directory / f".{name}.{secrets.token_hex(4)}{TEMP_SUFFIX}"
        try:
            return os.open(temp, flags, 0o666), temp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary file name in {directory}")


def write_atomically(
    path: str | os.PathLike[str], data: bytes, *, expected_original: bytes | None
) -> None:
    """Replace the file at `path` by `data`, atomically, keeping its mode (and owner as root).

    `expected_original` is the content the caller read and fixed: if the file now holds
    anything else (or was deleted), nothing is written and `FileChangedError` is raised.
    Pass None to create or overwrite the file unconditionally. Any failure removes the
    temporary file and leaves the original untouched; errors are raised as `FixWriteError`.
    """
    target = Path(os.path.realpath(path))
    directory = target.parent
    try:
        stat = target.stat()
    except FileNotFoundError:
        stat = None
    except OSError as error:
        raise FixWriteError(f"{path}: cannot stat: {error}") from error
    if expected_original is not None:
        if stat is None:
            raise FileChangedError(f"{path}: the file was removed since it was read; not written")
        if stat.st_size != len(expected_original):
            raise FileChangedError(f"{path}: the file changed since it was read; not written")

    try:
        fd, temp = _create_temp(directory, target.name)
    except OSError as error:
        raise FixWriteError(f"{path}: cannot create a temporary file beside it: {error}") from error
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if stat is not None:
            os.chmod(temp, stat.st_mode & 0o7777)
            if hasattr(os, "geteuid") and os.geteuid() == 0:
                os.chown(temp, stat.st_uid, stat.st_gid)
        if expected_original is not None and _read_current(target) != expected_original:
            raise FileChangedError(f"{path}: the file changed since it was read; not written")
        os.replace(temp, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            temp.unlink()
        if isinstance(error, OSError):
            raise FixWriteError(f"{path}: cannot write: {error}") from error
        raise
    _fsync_directory(directory)


def write_fixed_text(
    path: str | os.PathLike[str],
    fixed: str,
    *,
    original_bytes: bytes,
    original_text: str,
    info: DecodeInfo,
    to_utf8: bool = False,
) -> None:
    """Encode `fixed` like the original (see `encode_fixed_text`) and write it atomically,
    refusing if the file no longer holds `original_bytes`. The one call `--fix` needs per file.
    """
    data = encode_fixed_text(
        fixed,
        original_bytes=original_bytes,
        original_text=original_text,
        info=info,
        to_utf8=to_utf8,
    )
    if data != original_bytes:
        write_atomically(path, data, expected_original=original_bytes)
