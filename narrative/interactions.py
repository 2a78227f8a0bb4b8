"""Typed, directed interactions: who acts on whom, sentence by sentence, and co-presence per event.

Without a parse (builtin engine) the subject is the character mention standing before
the verb in its clause (inherited across coordinated and participial clauses, and from
the object of a control verb before "to"), the object the first mention after the verb
(through the verb's prepositions). With a dependency parse (stanza) `nsubj`/`obj`/`obl`
arcs are used instead.
"""
from __future__ import annotations

import bisect
import dataclasses
from collections import defaultdict
from dataclasses import dataclass
from typing import Optional, Sequence

from .model import Event, Interaction, Story
from .nlp.base import AnnotatedSentence, Annotation
from .nlp.lexicon import IRREGULAR_VERBS
from .verbs import INTERACTION_VERBS, MEDIUM_WORDS, NO_VERB, RECALL_VERBS, REPORT_VERBS, VerbInfo

__all__ = ["OBJECT_CONTROL", "Triple", "sentence_mentions", "find_triples", "find_interactions", "is_passive",
           "tells_in_present"]

_POSSESSIVE = frozenset({"his", "their", "its", "my", "your", "our", "hers", "theirs"})
_POSSESSIVE_OR_HER = _POSSESSIVE | {"her"}
_CLAUSE_BREAK = frozenset({",", ";", ":", "–", "—", "(", ")", "and", "but", "or", "while", "as", "after", "before",
                           "when", "who", "which", "that", "because", "until", "although", "though"})
_SKIP = frozenset({"DET", "ADJ", "ADV", "PART", "NUM"})
OBJECT_CONTROL = frozenset("""ask tell order force persuade convince urge invite beg allow help want encourage
    prompt lead cause get teach train instruct warn remind command compel pressure hire send expect need task assign
    dispatch commission enlist recruit employ pay implore""".split())
_PERCEPTION = frozenset("notice see watch find hear spot observe discover witness catch".split())
_HYPOTHETICAL = frozenset("""demand insist suggest claim pretend believe think fear suspect hope wish want say tell
    learn hear read report reveal explain discover""".split())
_MEDIUM_PREPS = frozenset("on over through via by with in".split())
_SENTENCE_BREAK = frozenset({"but", "before", "after", "while", "when", "then", "until"})
_COMPLEMENTISERS = frozenset({"that", "how", "why", "whether", "who", "what", "where"})
_COMPLEMENTISERS_NOT_WHO = _COMPLEMENTISERS - {"who"}
_MODALS = frozenset({"will", "'ll", "’ll", "would", "could", "can", "might", "may", "should", "shall", "must"})
_DEMAND = frozenset("demand insist suggest hope wish want ask beg urge order request propose".split())
_PARTICIPLES = {base: forms[2] for base, forms in IRREGULAR_VERBS.items()}
_NEGATION = frozenset({"not", "n't", "n’t", "never", "no", "nobody", "neither", "nor"})
_UNREALISED = frozenset("""want wish hope threaten plan intend refuse fail pretend dream fear need mean
    expect hesitate attempt try encourage urge persuade convince beg invite challenge dare advise tempt
    plead decide agree promise vow swear resolve volunteer prepare arrange plot conspire scheme seek aim
    hire pay recruit enlist bribe offer long yearn""".split())
# a verb and particle with another sense than the verb's entry: "calls together/off/for" is no call
_OTHER_SENSES = frozenset({("call", "together"), ("call", "off"), ("call", "for")})
# verbs that take a bare infinitive carrying their own status: "to help kidnap him" is as unrealised as "to help"
_BARE_INFINITIVE = frozenset({"help"})
# participles giving a name, skipped when looking for the verb an infinitive depends on ("hires a man named X to")
_NAMING_PARTICIPLES = frozenset({"named", "called", "nicknamed", "dubbed"})
_PASSIVE_AUX = frozenset({"is", "was", "were", "are", "be", "been", "being", "gets", "got", "get"})
# nouns whose infinitive is only intended: "his chance to kill", "a plan to rescue", "in an attempt to"
_INTENT_NOUNS = frozenset("""chance opportunity attempt attempts effort efforts bid plan plans plot scheme hope hopes
    order intention intent desire wish need mission promise threat offer refusal urge temptation""".split())
_PURPOSE = (("so", "that"), ("so", "as"), ("in", "order"))  # "so that he can...", "so as to", "in order to"
# verbs whose clause or object says what someone thinks, feels or knows, not that two people meet
_MENTAL = frozenset("""believe think fear know learn realize realise suspect hope wish assume suppose dream imagine
    remember recall miss mourn worry mention presume deduce conclude doubt guess sense feel name
    nickname dub consider deem predict envision envisage hallucinate describe portray depict""".split())
_NOMINATIVE = frozenset({"he", "she", "they", "i", "we"})
_PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
_SUBORDINATORS = frozenset("when after as while because although though since once before until if upon".split())
# verbs of saying and knowing whose clause tells what is said or known ("warns Ana that Tom is with Bob")
_SAYING = frozenset("""warn inform assure promise admit confess announce insist realize realise know notice convince
    persuade remind deny swear conclude deduce guess suppose assume confirm prove declare""".split())
_BE = frozenset({"is", "are", "was", "were", "be", "been", "being", "am", "'s", "’s", "'re", "’re"})

# quantifiers of a partitive object: "sees some of them", "kills two of the guards"
_PARTITIVE = frozenset("some one two three several many most all both each either any few".split())
# idioms standing for a verb of the table, with the words after the verb: "keeps an eye on her father"
_IDIOMS = {("keep", ("an", "eye", "on")): "watch"}
_IDIOM_LEMMAS = frozenset(lemma for lemma, _ in _IDIOMS)  # the verbs worth trying the idioms on
# speech acts whose addressee, left unsaid after a comma, is the one just met: "calls Tom, apologising"
_ADDRESSED = frozenset("apologise apologize explain confess plead complain talk speak reply".split())
# what stands for a person in contact acts on it: "blocks her number", "ignores Tom's calls"
_CHANNELS = frozenset("number phone calls messages texts emails letters account".split())
# "takes a phone call from her father", "receives a letter from Tom": the sender contacts the subject
_RECEIVE = frozenset("take receive get answer".split())
_SENT = {"call": "call", "calls": "call", "letter": "write", "letters": "write", "message": "message",
         "messages": "message", "text": "text", "email": "email", "visit": "visit"}


def _received(toks, owner, v: int) -> Optional[tuple[str, str]]:
    """(sender, act) when the verb at `v` receives a contact from a character: "takes a phone call
    from her father" (he calls), "receives a letter from Tom" (Tom writes)."""
    k = v + 1
    while k < len(toks) and owner[k] is None and toks[k].upos in ("DET", "ADJ", "NUM", "NOUN") \
            and toks[k].text.lower() not in _SENT:
        k += 1
    if k + 2 >= len(toks) or owner[k] is not None or toks[k].text.lower() not in _SENT \
            or toks[k + 1].text.lower() != "from":
        return None
    sender = owner[k + 2]
    if sender is None or sender[1] or sender[2] != k + 2:
        return None
    return sender[0], _SENT[toks[k].text.lower()]


@dataclass(frozen=True, slots=True)
class Triple:
    """A character acting on another in one sentence."""
    sentence: int
    subject: str
    object: str
    verb: str  # surface form
    lemma: str
    info: VerbInfo
    mode: str
    medium: Optional[str]
    token: int


_LAST: dict[str, tuple] = {}  # one-entry memos keyed on the (immutable) objects they were made from


def sentence_mentions(story: Story) -> dict[int, list[tuple[int, int, str, str]]]:
    """Per plot sentence: (start, end, character id, form) of every mention, in text order
    (remembered for the last story's characters: segmentation and both interaction passes ask)."""
    memo = _LAST.get("mentions")
    if memo is not None and memo[0] is story.characters and memo[1] is story.sentences:
        return memo[2]
    out = _sentence_mentions(story)
    _LAST["mentions"] = (story.characters, story.sentences, out)
    return out


def lowered_words(annotation: Annotation) -> list[list[str]]:
    """Per sentence, its tokens' texts in lower case (remembered for the last annotation: the triples,
    titles, places and co-presence all test lower-cased words, token by token)."""
    memo = _LAST.get("lowered")
    if memo is not None and memo[0] is annotation:
        return memo[1]
    out = [[t.text.lower() for t in sent.tokens] for sent in annotation.sentences]
    _LAST["lowered"] = (annotation, out)
    return out


def _sentence_mentions(story: Story) -> dict[int, list[tuple[int, int, str, str]]]:
    plot = story.sentences[0].source if story.sentences else None
    out: dict[int, list[tuple[int, int, str, str]]] = defaultdict(list)
    for ch in story.characters:
        for m in ch.mentions:
            if m.sentence >= 0 and m.source == plot:
                out[m.sentence].append((m.start, m.end, ch.id, m.form))
    for v in out.values():
        v.sort()
    return dict(out)


