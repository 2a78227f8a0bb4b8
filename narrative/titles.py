"""Event titles: a short human phrase for an event's main action ("Ana trains Ben", "Darcy gives
Elizabeth a letter"), and the acting subject of a sentence that segmentation uses too.

A title comes from the earliest direct interaction between two characters in the event or from the
clause its acting subject opens, told in the present, with people called as the text calls them and
pronouns replaced by names; perception and copulas count less than acts.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from operator import attrgetter
from typing import Optional, Sequence

from .characters.names import is_title
from .interactions import OBJECT_CONTROL, Triple, is_passive
from .model import Character, Story
from .nlp.base import Annotation
from .nlp.lexicon import IRREGULAR_VERBS, third_person

__all__ = ["event_title", "acting_subjects", "cast_of"]

_NAMING_VERBS = frozenset({"called", "named", "nicknamed", "known"})


def _conjugate(lemma: str) -> str:
    """Third person singular present ("apologise" -> "apologises", "go" -> "goes")."""
    return IRREGULAR_VERBS[lemma][0] if lemma in IRREGULAR_VERBS else third_person(lemma)


_PLURAL_WORDS = frozenset("police people townspeople men women children folk staff cattle".split())


def _takes_plural(ch: Character) -> bool:
    """Does a title's verb agree with `ch` in the plural? Groups named by a plural ("the police", "Teague's men",
    "the kidnappers") do; a collective singular does not ("the family leaves", "Stripe's gang tricks Billy")."""
    if ch.kind != "group":
        return False
    last = ch.name.split()[-1].lower() if ch.name.split() else ""
    return last in _PLURAL_WORDS or last.endswith("s") and not last.endswith("ss")


_PAST_AUX = {"was": ("is", "are"), "were": ("is", "are"), "had": ("has", "have"),
             "been": ("is", "are"), "being": ("is", "are")}  # "has been fired", "is being held": "is fired", "is held"


def _present(aux: str, plural: bool) -> str:
    """The present form of a past auxiliary, as titles are told ("was" -> "is", "were" -> "are")."""
    forms = _PAST_AUX.get(aux.lower())
    if forms is None:
        return aux
    word = forms[1] if plural else forms[0]
    return word.capitalize() if aux[:1].isupper() else word


def cast_of(by_sentence: dict, i: int) -> set[str]:
    """The characters mentioned in sentence `i` (`by_sentence`: `interactions.sentence_mentions`)."""
    return {cid for _, _, cid, _ in by_sentence.get(i, [])}


_START = attrgetter("start")
_END = attrgetter("end")


def _last_at(toks, offset: int, key=_END) -> Optional[int]:
    """The index of the last token whose end (or start, with `key=_START`) is at `offset`, or None (a
    sentence's tokens stand in text order)."""
    k = bisect_right(toks, offset, key=key) - 1
    return k if k >= 0 and key(toks[k]) == offset else None


def _acting(annotation: Annotation, by_sentence: dict, i: int) -> Optional[tuple[str, int]]:
    """(character, mention end) of the first mention standing right before a verb: the acting subject."""
    mentions = by_sentence.get(i)
    if not mentions:
        return None
    toks = annotation.sentences[i].tokens
    fallback = None  # the subject of a subordinate clause, when the main clause names none
    for start, end, cid, form in mentions:
        k = _last_at(toks, end)
        if k is None:
            continue
        aside = _aside_end(toks, k + 1)  # "Philip Pirrip, known as Pip, is an orphan": the verb after the aside
        if aside is not None and aside < len(toks) and toks[aside].text[:1].islower():
            k = aside - 1
        else:
            aside = None  # ", in another room, Will meets": a new subject after the comma
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        while nxt is not None and nxt.upos == "ADV" and k + 2 < len(toks):
            k += 1
            nxt = toks[k + 1]
        if nxt is None or nxt.upos not in ("VERB", "AUX") or nxt.text in ("'s", "’s") \
                or nxt.text.lower() in _NAMING_VERBS:
            continue
        if aside is not None:
            end = toks[aside - 1].end  # the clause is read from after the aside
        first = _last_at(toks, start, _START)
        prev = toks[first - 1] if first else None
        if prev is None:
            return cid, end
        low = prev.text.lower()
        if low in ("who", "which", "that"):
            continue
        if prev.upos == "SCONJ" or prev.upos == "NOUN" and form == "pronoun" and _reduced_relative(toks, first):
            # "When he wakes up, Marlin...", "the politicians he relies on": the main clause's subject first
            fallback = fallback or (cid, end)
            continue
        return cid, end
    return fallback


def _reduced_relative(toks, k: int) -> bool:
    """Does the clause at token k qualify the noun phrase before it, one a verb or a preposition governs
    ("meets the politicians he relies on"; not "That evening she sees")?"""
    j = k - 1
    while j >= 0 and toks[j].upos in ("NOUN", "ADJ", "DET", "NUM") and toks[j].text[:1].islower():
        j -= 1
    return j >= 0 and toks[j].upos in ("VERB", "ADP")


def _aside_end(toks, k: int) -> Optional[int]:
    """The index after the comma closing an aside that opens at token k (", known as Pip,", ", now grown,"):
    a comma, then up to eight words with no verb but a participle, then a comma; None otherwise."""
    if k >= len(toks) or toks[k].text != ",":
        return None
    for j in range(k + 1, min(len(toks), k + 10)):
        t = toks[j]
        if t.text == ",":
            return j + 1 if j > k + 1 else None
        if t.text in (";", ":", ".") or t.upos == "CCONJ" or t.upos == "SCONJ" and t.text.lower() != "as" \
                or t.upos == "AUX" \
                or t.upos == "VERB" and not t.text.lower().endswith(_PAST_PARTICIPLE):
            return None
    return None


def acting_subjects(annotation: Annotation, by_sentence: dict) -> list[Optional[tuple[str, int]]]:
    """The acting subject (see `_acting`) of every sentence."""
    return [_acting(annotation, by_sentence, i) for i in range(len(annotation.sentences))]


_SHORT_NAMES: dict[int, tuple[Character, str]] = {}  # id(character) -> (character, its title name)
_SHORT_NAMES_MAX = 1024  # a story's characters; the memo is emptied when full


def _short(ch: Character) -> str:
    """The name a title calls a person by (`_title_name`), worked out once per character: titles ask for
    it many times per event."""
    hit = _SHORT_NAMES.get(id(ch))
    if hit is not None and hit[0] is ch:  # the very object, not another one that reused its id
        return hit[1]
    name = _title_name(ch)
    if len(_SHORT_NAMES) >= _SHORT_NAMES_MAX:
        _SHORT_NAMES.clear()
    _SHORT_NAMES[id(ch)] = (ch, name)
    return name


def _title_name(ch: Character) -> str:
    """The one-word name the text uses most ("Darcy" for Fitzwilliam Darcy, called "Darcy" after his first
    mention); else the name as the text always writes it ("Mr. Bennet", "Buffalo Bill")."""
    if ch.kind != "person" or not ch.aliases:
        return ch.name
    words = ch.name.split()
    if len(words) < 2 or any(w.endswith(("'s", "’s")) for w in words) or not words[0][:1].isupper():
        return ch.name
    single: dict[str, int] = {}
    for m in ch.mentions:
        if m.form == "name" and " " not in m.text and m.text[:1].isupper() and not is_title(m.text):
            single[m.text] = single.get(m.text, 0) + 1
    if single:
        return max(single, key=lambda w: (single[w], w == words[0]))  # a tie goes to the given name
    return ch.name


def _object_phrase(obj: Character, subj: Character) -> str:
    """"her father" when the object is the subject's own relative named by the role ("Mara's father"),
    else its name ("Virgil", though the text calls him Wyatt's brother)."""
    owned = obj.name.split("'s ", 1) if "'s " in obj.name else obj.name.split("’s ", 1)
    if len(owned) == 2 and any(rel.target == subj.id for rel in obj.relations):
        poss = {"female": "her", "male": "his"}.get(subj.gender or "", "their")
        return f"{poss} {owned[1]}"
    return _short(obj)


_PERCEPTION = frozenset("see watch notice hear observe look spot witness".split())
_BARE_INFINITIVE_BEFORE = frozenset({"help", "let"})  # verbs a bare infinitive follows


_POSSESSIVE_DETS = frozenset("his her their its my your our".split())
_DETERMINERS = frozenset(("a", "an", "the")) | _POSSESSIVE_DETS


def _co_subject(toks, mentions: list, chars: dict, subj: str, subj_end: int) -> Optional[str]:
    """The character coordinated before the acting subject ("Justine and Holden start"), if any."""
    first = bisect_left(toks, subj_end, key=_END)  # the first token ending at the subject's end
    if first == len(toks) or toks[first].end != subj_end:
        return None
    subj_start = min((s for s, e, _, _ in mentions if e == subj_end), default=0)
    while first > 0 and toks[first - 1].start >= subj_start:
        first -= 1
    if first < 2 or toks[first - 1].text.lower() != "and":
        return None
    starts = {start: cid for start, _, cid, _ in mentions}
    if toks[first].start not in starts:
        return None
    other = {end: cid for _, end, cid, _ in mentions}.get(toks[first - 2].end)
    if other is None or other == subj or chars[other].kind != "person" or toks[first - 2].text.lower() in (
            "him", "her", "them", "his", "their"):
        return None
    before = next((k for k in range(first - 2, -1, -1) if toks[k].start in starts and starts[toks[k].start] == other), 0)
    prev = toks[before - 1] if before > 0 else None
    if prev is not None and prev.upos not in ("PUNCT", "SCONJ", "ADV", "CCONJ") \
            and not (prev.upos in ("NOUN", "PROPN") and prev.text[:1].isupper()):
        return None  # "... meets Ana and Tom leaves": Ana is an object, not a subject ("LAPD Detectives Ana
        # and Tom are paired": a capitalised title before her is no verb)
    return other


def _absolute_participle(annotation: Annotation, toks, mentions: list, subj: str, subj_end: int, v: int) -> bool:
    """Is the verb at `v` a past participle said of the subject in an aside ("with Eva seated in the
    living room", "leaving her paralyzed"), not a verb the subject acts with? ("with Ana driving" is an act.)"""
    if not toks[v].text.lower().endswith("ed") or toks[v - 1].upos == "AUX":
        return False
    start = next((s for s, e, cid, _ in mentions if cid == subj and e == subj_end), None)
    before = next((t for t in reversed(toks) if t.end <= start), None) if start is not None else None
    return before is not None and (before.text.lower() in ("with", "without") or before.upos == "VERB"
                                   and annotation.text[start:subj_end].lower() in ("him", "her", "them"))


def _clause(annotation: Annotation, mentions: list, chars: dict, si: int, subj: str,
            subj_end: int) -> Optional[tuple[str, str, int]]:
    """(title, verb lemma, weakness) of the clause the acting subject opens in sentence `si`; weakness 1: a
    copula ("is a clerk") or a verb whose long "that" clause the title leaves out ("discovers"); 2: a title
    that stops on a verb, a particle or an adverb while its clause goes on (`_cut_short`); else 0."""
    toks = annotation.sentences[si].tokens
    after = bisect_left(toks, subj_end, key=_START)  # the first token after the subject
    v = next((k for k in range(after, len(toks)) if toks[k].upos == "VERB" or (
        toks[k].upos == "AUX" and k + 1 < len(toks) and toks[k + 1].upos in ("DET", "ADJ", "NOUN", "ADV")
        and _after_adverbs(toks, k + 1) != "VERB")), None)  # "is mortally wounded": the verb is "wounded"
    if v is None or _verb_has_other_subject(toks, mentions, subj, subj_end, v) \
            or _absolute_participle(annotation, toks, mentions, subj, subj_end, v):
        return None
    co = _co_subject(toks, mentions, chars, subj, subj_end)
    plural = co is not None or chars[subj].kind == "group"  # a group keeps the verb as written
    if is_passive(toks, v):  # "Erin is given files", not "Erin gives files"
        aux = next(t.text for t in reversed(toks[:v]) if t.upos != "ADV")
        words = [_present(aux, plural), toks[v].text]
        if aux.lower() == "be":  # "the girls will be left with little": the modal stays
            modal = next((t.text for t in reversed(toks[after:v]) if t.upos == "AUX" and t.lemma in _MODALS), None)
            if modal is not None:
                words = [modal, "be", toks[v].text]
    elif plural and toks[v].text.endswith("ing"):
        words = [toks[v].lemma]  # "retired teachers eating breakfast": "teachers eat breakfast"
    elif toks[v].upos == "AUX" and toks[v].text.lower() == "be" and toks[v - 1].upos in ("AUX", "PART"):
        # "he is to be the designated survivor", "she will be the queen": the verb group as written
        j = v - 1
        while j > after and toks[j - 1].upos in ("AUX", "PART", "ADV") and toks[j].upos != "AUX":
            j -= 1
        words = [_present(toks[j].text, plural) if k == j else toks[k].text for k in range(j, v + 1)
                 if toks[k].upos != "ADV"]
    elif toks[v].upos == "AUX":
        words = [_present(toks[v].text, plural)]  # "Anna was a nurse": "Anna is a nurse", as titles are told
    elif plural and toks[v].text.lower() != toks[v].lemma and not toks[v].text.endswith("s") \
            and v + 1 < len(toks) and toks[v + 1].upos != "PUNCT" and toks[v + 1].text.lower() not in ("by", "with"):
        words = [toks[v].lemma]  # "Ana and Tom met Joe": "Ana and Tom meet Joe" (not "the twins, arrested by...")
    elif plural or toks[v].text.endswith("s"):
        words = [toks[v].text]  # "the police arrive", "Ana and Tom start"
    else:
        words = [_conjugate(toks[v].lemma)]
    k = v + 1
    mention_end: dict[int, int] = {}
    pronoun_at: dict[int, str] = {}
    for start, end, cid, form in mentions:
        mention_end[start] = max(end, mention_end.get(start, end))
        if form == "pronoun":
            pronoun_at.setdefault(start, cid)
    opened = False  # inside a noun phrase a determiner opened: "takes a pregnancy test"
    modifier = False  # the last word was an adjective, or a participle after a determiner ("a frustrated")
    complement = False  # the clause goes on into "that ...": its title says little
    while k < len(toks) and len(words) < 8:
        t = toks[k]
        if t.upos == "CCONJ" and modifier and k + 1 < len(toks) and (
                toks[k + 1].upos == "ADJ" or toks[k + 1].text.lower().endswith(("ed", "ing"))):
            words.append(t.text)  # "a frustrated and unmotivated programmer"
            k += 1
            continue
        low_t = t.text.lower()
        participle = t.upos == "VERB" and (toks[k - 1].upos == "DET" or modifier and toks[k - 1].upos == "CCONJ"
                                           or low_t.endswith(_PAST_PARTICIPLE) and _after_reflexive(toks, k)
                                           or t.text.endswith("ing") and toks[k - 1].text.lower() in _POSSESSIVE_DETS)
        if low_t == "as" and k == v + 1 and toks[v].lemma in _AS_VERBS and k + 1 < len(toks) and (
                toks[k + 1].upos == "PROPN" or toks[k + 1].text.lower() in ("a", "an")):
            words.append(t.text)  # "poses as Randall Stephens", "works as a waiter": a preposition
            k += 1
            continue
        if t.upos == "PUNCT" or t.upos in ("CCONJ", "SCONJ") or (
                t.upos == "VERB" and not participle and len(words) > 1 and toks[k - 1].text.lower() != "to"
                and not (toks[k - 1].upos == "VERB" and toks[k - 1].lemma in _BARE_INFINITIVE_BEFORE)  # "help rid"
                and not (toks[k - 1].upos == "ADP" and t.text.endswith("ing"))):  # "turn from pulling heists"
            break
        low = t.text.lower()
        bare = k == v + 1 and low in ("he", "she", "they") and k + 1 < len(toks) \
            and toks[k + 1].upos in ("VERB", "AUX", "ADV")  # "realizes he is in love": a clause without "that"
        if bare or k == v + 1 and low == "that" and k + 1 < len(toks) and \
                toks[k + 1].upos in ("DET", "PRON", "PROPN", "NOUN", "ADJ", "NUM"):
            first = k if bare else k + 1  # the clause's first word
            end = next((j for j in range(first + 1, len(toks)) if toks[j].upos in ("PUNCT", "CCONJ", "SCONJ")),
                       len(toks))
            if len(words) + end - k <= 8 and any(x.upos in ("VERB", "AUX") for x in toks[first:end]):
                # "learns that his wife is dead": a whole clause, short enough to say
                words.append(annotation.text[t.start:toks[end - 1].end])
            else:
                complement = True  # the act is the knowing or saying, weighed as little as before
                core = _clause_core(toks, first)
                if core and len(words) + 1 + len(core) <= _CLAUSE_TITLE_WORDS:
                    words.append(_joined(["that"] + core))  # "learns that Karen has committed suicide"
            break
        modifier = t.upos == "ADJ" or participle or low.endswith("ed") and toks[k - 1].upos == "DET"
        opened = opened or low in _DETERMINERS
        owner = pronoun_at.get(t.start)
        nxt_upos = toks[k + 1].upos if k + 1 < len(toks) else "PUNCT"
        possessive = low in ("his", "their", "its") or (low == "her" and (
            nxt_upos in ("NOUN", "ADJ") or nxt_upos == "VERB" and toks[k + 1].text.endswith("ing")
            and toks[k - 1].upos == "ADP"))  # "pulled from her training"
        if owner and not possessive and low in ("him", "her", "them") and owner in (subj, co):
            return None  # "Joe and Eddie welcome Joe": a link gone wrong, no title to say
        words.append(_short(chars[owner]) if owner and not possessive and low in ("him", "her", "them")
                     else t.text)
        if t.upos == "NOUN" and nxt_upos == "PROPN" and low.endswith("s") and _names_listed(toks, k + 1):
            break  # "reunites with his brothers Virgil and Morgan": "reunites with his brothers"
        if t.upos in ("NOUN", "PROPN") and k + 2 < len(toks) and toks[k + 1].text in ("'s", "’s") \
                and toks[k + 2].upos in ("NOUN", "ADJ", "PROPN"):
            words[-1] += toks[k + 1].text  # "Bonnie's mother's car", "Blanche's flighty presence"
            k += 2
            continue
        if (t.upos in ("NOUN", "PROPN") or t.upos == "PRON" and not possessive) and nxt_upos not in ("NOUN", "PROPN") \
                and not (modifier and nxt_upos == "CCONJ") and not (low in _REFLEXIVES and _participle_at(toks, k + 1)) \
                and not (toks[k - 1].upos == "VERB" and toks[k - 1].lemma in _BARE_INFINITIVE_BEFORE):
            # "a frustrated and ...": the noun is still ahead; "help rid the town": a verb the tagger missed
            nxt = k + 1
            of_what = _of_phrase(toks, nxt) if low in _PARTITIVE_HEADS else None
            if of_what is not None:
                words.append(annotation.text[toks[nxt].start:toks[of_what - 1].end])  # "finds a piece of cheese"
                break
            if opened and t.upos == "NOUN" and nxt_upos == "VERB" and toks[nxt].text.lower() == toks[nxt].lemma \
                    and (nxt + 1 == len(toks) or toks[nxt + 1].upos in ("PUNCT", "ADP", "CCONJ", "SCONJ", "VERB")):
                words.append(toks[nxt].text)  # "a pregnancy test", "a news report": the noun a verb form ends
                break
            if nxt + 1 < len(toks) and toks[nxt].upos == "ADP" and toks[nxt + 1].start in mention_end:
                end = mention_end[toks[nxt + 1].start]
                last = next((j for j in range(nxt + 1, len(toks)) if toks[j].end >= end), nxt + 1)
                if last + 2 < len(toks) and toks[last + 1].text in ("'s", "’s") and toks[last + 2].upos == "NOUN":
                    end = toks[last + 2].end  # "one of Sato's operatives"
                if end > toks[nxt + 1].end:
                    words.append(annotation.text[toks[nxt].start:end])  # "keeps an eye on her father"
            break
        k += 1
    while len(words) > 1 and words[-1].lower() in _DANGLING:
        words.pop()  # "begins his" (cut at eight words): no title ends on a word that needs more ("her" may be
        # an object: "Annie teases her")
    lead = f"{_short(chars[co])} and {_short(chars[subj])}" if co is not None else _short(chars[subj])
    weak = toks[v].upos == "AUX" or complement
    return f"{lead} {' '.join(words)}", toks[v].lemma, 2 if _cut_short(toks, words, k) else int(weak)


def _cut_short(toks, words: list[str], k: int) -> bool:
    """Does the title stop on a word that wants more while its clause goes on at token k ("Ray finds ...",
    "Payton stays behind to access ...", "Django has long ...")?"""
    if k >= len(toks) or toks[k].upos in ("PUNCT", "CCONJ", "SCONJ"):
        return False
    last = words[-1].rsplit(" ", 1)[-1]
    j = k - 1
    while j >= 0 and toks[j].text != last:
        j -= 1
    return j >= 0 and toks[j].upos in ("VERB", "AUX", "PART", "ADP", "ADV")


_CLAUSE_TITLE_WORDS = 10
_WEAKNESS_PENALTY = (0.0, 0.5, 2.0)  # by the weakness `_clause` gives
_COPULAS = frozenset("is are was were be been being has have had".split())


_PAST_PARTICIPLE = ("ed", "en", "wn")  # the endings of a past participle ("killed", "taken", "drawn")
_MODALS = frozenset("will would can could may might must shall should".split())
_AS_VERBS = frozenset("pose work serve act disguise masquerade dress pass double appear".split())  # "poses as X"
_REFLEXIVES = frozenset("himself herself themselves itself".split())


def _after_reflexive(toks, k: int) -> bool:
    """Does a reflexive pronoun stand before token k, adverbs aside ("finds himself increasingly drawn")?"""
    j = k - 1
    while j > 0 and toks[j].upos == "ADV":
        j -= 1
    return toks[j].text.lower() in _REFLEXIVES


def _participle_at(toks, k: int) -> bool:
    """Is the first token from k on that is no adverb a past participle ("increasingly drawn")?"""
    k = _skip_adverbs(toks, k)
    return k < len(toks) and toks[k].upos == "VERB" and toks[k].text.lower().endswith(_PAST_PARTICIPLE)


def _names_listed(toks, k: int) -> bool:
    """Does a run of proper nouns starting at k go on into a list ("Virgil and Morgan", "Ann, Bo and Cy")?"""
    while k < len(toks) and toks[k].upos == "PROPN":
        k += 1
    return k + 1 < len(toks) and toks[k].text.lower() in ("and", ",") and toks[k + 1].upos == "PROPN"


def _skip_adverbs(toks, k: int) -> int:
    """The index of the first token from k on that is no adverb (len(toks) at the end)."""
    while k < len(toks) and toks[k].upos == "ADV":
        k += 1
    return k


def _after_adverbs(toks, k: int) -> str:
    """The part of speech of the first token from k on that is no adverb ("" at the end)."""
    k = _skip_adverbs(toks, k)
    return toks[k].upos if k < len(toks) else ""


def _clause_core(toks, k: int) -> list[str]:
    """The core of a "that" clause starting at token k: its subject (an apposition between commas left out),
    its verb group and a short complement ("Karen, a friend of his, has committed suicide" -> "Karen has
    committed suicide"); [] when there is none to say briefly."""
    n = len(toks)
    out: list[str] = []
    j = k
    while j < n and toks[j].upos not in ("VERB", "AUX"):  # the subject
        if toks[j].text == ",":
            close = next((m for m in range(j + 1, min(n, j + 12)) if toks[m].text == ","), None)
            if close is None or not out:
                return []
            j = close + 1  # ", a friend of his from the hospital,": the apposition is left out
            continue
        if toks[j].upos in ("PUNCT", "SCONJ", "ADP") or len(out) >= 4:
            return []  # a subject too long or too complex for a title
        out.append(toks[j].text)
        j += 1
    if not out or j >= n:
        return []
    copula = False
    while j < n and toks[j].upos in ("AUX", "ADV", "PART") and len(out) < 8:  # "has been", "must not"
        copula = copula or toks[j].lemma in ("be", "have") or toks[j].text.lower() in _COPULAS
        out.append(toks[j].text)
        j += 1
    if j < n and toks[j].upos == "VERB":
        out.append(toks[j].text)
        j += 1
    elif not copula or j < n and toks[j - 1].upos == "ADV":
        return []  # "Acheron will prey on...", "Hardy is somehow involved": no verb the title can end on
    rest = 0
    while j < n and rest < 3 and toks[j].upos in ("DET", "ADJ", "NOUN", "PROPN", "PRON", "NUM") \
            and toks[j].text.lower() not in ("that", "which", "who") \
            and not (toks[j].upos == "PRON" and rest and toks[j - 1].upos == "NOUN"):  # not "the code they"
        out.append(toks[j].text)
        j += 1
        rest += 1
    ends_clause = j >= n or toks[j].upos in ("PUNCT", "CCONJ", "SCONJ")
    if not ends_clause and (toks[j - 1].upos not in ("NOUN", "PROPN", "PRON") or toks[j].text.lower() in ("of", "'s", "’s")
                            or toks[j].upos in ("NOUN", "ADJ", "VERB")):
        return []  # "the trio have carried ...", "he took a pair of ...", "an alien artificial ...": cut too early
    return out if toks[k].upos != "VERB" and any(t.upos in ("VERB", "AUX") for t in toks[k:j]) else []


def _joined(words: list[str]) -> str:
    """Words as written: clitics and closing punctuation without a space ("Mike's", "can't")."""
    out = ""
    for w in words:
        glued = w.lower() in ("'s", "’s", "n't", "n’t", "'re", "'ve", "'ll", "'d", "'m") or w in (",", ".", ")")
        out += w if glued or not out else " " + w
    return out


_PARTITIVE_HEADS = frozenset("""piece pieces pile bottle cup glass bag box pack pair lot number series stack sheet
slice bunch handful can jar bowl plate bucket kind sort type amount load""".split())


def _of_phrase(toks, k: int) -> Optional[int]:
    """The end of "of (a|the|his...) (adjectives) nouns" starting at token k ("of cheese", "of adult
    magazines"), or None."""
    if k >= len(toks) or toks[k].text.lower() != "of":
        return None
    j = k + 1
    if j < len(toks) and (toks[j].upos == "DET" or toks[j].text.lower() in ("his", "her", "their", "its")):
        j += 1
    while j < len(toks) and toks[j].upos == "ADJ":
        j += 1
    end = j
    while end < len(toks) and toks[end].upos == "NOUN" and end - k < 5 \
            and not (end > j and toks[end - 1].text.endswith("s") and toks[end].text.endswith("s")):
        end += 1  # not "chemicals swerves": two plurals in a row are a noun and a verb
    if end < len(toks) and toks[end].upos == "VERB" and not toks[end].text.endswith(("ing", "ed")):
        return None  # "a number of job interviews": the tagger cut the compound
    end = _without_participles(toks, j, end)  # "a series of numeric-encoded ..."
    return end if end > j else None


def _without_participles(toks, start: int, end: int) -> int:
    """The end of the noun run toks[start:end] without the participles the tagger left at its end ("a
    newspaper article featuring ...", "an accelerated ...")."""
    while end > start and toks[end - 1].text.lower().endswith(("ing", "ed")):
        end -= 1
    return end


_DANGLING = (_POSSESSIVE_DETS - {"her"}) | frozenset("""a an the to of from for with by at into onto and or but that
he she they we how what why whether be""".split())  # "Rob realizes he", "Ash demands to be": the rest was cut


_GIVING = frozenset("give show send hand offer bring lend pass sell buy teach promise tell leave".split())
_SECOND_OBJECT_WORDS = 4


def _after_object(toks, mentions: list, t: Triple) -> Optional[int]:
    """The index of the first token after the mention of the triple's object that follows its verb
    (len(toks) at the end), or None when there is no such mention."""
    verb_end = toks[t.token].end
    end = next((e for s, e, cid, _ in mentions if cid == t.object and s >= verb_end), None)
    if end is None:
        return None
    return next((i for i in range(t.token + 1, len(toks)) if toks[i].start >= end), len(toks))


def _second_object(annotation: Annotation, mentions: list, si: int, t: Triple) -> str:
    """" a letter" when a verb of giving has a thing after the one it reaches ("gives her a letter"): a
    short noun phrase (determiner, adjectives, nouns) right after the object's mention; " into the mountain"
    when a verb of sending says where to (`_destination`); else ""."""
    if t.lemma not in _GIVING and t.lemma not in _SENDING:
        return ""
    toks = annotation.sentences[si].tokens
    k = _after_object(toks, mentions, t)
    if k is None:
        return ""
    if k < len(toks) and toks[k].text.lower() in ("into", "to", "onto") and t.lemma in _SENDING:
        return _destination(annotation, toks, k)  # "sends Bilbo into the mountain"
    if t.lemma not in _GIVING:
        return ""
    if k >= len(toks) or not (toks[k].upos in ("DET", "NUM") or toks[k].text.lower() in _POSSESSIVE_DETS) \
            or toks[k].text.lower() in ("that", "this", "which"):
        return ""  # "shows Ana that...": a clause, not a thing; but "shows Daisy his mansion"
    j = k + 1
    while j < len(toks) and toks[j].upos == "ADJ":
        j += 1
    nouns = j
    while nouns < len(toks) and toks[nouns].upos == "NOUN":
        nouns += 1
    if nouns < len(toks) and (toks[nouns].upos in ("VERB", "AUX") and not toks[nouns].text.endswith("ing")
                               or toks[nouns].text in ("'s", "’s")):
        return ""  # "tells Tom the host is...", "tells Tom the host's mind remains": the subject of a clause
    nouns = _without_participles(toks, j, nouns)
    if nouns == j or nouns - k > _SECOND_OBJECT_WORDS:
        return ""
    return " " + annotation.text[toks[k].start:toks[nouns - 1].end]


_SAYING = frozenset("tell inform warn remind assure convince promise".split())


def _what_is_said(annotation: Annotation, mentions: list, si: int, t: Triple) -> str:
    """" that Karen is dead" when a verb of saying goes on, after the one it reaches, into a clause short
    enough for a title (see `_clause_core`), else ""."""
    toks = annotation.sentences[si].tokens
    k = _after_object(toks, mentions, t)
    if k is None:
        return ""
    if k < len(toks) and toks[k].text.lower() == "that":
        k += 1
    if k >= len(toks) or toks[k].upos not in ("DET", "PROPN", "NOUN", "ADJ", "NUM") \
            and toks[k].text.lower() not in ("he", "she", "they", "his", "her", "their"):
        return ""  # "tells Tom to leave", "tells Tom about...": no clause
    if toks[k].text.lower() in ("what", "which", "whose"):
        return ""  # "tells his wife what has happened": no statement to say briefly
    core = _clause_core(toks, k)
    if not core or len(core) > _SAID_WORDS or core[-1].lower() in _DANGLING \
            or core[-1].lower() in ("her", "him", "is", "are", "was", "were", "has", "have", "had"):
        return ""  # not "that she feels she", "that they will get their"
    return " " + _joined(["that"] + core)


_SAID_WORDS = 6


_SENDING = frozenset("send take bring lead drive carry drag escort invite lure".split())


def _destination(annotation: Annotation, toks, k: int) -> str:
    """" into the mountain": a short place phrase (into/to/onto, a determiner or none, adjectives, nouns
    or a name) starting at token k, else ""."""
    j = k + 1
    if j < len(toks) and (toks[j].upos == "DET" or toks[j].text.lower() in _POSSESSIVE_DETS):
        j += 1
    while j < len(toks) and toks[j].upos == "ADJ":
        j += 1
    head = j
    while j < len(toks) and toks[j].upos in ("NOUN", "PROPN") and j - k <= _SECOND_OBJECT_WORDS:
        j += 1
    if j == head or j - k > _SECOND_OBJECT_WORDS or j < len(toks) and toks[j].text in ("'s", "’s"):
        return ""
    return " " + annotation.text[toks[k].start:toks[j - 1].end]


def _verb_has_other_subject(toks, mentions: list, subj: str, subj_end: int, v: int) -> bool:
    """Is the verb at v the verb of another character's clause ("shrill Blanche has nothing but disdain for
    Bonnie, while Bonnie sees ...": sees is Bonnie's, not Blanche's)?"""
    k = v - 1
    while k >= 0 and toks[k].upos in ("ADV", "AUX", "PART"):
        k -= 1
    if k < 0 or toks[k].end <= subj_end:
        return False
    return any(cid != subj and start >= subj_end and end == toks[k].end for start, end, cid, _ in mentions)


def _capitalised(title: str) -> str:
    """A title starts with a capital letter ("The police arrive", not "the police arrive")."""
    return title[:1].upper() + title[1:]


# A title candidate's score before its deductions (perception, a copula, a later verb...): an action between two
# characters, or the clause of an acting subject; each sentence further into the event costs _LATER_SENTENCE.
# The deductions only lower a score, which lets event_title stop once its best cannot be beaten.
_ACT_SCORE = 2.0
_CLAUSE_SCORE = 1.5
_LATER_SENTENCE = 0.6


def event_title(story: Story, annotation: Annotation, sentences: Sequence[int], triples: Sequence[Triple],
                by_sentence: dict, acting: Optional[list] = None, chars: Optional[dict] = None,
                rank: Optional[dict] = None) -> str:
    """A short phrase for the event's main action ("Mara calls her father"): the earliest action
    between two characters or of a character, perception and copulas counting less."""
    chars = chars if chars is not None else {c.id: c for c in story.characters}
    rank = rank if rank is not None else {c.id: i for i, c in enumerate(story.characters)}
    best: Optional[tuple[float, str]] = None
    by_sentence_triples: dict[int, list[Triple]] = {}
    wanted = set(sentences)
    for t in triples:
        if t.sentence in wanted:
            by_sentence_triples.setdefault(t.sentence, []).append(t)
    for p, si in enumerate(sentences):
        if best is not None and best[0] >= _ACT_SCORE - _LATER_SENTENCE * p:
            break  # scores only go down from there: nothing from this sentence on can beat the best
        for t in by_sentence_triples.get(si, ()):
            if t.mode == "direct" and t.subject != t.object:  # not "Foreman allows Foreman": a link gone wrong
                subj, obj = chars[t.subject], chars[t.object]
                controls = t.lemma in OBJECT_CONTROL and any(
                    u.token > t.token and u.subject == t.object for u in by_sentence_triples[si])
                score = _ACT_SCORE - _LATER_SENTENCE * p - (1.2 if t.lemma in _PERCEPTION else 0) - 0.05 * t.token \
                    - (0.3 if controls else 0)  # "asks her to train X": the training is the act
                if best is not None and score <= best[0]:
                    continue  # the earlier candidate stays: no title to phrase
                verb = t.lemma if _takes_plural(subj) else _conjugate(t.lemma)  # "Cheese's men murder Ray"
                phrase = f"{verb} {t.info.type.split(' ', 1)[1]}" if " " in t.info.type else verb
                what = _second_object(annotation, by_sentence.get(si, []), si, t) if " " not in t.info.type else ""
                if not what and t.lemma in _SAYING:
                    what = _what_is_said(annotation, by_sentence.get(si, []), si, t)  # "tells Pip that..."
                best = (score, f"{_short(subj)} {phrase} {_object_phrase(obj, subj)}{what}")
        if best is not None and best[0] >= _CLAUSE_SCORE - _LATER_SENTENCE * p:
            continue  # no clause here can beat the best
        acted = acting[si] if acting is not None else _acting(annotation, by_sentence, si)
        if acted is not None:
            clause = _clause(annotation, by_sentence.get(si, []), chars, si, *acted)
            if clause is not None:
                title, lemma, weak = clause  # weak: 1 a copula or a verb of knowing, 2 a title cut short
                score = _CLAUSE_SCORE - _LATER_SENTENCE * p - (1.2 if lemma in _PERCEPTION else 0) \
                    - _WEAKNESS_PENALTY[weak] \
                    - (0.6 if lemma in OBJECT_CONTROL else 0)  # "asks her to train Tom": the training is the act
                if best is None or score > best[0]:
                    best = (score, title)
    if best is not None:
        return _capitalised(best[1])
    cast = sorted({cid for si in sentences for _, _, cid, _ in by_sentence.get(si, [])}, key=lambda c: rank.get(c, 99))
    if cast:
        return _capitalised(" and ".join(_short(chars[c]) for c in cast[:2]))
    first = annotation.sentences[sentences[0]]
    words = [t.text for t in first.tokens if t.upos in ("NOUN", "PROPN")][:3]
    return _capitalised(" ".join(words)) or "Event"
