"""Tests of `narrative.export.html`: the self-contained page, escaped, and in a real browser."""
from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from fixtures.export.stories import hostile_story, small_story
from narrative.export.dot import DIAGRAMS, diverging_color
from narrative.export.html import render_svgs, to_html, write_html

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
needs_dot = pytest.mark.skipif(shutil.which("dot") is None,
                               reason="Graphviz 'dot' is missing (apt-get install graphviz)")
needs_browser = pytest.mark.skipif(CHROMIUM is None, reason="chromium is missing (apt-get install chromium)")
PROTAGONIST_FILL = "#ffe082"
FAKE_SVG = '<?xml version="1.0"?>\n<!DOCTYPE svg>\n<!-- made by hand -->\n<svg xmlns="http://www.w3.org/2000/svg" width="10pt" height="10pt"><text>fake</text></svg>\n'


def test_html_page_has_every_part():
    page = to_html(small_story(), {name: FAKE_SVG for name in DIAGRAMS})
    assert page.startswith("<!DOCTYPE html>") and page.endswith("</html>\n")
    assert "<title>The Night Bakery</title>" in page
    for part in ("Mira works alone", "Tomas asks for lessons", "Her neighbour Tomas asks her to teach him to bake.",
                 "the neighbour", "The Guild", "Emotion", "Agency", "Man in a hole", "Major setback",
                 "Final push", "time: night; place: bakery", "Protagonist: Mira Holm"):
        assert part in page, part
    assert page.count("<svg") == 4 and "<?xml" not in page and "made by hand" not in page
    assert page.index('id="diagram-arc"') < page.index('id="diagram-network"') < page.index('id="diagram-storyline"')


def test_html_without_diagrams_says_what_to_install():
    page = to_html(small_story())
    assert "<svg" not in page and "apt-get install graphviz" in page


def test_html_escapes_hostile_text():
    page = to_html(hostile_story())
    body = page[page.index("<body>"):]
    assert "<script" not in page and "<b>Bold" not in body and "<i>not html" not in body
    assert "O&quot;Brien {the &lt;Great&gt;} \\ 名前" in body
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;title&quot;" in page


def test_html_is_self_contained():
    page = to_html(small_story(), {name: FAKE_SVG for name in DIAGRAMS})
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)|@import|url\(""", page)
    assert "Content-Security-Policy" in page and "<script" not in page
    assert "font-size: 24px" in page  # projector-sized type


def test_html_is_deterministic(tmp_path):
    svgs = {name: FAKE_SVG for name in DIAGRAMS}
    path = write_html(small_story(), tmp_path / "s.html", svgs)
    assert path.read_text(encoding="utf-8") == to_html(small_story(), svgs)


# -- in a real browser -------------------------------------------------------------------

def _chromium(tmp_path: Path, url: str, *extra: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "profile"
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", *extra, url]
    return subprocess.run(cmd, capture_output=True, timeout=120, text=True, encoding="utf-8", errors="replace")


def _console_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


def _png_pixels(data: bytes) -> list[bytes]:
    """Rows of RGB(A) pixels of an 8-bit, non-interlaced PNG (what chromium writes)."""
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    pos, chunks, idat = 8, {}, b""
    while pos < len(data):
        (length,), kind = struct.unpack(">I", data[pos:pos + 4]), data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        idat += body if kind == b"IDAT" else b""
        chunks.setdefault(kind, body)
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunks[b"IHDR"])
    assert depth == 8 and colour in (2, 6) and interlace == 0
    bpp = 3 if colour == 2 else 4
    raw, stride, rows, prev = zlib.decompress(idat), width * bpp, [], bytearray(width * bpp)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b, c = prev[x], prev[x - bpp] if x >= bpp else 0
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return [bytes(r[i:i + 3]) for r in rows for i in range(0, stride, bpp)]


def _share_near(pixels: list[bytes], colour: str, tolerance: int = 12) -> float:
    want = bytes.fromhex(colour[1:])
    near = sum(1 for p in pixels if all(abs(p[i] - want[i]) <= tolerance for i in range(3)))
    return near / len(pixels)


@pytest.mark.browser
@needs_browser
def test_html_console_check_catches_problems(tmp_path):
    """The browser check below is not vacuous: a page breaking the rules is reported."""
    bad = to_html(small_story()).replace("</body>", '<img src="https://example.invalid/x.png"></body>')
    page = tmp_path / "bad.html"
    page.write_text(bad, encoding="utf-8")
    assert _console_lines(_chromium(tmp_path, page.as_uri(), "--dump-dom").stderr)


@pytest.mark.browser
@pytest.mark.render
@needs_browser
@needs_dot
def test_html_loads_in_chromium_with_diagrams(tmp_path):
    story = hostile_story()
    page = write_html(story, tmp_path / "hostile.html", render_svgs(story))
    done = _chromium(tmp_path, page.as_uri(), "--dump-dom")
    assert done.returncode == 0, done.stderr[-2000:]
    assert _console_lines(done.stderr) == []
    dom = done.stdout
    assert dom.count("<svg") == len(DIAGRAMS)
    assert all(f'id="diagram-{name}"' in dom for name in DIAGRAMS)
    assert "<script" not in dom.replace("&lt;script", "")
    assert "O\"Brien {the &lt;Great&gt;} \\ 名前" in dom  # text in the DOM, not markup

    # The diagrams are drawn: the first screen shows the arc's fills and the protagonist's gold,
    # which the page without diagrams does not.
    shares = {}
    for name, svgs in (("with", render_svgs(story)), ("without", {})):
        html_path = write_html(story, tmp_path / f"{name}.html", svgs)
        shot = tmp_path / f"{name}.png"
        done = _chromium(tmp_path, html_path.as_uri(), f"--screenshot={shot}", "--window-size=900,800",
                         "--hide-scrollbars")
        assert done.returncode == 0 and _console_lines(done.stderr) == []
        pixels = _png_pixels(shot.read_bytes())
        shares[name] = {colour: _share_near(pixels, colour)
                        for colour in (diverging_color(0.8), diverging_color(-0.7), PROTAGONIST_FILL)}
    assert all(share > 0.002 for share in shares["with"].values()), shares
    assert all(share == 0 for share in shares["without"].values()), shares