def _token_owner(sent: AnnotatedSentence, mentions: list[tuple[int, int, str, str]],
                 named: frozenset = frozenset(), chained: Optional[frozenset] = None
                 ) -> list[Optional[tuple[str, bool, int]]]:
    """For each token: (character, possessive?, mention start token) of the longest mention covering it.
    A pronoun other than a possessive counts only for a character in `named` (named in this sentence or
    the one before; "they"/"them" only so) or in `chained` (named two sentences back, or three and referred
    to in the one before: "Nick meets Ana. He buys a wig. He dresses. He fools her."); `chained` None: any."""
    owner: list[Optional[tuple[str, bool, int]]] = [None] * len(sent.tokens)
    length = [0] * len(sent.tokens)
    toks = sent.tokens
    starts = [t.start for t in toks]
    for start, end, cid, form in mentions:
        first = bisect.bisect_left(starts, start)
        last = bisect.bisect_left(starts, end) - 1
        while last >= first and toks[last].end > end:
            last -= 1
        if last < first:
            continue
        if form == "pronoun" and cid not in named and toks[first].text.lower() in _PLURAL_PRONOUNS:
            continue  # "they", "them" for a group named further back: too often guessed wrong to build acts on
        idx = range(first, last + 1)
        nxt = toks[last + 1] if last + 1 < len(toks) else None
        poss = nxt is not None and (nxt.text in ("'s", "’s") or nxt.text in ("'", "’") and toks[last].text.endswith("s")
                                    and nxt.end == toks[last].end + 1)  # "the Martins' house"
        if form == "pronoun":
            low = toks[first].text.lower()
            poss = low in _POSSESSIVE or (low == "her" and nxt is not None and nxt.upos in ("NOUN", "ADJ", "PROPN", "NUM"))
            if chained is not None and not poss and cid not in named and cid not in chained:
                continue  # "he" for someone last named further back: too often guessed wrong to build acts on
        for i in idx:
            if end - start > length[i]:
                owner[i] = (cid, poss, first)
                length[i] = end - start
    return owner


# verbs of aspect whose gerund shares their subject: "starts avoiding her", "keeps calling him"
_ASPECT = frozenset("start begin keep stop continue resume quit finish".split())


def _subject(toks, low, owner, v: int, clause_subject: Optional[str]) -> Optional[str]:
    """The character acting with the verb at `v`: the mention right before it (over adverbs and auxiliaries),
    the antecedent of a "who" before it, or `clause_subject` after a clause break (`low`: lower-cased words)."""
    j = v - 1
    while j >= 0 and (toks[j].upos in ("ADV", "AUX", "PART") and low[j] != "to"
                      or toks[j].upos == "VERB" and toks[j].lemma in _ASPECT and toks[v].text.endswith("ing")):
        j -= 1
    if j >= 0 and owner[j] is not None and not owner[j][1]:
        return owner[j][0]
    if j > 0 and (low[j] == "who" or low[j] in ("that", "which")
                  and not toks[v].text.endswith("ing")):  # "confronts Rosalyn, who admits": Rosalyn
        k = j - 1 if toks[j - 1].text != "," else j - 2  # admits; "the spirit that contacted Tom": no character
        return owner[k][0] if k >= 0 and owner[k] is not None and not owner[k][1] and not _of_phrase(toks, owner, k) \
            else None
    if j > 0 and toks[j].text == ",":
        interrupted = _subject_before_parenthetical(toks, low, owner, j) \
            or _subject_before_apposition(toks, low, owner, j)
        if interrupted is not None:
            return interrupted
    if j >= 0 and (low[j] in _CLAUSE_BREAK or toks[j].upos in ("PUNCT", "CCONJ")):
        return clause_subject
    if j < 0:
        return clause_subject
    return None


def _subject_before_apposition(toks, low, owner, comma: int) -> Optional[str]:
    """"Her brother Marco, a police officer, warns her": a mention between two commas that names the same
    character as the clause-opening mention before it is an apposition; that character is the subject."""
    if owner[comma - 1] is None or owner[comma - 1][1]:
        return None
    cid, _, start = owner[comma - 1]
    if start < 2 or toks[start - 1].text != "," or owner[start - 2] is None or owner[start - 2][0] != cid \
            or owner[start - 2][1]:
        return None
    return cid if _opens_clause(toks, low, owner[start - 2][2]) else None


def _subject_before_parenthetical(toks, low, owner, comma: int) -> Optional[str]:
    """"Mara's boss, on orders from the company, asks her": the clause-opening mention before a
    verbless aside between two commas is the subject of the verb after it."""
    k = comma - 1
    while k >= 0 and toks[k].text != "," and owner[k] is None and toks[k].upos not in ("VERB", "AUX", "SCONJ"):
        k -= 1
    if k < 1 or k == comma - 1 or toks[k].text != "," or owner[k - 1] is None or owner[k - 1][1]:
        return None
    return owner[k - 1][0] if _opens_clause(toks, low, owner[k - 1][2]) else None


_MAIN_CLAUSE_OPENERS = frozenset((",", ";", "and", "but", "then", "so", "yet"))


def _opens_clause(toks, low, start: int) -> bool:
    """Does the noun phrase of the mention starting at `start` open a clause (only its own words before it,
    back to the sentence start, a main-clause opener or a subordinator: "The following Monday Mara's boss")?"""
    b = _before_noun_phrase(toks, low, start - 1)
    return b < 0 or low[b] in _MAIN_CLAUSE_OPENERS or toks[b].upos == "SCONJ"


def _before_noun_phrase(toks, low, k: int) -> int:
    """The position before the noun phrase that ends at `k` (-1 at the sentence start): walks back over
    determiners, adjectives, nouns, numbers, possessives and a participle after a determiner
    ("the following Monday", "his guards", "Mara's boss")."""
    while k >= 0 and (toks[k].upos in ("DET", "ADJ", "NOUN", "PROPN", "NUM") or toks[k].text in ("'s", "’s")
                      or low[k] in _POSSESSIVE_OR_HER
                      or toks[k].upos == "VERB" and toks[k].text.endswith("ing") and k > 0 and toks[k - 1].upos == "DET"):
        k -= 1
    return k


def _object(toks, low, owner, v: int, info: VerbInfo, act: Optional[str] = None
            ) -> tuple[Optional[str], Optional[str]]:
    """The character the verb at `v` acts on, and the preposition passed on the way (through a
    possessed channel of contact for verbs other than perception: "blocks Tom's number").
    `act`: the act the words up to `v` stand for, when not the lemma at `v` (an idiom ending there);
    `low`: the tokens' texts in lower case."""
    k = v + 1
    n = len(toks)
    prep = None
    while k < n:
        t = toks[k]
        if owner[k] is not None:
            cid, poss, first = owner[k]
            if poss and first == k:  # "tosses Tom's belongings": a possessor, not the object
                last = k
                while last + 1 < n and owner[last + 1] is not None and owner[last + 1][0] == cid:
                    last += 1
                head = last + (2 if toks[last].upos != "PRON" else 1)
                if head < n and low[head] in _CHANNELS and (act or toks[v].lemma) not in _PERCEPTION:
                    return cid, prep  # "blocks Tom's number": the act reaches Tom
                return None, None
            return cid, prep
        word = low[k]
        if word in info.preps:
            prep = word
            k += 1
            continue
        if t.upos in _SKIP:
            k += 1
            continue
        if word == "of" and k > v + 1 and low[k - 1] in _PARTITIVE:
            k += 1  # "sees some of Tom's relatives": the relatives are seen
            continue
        return None, None
    return None, None


def _medium(toks, low, v: int, info: VerbInfo) -> Optional[str]:
    """The medium of the act at `v`: the verb's own (a call is by phone), else a medium word near it after
    a preposition ("on the phone", "through a camera"); `low`: the tokens' texts in lower case."""
    if info.medium:
        return info.medium
    lo = max(0, v - 6)
    for k in range(lo, min(len(toks), v + 8)):
        m = MEDIUM_WORDS.get(low[k])
        if m is None or toks[k].upos == "VERB":
            continue  # "a man who calls himself", "not to call the police": no medium
        j = k - 1  # back over the noun phrase to its preposition: "through a wireless home camera"
        while j >= max(0, k - 5) and (toks[j].upos in ("DET", "ADJ", "NOUN", "PROPN", "NUM")
                                      or toks[j].text in ("'s", "’s") or low[j] in _POSSESSIVE_OR_HER
                                      or toks[j].upos == "VERB" and toks[j].text.endswith(("ing", "ed")) and j > 0
                                      and toks[j - 1].upos == "DET") and low[j] not in _MEDIUM_PREPS:
            j -= 1
        if j >= 0 and low[j] in _MEDIUM_PREPS:
            return m  # "on the phone", "through a camera", "by letter", "via the Professor's phone"
    return None


