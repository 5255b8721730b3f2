"""Inputs that crashed a reader under fuzzing (benchmarks/fuzz_readers.py), kept as regressions (issue #8).

The property is the harness's: ``read_bytes`` returns a Document or raises ``InputError`` (one line), nothing else.
Each case names the reader, the exception it used to raise, and the fuzzing run that found it.
"""
from __future__ import annotations

import base64
import io
import zipfile

import pytest

from ambiguity.errors import InputError
from ambiguity.readers import read_bytes

# 434 bytes atheris made from the .odt seed in 5 s: a central directory claiming zip "version 11.0".
ODT_VERSION_11 = base64.b64decode(
    "UEsDBBQAAAAAALORfV1exjIMJwAAACcAAAAIAAAAbWltZXR5cGVhcHBsaWNhdGlvbi92bmQub2FzaXMub3BlbmRvY3VtZW50LnRl"
    "eHRQSwMEFAAAAAgAs5F9XbHXttu3AAAAYQEAAAsAAABjb250ZW50LnhtbI2QwQ6CMAyGX2XZHdCbWca8+QLqA8AosmRrFzuMvL0w"
    "1OjB05+tU7/fxP7e34MXN7iyI6zlttxIAWipc3ip5fl0KHZybzT1vbOgOrJjAEyFJUxzFbMZWa1qLccrKmrYscImAKtkFUXAl0t9"
    "0ipHrZME9/Sve2Gz971US930bhbZ6AwNIhcak3cIhYcb+PlCaY4RrK5W5slGcxpA8MQJguCh8V60IPqGU/kko9HVV0b1FV/9+JB5"
    "AFBLAQIUAxQAAAAAALORfV1exjIMJwAAACcAAAAIAAAAAAAAAAAAAACAMAAAAABtaW1ldHlwZVBLAQIUA250LgAIALORfV2x17bb"
    "twAAAGEBAAALAAAAAAAAAAAAAACAAU0AAABjb250ZW50LnhtbFBLBQYAAAAAAgACAG8AAAAtAQAAAAA="
)


def _zip(patch_central: dict) -> bytes:
    """A one-member archive whose central directory entry has the given byte offsets overwritten."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", "<w:document/>")
    data = bytearray(buf.getvalue())
    at = data.find(b"PK\x01\x02")
    for offset, value in patch_central.items():
        data[at + offset] = value
    return bytes(data)


CASES = [
    # (reader, path, input, what it raised before the fix)
    ("odt", "x.odt", ODT_VERSION_11, "NotImplementedError: zip file version 11.0"),
    ("docx", "x.docx", _zip({6: 237}), "NotImplementedError: zip file version 23.7"),  # extract version byte
    ("xlsx", "x.xlsx", _zip({6: 255}), "NotImplementedError: zip file version 25.5"),
    ("reqifz", "x.reqifz", _zip({6: 233}), "NotImplementedError: zip file version 23.3"),
    ("docx", "x.docx", _zip({10: 99}), "NotImplementedError: compression method 99 (AES) not supported"),
    ("reqif", "x.reqif", b'<?xml version="1.0" encoding="UTF-4"?>\n<REQ-IF/>', "LookupError: unknown encoding"),
    ("reqif", "x.reqif", b'<?xml version="1.0" encoding="UTF-7"?>\n<REQ-IF xmlns="\xbd\xd0"/>',
     "ValueError: multi-byte encodings are not supported"),
]


@pytest.mark.parametrize("fmt,path,data,was", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_fuzz_crash_is_now_an_input_error(fmt, path, data, was):
    with pytest.raises(InputError) as err:
        read_bytes(data, path, fmt)
    assert "\n" not in str(err.value) and str(err.value).startswith("[A10") and path in str(err.value)
