"""Writing fixed files: atomic replacement, refusal when the file changed, faithful encodings."""

from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from lint import atomic
from lint.atomic import (
    EncodingRefusedError,
    FileChangedError,
    FixWriteError,
    encode_fixed_text,
    write_atomically,
    write_fixed_text,
)
from lint.decode import decode_bytes
from lint.document import DecodeInfo


def listing(directory: Path) -> list[str]:
    return sorted(os.listdir(directory))


# -- write_atomically --------------------------------------------------------------------------


def test_replaces_the_content_and_keeps_the_mode(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(b"old text  \n")
    path.chmod(0o640)
    write_atomically(path, b"old text\n", expected_original=b"old text  \n")
    assert path.read_bytes() == b"old text\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert listing(tmp_path) == ["doc.txt"]


def test_keeps_an_executable_mode(tmp_path: Path) -> None:
    path = tmp_path / "script.txt"
    path.write_bytes(b"a")
    path.chmod(0o755)
    write_atomically(path, b"b", expected_original=b"a")
    assert stat.S_IMODE(path.stat().st_mode) == 0o755


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_keeps_the_owner_when_run_as_root(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(b"a")
    os.chown(path, 4321, 4321)
    write_atomically(path, b"b", expected_original=b"a")
    assert (path.stat().st_uid, path.stat().st_gid) == (4321, 4321)


def test_creates_a_new_file_with_the_usual_mode_when_nothing_is_expected(tmp_path: Path) -> None:
    path = tmp_path / "new.json"
    write_atomically(path, b"{}\n", expected_original=None)
    assert path.read_bytes() == b"{}\n"
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask


@pytest.mark.parametrize("on_disk", [b"edited by someone\n", b"old text !\n"])
def test_refuses_when_the_file_changed_since_it_was_read(tmp_path: Path, on_disk: bytes) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(on_disk)  # the second case has the same size as what was read
    with pytest.raises(FileChangedError, match="changed since it was read"):
        write_atomically(path, b"fixed\n", expected_original=b"old text  \n")
    assert path.read_bytes() == on_disk
    assert listing(tmp_path) == ["doc.txt"]


def test_refuses_when_the_file_was_removed(tmp_path: Path) -> None:
    with pytest.raises(FileChangedError, match="removed"):
        write_atomically(tmp_path / "gone.txt", b"x", expected_original=b"y")
    assert listing(tmp_path) == []


def test_an_interrupted_write_leaves_the_original_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(b"original\n")

    def crash(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", crash)
    with pytest.raises(FixWriteError, match="No space left"):
        write_atomically(path, b"fixed\n", expected_original=b"original\n")
    assert path.read_bytes() == b"original\n"
    assert listing(tmp_path) == ["doc.txt"]


def test_a_keyboard_interrupt_before_the_rename_cleans_up_and_propagates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(b"original\n")

    def interrupt(src: object, dst: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(path, b"fixed\n", expected_original=b"original\n")
    assert path.read_bytes() == b"original\n"
    assert listing(tmp_path) == ["doc.txt"]


def test_flushes_the_file_and_its_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(b"a")
    synced: list[str] = []
    real_fsync = os.fsync

    def recording_fsync(fd: int) -> None:
        synced.append("dir" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file")
        real_fsync(fd)

    monkeypatch.setattr(atomic.os, "fsync", recording_fsync)
    write_atomically(path, b"b", expected_original=b"a")
    assert synced == ["file", "dir"]


def test_a_symbolic_link_stays_a_link_to_the_fixed_file(tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    target.write_bytes(b"a  \n")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    write_atomically(link, b"a\n", expected_original=b"a  \n")
    assert link.is_symlink()
    assert target.read_bytes() == b"a\n"


def test_an_unwritable_directory_is_a_clear_error(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-dir" / "doc.txt"
    with pytest.raises(FixWriteError, match="temporary file"):
        write_atomically(missing, b"x", expected_original=None)


# -- encodings ---------------------------------------------------------------------------------


def roundtrip(original: bytes, fix: Callable[[str], str], **options: bool) -> bytes:
    decoded = decode_bytes(original)
    assert decoded.text is not None
    return encode_fixed_text(
        fix(decoded.text),
        original_bytes=original,
        original_text=decoded.text,
        info=decoded.info,
        **options,
    )


def test_utf8_text_with_crlf_keeps_its_line_endings() -> None:
    assert roundtrip(b"caf\xc3\xa9  \r\nok\r\n", lambda t: t.replace("  ", "")) == (
        b"caf\xc3\xa9\r\nok\r\n"
    )


def test_a_utf8_bom_is_kept() -> None:
    out = roundtrip(codecs.BOM_UTF8 + b"a  \n", lambda t: t.replace("  ", ""))
    assert out == codecs.BOM_UTF8 + b"a\n"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_keep_their_bom_and_byte_order(codec: str) -> None:
    bom = {
        "utf-16-le": codecs.BOM_UTF16_LE,
        "utf-16-be": codecs.BOM_UTF16_BE,
        "utf-32-le": codecs.BOM_UTF32_LE,
        "utf-32-be": codecs.BOM_UTF32_BE,
    }[codec]
    original = bom + "Zoë  \n".encode(codec)
    assert roundtrip(original, lambda t: t.replace("  ", "")) == bom + "Zoë\n".encode(codec)


def test_a_legacy_encoding_is_written_back_in_that_encoding() -> None:
    original = "Le café de Zoë est très “bon” à Noël, n’est-ce pas ?  \n".encode("cp1252")
    decoded = decode_bytes(original)
    assert decoded.info.invalid_utf8_byte_offset is not None
    fixed = decoded.text.rstrip(" \n") + "\n"
    out = encode_fixed_text(
        fixed, original_bytes=original, original_text=decoded.text, info=decoded.info
    )
    assert out.decode(decoded.info.encoding) == fixed
    assert out == original.replace(b"  \n", b"\n")


def test_a_character_the_encoding_lacks_is_refused_with_its_position() -> None:
    original = "naïve text\nline two\n".encode("latin-1")
    info = DecodeInfo(encoding="latin-1", invalid_utf8_byte_offset=2, invalid_utf8_char_offset=2)
    fixed = "naïve text\nline \u2019two\n"
    with pytest.raises(EncodingRefusedError, match=r"U\+2019\) at line 2, column 6"):
        encode_fixed_text(
            fixed, original_bytes=original, original_text=original.decode("latin-1"), info=info
        )
    transcoded = encode_fixed_text(
        fixed,
        original_bytes=original,
        original_text=original.decode("latin-1"),
        info=info,
        to_utf8=True,
    )
    assert transcoded == fixed.encode("utf-8")


def test_transcoding_drops_a_bom_and_writes_plain_utf8() -> None:
    original = codecs.BOM_UTF16_LE + "Zoë\n".encode("utf-16-le")
    assert roundtrip(original, lambda t: t, to_utf8=True) == "Zoë\n".encode()


def test_bytes_lost_at_decode_are_never_written_over() -> None:
    original = b"valid start \xff\xfe\x00 broken\n"
    text = original.decode("utf-8", errors="replace")
    info = DecodeInfo(encoding="utf-8", invalid_utf8_byte_offset=12, invalid_utf8_char_offset=12)
    for to_utf8 in (False, True):
        with pytest.raises(EncodingRefusedError, match="do not decode losslessly"):
            encode_fixed_text(
                text.replace("  ", " "),
                original_bytes=original,
                original_text=text,
                info=info,
                to_utf8=to_utf8,
            )


def test_write_fixed_text_encodes_like_the_original_and_writes(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    original = codecs.BOM_UTF8 + b"Zo\xc3\xab  \r\n"
    path.write_bytes(original)
    decoded = decode_bytes(original)
    write_fixed_text(
        path,
        decoded.text.replace("  ", ""),
        original_bytes=original,
        original_text=decoded.text,
        info=decoded.info,
    )
    assert path.read_bytes() == codecs.BOM_UTF8 + b"Zo\xc3\xab\r\n"


def test_write_fixed_text_leaves_an_unchanged_file_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(b"same\n")
    monkeypatch.setattr(atomic, "write_atomically", lambda *a, **k: pytest.fail("wrote"))
    write_fixed_text(
        path, "same\n", original_bytes=b"same\n", original_text="same\n", info=DecodeInfo()
    )