def is_passive(toks, v: int, low: Optional[Sequence[str]] = None) -> bool:
    """Is the verb at `v` a passive participle ("is given", "was later arrested", "gets fired")?
    `low`: the tokens' texts in lower case, when at hand."""
    word = toks[v].text.lower() if low is None else low[v]
    participle = word.endswith(("ed", "en")) or word == _PARTICIPLES.get(toks[v].lemma)
    if not participle:
        return False
    j = v - 1
    while j >= 0 and toks[j].upos == "ADV":
        j -= 1
    return j >= 0 and (toks[j].text.lower() if low is None else low[j]) in _PASSIVE_AUX


def _possession(toks, low, k: int) -> bool:
    """Is the "had"/"have" at `k` a main verb with an object ("must have had something on him to ...")?"""
    return toks[k].upos == "AUX" and low[k] in ("has", "have", "had", "having") \
        and k + 1 < len(toks) and toks[k + 1].upos in ("PRON", "NOUN", "DET", "PROPN", "NUM")


def _same_form(a, b) -> bool:
    """Are the two verbs in the same form (both bare, both in -s, both in -ed, both in -ing)?"""
    def form(t):
        low = t.text.lower()
        return "bare" if low == t.lemma else "ing" if low.endswith("ing") else "s" if _is_present_form(low, t.lemma) \
            else "ed"
    return form(a) == form(b)


# adjectives before an infinitive that is not (yet) done: "is unable to visit him", "seems eager to meet her"
_NOT_YET_ADJECTIVES = frozenset("""unable eager willing ready keen anxious desperate determined impatient likely
    unlikely supposed due set poised prepared free""".split())
# what only happens in a mind: "dreams that he kills them", "imagines her kissing him"
_IMAGINING = frozenset("dream daydream imagine fantasize fantasise hallucinate envision envisage".split())
# "is reluctant to take her in", "too afraid to confront him": not done
_UNWILLING = frozenset("reluctant unwilling hesitant afraid loath loth scared".split())


def _imagined(toks, low, v: int) -> bool:
    """Is the verb at `v` inside what a character dreams or imagines (same clause chain, no new sentence)?"""
    for k in range(v - 1, -1, -1):
        t = toks[k]
        if low[k] in (",", ";", ":") or low[k] in _SENTENCE_BREAK:
            return False
        if low[k] in ("and", "or") and k + 1 < v and toks[k + 1].upos == "VERB" \
                and low[k + 1] != toks[k + 1].lemma:
            return False  # "dreams about the war and wakes up and hugs Ana": a new finite verb, awake
        if t.upos == "VERB" and t.lemma in _IMAGINING and not (
                k > 0 and (toks[k - 1].upos in ("DET", "ADJ") or low[k - 1] in _POSSESSIVE_OR_HER
                           or low[k - 1] == "of")):
            return True  # not "the man of her dreams", "his dream"
    return False


def _unrealised(toks, low, v: int, depth: int = 0) -> bool:
    """A negated verb ("never calls"), one only wanted, threatened, planned or attempted ("wants to
    marry", "wanted to retire and marry"), or one inside a condition ("if he leaves her").
    `low`: the tokens' texts in lower case."""
    if depth > 4:  # long chains of coordinated verbs: look no further back
        return False
    if depth == 0 and _imagined(toks, low, v):
        return True
    for k in range(v - 1, -1, -1):
        word = low[k]
        if word in ("if", "unless", "whether"):
            return True
        if k + 1 < len(toks) and (word, low[k + 1]) in _PURPOSE:
            return True  # "so that he can marry her", "in order to kill him"
        if word in (",", ";", ":") or toks[k].upos == "VERB" and k < v - 6:
            break
    c = v - 1
    while c >= 0 and toks[c].upos == "ADV":
        c -= 1  # "will wrestle them and then berate them"
    if c >= 1 and low[c] in ("and", "or"):
        prev = next((k for k in range(c - 1, max(-1, c - 4), -1) if toks[k].upos == "VERB"), None)
        if prev is None:  # a longer first conjunct: its verb in the same form ("wrestle only women (...) and berate")
            prev = next((k for k in range(c - 1, max(-1, c - 10), -1) if toks[k].upos == "VERB"
                         and _same_form(toks[k], toks[v])), None)
        if prev is not None and _unrealised(toks, low, prev, depth + 1):
            return True
    if v >= 1 and toks[v - 1].upos == "VERB" and toks[v - 1].lemma in _BARE_INFINITIVE:
        return _unrealised(toks, low, v - 1, depth + 1)  # "to help kidnap him"
    if v >= 2 and toks[v - 2].upos == "VERB" and toks[v - 2].lemma in _BARE_INFINITIVE \
            and toks[v - 1].upos in ("PROPN", "PRON") and _unrealised(toks, low, v - 2, depth + 1):
        return True  # "so Reggie can help Jack find Ganz"
    if v >= 2 and low[v - 1] == "by" and low[v].endswith("ing"):
        means = next((k for k in range(v - 2, max(-1, v - 9), -1) if toks[k].upos == "VERB"), None)
        if means is not None and _unrealised(toks, low, means, depth + 1):
            return True  # "a plot to kill Lestat by poisoning him", "hopes to win him over by showing him"
    j = v - 1
    while j >= 0 and (toks[j].upos in ("ADV", "AUX", "PART") or low[j] == "to"):
        if low[j] in _NEGATION or low[j] in _MODALS:
            return True
        if low[j] == "to" and j > 0:
            if low[j - 1] in _INTENT_NOUNS or low[j - 1] in _UNWILLING:
                return True  # "robs him of his chance to kill Munro", "in an attempt to rescue her"
            if toks[j - 1].text == "," and toks[v].lemma not in _SENSES and j == v - 1 and next(
                    (toks[k].lemma not in OBJECT_CONTROL for k in range(j - 2, -1, -1) if toks[k].upos == "VERB"), True):
                return True  # "turns the girl into a vampire, to give Louis a reason": a purpose (not "tasks Lock,
                # Shock and Barrel, a trio of children, to abduct Santa")
            if (low[j - 1] == "about" or low[j - 1] in _NOT_YET_ADJECTIVES) \
                    and _after_copula(toks, low, j - 1):
                return True  # "is about to give him", "is unable to visit him", "seems eager to meet her"
            gov = j - 1  # the verb the infinitive depends on: "wants to", "will use it to"
            reach = 5
            while gov >= 0 and gov > j - reach and (toks[gov].upos != "VERB" or low[gov] in _NAMING_PARTICIPLES) \
                    and low[gov] not in _NEGATION and not _possession(toks, low, gov):
                if low[gov] in _NAMING_PARTICIPLES:
                    reach += 2  # "hires a mercenary named X to ...": the infinitive depends on "hires"
                elif toks[gov].upos == "ADP" and reach < 9:
                    reach += 2  # "invites Bob into the city to meet friends": over a place
                gov -= 1
            if gov < 0 or gov <= j - reach:
                return False
            if toks[gov].upos != "VERB" and not _possession(toks, low, gov):
                return True  # "never to talk"
            return toks[gov].lemma in _UNREALISED or _unrealised(toks, low, gov, depth + 1)
        j -= 1
    if j >= 0 and toks[j].upos in ("PRON", "PROPN", "NOUN"):  # "demanding he apologizes": only demanded
        k = j - 1
        while k >= 0 and toks[k].upos in ("PRON", "PROPN", "NOUN", "DET", "ADJ", "PART"):
            k -= 1
        if k >= 0 and toks[k].upos == "VERB" and toks[k].lemma in _DEMAND:
            return True
        if k >= 0 and toks[k].upos in ("VERB", "AUX") and toks[k].lemma in ("have", "let", "make", "get") \
                and low[k] not in ("has", "had") and _unrealised(toks, low, k, depth + 1):
            return True  # "planning to have Perkins ambush him": only planned
    return False


def _after_copula(toks, low, k: int) -> bool:
    """Does the word at `k` follow a form of "be" (or "seem", "feel"...), adverbs aside?"""
    k -= 1
    while k >= 0 and toks[k].upos == "ADV":
        k -= 1
    return k >= 0 and (low[k] in _BE or toks[k].lemma in ("seem", "feel", "become", "remain", "appear"))


_PAST = {base: forms[1] for base, forms in IRREGULAR_VERBS.items()}
_THIRD = {base: forms[0] for base, forms in IRREGULAR_VERBS.items()}
_PERFECT_OR_PASSIVE = frozenset({"has", "have", "had", "having", "is", "was", "were", "are", "be", "been", "being",
                                 "am", "'s", "’s", "get", "gets", "got", "getting", "to"})


def _is_past_form(low: str, lemma: str) -> bool:
    """"killed", "told": is the word `low` (in lower case) a past form of the verb `lemma` (it differs from
    the present forms)?"""
    if low == lemma:
        return False
    if lemma in _PAST:
        return low == _PAST[lemma] and low != _THIRD[lemma]
    return low.endswith("ed")


