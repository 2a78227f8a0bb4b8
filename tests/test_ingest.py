"""Tests of `narrative.ingest`: reading files, wiki pages, web reviews, bundles."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from narrative.errors import InputError
from narrative.ingest import (
    MAX_BYTES,
    Bundle,
    body_paragraphs,
    detect_format,
    line_spans,
    parse_credit_line,
    parse_source,
    read_story,
    read_text_file,
    slugify,
)
from narrative.ingest import text as text_module
from narrative.model import Source

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds" / "aloners"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"
WIKI = SEEDS / "film_page.wiki.txt"
EBERT = SEEDS / "review_rogerebert.web.txt"
ARTS = SEEDS / "review_viewofthearts.web.txt"
SEVENTH = SEEDS / "review_seventhrow.web.txt"


def _source(path: Path) -> Source:
    return read_story(path).primary


def _kept_text(source: Source) -> list[str]:
    return [source.text[s:e] for s, e in body_paragraphs(source)]


def _inside(source: Source, needle: str) -> bool:
    """True when ``needle`` lies whole inside one kept paragraph."""
    return any(needle in para for para in _kept_text(source))


def _outside(source: Source, needle: str) -> bool:
    """True when ``needle`` occurs in the text but overlaps no kept paragraph."""
    start = source.text.index(needle)
    end = start + len(needle)
    return all(e <= start or s >= end for s, e in body_paragraphs(source))


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# -- wiki page -------------------------------------------------------------------------

def test_ingest_wiki_sections_found() -> None:
    src = _source(WIKI)
    titles = [(s.title, s.level) for s in src.sections]
    assert titles == [
        ("Aloners", 1), ("Plot", 2), ("Cast", 2), ("Release and reception", 2),
        ("Critical response", 3), ("Awards and nominations", 2),
    ]
    by_title = {s.title: s for s in src.sections}
    plot = src.text[by_title["Plot"].start:by_title["Plot"].end]
    assert plot.lstrip().startswith("Jina is the top employee")
    assert "==" not in plot and "Gong Seung-yeon as Jina" not in plot
    release = src.text[by_title["Release and reception"].start:by_title["Release and reception"].end]
    assert "Ulsan" in release and "Rotten Tomatoes" in release  # the subsection is nested inside
    assert "Awards" not in release
    awards = by_title["Awards and nominations"]
    assert awards.end == len(src.text)
    assert "| 2021 | 15th Asian Film Awards" in src.text[awards.start:awards.end]


def test_ingest_wiki_title_kind_and_infobox() -> None:
    src = _source(WIKI)
    assert (src.title, src.kind, src.id) == ("Aloners", "plot", "film_page")
    box = dict(src.infobox)
    assert len(src.infobox) == 13
    assert box["Director"] == "Hong Sung-eun"
    assert box["Starring"] == "Gong Seung-yeon"
    assert box["Runtime"] == "91 minutes"
    assert box["Production Companies"] == "Korean Academy of Film Arts"
    assert box["Gross"] == "$95,848"
    assert "Seo Hyun-woo" not in box  # the Cast section's "Actor: Character" line is no infobox entry


def test_ingest_wiki_cast_credits() -> None:
    src = _source(WIKI)
    assert [(c.actor, c.character) for c in src.credits] == [
        ("Gong Seung-yeon", "Jina"),
        ("Jeong Da-eun", "Sujin"),
        ("Seo Hyun-woo", "Seong-hun"),
        ("Park Jeong-hak", "Jina's father"),
    ]
    for credit in src.credits:
        assert src.text[credit.start:credit.end] == credit.character


def test_ingest_wiki_body_is_plot_section() -> None:
    src = _source(WIKI)
    body = src.text[src.body[0]:src.body[1]]
    assert body.startswith("Jina is the top employee at a call centre")
    assert body.endswith("check on him from time to time.")
    paragraphs = _kept_text(src)
    assert len(paragraphs) == 11
    assert all(p == p.strip() and "\n\n" not in p for p in paragraphs)


def test_ingest_wiki_table_is_not_prose() -> None:
    text = "== Plot ==\nA boy finds a map.\n| Year | Award |\n| 2020 | Best |\nHe follows it home.\n"
    src = parse_source(text, name="t")
    paragraphs = [src.text[s:e] for s, e in body_paragraphs(src)]
    assert paragraphs == ["A boy finds a map.", "He follows it home."]


def test_ingest_wiki_without_plot_uses_lead() -> None:
    text = "= Some Film =\n- Director: A. Person\n- Year: 1999\n\nA woman crosses a desert.\n\n== Cast ==\n- Ann Lee as Ruth\n"
    src = parse_source(text, name="Some Film")
    assert src.text[src.body[0]:src.body[1]] == "A woman crosses a desert."
    assert src.infobox == (("Director", "A. Person"), ("Year", "1999"))
    assert [(c.actor, c.character) for c in src.credits] == [("Ann Lee", "Ruth")]


def test_ingest_markdown_page_headings_and_cast_forms() -> None:
    src = _source(FIXTURES / "film_page.md")
    assert src.title == "The Keeper"
    assert dict(src.infobox)["Starring"] == "Ada Lind, Jon Ek and Tom Berg"
    assert [(s.title, s.level) for s in src.sections] == [
        ("The Keeper", 1), ("Synopsis", 2), ("Part two", 3), ("Cast", 2),
    ]
    assert _kept_text(src) == [
        "Mara runs a small lighthouse. She logs every ship.",
        "A storm brings a stranger to the island.",
    ]
    assert [(c.actor, c.character) for c in src.credits] == [
        ("Ada Lind", "Mara"), ("Tom Berg", "Tobin"), ("Jon Ek", "Elias"), ("Lisa Holm", "Mara's mother"),
    ]
    assert all(src.text[c.start:c.end] == c.character for c in src.credits)


# -- cast lines ------------------------------------------------------------------------

@pytest.mark.parametrize(
    "line, loose, expected",
    [
        ("Gong Seung-yeon as Ji-na", False, ("Gong Seung-yeon", "Ji-na")),
        ("- Park Jeong-hak as Jina's father", True, ("Park Jeong-hak", "Jina's father")),
        ("* Kim Hae-na as Team Leader", True, ("Kim Hae-na", "Team Leader")),
        ("Kwak Min-kyu as Time Machine Man (voice)", False, ("Kwak Min-kyu", "Time Machine Man")),
        ("Ahn Jeong-bin as Plainclothes Police Officer", False, ("Ahn Jeong-bin", "Plainclothes Police Officer")),
        ("- Seo Hyun-woo: Seong-hun", True, ("Seo Hyun-woo", "Seong-hun")),
        ("Tom Berg – Tobin", True, ("Tom Berg", "Tobin")),
        ("Tom Berg - Tobin", True, ("Tom Berg", "Tobin")),
        ("Mara's mother (Lisa Holm)", True, ("Lisa Holm", "Mara's mother")),
        ("Lisa Holm (Mara's mother)", True, ("Lisa Holm", "Mara's mother")),
        ("• Ada Lind as Mara, the lighthouse keeper", True, ("Ada Lind", "Mara")),
        ("Leonardo DiCaprio as Jack Dawson", False, ("Leonardo DiCaprio", "Jack Dawson")),
        ("Helena Bonham Carter as Marla Singer", False, ("Helena Bonham Carter", "Marla Singer")),
        ("Pierre de Sève as The Stranger", False, ("Pierre de Sève", "The Stranger")),
        ("Sam Lee as Young woman at bus stop", True, ("Sam Lee", "Young woman at bus stop")),
    ],
)
def test_ingest_cast_line_forms(line: str, loose: bool, expected: tuple[str, str]) -> None:
    actor, character, start, end = parse_credit_line(line, loose=loose)
    assert (actor, character) == expected
    assert line[start:end] == character


@pytest.mark.parametrize(
    "line, actors, expected",
    [
        ("Elias (Jon Ek)", {"Jon Ek"}, ("Jon Ek", "Elias")),
        ("Jon Ek (Elias)", {"Jon Ek"}, ("Jon Ek", "Elias")),
        ("* Elias (Jon Ek)", {"Ann Lee", "Jon Ek"}, ("Jon Ek", "Elias")),
        ("Elias (Jon Ek)", set(), None),  # two names, nothing says which is the actor
        ("Elias (Jon Ek)", {"Ann Lee"}, None),
    ],
)
def test_ingest_cast_line_parenthesis_needs_evidence(
    line: str, actors: set[str], expected: tuple[str, str] | None
) -> None:
    parsed = parse_credit_line(line, loose=True, actors=actors)
    assert (parsed[:2] if parsed else None) == expected
    if parsed:
        assert line[parsed[2]:parsed[3]] == "Elias"


@pytest.mark.parametrize(
    "line, loose",
    [
        ("Jina watches it as he leaves the building.", False),
        ("She was known as Jina at work", False),
        ("Later Jina as well", False),
        ("The film was screened as part of the festival.", False),
        ("Aloners screened as part of this year’s London Korean Film Festival.", False),
        ("- Director: Hong Sung-eun", True),  # a crew line, not a credit
        ("Director: Hong Sung-eun", False),
        ("Aloners (2023)", True),
        ("Seo Hyun-woo: Seong-hun", False),  # colon form only inside a cast list
        ("Tom Berg – Tobin", False),
        ("Gong as Ji-na", False),  # one-word actor outside a cast list
        ("Sam Lee as Young woman at bus stop", False),  # lowercase role words outside a cast list
        ("", True),
    ],
)
def test_ingest_cast_line_rejects_prose(line: str, loose: bool) -> None:
    assert parse_credit_line(line, loose=loose) is None


# -- web pages -------------------------------------------------------------------------

def test_ingest_web_ebert_credits() -> None:
    src = _source(EBERT)
    assert src.kind == "review"
    assert [(c.actor, c.character) for c in src.credits] == [
        ("Gong Seung-yeon", "Ji-na"),
        ("Jeong Da-eun", "Soo-jin"),
        ("Seo Hyun-woo", "Seong-hoon"),
        ("Kim Hae-na", "Team Leader"),
        ("Kim Mo-beom", "Neighbour"),
        ("Park Jeong-hak", "Father"),
        ("Ju Seok-tae", "Lawyer Jeong"),
        ("Ahn Jeong-bin", "Plainclothes Police Officer"),
        ("Kwak Min-kyu", "Time Machine Man"),
    ]
    for credit in src.credits:
        assert src.text[credit.start:credit.end] == credit.character


@pytest.mark.parametrize("path", [ARTS, SEVENTH])
def test_ingest_web_no_credit_list_no_credits(path: Path) -> None:
    # these pages name actors only inside prose ("Jina (Gong Seung-yeon)"), never in a list
    assert _source(path).credits == ()


def test_ingest_web_cast_block_after_heading() -> None:
    text = (
        "Home | Reviews | About | Contact\n\nA Quiet Film\n\n"
        "A long paragraph of review prose that goes on for a while about the film and its makers. "
        "It has two sentences and more than twenty-five words in all, which makes it an article.\n\n"
        "Cast\n\nAnn Lee: Ruth\nBo Park – The Sailor\n\nLeave a Reply\n\nYour email will not be published.\n"
    )
    src = parse_source(text, name="quiet")
    assert src.kind == "review"
    assert [(c.actor, c.character) for c in src.credits] == [("Ann Lee", "Ruth"), ("Bo Park", "The Sailor")]


WEB_ARTICLE = {
    EBERT: [
        "The bittersweet Korean drama “Aloners” works best when it’s a character study",
        "Call center ace Jina (Gong Seung-yeon) doesn’t get completely pigeonholed",
        "Working this routine—work, smoke, lunch, more work, then a microwaveable meal and TV before bed—can relieve everyday problems. But not always.",
        "“Why should I apologize?” Sujin whispers. “I didn’t do anything wrong.”",
        "Nobody needs to be told that working—and socializing and living—today can be alienating.",
        "There are obvious reasons for and answers to Jina’s problems, but they never completely explain her away.",
    ],
    ARTS: [
        "There’s nothing groundbreaking in the idea that, rather than bringing us closer together",
        "it should be no surprise that they’ve been treated by an internet-addled audience",
        "Aloners, the debut film from Hong Sung-eun, initially seems like it’s going to fall into this exact same trap.",
        "The pandemic has made a film that would otherwise be highly specific to Korean culture have a resonance on a global level.",
        "The most profoundly moving moment is one that comes out of the left-field",
        "But in its finest sequences, when the director showcases her deeply perceptive and wonderfully humane approach to a familiar brand of character study, this doesn’t matter.",
    ],
    SEVENTH: [
        "“Loner crushed to death by porn. More and more people failing to find their place in society,” reads a newspaper headline",
        "We learn early on that her mother recently died; Jina is evidently extremely depressed.",
        "Actress Gong Seung-yeon is the film’s highlight.",
        "Is Jina so low because of her grief?",
        "Where Aloners does excel, however, is in portraying how capitalism thrives when workers are depressed and disconnected.",
        "Ultimately, Aloners understands that in order to get better, Jina needs to find out who she is outside of her job.",
    ],
}

WEB_BOILERPLATE = {
    EBERT: [
        "Roger Ebert Home", "Now playing in theaters.", "Simon Abrams is a native New Yorker",
        "Furiosa: A Mad Max Saga", "Film Credits", "Aloners movie poster", "Gong Seung-yeon as Ji-na",
        "Latest blog posts", "comments powered by Disqus",
    ],
    ARTS: [
        "“Aloners” Review", "Image © Courtesy of London Korean Film Festival", "Rating: 3 out of 5.",
        "Written by Alistair Ryder", "Aloners\u00a0screened\u00a0as part of this year’s",
        "is a British online publication", "Leave a Reply", "Fill in your details below",
        "You are commenting using", "This site uses Akismet",
    ],
    SEVENTH: [
        "• Skip to primary navigation", "• Browse Articles", "Orla Smith / September 10, 2021",
        "Click here to find all of our TIFF 2021 coverage",
        "A still from Aloners, in which a young woman sits at a table",
        "We’re running a daily TIFF 2021 newsletter", "A still from Aloners, in which Jina walks home",
        "Gong Seung-yeon in Aloners.", "A young woman clasping two takeaway coffee cups",
        "Aloners: Jina teaches a new employee how to take a call.", "Stay in the know about TIFF 2021",
        "Subscribe to Seventh Row’s TIFF newsletter.", "Read more from TIFF 2021", "Filed Under:",
        "Orla Smith is the former Executive Editor", "« Older Post", "©\u00a02025 · Seventh Row", "• Privacy Policy",
    ],
}

WEB_PARAGRAPHS = {EBERT: 9, ARTS: 6, SEVENTH: 6}


@pytest.mark.parametrize("path", list(WEB_ARTICLE))
def test_ingest_web_article_text_kept(path: Path) -> None:
    src = _source(path)
    for sentence in WEB_ARTICLE[path]:
        assert _inside(src, sentence), sentence
    assert len(body_paragraphs(src)) == WEB_PARAGRAPHS[path]
    start, end = src.body
    assert src.text[start:end].startswith(WEB_ARTICLE[path][0])
    assert src.text[start:end].endswith(WEB_ARTICLE[path][-1])


@pytest.mark.parametrize("path", list(WEB_BOILERPLATE))
def test_ingest_web_boilerplate_dropped(path: Path) -> None:
    src = _source(path)
    for needle in WEB_BOILERPLATE[path]:
        assert _outside(src, needle), needle


@pytest.mark.parametrize("path", list(WEB_ARTICLE))
def test_ingest_web_every_long_article_line_kept(path: Path) -> None:
    """Every line of the article region with 2+ sentences and no boilerplate cue is kept whole."""
    src = _source(path)
    kept = set(body_paragraphs(src))
    start, end = src.body
    offset = start
    for line in src.text[start:end].split("\n"):
        stripped = line.strip()
        is_prose = len(stripped.split()) >= 25 and len(re.findall(r"[.!?…][”’\"]?\s", stripped + " ")) >= 2
        if is_prose:
            lead = offset + line.index(stripped)
            assert (lead, lead + len(stripped)) in kept, stripped[:60]
        offset += len(line) + 1


def test_ingest_web_titles() -> None:
    assert _source(ARTS).title == "“Aloners” Review"
    assert _source(SEVENTH).title == "TIFF Review: Aloners is a melancholy ode to society’s loners"
    assert _source(EBERT).title is None  # only the site name above the article


def test_ingest_web_small_fixture() -> None:
    src = _source(FIXTURES / "review_small.web.txt")
    assert src.title == "The Keeper review: a quiet storm"
    kept = _kept_text(src)
    assert kept[0].startswith("The Keeper is a film about solitude.")
    assert "It works." in kept  # a one-line paragraph inside the article stays
    assert kept[-1].endswith("two lights instead of one.")
    for needle in ("Photo: Courtesy", "Sign up for our weekly newsletter", "Rating: 4/5", "Share this:",
                   "Leave a Reply", "© 2020 Film Notes", "By Kim Novak"):
        assert _outside(src, needle), needle


def test_ingest_web_hard_wrapped_fixture() -> None:
    src = _source(FIXTURES / "review_wrapped.web.txt")
    kept = _kept_text(src)
    assert len(kept) == 2
    assert kept[0].startswith("The Keeper is a film about solitude.") and kept[0].endswith("never needs to.")
    assert "\n" in kept[0]  # a wrapped paragraph is one span over several lines
    assert kept[1].endswith("its one real risk.")
    assert _outside(src, "Image courtesy of North Films.")


def test_ingest_web_page_alone_is_analysable() -> None:
    bundle = read_story(SEVENTH)
    assert len(bundle.sources) == 1
    assert bundle.id == "review_seventhrow"
    assert bundle.primary.body is not None and bundle.primary.body[1] - bundle.primary.body[0] > 3000


# -- format detection, plain text, sentences per line ----------------------------------

@pytest.mark.parametrize(
    "path, fmt",
    [(WIKI, "wiki"), (EBERT, "web"), (ARTS, "web"), (SEVENTH, "web"),
     (FIXTURES / "plot_plain.txt", "text"), (FIXTURES / "film_page.md", "wiki"),
     (FIXTURES / "review_small.web.txt", "web"), (FIXTURES / "review_wrapped.web.txt", "web")],
)
def test_ingest_detect_format(path: Path, fmt: str) -> None:
    assert detect_format(read_text_file(path)) == fmt


def test_ingest_detect_format_article_bodies_are_plain_text() -> None:
    for path in (EBERT, ARTS, SEVENTH, WIKI):
        src = _source(path)
        assert detect_format("\n\n".join(_kept_text(src))) == "text"


def test_ingest_kind_forces_format() -> None:
    text = read_text_file(ARTS)
    assert parse_source(text, name="r").kind == "review"
    forced = parse_source(text, name="r", kind="text")  # all of it but the title line standing alone on top
    assert forced.title == "“Aloners” Review"
    assert forced.body == (text.index("There’s nothing"), len(text.rstrip()))
    assert parse_source(text, name="r", kind="plot").kind == "plot"
    assert parse_source("A man walks.\n", name="x", kind="review").kind == "review"
    with pytest.raises(ValueError):
        parse_source("A man walks.", name="x", kind="poem")
    with pytest.raises(InputError):
        parse_source(" \n\t", name="blank")


def test_ingest_plain_text() -> None:
    path = FIXTURES / "plot_plain.txt"
    text = read_text_file(path)
    src = parse_source(text, name="My Plot.txt", path=path)
    assert (src.id, src.kind, src.path, src.text) == ("my-plot", "plot", str(path), text)
    assert src.text[src.body[0]:src.body[1]] == text.strip()
    assert src.sha256 == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert len(body_paragraphs(src)) == 3
    assert src.sections == () and src.credits == () and src.infobox == ()


def test_ingest_sentences_per_line() -> None:
    text = read_text_file(FIXTURES / "presegmented.txt")
    src = parse_source(text, name="pre", sentences_per_line=True)
    assert src.kind == "plot" and src.body == (0, len(text.rstrip()))
    spans = line_spans(text)
    assert [text[s:e] for s, e, _ in spans] == [
        "Mara runs a small lighthouse on a northern island.",
        "Every night she logs the passing ships.",
        "When a storm wrecks a fishing boat, Mara rescues a boy.",
        "He refuses to say where he comes from.",
        "In the end Mara lets Tobin stay.",
    ]
    assert [p for _, _, p in spans] == [0, 0, 1, 1, 2]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", []),
        ("One.", [(0, 4, 0)]),
        ("One.\nTwo.\n", [(0, 4, 0), (5, 9, 0)]),
        ("One.\r\nTwo.\r\n\r\nThree.", [(0, 4, 0), (6, 10, 0), (14, 20, 1)]),
        ("\n\n  One.  \n \t \nTwo.", [(4, 8, 0), (15, 19, 1)]),
        ("One.\rTwo.", [(0, 4, 0), (5, 9, 0)]),
    ],
)
def test_ingest_line_spans_table(text: str, expected: list[tuple[int, int, int]]) -> None:
    assert line_spans(text) == expected


# -- bundles ---------------------------------------------------------------------------

def test_ingest_bundle_seed_folder_order() -> None:
    bundle = read_story(SEEDS)
    assert isinstance(bundle, Bundle)
    assert (bundle.id, bundle.title) == ("aloners", "Aloners")
    assert [s.id for s in bundle.sources] == [
        "film_page", "review_rogerebert", "review_seventhrow", "review_viewofthearts",
    ]
    assert [s.kind for s in bundle.sources] == ["plot", "review", "review", "review"]
    assert bundle.primary is bundle.sources[0]
    assert read_story(SEEDS) == bundle  # deterministic


def test_ingest_bundle_primary_is_longest_plot(tmp_path: Path) -> None:
    (tmp_path / "a_short.txt").write_text("A man walks home.\n", encoding="utf-8")
    (tmp_path / "b_long.txt").write_text("A woman crosses the sea. She finds a new home there.\n", encoding="utf-8")
    (tmp_path / "c_page.wiki.txt").write_text("= Film =\n\n== Plot ==\nA dog runs.\n", encoding="utf-8")
    bundle = read_story(tmp_path)
    assert [s.id for s in bundle.sources] == ["c_page", "a_short", "b_long"]  # wiki Plot page wins
    (tmp_path / "c_page.wiki.txt").unlink()
    assert [s.id for s in read_story(tmp_path).sources] == ["b_long", "a_short"]


def test_ingest_bundle_unique_ids_and_skips(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text("A man walks home.\n", encoding="utf-8")
    (tmp_path / "story.md").write_text("A woman walks home.\n", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden.\n", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "sub.txt").mkdir()
    bundle = read_story(tmp_path)
    assert sorted(s.id for s in bundle.sources) == ["story", "story-2"]
    assert {s.name for s in bundle.sources} == {"story.txt", "story.md"}
    assert bundle.title == tmp_path.name


def test_ingest_bundle_single_file() -> None:
    bundle = read_story(FIXTURES / "plot_plain.txt")
    assert (bundle.id, bundle.title, len(bundle.sources)) == ("plot_plain", "plot_plain", 1)
    wiki = read_story(WIKI)
    assert (wiki.id, wiki.title) == ("film_page", "Aloners")


def test_ingest_bundle_sentences_per_line_folder(tmp_path: Path) -> None:
    (tmp_path / "plot.txt").write_text("One man.\nTwo dogs.\n\nThree cats.\n", encoding="utf-8")
    (tmp_path / "page.wiki.txt").write_text("= Film =\n\n== Cast ==\n- Ann Lee as Ruth\n", encoding="utf-8")
    bundle = read_story(tmp_path, sentences_per_line=True)
    assert bundle.primary.id == "plot"
    assert bundle.sources[1].credits[0].character == "Ruth"  # the wiki page keeps its layout


def test_ingest_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="contains no text files"):
        read_story(tmp_path)
    (tmp_path / ".notes.txt").write_text("hidden\n", encoding="utf-8")
    (tmp_path / "data.bin").write_bytes(b"\x00\x01")
    with pytest.raises(InputError, match="contains no text files"):
        read_story(tmp_path)


def test_ingest_bundle_missing_path(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        read_story(tmp_path / "nope")


def test_ingest_bundle_bad_file_in_folder_is_named(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("A man walks home.\n", encoding="utf-8")
    _write(tmp_path, "bad.txt", b"")
    with pytest.raises(InputError, match="bad.txt is empty"):
        read_story(tmp_path)


def test_ingest_bundle_folder_over_the_limit_together(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text_module, "MAX_BYTES", 30)
    (tmp_path / "a.txt").write_text("A man walks home.\n", encoding="utf-8")  # 18 bytes: under the limit
    assert len(read_story(tmp_path).sources) == 1
    (tmp_path / "b.txt").write_text("A woman runs away.\n", encoding="utf-8")  # each under, both over
    with pytest.raises(InputError, match=r"holds 0\.0 MB of text files, over the limit"):
        read_story(tmp_path)


# -- reading files ---------------------------------------------------------------------

def test_ingest_read_missing_path(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        read_text_file(tmp_path / "missing.txt")


def test_ingest_read_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder, not a file"):
        read_text_file(tmp_path)


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "is empty"),
        (b"\xef\xbb\xbf", "is empty"),
        (b"  \n\t\r\n  \n", "only whitespace"),
        (b"abc\x00def", r"binary \(NUL byte at byte offset 3\)"),
        (bytes(range(1, 9)) * 10 + b"some text", "looks binary .* control characters"),
        (b"\xff\xfeh\x00i\x00", "UTF-16"),
        (b"caf\xe9 au lait", r"not valid UTF-8 \(byte 0xe9 at byte offset 3"),
        (b"\xef\xbb\xbfab\xc3(", r"not valid UTF-8 \(byte 0xc3 at byte offset 5"),
    ],
)
def test_ingest_read_bad_content(tmp_path: Path, data: bytes, message: str) -> None:
    path = _write(tmp_path, "bad.txt", data)
    with pytest.raises(InputError, match=message):
        read_text_file(path)


def test_ingest_read_oversize_checked_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.txt"
    with open(path, "wb") as handle:
        handle.truncate(3 * 1024 * 1024)  # sparse: no real bytes written

    def must_not_read(*args: object) -> bytes:
        raise AssertionError("the file was read before its size was checked")

    monkeypatch.setattr(text_module, "_read_bytes", must_not_read)
    with pytest.raises(InputError, match=r"3\.0 MB .* limit of 2 MB"):
        read_text_file(path)


def test_ingest_read_at_limit_is_accepted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text_module, "MAX_BYTES", 10)
    assert read_text_file(_write(tmp_path, "ok.txt", b"0123456789")) == "0123456789"
    with pytest.raises(InputError, match="over the limit"):
        read_text_file(_write(tmp_path, "big.txt", b"0123456789A"))
    assert MAX_BYTES == 2 * 1024 * 1024


def test_ingest_read_keeps_newlines_and_strips_bom(tmp_path: Path) -> None:
    raw = "\ufeffLine one.\r\nLine two.\rLine three.\n".encode("utf-8")
    text = read_text_file(_write(tmp_path, "crlf.txt", raw))
    assert text == "Line one.\r\nLine two.\rLine three.\n"
    src = parse_source(text, name="crlf")
    assert [text[s:e] for s, e, _ in line_spans(text)] == ["Line one.", "Line two.", "Line three."]
    assert src.text[src.body[0]:src.body[1]] == "Line one.\r\nLine two.\rLine three."


def test_ingest_crlf_wiki_offsets(tmp_path: Path) -> None:
    raw = WIKI.read_bytes().replace(b"\n", b"\r\n")
    src = parse_source(read_text_file(_write(tmp_path, "w.txt", raw)), name="w")
    assert [s.title for s in src.sections][:3] == ["Aloners", "Plot", "Cast"]
    assert all(src.text[c.start:c.end] == c.character for c in src.credits) and len(src.credits) == 4
    assert src.text[src.body[0]:src.body[1]].startswith("Jina is the top employee")
    assert src.text[src.body[0]:src.body[1]].endswith("time to time.")


@pytest.mark.parametrize(
    "name, slug",
    [
        ("film_page.wiki.txt", "film_page"),
        ("review_rogerebert.web.txt", "review_rogerebert"),
        ("My Plot.txt", "my-plot"),
        ("Amélie (2001).md", "amelie-2001"),
        ("  ", "source"),
        ("日本", "source-44da6bbc"),  # no Latin letters: a hash keeps such names apart
        ("a--b__c", "a-b__c"),
    ],
)
def test_ingest_slugify_table(name: str, slug: str) -> None:
    assert slugify(name) == slug
    assert re.fullmatch(r"[a-z0-9_-]+", slugify(name))


def test_ingest_no_story_specific_rules() -> None:
    pattern = re.compile(r"jina|sujin|seong-?h[uo]+n|aloners", re.IGNORECASE)
    for path in (ROOT / "narrative" / "ingest").glob("*.py"):
        assert not pattern.search(path.read_text(encoding="utf-8")), path.name


# -- properties ------------------------------------------------------------------------

_LINES = st.sampled_from([
    "", "  ", "= Title =", "==Plot==", "== Cast ==", "===Sub===", "## Synopsis", "- Director: Ann Lee",
    "- Ann Lee as Ruth", "Bo Park as The Sailor", "Ruth (Ann Lee)", "| a | b |", "• Home", "Leave a Reply",
    "Subscribe to our newsletter.", "Image © Someone", "Written by Cy Doe",
    "A woman crosses the desert at night. She finds a well and drinks from it, then sleeps until dawn "
    "while the wind covers her tracks.",
    "He returns.", "Ruth's father – Old Man",
])


@settings(max_examples=150, deadline=None)
@given(lines=st.lists(_LINES, min_size=1, max_size=25), newline=st.sampled_from(["\n", "\r\n", "\r"]))
def test_ingest_spans_always_valid(lines: list[str], newline: str) -> None:
    text = newline.join(lines) + "\nThe end came."
    src = parse_source(text, name="prop")
    size = len(src.text)
    assert src.text == text and src.body is not None
    assert 0 <= src.body[0] <= src.body[1] <= size
    for sec in src.sections:
        assert 0 <= sec.start <= sec.end <= size
    for credit in src.credits:
        assert src.text[credit.start:credit.end] == credit.character
    paragraphs = body_paragraphs(src)
    assert paragraphs == sorted(paragraphs)
    for start, end in paragraphs:
        assert src.body[0] <= start < end <= src.body[1]
        assert src.text[start:end] == src.text[start:end].strip()


PLAIN_PAGE = """Pride and Prejudice

