"""Candidate character mentions in an annotation: proper names, role phrases, pronouns."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

from ..interactions import lowered_words
from ..nlp.base import Annotation, Token
from ..nlp.lexicon import IRREGULAR_VERBS
from .lexicon import (ADDRESS_TITLES, KINSHIP, singular_role, GIVEN_NAME_WORDS, MODIFIER_SUFFIXES, GROUP_NOUNS, PLACE_PREFIXES, ROLE_SYNONYMS, SURNAME_HEADS, ROLE_WORDS, TITLES, MODIFIER_CLASS, NOT_PERSON_WORDS, PLACE_ORG_HEADS, PRONOUN_INFO, TITLE_GENDER,
                      canonical_role, role_info)
from .names import is_title

__all__ = ["Candidate", "find_candidates", "modifies_noun"]

_PARTICLES = frozenset("de van von der den da di del della la le du bin ibn al el dos das".split())
_REGNAL = frozenset("II III IV VI VII VIII IX XI XII XIII XIV XV XVI".split())  # "Queen Elizabeth II": not lost
# to the "World War II" rule
_SAME_IN_THE_PAST = frozenset(base for base, forms in IRREGULAR_VERBS.items() if forms[1] == base)  # put, hit, cut
_CLAUSE_START = frozenset({"PUNCT", "CCONJ", "SCONJ"})
_NAMING = (("called",), ("named",), ("nicknamed",), ("known", "as"), ("by", "the", "name", "of"))
# "a man who calls himself Merrick", "a woman calling herself Ruth": a name one gives oneself
_SELF_NAMING = frozenset({("calling", "himself"), ("calling", "herself"), ("who", "calls", "himself"),
                          ("who", "calls", "herself"), ("who", "called", "himself"), ("who", "called", "herself")})
_PLACE_CONTEXT = frozenset({"the", "in", "at", "from", "to", "into", "near", "inside", "outside", "across"})
# "X is actually Y": what says two descriptions name one person (`_IDENTITY` adds forms for two names)
_IS_REALLY = (("is", "revealed", "as"), ("is", "revealed", "to", "be"), ("turns", "out", "to", "be"), ("is", "actually"),
              ("is", "in", "fact"))
_REVEALED = _IS_REALLY + (("turned", "out", "to", "be"),)
_PREDICATIVE = frozenset({"as", "become", "becomes", "became", "becoming", "is", "are", "was", "were", "remain",
                          "remains", "remained", "be", "been", "being"})
_BE_FORMS = frozenset({"is", "are", "was", "were", "be", "been", "being"})
_PREDICATIVE_FILLER = frozenset({"all", "now", "one", "both", "still", "also", "truly", "really", "each", "then"})
_NAME_ABBREVIATIONS = frozenset({"st", "jr", "sr", "mt", "ft"})
_OPEN_QUOTES = frozenset({"'", '"', "“", "‘"})
_CLOSE_QUOTES = frozenset({"'", '"', "”", "’"})
_CHANGE_VERBS = frozenset("turn transform change morph convert mutate".split())
_NEEDS_OWNER = frozenset({"members", "member"})
_GENERIC_GROUPS = frozenset({"people", "crowd", "audience", "men", "women", "press", "public", "church", "band",
                             "group", "board", "union"})


@dataclass(slots=True)
class Candidate:
    """One mention candidate; `entity` is filled in by the linker."""
    kind: str  # name | role | pronoun
    sentence: int
    tok_start: int
    tok_end: int  # exclusive
    start: int
    end: int
    text: str
    subject: bool = False
    # names
    parts: tuple[str, ...] = ()
    title: Optional[str] = None
    nick: Optional[str] = None  # a quoted nickname inside the name
    # roles
    head: str = ""
    compound: str = ""  # the role's noun compound as written ("family members")
    determiner: Optional[str] = None  # def | indef | poss | None
    anchor: Optional["Candidate"] = None
    modifier: Optional[str] = None
    group: bool = False
    gender: Optional[str] = None
    # pronouns
    number: str = "sg"
    case: str = "subj"
    # links found in the sentence
    same_as: Optional["Candidate"] = None
    entity: Optional[int] = None
    in_parens: bool = False
    apposed: bool = False  # a group role in apposition to a list of names: it names nobody new
    listed_in: Optional["Candidate"] = None  # a name listed after a plural role ("his sons, Ben and Joe")
    identical_to: Optional["Candidate"] = None  # an earlier name the text says this one is ("X is actually Y")


def _is_cap(tok: Token) -> bool:
    return tok.text[:1].isupper()


def _subject(tokens: tuple[Token, ...], i: int, j: int) -> bool:
    """Does the mention tokens[i:j] stand before its verb at the start of a clause
    (or of a reduced relative clause: "the noise Mara heard")?"""
    before = tokens[i - 1] if i > 0 else None
    if before is not None and before.upos in ("NOUN", "ADJ") and j < len(tokens) and tokens[j].upos == "VERB" \
            and not tokens[j].text.endswith("ing"):
        return True
    k = i - 1  # "the (unnamed) Narrator meets...": look before the determiner
    while k >= 0 and tokens[k].upos in ("ADJ", "NOUN") and tokens[k].text[:1].islower():
        k -= 1
    if k >= 0 and tokens[k].upos == "DET" and tokens[k].text.lower() in ("the", "a", "an"):
        before = tokens[k - 1] if k > 0 else None
    if before is not None and before.upos not in _CLAUSE_START and before.upos != "ADV" \
            and before.text.lower() not in ("and", "but", "then", "when", "while", "as"):
        return False
    k = _past_of_phrase(tokens, j)
    while k < len(tokens) and tokens[k].upos in ("ADV", "AUX", "PART") and tokens[k].text not in ("'s", "’s"):
        k += 1
    return k < len(tokens) and tokens[k].upos == "VERB" or (k > j and tokens[k - 1].upos == "AUX")


def _past_of_phrase(tokens: tuple[Token, ...], j: int) -> int:
    """Past an of-phrase of capitalised words right after a mention ("Colonel Weber of the United States Army
    asks"): the index after it; else j."""
    if j + 1 >= len(tokens) or tokens[j].text.lower() != "of":
        return j
    k = j + 1
    if tokens[k].upos == "DET":
        k += 1
    start = k
    while k < len(tokens) and tokens[k].upos == "PROPN" and tokens[k].text[:1].isupper():
        k += 1
    return k if k > start else j


def _possessor_of_subject(tokens: tuple[Token, ...], i: int, j: int) -> bool:
    """"Mara's training is...": the possessor of a clause subject is as salient as a subject."""
    if j >= len(tokens) or tokens[j].text not in ("'s", "’s"):
        return False
    k = j + 1
    while k < len(tokens) and tokens[k].upos in ("ADJ", "NOUN"):
        k += 1
    before = tokens[i - 1] if i > 0 else None
    starts_clause = before is None or before.upos in _CLAUSE_START or before.upos == "ADV" \
        or before.text.lower() in ("and", "but", "then", "when", "while", "as")
    return k > j + 1 and k < len(tokens) and tokens[k].upos in ("VERB", "AUX") and starts_clause


def find_candidates(annotation: Annotation, *, midcap: set[str], common: frozenset[str] | set[str] = frozenset(),
                    lows: Optional[Sequence[Sequence[str]]] = None) -> list[Candidate]:
    """All candidates, in text order. `midcap`: lowercased words seen capitalised mid-sentence
    (a capitalised sentence opener counts as a name only if it is one of them or acts like a name);
    `common`: words the text writes in lower case (an opener among them and not in `midcap` is no name:
    "Evidence collected there implicates him"). A word of NOT_PERSON_WORDS is a name in a text that makes
    it act like one (`_nicknames`: "Dutch realizes", "April becomes pregnant"). `lows`: each sentence's
    lowercased words (see `lowered_words`), when the caller has them already."""
    out: list[Candidate] = []
    text = annotation.text
    if lows is None:
        lows = lowered_words(annotation)
    nicknames = _nicknames(annotation)
    for si, sent in enumerate(annotation.sentences):
        out.extend(_sentence_candidates(text, si, sent.tokens, lows[si], midcap, common, nicknames))
    return out


def _nicknames(annotation: Annotation) -> set[str]:
    """Words of NOT_PERSON_WORDS the text uses as a person's name: capitalised inside a sentence, after a
    comma, a conjunction or a subordinator, before a verb of the third person ("When April becomes
    pregnant", ", Dutch realizes", "and August hires Jacob")."""
    out: set[str] = set()
    for sent in annotation.sentences:
        toks = sent.tokens
        for j in range(1, len(toks) - 1):
            t, nxt = toks[j], toks[j + 1]
            if nxt.upos == "VERB" and t.text[:1].isupper() and toks[j - 1].upos in ("PUNCT", "CCONJ", "SCONJ") \
                    and nxt.text.endswith("s") and nxt.text.lower() != nxt.lemma:
                low = t.text.lower()
                if low in NOT_PERSON_WORDS and low not in _CALENDAR_WORDS and low not in _HOLIDAYS \
                        and toks[j - 1].text not in _SENTENCE_OPENERS:
                    out.add(low)
    return out


def _sentence_candidates(text: str, si: int, tokens: tuple[Token, ...], lows: Sequence[str], midcap: set[str],
                         common: frozenset[str] | set[str] = frozenset(),
                         nicknames: frozenset[str] | set[str] = frozenset()) -> list[Candidate]:
    """The candidates of sentence `si` (its `tokens`, their lowercased words `lows`), in text order, linked
    within the sentence (see `_link_within_sentence`); `midcap`, `common`, `nicknames`: see `find_candidates`."""
    cands: list[Candidate] = []
    n = len(tokens)
    paren = 0
    resume = 0  # the tokens before it belong to a name already read
    for i in _possible_starts(tokens, lows):
        if i < resume:
            continue
        tok = tokens[i]
        text_ = tok.text
        low = lows[i]
        upos = tok.upos
        homograph = upos != "PROPN" and text_ != low and i > 0 and _name_homograph(tokens, i)
        if upos != "PROPN" and low not in _MAY_START and "-" not in text_ and text_ not in _BRACKETS \
                and not homograph:
            continue  # a capitalised word of another class that starts no name
        if text_ in "([":
            paren += 1
        elif text_ in ")]":
            paren = max(0, paren - 1)
        if low in PRONOUN_INFO:
            gender, number, case = PRONOUN_INFO[low]
            if low == "her" and i + 1 < n and tokens[i + 1].upos in ("NOUN", "ADJ", "PROPN", "NUM") \
                    and lows[i + 1] not in PRONOUN_INFO and not _held_as(tokens, i):
                case = "poss"
            elif low == "her" and 0 < i < n - 1 and tokens[i - 1].upos == "ADP" and tokens[i + 1].upos == "VERB" \
                    and tokens[i + 1].text.endswith("ing"):
                case = "poss"  # "pulled from her training", "at her wedding": a gerund she owns, not her as object
            c = Candidate("pronoun", si, i, i + 1, tok.start, tok.end, tok.text, gender=gender, number=number,
                          case=case)
            c.subject = case == "subj"
            cands.append(c)
            continue
        if upos == "PROPN" and (i == 0 or tokens[i - 1].text in _SENTENCE_OPENERS) and low.endswith("ing") \
                and len(low) > 5 and i + 1 < n and tokens[i + 1].upos == "PROPN" and low not in GIVEN_NAME_WORDS:
            continue  # "Acknowledging Dutch's objections, ...": a participle opens the sentence, the name follows
        if "-" in tok.text and _is_modifier_word(tok.text) or low in _CALENDAR_WORDS:
            continue  # "Australian-born Tom Hale", "The following Monday Mara's boss": the name starts after
        name = _name_at(tokens, lows, i, midcap, homograph, common, nicknames) \
            if tok.upos == "PROPN" or low in TITLES or homograph else None
        if name is None:
            if tok.upos == "PROPN" and tok.text[:1].isupper():
                if low in NOT_PERSON_WORDS and i + 2 < n \
                        and all(_is_cap(t) and t.upos == "PROPN" for t in tokens[i + 1:i + 3]):
                    continue  # "CEO Gary Winston", "American Tom Hale": a name may start after the first word
                resume = _capitalised_run_end(tokens, i)  # a rejected run ("Fort Dupree") is rejected whole
            continue
        j, title, parts, nick = name
        c = Candidate("name", si, i, j, tokens[i].start, tokens[j - 1].end, text[tokens[i].start:tokens[j - 1].end],
                      parts=tuple(parts), title=title, gender=TITLE_GENDER.get(title or ""), nick=nick)
        c.subject = _subject(tokens, i, j) or _possessor_of_subject(tokens, i, j)
        c.in_parens = paren > 0
        cands.append(c)
        resume = j
    cands.extend(_role_candidates(text, si, tokens, lows, cands))
    cands.sort(key=lambda c: (c.start, c.end))
    _link_within_sentence(tokens, lows, cands)
    return cands


def _possible_starts(tokens: tuple[Token, ...], lows: Sequence[str]) -> list[int]:
    """Where a name or a pronoun may start (or a bracket opens or closes): proper nouns, capitalised words,
    pronouns, titles, hyphenated words, brackets. Every other word is skipped at once."""
    return [i for i, (tok, low) in enumerate(zip(tokens, lows))
            if tok.upos == "PROPN" or tok.text != low or low in _MAY_START or "-" in tok.text or tok.text in _BRACKETS]


def _capitalised_run_end(tokens: tuple[Token, ...], i: int) -> int:
    """The end (exclusive) of the run of capitalised proper nouns starting at token i."""
    n = len(tokens)
    while i + 1 < n and tokens[i + 1].upos == "PROPN" and tokens[i + 1].text[:1].isupper():
        i += 1
    return i + 1


_SENTENCE_OPENERS = frozenset({'"', "“", "‘", "'", "(", "[", ":", ";", ".", "!", "?"})
_COMPASS = frozenset("north south east west".split())
_CALENDAR_WORDS = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february july
september october november december""".split())  # not "April", "June", "August", "May": also names
_QUANTIFIERS = frozenset("several many numerous some few all both".split())
_OWNERS = frozenset({"his", "her", "their", "its", "my", "your", "our", "'s", "’s"})
_HOLIDAYS = frozenset("christmas easter thanksgiving halloween hanukkah ramadan".split())  # "as Easter approaches"
_BRACKETS = frozenset({"(", "[", ")", "]", "([", ")]"})  # what the substring tests below accept
_MAY_START = frozenset(PRONOUN_INFO) | TITLES  # lowercased words a candidate may start with whatever their tag
_HOLD_VERBS = frozenset({"take", "hold", "keep"})
# what a family name modifies after "the" ("the Bennet estate"): places, organisations, possessions
_NAMED_THINGS = PLACE_ORG_HEADS | frozenset("""estate mansion home residence apartment fortune case property
plantation compound""".split())
_PEOPLE_HEADS = frozenset("""police army navy force forces fleet guard team group party council committee union league
society association agency department bureau ministry office court senate congress church""".split())
_FAMILY_GROUPS = frozenset("family families clan household brothers sisters siblings twins".split())
_HELD_AS = frozenset({"hostage", "hostages", "prisoner", "prisoners", "captive", "captives"})


def _held_as(tokens: tuple[Token, ...], i: int) -> bool:
    """"takes her hostage", "holds them prisoner": the pronoun at i is the object, the noun after it
    says what they are held as (no possessive, no new character)."""
    return 0 < i < len(tokens) - 1 and tokens[i + 1].text.lower() in _HELD_AS \
        and tokens[i - 1].upos == "VERB" and tokens[i - 1].lemma in _HOLD_VERBS


def _name_homograph(tokens: tuple[Token, ...], i: int) -> bool:
    """A capitalised word inside a sentence that the tagger read as another word class, before a name:
    "desk head Will Emerson", "her friend May Parker"."""
    tok = tokens[i]
    if not (0 < i < len(tokens) - 1 and _is_cap(tok) and tokens[i - 1].text not in _SENTENCE_OPENERS) \
            or tok.text.lower() in _BE_FORMS or tok.text.lower() in ("am", "has", "have", "had", "do", "does", "did"):
        return False  # not "I Am Legend", "Who Do You Love"
    if tokens[i - 1].upos == "ADP" and tok.text.lower() in GIVEN_NAME_WORDS:
        return False  # "In May Tom leaves": a month after a preposition, not a name
    if tok.upos == "AUX" and tok.text.lower() not in NOT_PERSON_WORDS:
        return True  # "Elizabeth finds Will": a capitalised modal inside a sentence is a name
    return tok.upos in ("AUX", "VERB", "NOUN", "ADJ", "ADV") and tokens[i + 1].upos == "PROPN" and _is_cap(tokens[i + 1]) \
        and tokens[i + 1].text.lower() not in NOT_PERSON_WORDS \
        and (tok.text.lower() not in NOT_PERSON_WORDS or tok.text.lower() in GIVEN_NAME_WORDS)


def _name_at(tokens: tuple[Token, ...], lows: Sequence[str], i: int, midcap: set[str], homograph: bool = False,
             common: frozenset[str] | set[str] = frozenset(), nicknames: frozenset[str] | set[str] = frozenset()
             ) -> Optional[tuple[int, Optional[str], list[str], Optional[str]]]:
    """A proper-name run starting at token i: (end, title, name parts, nickname), or None; `lows`: the
    tokens' lowercased words. `homograph`: token i is a name's first word though the tagger read it otherwise ("Will Emerson");
    `midcap`, `common`, `nicknames`: see `find_candidates`."""
    n = len(tokens)
    tok = tokens[i]
    if not tok.text[:1].isupper() or tok.upos != "PROPN" and not is_title(tok.text) and not homograph:
        return None
    if i > 1 and lows[i - 1] == "the" and _is_cap(tokens[i - 2]) and tokens[i - 2].upos == "PROPN" \
            and (i + 1 >= n or not _is_cap(tokens[i + 1])):
        return None  # an epithet: "Queen Ana the Bold", "King Tom the Just"
    j = i
    parts: list[str] = []
    title = None
    nick = None
    while j < n:
        t = tokens[j]
        low = lows[j]
        if parts and t.text == "." and (parts[-1].lower() in _NAME_ABBREVIATIONS or len(parts[-1]) == 1
                                         and parts[-1].isupper()) and j + 1 < n \
                and _is_cap(tokens[j + 1]) and tokens[j + 1].upos == "PROPN":
            parts[-1] += "."  # "Roger St. Luc", a middle initial: "James T. Kirk"
            j += 1
            continue
        if parts and nick is None and t.text in _OPEN_QUOTES:
            close = next((m for m in range(j + 2, min(n, j + 5)) if tokens[m].text in _CLOSE_QUOTES), None)
            if close is not None and all(_is_cap(x) for x in tokens[j + 1:close]) and close + 1 < n \
                    and _is_cap(tokens[close + 1]) and tokens[close + 1].upos == "PROPN":
                nick = " ".join(x.text for x in tokens[j + 1:close])  # "Raymond 'Mouse' Alexander", 'Ed "Evil Ed" Lee'
                j = close + 1
                continue
        given_name = not parts and low in GIVEN_NAME_WORDS and (
            j + 1 < n and _is_cap(tokens[j + 1]) and tokens[j + 1].upos == "PROPN"
            and lows[j + 1] not in NOT_PERSON_WORDS
            or j > 0 and tokens[j - 1].upos == "NOUN" and role_info(lows[j - 1]) is not None
            and not (j + 1 < n and _is_cap(tokens[j + 1])))  # "his daughter April", "her friend June"
        surname = parts and low in _COMPASS and not (j + 1 < n and _is_cap(tokens[j + 1]))  # "Henry West"
        regnal = parts and t.text in _REGNAL  # not "World War II": "World" and "War" start no name
        after_title = title is not None and not parts and not (j + 1 < n and _is_cap(tokens[j + 1]))
        # "Aunt March", "Mr. April": one word after a title is a name (not "Sergeant First Class ...")
        titled = low.rstrip(".") in TITLES  # is_title(t.text)
        if t.text[:1].isupper() and (t.upos == "PROPN" or titled or homograph and j == i or after_title) \
                and (low not in NOT_PERSON_WORDS or given_name or surname or regnal or low in nicknames
                     or after_title):
            if not parts and titled and j + 1 < n:
                nxt = j + 1 + (tokens[j + 1].text == ".")
                if nxt < n and _is_cap(tokens[nxt]) and tokens[nxt].upos == "PROPN" and not is_title(tokens[nxt].text):
                    title = low.rstrip(".")
                    j = nxt
                    continue
            parts.append(t.text)
            j += 1
        elif parts and low in _PARTICLES and j + 1 < n and _is_cap(tokens[j + 1]) and tokens[j + 1].upos == "PROPN":
            parts.append(t.text)
            j += 1
        else:
            break
    if not parts:
        return None
    while len(parts) > 2 and (is_title(parts[0]) or parts[0].lower() in ROLE_WORDS
                              or parts[0].lower().endswith("ist")  # "Linguist Louise Banks"
                              or parts[0].isupper() and len(parts[0]) > 1
                              or len(parts) > 3 and (is_title(parts[1]) or parts[1].lower() in ROLE_WORDS)):
        # "Texas Ranger Frank Hamer": the word before a title word belongs to the title
        first = parts.pop(0)  # "Police Chief Martin Brody", "Director Pamela Landy", "SFPD Inspector Scott Roper"
        title = title if first.isupper() else first.lower().rstrip(".")
    if len(parts) > 1 and parts[0].endswith("s") and is_title(parts[0][:-1]) and j < n \
            and lows[j] in (",", "and") and not (i > 0 and lows[i - 1] == "the"):
        title = parts.pop(0).lower()[:-1]  # "Detectives Ethan, Mad Dog and ...": a title said of several
    before = lows[i - 1] if i > 0 else ""
    surname_like = title is not None or before not in _PLACE_CONTEXT
    place_heads = PLACE_ORG_HEADS.intersection([p.lower() for p in parts[1:]] + [parts[-1].lower()])
    if any(not (surname_like and (h in SURNAME_HEADS or title in ADDRESS_TITLES)) for h in place_heads) \
            or len(parts) > 1 and parts[0].lower() in PLACE_PREFIXES:
        return None  # "Jeonju Film Festival", "in Central Park", "Fort Dupree"; but "Dr. Gregory House"
    if j < n and _is_cap(tokens[j]) and lows[j] in NOT_PERSON_WORDS:
        return None  # "a White Russian nobleman": a modifier of a demonym
    if title is None and i > 0 and lows[i - 1] == "the" and j < n \
            and (tokens[j].text in _NAMED_THINGS or j == i + 1 and tokens[j].text in _FAMILY_GROUPS) \
            and tokens[j].upos == "NOUN":
        return None  # "the Bennet estate", "the Wayne mansion": a name modifying a place or a thing; "the Kim
        # family": part of the family's name (`_role_candidates` takes it in)
    if len(parts) == 1 and title is None and modifies_noun(tokens, i, j):
        return None  # "a Belgian woman", "a Rembrandt painting": a modifier of the noun, not a person
    if _place_apposition(tokens, j):
        return None  # "Pemberley, Darcy's estate", "Rosings, the home of his aunt"
    if len(parts) == 1 and title is None and (i == 0 or tokens[i - 1].text in ('"', "“", "(", "‘")):
        low = parts[0].lower()
        after = tokens[j] if j < n else None
        appositive = after is not None and (after.text == "," and j + 1 < n and (
            lows[j + 1] in ("a", "an", "who", "his", "her", "their")
            or j + 2 < n and tokens[j + 1].upos == "PROPN" and tokens[j + 2].text in ("'s", "’s"))  # "Phil, Vada's uncle"
                                          or lows[j] == "and" and j + 1 < n and tokens[j + 1].upos == "PROPN")
        plural_verb = low.endswith("s") and after is not None and after.upos == "VERB" \
            and lows[j] == after.lemma and after.lemma not in _SAME_IN_THE_PAST
        # "Rumors surround him": a plural noun's verb, no one's name (but "Travis put the gun down")
        if low not in midcap and not _quoted_name(tokens, i, j) and (
                low in common or plural_verb or low.endswith(("ed", "ing", "ly")) or not (
                after is not None and (after.upos in ("VERB", "AUX") or after.text in ("'s", "’s")) or appositive)):
            return None  # a capitalised sentence opener, not a name
    if len(parts) == 1 and title is None and (len(parts[0]) == 1 or parts[0].isupper() and len(parts[0]) <= 4):
        return None  # initials and acronyms: "T", TV, FBI
    return j, title, parts, nick


def modifies_noun(tokens: tuple[Token, ...], i: int, j: int) -> bool:
    """Do the words tokens[i:j] stand between "a"/"an" and a lower-case noun ("a Belgian woman", "a Rembrandt
    portrait")? Then they modify the noun: no one's name."""
    return i > 0 and j < len(tokens) and tokens[i - 1].text.lower() in ("a", "an") and tokens[j].upos == "NOUN" \
        and tokens[j].text[:1].islower()


def _place_apposition(tokens: tuple[Token, ...], j: int) -> bool:
    """An apposition after the name ending before token j that calls it a place or a thing: ", Darcy's estate",
    ", the home of his aunt", ", a small town" (the last noun of the phrase is its head: ", a bank manager" is
    a person)."""
    n = len(tokens)
    if j + 1 >= n or tokens[j].text != ",":
        return False
    k = j + 1
    if tokens[k].upos == "PROPN" and k + 1 < n and tokens[k + 1].text in ("'s", "’s"):
        k += 2  # "Darcy's estate"
    elif tokens[k].upos in ("DET", "PRON"):
        k += 1
    while k < n and tokens[k].upos == "ADJ":
        k += 1
    head = None
    while k < n and tokens[k].upos == "NOUN":
        head = tokens[k].text.lower()
        k += 1
    if k < n and (tokens[k].text in ("'s", "’s") or tokens[k].upos in ("VERB", "AUX")):
        return False  # ", the town's police chief": a person of the place; ", the church has cameras": a clause
    return head in _NAMED_THINGS and head not in _PEOPLE_HEADS


def _quoted_name(tokens: tuple[Token, ...], i: int, j: int) -> bool:
    """A quoted word tokens[i:j] that names a person: credited to an actor ('"Coach" (Henry Rollins)') or
    after a role or a naming word ('his partner "Mumbles"', 'her cameraman, "Doc"', 'the code name "Fred"')."""
    if i < 1 or tokens[i - 1].text not in _OPEN_QUOTES or j >= len(tokens) or tokens[j].text not in _CLOSE_QUOTES \
            and not (tokens[j].text in (".", ",") and j + 1 < len(tokens) and tokens[j + 1].text in _CLOSE_QUOTES):
        return False
    k = j + 1 + (tokens[j].text in (".", ","))
    if k + 1 < len(tokens) and tokens[k].text == "(" and tokens[k + 1].upos == "PROPN":
        return True
    b = i - 2
    if b >= 0 and tokens[b].text == ",":
        b -= 1
    if b < 0:
        return False
    word = tokens[b].text.lower()
    return word in ("named", "called", "nicknamed", "name", "as") or tokens[b].upos == "NOUN" and word[:1].islower() \
        and role_info(word) is not None


def _is_modifier_word(word: str) -> bool:
    """A hyphenated adjective: "Australian-born", "Twenty-year-old", "African-American" (not a hyphenated given name)."""
    if "-" not in word:
        return False
    pieces = word.lower().split("-")
    return len(pieces) > 1 and (pieces[-1] in MODIFIER_SUFFIXES or all(p in NOT_PERSON_WORDS for p in pieces))


def _role_candidates(text: str, si: int, tokens: tuple[Token, ...], lows: Sequence[str], others: list[Candidate]
                     ) -> Iterable[Candidate]:
    """The role phrases of sentence `si` ("her father", "the church members"), given its `tokens`, their
    lowercased words `lows` and the names and pronouns found there (`others`)."""
    n = len(tokens)
    taken = {k for c in others for k in range(c.tok_start, c.tok_end) if c.kind == "name"}
    by_end = {c.tok_end: c for c in others}
    roles_by_end: dict[int, Candidate] = {}  # the roles found so far, by where they end
    resume = 0  # the tokens before it belong to a role phrase already read
    for i in [k for k, low in enumerate(lows) if low in ROLE_WORDS]:  # only a role word can head a role
        if i < resume:
            continue
        tok = tokens[i]
        info = role_info(lows[i]) if tok.upos in ("NOUN", "PROPN", "ADJ") and i not in taken else None
        if info is None or (tok.upos == "PROPN" and i > 0 and tok.text[:1].isupper()):
            continue
        # extend to the compound's head: "church members", "moving company employees"
        j = i
        while j + 1 < n and tokens[j + 1].upos == "NOUN" and role_info(lows[j + 1]) is not None:
            j += 1
        head_tok = tokens[j]
        head_low = lows[j]
        gender, group = role_info(head_low) or (None, False)
        head = canonical_role(head_low)
        two = f"{lows[j - 1]} {head_low}" if j > 0 else ""
        if two in ROLE_SYNONYMS:  # "team leader" is a boss
            head = canonical_role(two)
        # walk back over modifiers to the determiner / possessor
        k = i
        modifier = None
        while k > 0 and tokens[k - 1].upos in ("ADJ", "NOUN", "NUM", "VERB") and lows[k - 1] not in PRONOUN_INFO \
                and (k - 1) not in taken and (tokens[k - 1].text[:1].islower() or tokens[k - 1].upos in ("ADJ", "NUM")):
            if tokens[k - 1].upos == "VERB" and not tokens[k - 1].text.endswith(("ed", "ing")):
                break
            k -= 1
            if tokens[k].upos == "NUM" and k > 0 and tokens[k - 1].upos == "NOUN":
                break  # a number opens the phrase: "the next evening thirteen dwarves" is "thirteen dwarves"
        while k < i and tokens[k].upos == "VERB" and (tokens[k].text.endswith("ing") or tokens[k + 1].upos == "NUM"
                                                       or lows[k + 1] in _QUANTIFIERS) \
                and not (k > 0 and (tokens[k - 1].upos == "DET" or lows[k - 1] in _OWNERS)):
            k += 1  # ", killing several crew members", "fathered two children": the verb acts on the role, which
            # starts after it (but "the surviving crew members", "retired piano teachers")
        if k == i and k > 1 and head_tok.text in _FAMILY_GROUPS and lows[k - 2] == "the" \
                and tokens[k - 1].upos == "PROPN" and (k - 1) not in taken:
            k -= 1  # "the Kim family", "the Corleone brothers"
        for word in lows[k:i]:
            modifier = MODIFIER_CLASS.get(word, modifier)
        determiner = None
        anchor = None
        start_tok = k
        owned = False  # owned by a thing ("the church's members")
        if k > 0:
            plow = lows[k - 1]
            if plow in ("her", "them", "him") and _held_as(tokens, k - 1):
                resume = j + 1  # "takes her hostage": what she is held as, nobody new
                continue
            if plow in ("his", "her", "their", "its") or (plow in ("my", "your", "our")):
                determiner = "poss"
                anchor = by_end.get(k)
                start_tok = k - 1
            elif plow in ("'s", "’s") and (k - 1) in by_end:
                determiner = "poss"
                anchor = by_end[k - 1]
                start_tok = anchor.tok_start
            elif plow in ("'", "’") and k >= 2 and lows[k - 2].endswith("s") \
                    and ((k - 1) in by_end or (k - 1) in roles_by_end):
                determiner = "poss"  # "the sisters' mother", "the Smiths’ son"
                anchor = by_end.get(k - 1) or roles_by_end[k - 1]
                start_tok = anchor.tok_start
            elif plow in ("'s", "’s") and k >= 2 and tokens[k - 2].upos == "NOUN" and tokens[k - 2].text.islower() \
                    and role_info(tokens[k - 2].text) is None:  # not "the tenant's spirit": a person's
                start_tok = _noun_phrase_start(tokens, k - 2)  # "his new church's members": members of a thing
                determiner = "indef" if lows[start_tok] in ("a", "an") else "def"  # "a preacher's daughter"
                owned = True
            elif plow in ("the", "this", "that", "these", "those"):
                determiner = "def"
                start_tok = k - 1
            elif plow in ("a", "an", "another", "one", "some"):
                determiner = "indef"
                start_tok = k - 1
            elif plow == "and" and (k - 1) in roles_by_end and roles_by_end[k - 1].determiner == "poss" \
                    and roles_by_end[k - 1].anchor is not None:
                determiner = "poss"  # "Tom's family members and relatives": his relatives too
                anchor = roles_by_end[k - 1].anchor
        if determiner == "indef" and head in KINSHIP and anchor is None:
            anchor = _haver(tokens, start_tok, by_end)  # "Tom has a daughter": Tom's daughter
        if head_low in _GENERIC_GROUPS and determiner != "poss":
            resume = j + 1
            continue
        if determiner is None and not group:
            if not (head_tok.text[:1].isupper() and i == 0):  # bare singular nouns are rarely characters
                resume = j + 1
                continue
        end_tok = j + 1
        before = start_tok - 1
        while before >= 0 and lows[before] in _PREDICATIVE_FILLER:
            before -= 1
        identity = before > 0 and lows[before - 1] in ("to", "who", "which") \
            and lows[before] in _BE_FORMS  # "happens to be" names someone; "to become" does not
        change = before > 0 and lows[before] == "into" and any(
            t.lemma in _CHANGE_VERBS for t in tokens[max(0, before - 3):before])  # "turns her into a vampire"
        if determiner in ("indef", None) and before >= 0 and (lows[before] in _PREDICATIVE or change) \
                and not identity:
            resume = j + 1  # "as a superior", "become kindred spirits": says what someone is, names nobody new
            continue
        if j + 1 < n and (tokens[j + 1].upos == "NOUN" or tokens[j + 1].text.isupper() and len(tokens[j + 1].text) > 1):
            resume = j + 1  # "a local dive bar", "police SWAT team": the role word only modifies a noun
            continue
        if head_low in _NEEDS_OWNER and determiner != "poss" and not owned and i == j:
            resume = j + 1  # bare "members": members of something that is not a character
            continue
        compound = " ".join(lows[i:j + 1])
        member = group and determiner in ("def", "poss") and _one_of(tokens, start_tok)
        if member:  # "One of the regular callers", "one of his men": one person of the group
            start_tok -= 2
            determiner, anchor, group = "indef", None, False
            head = singular_role(head) or (head[:-1] if head.endswith("s") else head)  # not "the callers" later
        c = Candidate("role", si, start_tok, end_tok, tokens[start_tok].start, tokens[end_tok - 1].end,
                      text[tokens[start_tok].start:tokens[end_tok - 1].end], head=head, determiner=determiner,
                      compound=compound if compound != head_low else canonical_role(compound),
                      anchor=anchor, modifier=modifier,
                      group=not member and (group or head_low in GROUP_NOUNS),
                      gender=gender, number="pl" if group else "sg")
        c.subject = _subject(tokens, start_tok, end_tok)
        if anchor is not None and anchor.kind == "name":
            c.subject = _subject(tokens, anchor.tok_start, end_tok)
        roles_by_end[end_tok] = c
        yield c
        resume = j + 1


def _one_of(tokens: tuple[Token, ...], start: int) -> bool:
    """Does "one of" come right before the noun phrase starting at `start` ("One of the regular callers")?"""
    return start >= 2 and tokens[start - 1].text.lower() == "of" and tokens[start - 2].text.lower() == "one"


def _noun_phrase_start(tokens: tuple[Token, ...], k: int) -> int:
    """The first token of the noun phrase whose head is at k ("his new church", "the company")."""
    while k > 0 and tokens[k - 1].upos in ("NOUN", "ADJ") and tokens[k - 1].text.islower():
        k -= 1
    if k > 0 and (tokens[k - 1].upos == "DET" or tokens[k - 1].text.lower() in ("his", "her", "their", "its")):
        k -= 1
    return k


def _haver(tokens: tuple[Token, ...], start: int, by_end: dict[int, Candidate]) -> Optional[Candidate]:
    """The character who has the relative whose phrase starts at `start`: the mention right before a form of
    "have" ("Tom has a daughter", "he had a son"), not a possessive pronoun or a mention inside a clause."""
    if start < 1 or tokens[start - 1].text.lower() not in ("has", "have", "had") and tokens[start - 1].lemma != "have":
        return None
    owner = by_end.get(start - 1)
    if owner is None or owner.kind == "pronoun" and (owner.case != "subj" or owner.number != "sg"):
        return None  # "they have a son": one relation names one character, not a couple
    if owner.kind == "role" and owner.group:
        return None
    return owner


def _words(lows: Sequence[str], a: int, b: int) -> tuple[str, ...]:
    """The lowercased words from token a up to token b."""
    return tuple(lows[a:b])


def _skip_of_phrase(gap: tuple[str, ...]) -> tuple[str, ...]:
    """Drop a leading of-phrase ("of the flat") from the words between two mentions."""
    if not gap or gap[0] != "of":
        return gap
    for k, w in enumerate(gap):
        if w in (",", "–", "—", "-", "who", "which", "that"):
            return gap[k:]
    return gap


_IDENTITY = frozenset(_IS_REALLY) | frozenset({("is", "really"), ("was", "actually"), ("was", "really"), ("alias",),
                                                ("a.k.a.",), ("aka",)}) \
    | frozenset({("known", "as"), ("also", "known", "as"), ("better", "known", "as"), ("nicknamed",),
                 ("whose", "real", "name", "is"), ("whose", "true", "name", "is"), ("whose", "name", "is"),
                 ("was", "born"), ("calls", "himself"), ("calls", "herself"), ("called", "himself"),
                 ("called", "herself")})  # "Philip Pirrip, known as Pip",
# "Gatsby was born James Gatz", "Ki-woo calls himself Kevin": one person's two names
_REALISING = frozenset("realizes realises learns discovers knows finds suspects".split())
_BELIEVING = frozenset("assume believe think claim pretend suppose imagine convince insist".split())


def _identity_of_names(tokens: tuple[Token, ...], lows: Sequence[str], cands: list[Candidate]) -> None:
    """"Jack Gordon, who she realizes is actually Jame Gumb", "Verbal is revealed to be Keyser Soze": two names
    of one person (sets `identical_to` on the second)."""
    names = [c for c in cands if c.kind == "name"]
    for a, b in zip(names, names[1:]):
        gap = [w for w in lows[a.tok_end:b.tok_start] if w not in (",", "(", ")", '"', "“", "”", "'", "’")]
        if gap[:1] == ["who"]:
            gap = gap[1:]
            if len(gap) > 2 and gap[0] in PRONOUN_INFO and gap[1] in _REALISING:
                gap = gap[2:]  # "who she realizes is actually"
        owner = b.tok_end < len(tokens) and tokens[b.tok_end].text in ("'s", "’s")  # "is Hiccup's mother"
        believed = a.tok_start > 0 and tokens[a.tok_start - 1].lemma in _BELIEVING  # "assumes Willie is really Santa"
        active = gap == ["nicknamed"] and tokens[a.tok_end].text != ","  # "whom Exley nicknamed Rollo": not Exley
        if tuple(gap) in _IDENTITY and not owner and not believed and not active:
            b.identical_to = a


def _link_within_sentence(tokens: tuple[Token, ...], lows: Sequence[str], cands: list[Candidate]) -> None:
    """Naming, apposition and identity links inside one sentence (sets `same_as`, `identical_to`); `lows`: the
    tokens' lowercased words."""
    _identity_of_names(tokens, lows, cands)
    n = len(tokens)
    for x, c in enumerate(cands):
        if c.kind != "role":
            continue
        nxt = cands[x + 1] if x + 1 < len(cands) else None
        prv = cands[x - 1] if x > 0 else None
        # ROLE called/named NAME
        if nxt is not None and nxt.tok_start < c.tok_end:  # the role's own anchor ("Mara's boss")
            nxt = cands[x + 2] if x + 2 < len(cands) else None
        if nxt is not None and nxt.kind == "pronoun" and x + 2 < len(cands) and cands[x + 2].kind == "name" \
                and _words(lows, c.tok_end, cands[x + 2].tok_start) in _SELF_NAMING:
            c.same_as = cands[x + 2]
            continue
        if nxt is not None and nxt.kind == "name":
            gap = _words(lows, c.tok_end, nxt.tok_start)
            reduced_relative = gap == () and nxt.tok_end + 1 < n and tokens[nxt.tok_end].upos == "VERB" \
                and tokens[nxt.tok_end + 1].upos in ("AUX", "VERB")  # "the girl Tom described does not work"
            if gap == () and c.group and nxt.tok_end < n and lows[nxt.tok_end] in ("and", ","):
                reduced_relative = True  # "their children Ki-woo and Ki-jung": a list (`_apposed_names`)
            copula = gap in (("is",), ("was",)) and c.determiner in ("def", "poss") and not c.group \
                and (nxt.tok_end >= n or tokens[nxt.tok_end].text in (".", ";", ","))  # "Their leader is Thorin."
            if gap in _NAMING or copula or gap == () and not reduced_relative or (gap == (",",) and c.determiner in ("poss", "def", "indef")
                                                and (nxt.tok_end >= n or tokens[nxt.tok_end].text in (",", ".", ";", "(", ")"))):
                c.same_as = nxt
                continue
        named = _name_apposed_through_a_noun(tokens, lows, cands, x, nxt)
        if named is not None:
            c.same_as = named  # "her kind husband, the blacksmith Joe Gargery"
            continue
        # NAME, a ROLE  /  NAME (is|was) a ROLE
        if prv is not None and prv.kind == "name" and c.determiner == "indef" and not _in_pair(tokens, prv):
            gap = _words(lows, prv.tok_end, c.tok_start)
            if gap in ((",",), ("is",), ("was",), ("becomes",), ("became",), ("-",), ("–",), ("—",)):
                c.same_as = prv
                continue
        owner_before = cands[x - 2] if c.anchor is not None and prv is c.anchor and x >= 2 else None  # the name
        # before "Kelvin's first officer"
        if owner_before is not None and c.anchor is not None and owner_before.kind == "name" and c.anchor.kind == "name" \
                and not c.group \
                and _words(lows, owner_before.tok_end, c.tok_start) == (",",) and _closes_apposition(tokens, c.tok_end):
            c.same_as = owner_before  # "George Kirk, Kelvin's first officer, orders"
            continue
        subject = owner_before if owner_before is not None else prv
        if subject is not None and subject.kind == "name" and c.determiner == "poss" and not c.group \
                and _words(lows, subject.tok_end, c.tok_start) in (("is",), ("was",)) \
                and (c.tok_end >= n or tokens[c.tok_end].upos in ("PUNCT", "CCONJ")) \
                and not _believed(tokens, lows, subject.tok_start):
            c.same_as = subject  # "Magwitch is Estella's father." (not "dreams that the Wolf is her grandmother")
            continue
        if prv is not None and prv.kind == "name" and c.determiner == "def":
            gap = _words(lows, prv.tok_end, c.tok_start)
            followed = c.tok_end >= n or tokens[c.tok_end].upos in ("PUNCT", "VERB", "AUX", "CCONJ")
            if gap in (("is",), ("was",)) or gap == () and followed:  # "Rex the dinosaur"
                c.same_as = prv
                continue
            if gap == (",",) and not c.group and _closes_apposition(tokens, c.tok_end):
                c.same_as = prv  # "Mara, the vampire seeking revenge"
                continue
        listed = _apposed_names(tokens, lows, cands, x) if c.group else []
        if listed:
            c.apposed = True  # "a young couple, Ana and Tom"; "Ana and Tom, two older patients"
            for name in listed:
                name.listed_in = c  # "Hammond's grandchildren, Lex and Tim": each a grandchild of Hammond
            continue
        # ROLE is revealed as / turns out to be NAME
        if nxt is not None and nxt.kind == "name":
            core = tuple(w for w in _words(lows, c.tok_end, nxt.tok_start) if w not in (",",))
            if core in _REVEALED:
                c.same_as = nxt
                continue
        # ROLE, who happens to be ROLE2/NAME
        if nxt is not None and nxt.kind in ("name", "role"):
            gap = _skip_of_phrase(_words(lows, c.tok_end, nxt.tok_start))
            core = tuple(w for w in gap if w not in (",", "–", "—", "-"))
            if core in (("who", "happens", "to", "be"), ("which", "happens", "to", "be"), ("who", "turns", "out", "to", "be"),
                        ("who", "turned", "out", "to", "be"), ("who", "happened", "to", "be"), ("which", "happened", "to", "be"),
                        ("who", "is"), ("who", "was")) and (nxt.kind == "name" or core[-1] == "be"):
                c.same_as = nxt


def _name_apposed_through_a_noun(tokens: tuple[Token, ...], lows: Sequence[str], cands: list[Candidate], x: int,
                           nxt: Optional[Candidate]) -> Optional[Candidate]:
    """The name a role is apposed to through "the" and a noun right before that name ("her kind husband, the
    blacksmith Joe Gargery,"), when the name closes the apposition; else None."""
    c = cands[x]
    if nxt is None or c.group or c.determiner not in ("poss", "def") \
            or tuple(lows[c.tok_end:c.tok_end + 2]) != (",", "the"):
        return None
    name = None
    if nxt.kind == "role" and not nxt.group and nxt.tok_start == c.tok_end + 1:  # "the blacksmith" is a role
        k = cands.index(nxt) + 1
        if k < len(cands) and cands[k].kind == "name" and cands[k].tok_start == nxt.tok_end:
            name = cands[k]
    elif nxt.kind == "name":
        between = tokens[c.tok_end + 2:nxt.tok_start]
        if between and all(t.upos == "NOUN" and t.text.islower() for t in between):
            name = nxt
    if name is None or name.tok_end < len(tokens) and tokens[name.tok_end].text not in (",", ".", ";", "(", ")"):
        return None
    return name


_BELIEF_VERBS = _BELIEVING | frozenset("dream suspect fear guess suggest hope wish lie".split())  # see `_believed`


def _believed(tokens: tuple[Token, ...], lows: Sequence[str], k: int) -> bool:
    """Is the clause starting at token k what someone believes, claims or dreams ("dreams that the Wolf is...",
    "suspects Gatsby was..."), rather than what the story states?"""
    j = k - 1
    while j >= 0 and (tokens[j].upos == "DET" or lows[j] == "that"):
        j -= 1
    return j >= 0 and tokens[j].upos == "VERB" and tokens[j].lemma in _BELIEF_VERBS


def _in_pair(tokens: tuple[Token, ...], name: Candidate) -> bool:
    """Is the name the second of two ("Jake and Grace, a father and daughter")? Then the role after it is
    not said of it alone ("Grace, a widow and mother of two," still is)."""
    return name.tok_start > 0 and tokens[name.tok_start - 1].text.lower() == "and"


def _closes_apposition(tokens: tuple[Token, ...], k: int) -> bool:
    """Does the token at k end an appositive noun phrase (".", ";", "who", a participle, a comma not
    opening a list's last item)?"""
    if k >= len(tokens):
        return True
    t = tokens[k]
    low = t.text.lower()
    if low == "of":  # "Tom, the son of a farmer in Ohio, leaves": past the phrase that says whose
        k += 1
        while k < len(tokens) and (tokens[k].upos in _OF_PHRASE or tokens[k].text in ("'s", "’s")):
            k += 1
        if k >= len(tokens):
            return True
        t = tokens[k]
        low = t.text.lower()
    if low in (".", ";", ":", "who", "whom", "whose", "that") or t.upos == "VERB" and low.endswith(("ing", "ed")):
        return True
    if low != ",":
        return False
    nxt = tokens[k + 1] if k + 1 < len(tokens) else None
    if nxt is None or nxt.text.lower() not in ("and", "or"):
        return True
    return k + 2 < len(tokens) and tokens[k + 2].upos == "VERB"  # ", and chats to him": a clause, not a list item


_OF_PHRASE = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM", "PRON", "ADP"})
_LIST_GAPS = frozenset({(",",), ("and",), (",", "and")})


def _apposed_names(tokens: tuple[Token, ...], lows: Sequence[str], cands: list[Candidate], x: int) -> list[Candidate]:
    """The names the group role cands[x] stands in apposition to: a list of two or more names after it
    ("ROLE, A and B", "ROLE: A, B, and C", "ROLE A and B") or a pair before it ("A and B, ROLE"); else []."""
    c = cands[x]
    lead = _words(lows, c.tok_end, cands[x + 1].tok_start) if x + 2 < len(cands) else None
    if lead in ((",",), (":",), ()):  # no comma: "their children Ki-woo and Ki-jung are..."
        names = [cands[x + 1]]
        for y in range(x + 2, len(cands)):
            gap = _words(lows, names[-1].tok_end, cands[y].tok_start)
            if cands[y].kind != "name" or gap not in _LIST_GAPS:
                break
            names.append(cands[y])
            if gap != (",",):
                break  # "and" closes the list
        end = names[-1].tok_end
        closed = lead == () or end >= len(tokens) or tokens[end].text in (",", ".", ";", ":", "(", ")") \
            or lows[end] in ("who", "whom")  # not "by Cheese's men, Patrick and Angie join"
        if len(names) > 1 and all(n.kind == "name" for n in names) and closed \
                and _words(lows, names[-2].tok_end, names[-1].tok_start) != (",",):
            return names
    pair = cands[x - 2:x] if x >= 2 else []
    if len(pair) == 2 and all(n.kind == "name" for n in pair) and _words(lows, pair[1].tok_end, c.tok_start) == (",",) \
            and _words(lows, pair[0].tok_end, pair[1].tok_start) == ("and",):
        return pair
    return []