def _is_present_form(low: str, lemma: str) -> bool:
    """"kills", "tells": is the word `low` (in lower case) the third person present of the verb `lemma`, the
    tense of plot summaries?"""
    if lemma in _THIRD:
        return low == _THIRD[lemma] and low != lemma
    return low != lemma and low.endswith("s") and not low.endswith("ss")


def _simple_past(toks, low, v: int) -> bool:
    """Is the verb at `v` in the simple past ("after he blinded a friend"), not a perfect, a passive or
    an infinitive ("has killed", "was killed", "to be told")?"""
    if toks[v].upos != "VERB" or not _is_past_form(low[v], toks[v].lemma):
        return False
    k = v - 1
    while k >= 0 and toks[k].upos == "ADV":
        k -= 1
    return k < 0 or low[k] not in _PERFECT_OR_PASSIVE and toks[k].upos != "AUX"


def tells_in_present(annotation: Annotation) -> bool:
    """Is the plot told in the present tense ("Ana meets Tom"), as plot summaries mostly are? Then a
    verb in the simple past inside it is backstory ("Prewitt refuses because he blinded a friend")."""
    memo = _LAST.get("tense")
    if memo is not None and memo[0] is annotation:
        return memo[1]
    present = past = 0
    for sent, low in zip(annotation.sentences, lowered_words(annotation)):
        toks = sent.tokens
        for v, t in enumerate(toks):
            if t.upos != "VERB":
                continue
            if _is_present_form(low[v], t.lemma):
                present += 1
            elif _simple_past(toks, low, v):
                past += 1
    answer = present >= 5 and present >= 2 * past
    _LAST["tense"] = (annotation, answer)
    return answer


def _mode(toks, v: int, low: Optional[Sequence[str]] = None) -> str:
    """recalled (inside what a character recalls), reported (inside a clause a speech or knowledge
    verb introduces: "learns that X killed Y"), else direct. `low`: the tokens' texts in lower case."""
    if low is None:
        low = [t.text.lower() for t in toks]
    s = v - 1
    while s >= 0 and toks[s].upos in ("ADV", "AUX", "PART") and low[s] != "to":
        s -= 1
    e = s
    while s >= 0 and (toks[s].upos in ("PROPN", "NOUN", "PRON", "DET", "ADJ", "NUM") or toks[s].text in ("'s", "’s")):
        s -= 1
    if 0 <= s < e and toks[s].text == "," and (low[0] in _SUBORDINATORS or toks[0].upos == "VERB") \
            and "," not in low[:s]:
        return "direct"  # "When his boss informs Lester that he is laid off, Lester blackmails him": the main clause
    for k in range(v - 1, -1, -1):
        t = toks[k]
        if low[k] in (";", ":") or low[k] in _SENTENCE_BREAK:
            break
        if low[k] in ("and", "so", "yet") and k > 0 and toks[k - 1].text == "," \
                and low[k + 1] not in _COMPLEMENTISERS \
                and not (toks[k + 1].upos == "VERB" and low[k + 1] == toks[k + 1].lemma):
            break  # "deduces that Flynn is the hacker, and she and Alan go": a new main clause (but not
            # "explains that it was a ploy to fool them, and expose Kuato")
        if t.upos == "VERB" and t.lemma in RECALL_VERBS:
            return "recalled"
        if t.upos == "VERB" and (t.lemma in REPORT_VERBS or t.lemma in _HYPOTHETICAL or t.lemma in _SAYING):
            words = low[k + 1:v]
            if v > 0 and low[v - 1] == "to":
                break
            if low[v - 1] == "and" and _is_present_form(low[v], toks[v].lemma) and _is_present_form(low[k], t.lemma) \
                    and any(_is_past_form(low[i], toks[i].lemma) or low[i] in ("had", "was", "were")
                            for i in range(k + 1, v - 1)):
                break  # "confesses that she cheated on him and begs him to stay": begs as she confesses
            if any(w in _COMPLEMENTISERS and not (w in ("who", "which") and i > 0 and words[i - 1] == ",")
                   for i, w in enumerate(words)):
                return "reported"  # not "tells Viggo, who beats Iosef": a relative clause
            for w in words:  # "tells Paul she has always loved him": a clause without "that"
                if w in _NOMINATIVE:
                    return "reported"
                if w in (",", "and", "but", "or"):
                    break
            else:
                if words and (_is_present_form(low[v], toks[v].lemma) or _is_past_form(low[v], toks[v].lemma)) \
                        and toks[v - 1].upos in ("PROPN", "NOUN", "PRON") \
                        and toks[k + 1].upos in ("PROPN", "DET", "PRON", "ADJ") \
                        and all(x.upos in ("PROPN", "NOUN", "DET", "ADJ", "PRON", "PART") for x in toks[k + 1:v]):
                    return "reported"  # "having realized Matty duped him"
            break
    return "direct"


def _parse_triples(si: int, sent: AnnotatedSentence, owner) -> list[Triple]:
    """Triples from a dependency parse (nsubj/obj/obl/iobj of interaction verbs)."""
    toks = sent.tokens
    low = [t.text.lower() for t in toks]
    out = []
    for v, t in enumerate(toks):
        info = INTERACTION_VERBS.get(t.lemma.lower())
        if info is None or t.upos != "VERB":
            continue
        subj = obj = None
        for i, d in enumerate(toks):
            if d.head != v or owner[i] is None or owner[i][1]:
                continue
            rel = (d.deprel or "").split(":")[0]
            if rel == "nsubj" and subj is None:
                subj = owner[i][0]
            elif rel in ("obj", "iobj") and obj is None:
                obj = owner[i][0]
            elif rel == "obl" and obj is None and any(x.head == i and x.text.lower() in info.preps for x in toks):
                obj = owner[i][0]
        if subj is None and t.deprel in ("xcomp", "conj", "advcl") and t.head is not None and t.head >= 0:
            for i, d in enumerate(toks):
                if d.head == t.head and (d.deprel or "").startswith("nsubj") and owner[i] is not None:
                    subj = owner[i][0]
        if subj and obj and subj != obj and not _unrealised(toks, low, v):
            obj_at = next(i for i, d in enumerate(toks) if owner[i] is not None and owner[i][0] == obj)
            prep = next((x.text.lower() for x in toks if x.head == obj_at and x.text.lower() in info.preps), None)
            label = f"{t.lemma.lower()} {prep}" if prep else t.lemma.lower()
            out.append(Triple(si, subj, obj, t.text, t.lemma.lower(), dataclasses.replace(info, type=label),
                              _mode(toks, v, low), _medium(toks, low, v, info), v))
    return out


_CLAUSE_OPENERS = frozenset({",", ";", ":", "and", "but", "then", "so", "when", "while", "as", "after", "before", "until",
                      "once", "because", "although", "though", "who", "later", "meanwhile", "finally", "eventually"})


def _verbs_after_subjects(toks, owner):
    """The tokens, with a lower-case plural "noun" right after a character opening a clause taken for the verb
    it is ("Jake enlists Gordo", "and Wallace implores the nobles"): the tagger reads some -s verbs as nouns;
    and a "noun" after the infinitive marker "to" for a verb. Both need the characters' mentions, found after
    tagging ("talks to police officers": a mention, no verb), so this is done here and not in the tagger."""
    out = None
    for k in range(1, len(toks)):
        t = toks[k]
        if t.upos != "NOUN" or owner[k] is not None:
            continue
        if t.text.isalpha() and t.text.islower() and (
                toks[k - 1].upos == "PART" and toks[k - 1].text.lower() == "to"
                or toks[k - 1].upos == "AUX" and toks[k - 1].text.lower() in _MODALS):
            if out is None:
                out = list(toks)
            out[k] = t._replace(upos="VERB")  # "hopes to secure his goodwill", "he will wrestle them"
            continue
        b = k - 1
        while b > 0 and toks[b].upos == "ADV" and owner[b] is None:
            b -= 1  # "He also tasks Lock"
        if owner[b] is None or owner[b][1] \
                or not t.text.isalpha() or not t.text.islower() or not t.text.endswith("s") \
                or t.text.endswith(("ss", "us", "is")) or t.lemma == t.text:
            continue
        start = owner[b][2]
        if start > 0 and toks[start - 1].text.lower() not in _CLAUSE_OPENERS:
            continue
        if k + 1 < len(toks) and toks[k + 1].upos in ("VERB", "AUX"):
            continue  # "Tom parents arrive": a noun after all
        if out is None:
            out = list(toks)
        out[k] = t._replace(upos="VERB")
    return toks if out is None else out