Plot

Mr. Bennet has five daughters. Elizabeth meets Darcy at a ball.

Cast
- Jennifer Ehle as Elizabeth Bennet
- Colin Firth as Darcy

Reception

Critics praised the series. Jane Doe of the Daily Planet called it "a delight".
"""


def test_ingest_plain_copy_of_a_page_has_bare_headings() -> None:
    src = parse_source(PLAIN_PAGE, name="pp")
    assert src.kind == "plot" and src.title == "Pride and Prejudice"
    assert src.text[src.body[0]:src.body[1]] == "Mr. Bennet has five daughters. Elizabeth meets Darcy at a ball."
    assert [c.character for c in src.credits] == ["Elizabeth Bennet", "Darcy"]
    assert [s.title for s in src.sections] == ["Plot", "Cast", "Reception"]


def test_ingest_bare_cast_heading_alone_keeps_a_review_a_review() -> None:
    review = ("Site Menu | Home | Reviews | Subscribe\n\nA quiet film\n\nThe film follows a woman who works "
              "at a call centre and avoids her colleagues until a neighbour dies.\n\nCast\n\nKim Lee as Jina\n\n"
              "Share this: Facebook | Twitter\n\nSubscribe to our newsletter\n")
    assert detect_format(review) != "wiki"


@pytest.mark.parametrize("text, title, body_start", [
    ("The Lost Key\n\nAna loses her key. Tom finds it.\n", "The Lost Key", "Ana loses"),
    ("Ana loses her key.\n\nTom finds it.\n", None, "Ana loses"),  # a sentence, no title
    ("Ana loses her key and Tom finds it\n", None, "Ana loses"),  # nothing below: the text itself
])
def test_ingest_plain_text_title_line(text: str, title, body_start: str) -> None:
    src = parse_source(text, name="t")
    assert src.title == title
    assert src.text[src.body[0]:].startswith(body_start)


def test_ingest_pre_segmented_text_has_no_title_line() -> None:
    src = parse_source("The Lost Key\n\nAna loses her key.\n", name="t", sentences_per_line=True)
    assert src.title is None and src.body == (0, len("The Lost Key\n\nAna loses her key."))