def find_triples(story: Story, annotation: Annotation) -> list[Triple]:
    """Every (subject, verb, object) between two characters, in text order."""
    owners = _token_owners(story, annotation)
    retagged = _retagged(story, annotation)
    use_parse = annotation.has_parse
    backstory = tells_in_present(annotation)  # then a simple past is what happened before the story
    lowered = lowered_words(annotation)
    out: list[Triple] = []
    for si, sent in enumerate(annotation.sentences):
        owner = owners.get(si)
        if owner is None:
            continue
        if use_parse:
            out.extend(_parse_triples(si, sent, owner))
            continue
        toks, low = retagged[si], lowered[si]
        clause_subject: Optional[str] = None
        last_object: Optional[str] = None
        last_subject: Optional[str] = None
        perceived: Optional[str] = None  # the object of a perception verb, subject of later participles
        last_lemma = ""
        last_verb = -1
        blocked = False  # the current clause's subject is no character ("the operator ... and sends her")
        current: Optional[str] = None  # the subject of the latest main clause, for its coordinated verbs
        infinitive: Optional[tuple] = None  # (subject,) of the latest infinitive
        local = None  # the subject of the latest finite verb, in any clause: a character, False or None
        local_past = False  # that verb is in the simple past
        relative = False  # that verb opens a relative clause ("who murders")
        topical = -2  # a gerund only talked about ("over Connie replacing her")
        verb_subject: Optional[str] = None  # the subject of the latest verb
        for v, t in enumerate(toks):
            if t.text in (";", ":"):  # a new clause, or a quoted order ("orders her to choose: kill X"):
                clause_subject = last_object = last_subject = perceived = current = infinitive = None
                local = verb_subject = None  # nor does the subject of the last verb
                blocked = relative = False
                continue
            if owner[v] is not None and not owner[v][1] and clause_subject is None and owner[v][2] == v \
                    and not (v > 0 and low[v - 1] in ("that", "who", "whom", "which")):
                nxt = v + 1  # not "the woman that Ned met had ...": a relative clause's subject
                while nxt < len(toks) and owner[nxt] is not None and owner[nxt][0] == owner[v][0]:
                    nxt += 1
                if nxt < len(toks) and toks[nxt].upos in ("VERB", "AUX", "ADV"):
                    clause_subject = owner[v][0]
            if t.upos != "VERB":
                continue
            info = INTERACTION_VERBS.get(t.lemma) if owner[v] is None else None  # "hired actresses": no act
            act, reach = t.lemma, v  # the verb of the table, and the last word of the phrase standing for it
            for (lemma, words), meaning in _IDIOMS.items() if t.lemma in _IDIOM_LEMMAS else ():
                if t.lemma == lemma and tuple(low[v + 1:v + 1 + len(words)]) == words:
                    act, reach, info = meaning, v + len(words), INTERACTION_VERBS[meaning]  # "keeps an eye on"
            if info is not None and v + 1 < len(toks) and (t.lemma, low[v + 1]) in _OTHER_SENSES:
                info = None  # "calls together Lynne and Zmuda": gathers them, no phone call
            joined = None
            to = _infinitive_to(toks, low, v)
            pv = to if to >= 0 else v - 1  # over a split infinitive's adverbs: "to abruptly hang up"
            prev = low[pv] if pv >= 0 else ""
            requester = None  # who asked for this act, when it is only asked for
            if prev == "to" and last_lemma in OBJECT_CONTROL and (last_object is not None or
                                                                  _has_object(toks, owner, last_verb, pv)):
                subj = last_object  # object control: "asks her to train X" -> she trains X; "prompts the
                # program to give him X": the program gives, and it is no character
                requester = verb_subject if last_lemma in _REQUESTS else None
            elif prev == "to":
                subj = last_subject or (None if blocked else current or clause_subject)  # "calls him to ask"
            elif prev in ("and", "or") and last_verb >= 0 and last_verb == v - 2 and toks[v - 2].upos == "VERB" \
                    and t.text.endswith("s") == toks[v - 2].text.endswith("s"):
                subj = verb_subject  # "Viggo, who beats and berates Iosef": who berates too
            elif prev in (",", "and", "or") and infinitive is not None and low[v] == t.lemma:
                subj = infinitive[0]  # "allowing John to free himself, kill Kirill": John kills
            elif last_verb >= 1 and low[v] == t.lemma and _infinitive_to(toks, low, last_verb) >= 0 \
                    and _joins_previous(toks, last_verb, v) and last_subject is not None:
                subj = joined = last_subject  # "causes him to hang up and block her number": he blocks it
            elif prev == "," and t.text.endswith("ing") and perceived is not None:
                subj = perceived  # "notices a woman pacing..., talking to X" -> the woman talks
            elif prev in _ADVERBIAL and t.text.endswith("ing") and local is not None and v >= 2 \
                    and low[v - 2] not in (",", ";", "and", "but"):  # not "but upon hearing X, Todd"
                subj = local or None  # "as the sniper kills Ana before killing him": the sniper kills
            elif prev == "and" and t.text.endswith("ing") and v - 8 < last_verb and toks[last_verb].text.endswith("ing") \
                    and toks[last_verb].upos == "VERB":
                subj = verb_subject  # "stabbing Will and capturing Laura": one subject
            elif prev == "," and t.text.endswith("ing") and relative and local is not None:
                subj = local or None  # "X-24, a clone, who murders Will's family, stabbing Will": the clone stabs
            else:
                subj = _subject(toks, low, owner, v, None if blocked else current or clause_subject)
                stated = _stated_subject(toks, low, owner, v)
                if stated is not None:  # a main clause's subject in the text: a character, or something else
                    blocked, current = stated is False, stated or None
                    if blocked:
                        last_subject = None
                if subj is not None and v > 0 and owner[v - 1] is not None and t.text.endswith("ing") \
                        and owner[v - 1][2] > 0 and low[owner[v - 1][2] - 1] in _TOPIC_PREPS:
                    topical = v  # "argues with him over Connie replacing her": what they argue about, no act
            if prev == "to" and topical == last_verb:
                topical = v  # "about a guest making his way to meet her"
            last_subject, last_lemma, last_verb, verb_subject = subj or last_subject, t.lemma, v, subj
            if prev not in ("to", "and", "or") and not t.text.endswith("ing"):
                local, local_past = _local_subject(toks, owner, v, low), _simple_past(toks, low, v)
                relative = _after_relative(toks, low, v)
            if prev == "to" and subj is not None and subj == last_object:
                infinitive = (subj,)  # the one told or let to act, for the bare verbs coordinated with it
            elif low[v] != t.lemma or prev == "to":
                infinitive = None
            if subj is not None and (v == 0 or owner[v - 1] is not None and not (
                    owner[v - 1][2] > 0 and low[owner[v - 1][2] - 1] in ("that", "who", "whom", "which"))):
                clause_subject = clause_subject or subj  # not from "the woman that Ned met had ..."
            received = _received(toks, owner, v) if t.lemma in _RECEIVE and subj is not None else None
            if received is not None and subj is not None and received[0] != subj and not _unrealised(toks, low, v):
                sender, act = received  # "takes a phone call from her father": he calls her
                rinfo = INTERACTION_VERBS[act]
                mode = _mode(toks, v, low)
                if mode == "direct" and backstory and _simple_past(toks, low, v):
                    mode = "recalled"
                out.append(Triple(si, sender, subj, t.text, act, rinfo, mode, _medium(toks, low, v, rinfo), v))
                last_object = None
                continue
            if info is None:
                obj, _ = _object(toks, low, owner, v, NO_VERB)
                last_object = obj
                continue
            if _naming(toks, owner, v):  # "a waitress called Sueleen": a name given, no act
                last_object = None
                continue
            if is_passive(toks, v, low):
                if v + 1 < len(toks) and low[v + 1] == "by":
                    agent, prep = _object(toks, low, owner, v + 1, info)
                    subj, obj = agent, subj  # "Tom is attacked by Ana": Ana attacks Tom
                else:
                    subj = obj = prep = None  # "Erin is given files": no agent to name
            else:
                obj, prep = _object(toks, low, owner, reach, info, act)
                if obj is not None and _complement_subject(toks, low, owner, v, obj):
                    obj = None  # "discovers Jim is an actor", "explains how Life Extension works": no act on them
                if obj is not None and prep is None and t.lemma in _TO_SOMEONE:
                    obj = None  # "reveals him to the police as the murderer": he is what is revealed
                if obj is not None and _gone(toks, owner, v, obj):
                    obj = None  # "finds him gone": nobody is met
                if obj is None and prev == "," and v >= 2 and t.lemma in _ADDRESSED and info.preps and last_object is not None \
                        and owner[v - 2] is not None and owner[v - 2][0] == last_object and not owner[v - 2][1]:
                    obj, prep = last_object, info.preps[0]  # "calls Tom, apologising for...": apologises to Tom
                if joined is not None and obj == joined:  # "convince him to kidnap X and encourage him": they do
                    subj = _subject(toks, low, owner, v, None if blocked else current or clause_subject)
            last_object = obj
            if t.lemma in _PERCEPTION and obj is not None and prep is None and _doing(toks, owner, v, obj):
                perceived = obj  # "finds her crying", not "catches up with them, capturing X", "goes to see
                # Claudia, telling her": the one seen is the subject of the participles only when seen doing
            if obj is not None and obj == requester:
                obj = None  # "asks Cora to marry him", "begs him to stay with her": asked of them, not yet done
            if subj and obj and subj != obj and topical != v and not _unrealised(toks, low, v) \
                    and not _causative(toks, owner, v, obj):
                label = f"{act} {prep}" if prep else act
                typed = dataclasses.replace(info, type=label)
                mode, medium = _mode(toks, v, low), _medium(toks, low, reach, info)
                if mode == "direct" and backstory and (_simple_past(toks, low, v) or prev in _ADVERBIAL
                                                       and t.text.endswith("ing") and local_past):
                    mode = "recalled"  # "because he blinded a friend", "killed two girls before killing Ana"
                if is_passive(toks, v, low):  # "greeted by Alan and Lora": each agent acts
                    pairs = [(a, obj) for a in [subj] + _coordinated(toks, owner, subj, v)]
                else:  # "tasks Lock, Shock and Barrel": each object is acted on
                    pairs = [(subj, o) for o in [obj] + _coordinated(toks, owner, obj, v)]
                for a, b in dict.fromkeys(pairs):  # an apposition can repeat a character
                    if a != b:
                        out.append(Triple(si, a, b, t.text, act, typed, mode, medium, v))
    return out


def _infinitive_to(toks, low, v: int) -> int:
    """The position of the "to" of the verb at `v` when it is a "to" infinitive ("to (abruptly) hang
    up"), else -1."""
    j = v - 1
    while j >= 0 and toks[j].upos == "ADV":
        j -= 1
    return j if j >= 0 and low[j] == "to" else -1


def _joins_previous(toks, prev_verb: int, v: int) -> bool:
    """Is the verb at `v` coordinated with the verb at `prev_verb` ("hang up and (then) block")?"""
    j = v - 1
    while j > prev_verb and toks[j].upos == "ADV":
        j -= 1
    if j <= prev_verb or toks[j].text.lower() not in ("and", "or"):
        return False
    return all(toks[k].upos not in ("PUNCT", "SCONJ", "VERB", "AUX") for k in range(prev_verb + 1, j)) and j - prev_verb <= 5


def _after_mention(toks, owner, v: int, cid: str) -> Optional[int]:
    """The position after the first mention of `cid` following the verb at `v` (None without one)."""
    k = next((j for j in range(v + 1, len(toks)) if owner[j] is not None and owner[j][0] == cid), None)
    if k is None:
        return None
    start = owner[k][2]
    while k < len(toks) and owner[k] is not None and owner[k][0] == cid and owner[k][2] == start:
        k += 1  # "tells Jimmy he deserves": "he" is another mention
    return k


def _doing(toks, owner, v: int, obj: str) -> bool:
    """Is the object of the perception verb at `v` seen doing something ("finds her crying")?"""
    k = _after_mention(toks, owner, v, obj)
    return k is not None and k < len(toks) and toks[k].upos == "VERB" and toks[k].text.lower().endswith("ing")



def _complement_subject(toks, low, owner, v: int, obj: str) -> bool:
    """Is the mention after the verb at `v` the subject of a clause the verb introduces ("discovers Jim is an
    actor", "learns Tom killed Ana", "explains how Life Extension uses"), not its object?"""
    j = v + 1
    while j < len(toks) and owner[j] is None and toks[j].upos in ("ADV", "DET", "SCONJ", "PRON"):
        if low[j] in _COMPLEMENTISERS_NOT_WHO:
            return True
        j += 1
    if toks[v].lemma not in _CLAUSAL or toks[v].lemma in _DEMAND:
        return False  # "demanding he apologizes": asked of him; "finds Tom has been shot": they meet
    k = _after_mention(toks, owner, v, obj)
    if k is not None and k + 1 < len(toks) and low[k] == "the" and toks[k + 1].upos == "PROPN":
        k += 2  # "Robert the Bruce was fighting": an epithet of the name
    while k is not None and k < len(toks) and toks[k].upos == "ADV" and low[k] not in ("there", "here"):
        k += 1
    if k is None or k >= len(toks):
        return False
    nxt = toks[k]
    if nxt.upos == "AUX" and low[k] not in ("to", "being"):
        return True
    return nxt.upos == "VERB" and (_is_present_form(low[k], nxt.lemma) or toks[v].lemma in _KNOWING
                                   and _is_past_form(low[k], nxt.lemma) and k + 1 < len(toks) and low[k + 1] != "by")


_SENSES = frozenset("find discover see learn hear realize realise notice".split())  # ", only to find her gone"
_KNOWING = frozenset("discover learn realize realise notice know reveal suspect fear believe".split())
# verbs that can take a clause for object ("tells Tom Ana is gone", "discovers Jim is an actor")
_CLAUSAL = _KNOWING | REPORT_VERBS | _HYPOTHETICAL | _MENTAL | frozenset(
    "tell warn inform convince persuade assure promise show remind ask admit confess explain notify".split())


# verbs of asking: what they ask someone to do to the asker is not done yet ("asks Cora to marry him")
_REQUESTS = frozenset("ask beg urge invite want expect implore plead encourage persuade convince tell".split())
# verbs whose person is reached through "to" only ("reveals X to Y": X is revealed, Y told)
_TO_SOMEONE = frozenset("reveal explain admit confess apologise apologize reply report".split())


def _gone(toks, owner, v: int, obj: str) -> bool:
    """Is the object of the verb at `v` found gone ("finds him gone", "finds the room empty")?"""
    k = _after_mention(toks, owner, v, obj)
    return k is not None and k < len(toks) and toks[k].text.lower() in ("gone", "missing", "absent")


_ADVERBIAL = frozenset({"before", "after", "while", "without", "upon", "by", "when"})
_TOPIC_PREPS = frozenset({"over", "about", "of", "at", "against", "despite", "to"})  # "angry at Tom leaving"
_CAUSATIVE_AUX = frozenset({"has", "have", "had", "having", "gets", "get", "got"})


def _of_phrase(toks, owner, k: int) -> bool:
    """Is the mention ending at `k` the complement of "of" ("a clone of Logan, who murders"), so that
    a relative pronoun after it stands for the noun before "of"?"""
    start = owner[k][2]
    return start > 0 and toks[start - 1].text.lower() == "of"


def _after_relative(toks, low, v: int) -> bool:
    """Does the verb at `v` follow a relative pronoun ("who murders", "which hits"), adverbs aside?"""
    j = v - 1
    while j >= 0 and toks[j].upos in ("ADV", "AUX"):
        j -= 1
    return j >= 0 and low[j] in ("who", "which")


def _local_subject(toks, owner, v: int, low: Optional[Sequence[str]] = None):
    """The subject just before the finite verb at `v`, main clause or not: a character's id, False for
    another noun phrase ("as the sniper kills Ana"), None when there is none in sight.
    `low`: the tokens' texts in lower case (made here when not given)."""
    if low is None:
        low = [t.text.lower() for t in toks]
    j = v - 1
    while j >= 0 and (toks[j].upos in ("ADV", "AUX", "PART") and low[j] != "to"):
        j -= 1
    if j < 0:
        return None
    if owner[j] is not None and owner[j][2] > 0 and low[owner[j][2] - 1] in _CAUSATIVE_AUX:
        j = owner[j][2] - 2  # "who has Marcus beaten": the one who has it done
        while j >= 0 and (toks[j].upos in ("ADV", "AUX", "PART") and low[j] != "to"):
            j -= 1
        if j < 0:
            return None
    if owner[j] is not None:
        return None if owner[j][1] else owner[j][0]
    if low[j] in ("who", "which", "that"):
        k = j - 1 if j > 0 and toks[j - 1].text != "," else j - 2
        return (owner[k][0] if owner[k] is not None and not owner[k][1] and not _of_phrase(toks, owner, k) else False
                ) if k >= 0 else None
    if toks[j].upos in ("NOUN", "PROPN") or toks[j].upos == "PRON" and low[j] not in ("it", "this"):
        return False
    return None


def _stated_subject(toks, low, owner, v: int):
    """The subject the finite verb at `v` has in the text when it opens a main clause: a character's
    id, False for another noun or pronoun ("..., but the operator attempts", "it explodes"), None when
    it has none and takes the subject of its clause (", and sends") or stands in a subordinate one."""
    j = v - 1
    while j >= 0 and (toks[j].upos in ("ADV", "AUX", "PART") and low[j] != "to"):
        j -= 1
    if j < 0 or toks[v].text.endswith("ing"):
        return None
    if owner[j] is not None:
        if owner[j][1]:
            return None
        k, stated = owner[j][2] - 1, owner[j][0]
    elif toks[j].upos in ("NOUN", "PROPN", "NUM") or toks[j].upos == "PRON" and \
            low[j] not in ("who", "that", "which"):
        k, stated = j - 1, False
    else:
        return None
    k = _before_noun_phrase(toks, low, k)  # the noun phrase must open a main clause: ", but the operator attempts"
    return stated if k < 0 or low[k] in _MAIN_CLAUSE_OPENERS else None


def _has_object(toks, owner, verb: int, to: int) -> bool:
    """Does the verb at `verb` have an object (a noun, not a character) before the "to" at `to`?"""
    return verb >= 0 and any(owner[k] is None and toks[k].upos in ("NOUN", "PROPN", "PRON")
                             for k in range(verb + 1, to))


_NAMING_LEMMAS = frozenset({"call", "name", "nickname", "dub", "rename"})
_QUOTES = frozenset({'"', "'", "“", "‘"})


def _naming(toks, owner, v: int) -> bool:
    """"a waitress called Sueleen", "a Mohawk named Magua": a participle giving a name to an
    indefinite noun phrase; "they call him Max": a verb of naming with its object and the name."""
    if toks[v].lemma in _NAMING_LEMMAS and v + 1 < len(toks) and owner[v + 1] is not None:
        k = v + 1  # "they call him Martius": the object is given a name, nobody is phoned
        while k < len(toks) and owner[k] is not None and owner[k][0] == owner[v + 1][0]:
            k += 1
        while k < len(toks) and toks[k].text in _QUOTES:
            k += 1
        if k < len(toks) and toks[k].upos == "PROPN" and toks[k].text[:1].isupper():
            return True
    if toks[v].text.lower() not in _NAMING_PARTICIPLES:
        return False
    k = v - 1
    while k >= 0 and (toks[k].upos in ("ADJ", "NOUN", "PROPN") or owner[k] is not None):
        k -= 1
    return k >= 0 and k < v - 1 and toks[k].text.lower() in ("a", "an", "one", "another")


def _causative(toks, owner, v: int, obj: str) -> bool:
    """"orders her executed", "has Marcus beaten": the object undergoes another act, not this one."""
    k = next((j for j in range(v + 1, min(len(toks), v + 6)) if owner[j] is not None and owner[j][0] == obj), None)
    if k is None:
        return False
    while k + 1 < len(toks) and owner[k + 1] is not None and owner[k + 1][0] == obj:
        k += 1
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    return nxt is not None and nxt.upos == "VERB" and nxt.text.lower().endswith(("ed", "en")) \
        and nxt.text.lower() != toks[v].text.lower() and nxt.text.lower() not in _NAMING_PARTICIPLES


def _coordinated(toks, owner, first: str, v: int) -> list[str]:
    """The characters listed after `first` ("tasks Lock, Shock and Barrel", "greeted by Alan and Lora")."""
    k = next((j for j in range(v + 1, len(toks)) if owner[j] is not None and owner[j][0] == first), None)
    out: list[str] = []
    while k is not None:
        j = k
        while j + 1 < len(toks) and owner[j + 1] is not None and owner[j + 1][0] == owner[k][0]:
            j += 1
        m = j + 1
        while m < len(toks) and toks[m].text.lower() in (",", "and", "the", "his", "her", "their"):
            m += 1
        if m > j + 1 and m < len(toks) and owner[m] is not None and owner[m][2] == m and not owner[m][1] \
                and {t.text.lower() for t in toks[j + 1:m]} & {",", "and"} and not _starts_clause(toks, owner, m):
            out.append(owner[m][0])
            k = m
        else:
            k = None
    return out


def _starts_clause(toks, owner, m: int) -> bool:
    """Is the mention starting at `m` the subject of a new clause ("replacing her, and he accuses
    her"): a nominative pronoun, or a mention followed by its verb?"""
    if toks[m].text.lower() in _NOMINATIVE:
        return True
    e = m
    while e + 1 < len(toks) and owner[e + 1] is not None and owner[e + 1][0] == owner[m][0]:
        e += 1
    e += 1
    while e < len(toks) and toks[e].upos == "ADV":
        e += 1
    return e < len(toks) and (toks[e].upos == "AUX" or toks[e].upos == "VERB" and not toks[e].text.endswith("ing"))


_LIST_WORDS = frozenset({",", "and", "the", "his", "her", "their", "a", "an", "both"})
# words that end the clause a mention is read in for a partner ("Nick must live with", "never meets Ana")
_SCENE_BREAK = (_CLAUSE_BREAK - {"and"}) | _MODALS | _NEGATION


def _mention_starts(owner) -> list[int]:
    """Token positions where a (non-possessive) character mention starts."""
    return [k for k, o in enumerate(owner) if o is not None and o[2] == k and not o[1]]


def _together(toks, owner, backstory: bool = False, low: Optional[Sequence[str]] = None) -> set[frozenset[str]]:
    """Pairs of characters the sentence puts together: coordinated subjects ("Tyler and Marla
    begin..."), "X ... with Y" in one clause, and subject and object of one verb (`backstory`: the plot
    is told in the present, so a clause in the simple past happened before it and puts nobody on stage).
    `low`: the tokens' texts in lower case (`lowered_words`), made here when not given."""
    pairs: set[frozenset[str]] = set()
    n = len(toks)
    if low is None:
        low = [t.text.lower() for t in toks]
    conditional = _conditional_tokens(low)  # "If Danny and his crew win, ..."
    starts = [k for k in _mention_starts(owner) if k not in conditional]

    def end_of(k: int) -> int:
        j = k
        while j + 1 < n and owner[j + 1] is not None and owner[j + 1][0] == owner[k][0]:
            j += 1
        return j + 1

    # coordinated mentions acting together as a subject
    run = [starts[0]] if starts else []
    closed = False  # the run's list has had its "and": a mention after a bare comma opens another phrase
    for a, b in zip(starts, starts[1:]):
        gap = set(low[end_of(a):b])
        if gap and gap <= _LIST_WORDS and ("and" in gap or "," in gap) \
                and not ("," in gap and low[b] in _NOMINATIVE) \
                and not (closed and "and" not in gap and _clause_before(toks, owner, b)) and "both" not in gap:
            # not "her, and he accuses", "a danger to Hal and Cait, Sam leaves", "the officer and both Stu and Bo"
            run.append(b)
            closed = closed or "and" in gap
            continue
        _coordinated_subject(toks, low, owner, run, end_of, pairs, backstory)
        run = [b]
        closed = False
    if run:
        _coordinated_subject(toks, low, owner, run, end_of, pairs, backstory)
    # X ... with Y, and X <verb> Y, inside one clause
    for k in starts:
        j = end_of(k)
        verb_seen = False
        gov = -1  # the latest verb: the one a "with" depends on
        while j < n:
            t = toks[j]
            if low[j] in _SCENE_BREAK:
                break  # "Nick must live with his father", "never meets Ana": no scene together
            if owner[j] is not None and owner[j][2] == j:
                if owner[j][1]:
                    break
                prev = low[j - 1]
                prev2 = low[j - 2] if j > 1 else ""
                if verb_seen and ((prev == "with" or prev2 == "with" and toks[j - 1].upos == "DET")
                                  and _acted(toks, low, gov)
                                  and not _feeling_with(toks, j - 1 if prev == "with" else j - 2, low)
                                  or toks[j - 1].upos == "VERB" and toks[j - 1].lemma not in INTERACTION_VERBS
                                  and toks[j - 1].lemma not in _MENTAL and toks[j - 1].lemma not in REPORT_VERBS
                                  and not _starts_clause(toks, owner, j)
                                  and not _unrealised(toks, low, j - 1) and _mode(toks, j - 1, low) == "direct"
                                  and not (j > 1 and prev2 == "to")):  # "works undercover to get X": a purpose
                    pairs.add(frozenset((owner[k][0], owner[j][0])))  # not "fears he is dead", "to get X"
                break
            if backstory and t.upos == "VERB" and _simple_past(toks, low, j):
                break  # "after he blinded a friend": backstory, nobody on stage
            if t.upos == "VERB":
                verb_seen, gov = True, j
            j += 1
    return {p for p in pairs if len(p) == 2}


# what one feels or is for someone ("obsessed with", "in love with"), not being with them
_FEELINGS = frozenset("""obsessed enamored enamoured infatuated fascinated smitten besotted impressed pleased
    satisfied disappointed frustrated annoyed angry furious upset angered charmed familiar friends friendly jealous
    bored fed love concerned preoccupied unhappy happy content consumed taken""".split())


_SIDING = frozenset("disagree side sympathize sympathise identify empathize empathise".split())


def _feeling_with(toks, w: int, low: Optional[Sequence[str]] = None) -> bool:
    """Does the "with" at `w` follow a feeling or a state after a copula ("becomes obsessed with Samantha",
    "is in love with Tom"), not an act ("is reunited with Ana")? `low`: the tokens' texts in lower case."""
    if low is None:
        low = [t.text.lower() for t in toks]
    k = w - 1
    if k >= 1 and low[k] == "love" and low[k - 1] == "in":
        return True
    if k >= 0 and toks[k].lemma in _SIDING:
        return True  # "disagrees with Thompson": an opinion
    return k >= 0 and (low[k] in _FEELINGS or toks[k].upos == "ADJ") and _after_copula(toks, low, k)


def _clause_before(toks, owner, b: int) -> bool:
    """Is there a verb with its subject before `b` ("Worried that she poses a danger to Hal and Cait, Sam
    leaves"), not only a verbless or participial phrase ("Joined by Legolas and Gimli, Aragorn travels")?"""
    if toks[0].text.lower() in _SUBORDINATORS:
        return True  # "After being refused passage on the ferry that took Cogburn and LaBoeuf, Mattie goads..."
    return any(toks[k].upos in ("VERB", "AUX") and k > 0 and (owner[k - 1] is not None or toks[k - 1].upos in
                                                               ("NOUN", "PROPN", "PRON")) for k in range(b))


def _acted(toks, low, v: int) -> bool:
    """Is the verb at `v` told as done ("leaves with Mitch"), not only intended, ordered or said ("to set up a
    tryst with Maxine", "decides to live with Tom", "warns her that Craig is with Tom")?"""
    if v > 0 and low[v - 1] == "to":
        gov = next((k for k in range(v - 2, max(-1, v - 7), -1) if toks[k].upos == "VERB"), None)
        if gov is not None and toks[gov].lemma in OBJECT_CONTROL:
            return False  # "asks Tyler to meet with the lawyers", "forces her to set up a tryst with Maxine"
    return not _unrealised(toks, low, v) and _mode(toks, v, low) == "direct"


def _conditional_tokens(low: Sequence[str]) -> set[int]:
    """Indices of the tokens inside an if/unless clause (after "if"/"unless", up to its comma), in one pass
    over the sentence's lower-cased words `low`."""
    inside: set[int] = set()
    if "if" not in low and "unless" not in low:
        return inside  # most sentences: no condition
    state = False
    for k, word in enumerate(low):
        if state:
            inside.add(k)
        if word in ("if", "unless"):
            state = True
        elif word in (",", ";", ":"):
            state = False
    return inside


def _coordinated_subject(toks, low, owner, run: list[int], end_of, pairs: set, backstory: bool = False) -> None:
    """Adds to `pairs` the characters of `run` (the starts of coordinated mentions) when they are one subject
    acting together ("Tyler and Marla begin"); `low`: the tokens' texts in lower case."""
    if len(run) < 2:
        return
    j = end_of(run[-1])
    while j < len(toks) and toks[j].upos in ("ADV", "AUX", "PART"):
        if low[j] in _MODALS or low[j] in _NEGATION:
            return  # "Tom and Ana must part", "Tom and Ana never meet": not on stage together
        j += 1
    if j < len(toks) and (toks[j].upos == "VERB" and _is_present_form(low[j], toks[j].lemma) or
                          j > end_of(run[-1]) and low[j - 1] in ("is", "has", "was", "does")) \
            and "," not in low[run[0]:run[-1]] \
            and not (run[0] > 0 and low[run[0] - 1] in ("between", "with", "of")):
        return  # "inquire about Betelgeuse and Juno explains": a verb in the singular has one subject
    if backstory and j < len(toks) and _simple_past(toks, low, j) and low[j] not in _NAMING_PARTICIPLES:
        return  # "Velvet, Poole and Machine received the money": before the story's present
    # "done to him by Munro, and Cora be burned", "accuses Ana and he leaves": the first mentions of
    # the run are objects, not part of a subject list ("watches Tom and Ana dance" is still one)
    nonfinite = j < len(toks) and toks[j].upos == "VERB" and (toks[j].text.endswith("ing") or toks[j].text == toks[j].lemma)
    while len(run) > 1:
        before = run[0] - 1
        while before >= 0 and toks[before].upos in ("DET", "ADJ"):
            before -= 1
        if before < 0 or low[before] in ("between", "as", "while"):
            break
        comma = "," in low[end_of(run[0]):run[1]]  # "by Legolas and Gimli" is one list
        if not (toks[before].upos == "ADP" and comma or toks[before].upos == "VERB" and (comma or not nonfinite)):
            break
        run = run[1:]
    if len(run) < 2 or _mode(toks, run[0], low) != "direct":
        return  # "reminds her she and her husband were...": remembered or reported, not on stage
    if j < len(toks) and toks[j].upos != "VERB" and low[j - 1] in _BE \
            and toks[j].upos in ("DET", "PROPN", "PRON", "NUM"):
        return  # "Alice and Emmett are their children", "Bodhi and his gang are the robbers": who they are
    if j < len(toks) and (toks[j].upos == "VERB" or toks[j - 1].upos == "AUX" and j > end_of(run[-1])):
        ids = [owner[k][0] for k in run]
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                pairs.add(frozenset((a, b)))


def _token_owners(story: Story, annotation: Annotation) -> dict[int, list]:
    """`_token_owner` of every sentence with mentions (remembered for the last story and annotation)."""
    memo = _LAST.get("owners")
    if memo is not None and memo[0] is story.characters and memo[1] is annotation:
        return memo[2]
    by_sentence = sentence_mentions(story)
    named = {si: {cid for _, _, cid, form in mentions if form != "pronoun"} for si, mentions in by_sentence.items()}
    referred = {si: {cid for _, _, cid, _ in mentions} for si, mentions in by_sentence.items()}
    out = {si: _token_owner(annotation.sentences[si], mentions, frozenset(named[si] | named.get(si - 1, set())),
                            frozenset(named.get(si - 2, set()) | referred.get(si - 1, set()) & named.get(si - 3, set())))
           for si, mentions in by_sentence.items()}
    _LAST["owners"] = (story.characters, annotation, out)
    return out


def _retagged(story: Story, annotation: Annotation) -> dict[int, list]:
    """`_verbs_after_subjects` of every sentence with mentions (remembered for the last story and annotation)."""
    memo = _LAST.get("retagged")
    if memo is not None and memo[0] is story.characters and memo[1] is annotation:
        return memo[2]
    out = {si: _verbs_after_subjects(annotation.sentences[si].tokens, owner)
           for si, owner in _token_owners(story, annotation).items()}
    _LAST["retagged"] = (story.characters, annotation, out)
    return out


def _present(story: Story, annotation: Annotation) -> dict[int, list[frozenset[str]]]:
    """Per sentence, the pairs of characters the text puts on stage together (see `_together`)."""
    out: dict[int, list[frozenset[str]]] = {}
    backstory = tells_in_present(annotation)
    retagged = _retagged(story, annotation)
    lowered = lowered_words(annotation)
    for si, owner in _token_owners(story, annotation).items():
        pairs = _together(retagged[si], owner, backstory, lowered[si])
        out[si] = sorted(pairs, key=sorted)
    return out


def _event_of(events: tuple[Event, ...]) -> dict[int, Event]:
    return {s: e for e in events for s in e.sentences}


def find_interactions(story: Story, annotation: Annotation, triples: Optional[list[Triple]] = None) -> Story:
    """Directed interactions from verbs, plus co-presence of characters the text puts together
    (see `_together`), one per pair and event.
    `triples` (from `find_triples` on the same characters) saves finding them again."""
    event_of = _event_of(story.events)
    kinds = {c.id: c.kind for c in story.characters}
    out: list[Interaction] = []
    linked: set[tuple[str, frozenset[str]]] = set()
    emitted: set[tuple] = set()
    for tr in find_triples(story, annotation) if triples is None else triples:
        ev = event_of.get(tr.sentence)
        key = (tr.subject, tr.object, tr.info.type, tr.sentence, tr.mode)
        if ev is None or key in emitted:
            continue  # one act is listed once, even when two verbs of the sentence give it ("tells her ... tell")
        emitted.add(key)
        out.append(Interaction(tr.subject, tr.object, ev.id, tr.sentence, tr.info.type, tr.verb, True,
                               tr.info.valence, tr.medium, tr.mode))
        linked.add((ev.id, frozenset((tr.subject, tr.object))))
    present_in = _present(story, annotation)
    for ev in story.events:
        seen: set[frozenset[str]] = set()
        for si in ev.sentences:
            for pair in present_in.get(si, ()):
                if pair in seen or (ev.id, pair) in linked or any(kinds.get(c) not in ("person", "group") for c in pair):
                    continue
                seen.add(pair)
                a, b = sorted(pair)
                out.append(Interaction(a, b, ev.id, si, "copresence", "", False, "neutral", None, "copresence"))
    out.sort(key=lambda x: (x.sentence, x.mode == "copresence", x.source, x.target, x.type))
    return dataclasses.replace(story, interactions=tuple(out))
