"""The character linker: names, roles and pronouns → characters with mentions and relations.

One left-to-right pass over the plot keeps a list of entities "in play": a proper
name joins its alias cluster, a role phrase joins the entity it names (apposition,
anchor + role, a definite description) or introduces a new one, a pronoun resolves
to the most salient agreeing entity or stays unresolved. Cast credits from every
source then add aliases and actors.
"""
from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterator, Optional, Sequence

from ..model import Character, Credit, Mention, Relation, Story
from ..nlp.base import Annotation
from ..nlp.lexicon import NUMBERS
from .lexicon import (ADDRESS_TITLES, ANIMALS, FOLLOWED_VERBS, KINSHIP, PLACE_ORG_HEADS, PLACE_PREFIXES, PLACES, ROLE_WORDS, TITLE_GENDER,
                      canonical_role, role_info, singular_role)
from .mentions import Candidate, find_candidates, modifies_noun
from ..interactions import OBJECT_CONTROL, lowered_words
from ..verbs import INTERACTION_VERBS, NO_VERB
from .names import fold, is_title, slugify

__all__ = ["link_characters"]

_PLACE_PREPS = frozenset("""in at from into near across toward towards outside inside around throughout within onto
aboard""".split())
_INFOBOX_PEOPLE = re.compile(r"direct|writ|produc|starr|cinemat|edit|music|screenplay|story|based|narrat|cast", re.I)
_PLACE_TITLES = frozenset({"st", "saint", "mount", "mt", "fort"})  # "St. Louis" is a city
_THING_NOUNS = frozenset("""machine car truck device computer program software drug weapon gun book novel film
movie song album game toy ship boat plane spaceship vessel brand product chip virus disease drink magazine show
series website app building hotel hospital prison town city village planet country island estate mansion
band newspaper station shuttle spacecraft starship submarine aircraft airline flight train rocket missile bomb
project operation""".split())
_OWNED_PLACES = frozenset("family home house household residence apartment flat estate mansion farm ranch".split())
_NP_OPENERS = frozenset("the a an this that his her their its our my your".split())
_PERSON_LABELS = frozenset({"PERSON", "PER"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "ORG", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART"})
_MOTION = frozenset("go come return travel fly move head drive sail flee escape arrive walk run ride relocate".split())
_JOURNEYS = frozenset("trip journey voyage flight expedition pilgrimage".split())  # "a trip to X"
_ENTERING = frozenset({"enter", "invade"})  # verbs whose object is a place ("enters Mordor")
_PLACE_OR_PERSON = frozenset({"reach", "visit", "leave"})  # "reaches Bag End" or "reaches Quentero": no evidence
_WINDOW = 2  # sentences back a pronoun may reach
# "Hales", "Varans", "Romans", "Pevensies", "Joneses"; not "Ross", "Marcus", "Travis", "James", "Moses"
_PLURAL_NAME = re.compile(r"(?:[^suie']s|ies|[^aeiou]ses|eses)$")
# titles of an office one person holds in a story: "the Queen" is the one queen the text names
_OFFICE_TITLES = frozenset("""king queen prince princess emperor empress pope president governor mayor sheriff
senator judge duke duchess count countess baron baroness captain colonel general major lieutenant sergeant
commander admiral chief inspector detective professor""".split())
_INDEFINITE_BEFORE = re.compile(r"(?<![\w'’])an?\s+$", re.IGNORECASE)  # "a Captain of the guard"
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-zß-öø-ÿ]+(?![\w'’-])")  # a whole word in lower case (not "don" of
# "don't", nor "rose" of "rose-garden")
_SURNAME_TITLES = frozenset({"mr", "mrs", "ms", "miss", "madame", "monsieur", "señor", "señora"})
_DISPLAY_TITLES = _SURNAME_TITLES | {"aunt", "auntie", "aunty", "uncle", "grandma", "grandpa", "granny"}  # "Aunt March"
_UNKNOWN_GENDER_MARGIN = 1.5  # how much more salient an ungendered name must be to win
# (what the owner is to someone, the role said of the owner) -> that someone's gender: "her husband" said of
# X's wife is X; "his father" said of X's son is X, unless the text made X a woman
# (what X is of Y, a role said of X) -> the gender Y must have to be that role of X ("any": either); "her
# sister" said of Anna, Elsa's sister, is Elsa
_KIN_INVERSE = {("wife", "husband"): "male", ("husband", "wife"): "female",
                ("girlfriend", "boyfriend"): "male", ("boyfriend", "girlfriend"): "female",
                ("fiancee", "fiance"): "male", ("fiance", "fiancee"): "female",
                ("wife", "spouse"): "any", ("husband", "spouse"): "any"}
for _older, _younger in (("father", "son"), ("father", "daughter"), ("mother", "son"), ("mother", "daughter"),
                         ("uncle", "nephew"), ("uncle", "niece"), ("aunt", "nephew"), ("aunt", "niece"),
                         ("grandfather", "grandson"), ("grandfather", "granddaughter"),
                         ("grandmother", "grandson"), ("grandmother", "granddaughter")):
    _KIN_INVERSE[(_younger, _older)] = "female" if _older in ("mother", "aunt", "grandmother") else "male"
    _KIN_INVERSE[(_older, _younger)] = "female" if _younger in ("daughter", "niece", "granddaughter") else "male"
for _a in ("brother", "sister", "sibling"):
    for _b, _gender in (("brother", "male"), ("sister", "female"), ("sibling", "any")):
        _KIN_INVERSE[(_a, _b)] = _gender
for _a in ("son", "daughter", "child"):
    _KIN_INVERSE[(_a, "parent")] = "any"
for _a in ("father", "mother", "parent"):
    _KIN_INVERSE[(_a, "child")] = "any"
_KIN_INVERSE.update({("twin", "twin"): "any", ("cousin", "cousin"): "any", ("child", "father"): "male",
                     ("child", "mother"): "female", ("parent", "son"): "male", ("parent", "daughter"): "female"})
_KIN_COMPOSITION = {("father", "wife"): "mother", ("mother", "husband"): "father",
                    ("mother", "son"): "brother", ("father", "son"): "brother",
                    ("mother", "daughter"): "sister", ("father", "daughter"): "sister"}


@dataclass
class Entity:
    idx: int
    kind: str = "person"  # person | group
    gender: Optional[str] = None
    cluster: Optional[int] = None  # name cluster
    heads: list[str] = field(default_factory=list)
    phrase: str = ""  # the first role compound ("family members")
    anchor: Optional[int] = None
    modifier: Optional[str] = None
    listed_head: Optional[str] = None  # the head a list gave ("her parents, A and B": parent), a singular role outranks
    mentions: list[Candidate] = field(default_factory=list)
    credit_mentions: list[Mention] = field(default_factory=list)
    credit_aliases: list[str] = field(default_factory=list)
    actor: Optional[str] = None
    last_sentence: int = -10
    subject_sentences: set[int] = field(default_factory=set)
    more_relations: list[tuple[str, int]] = field(default_factory=list)  # (role head, owner) beyond the anchor

    @property
    def named(self) -> bool:
        return self.cluster is not None


# ---------------------------------------------------------------- name clusters

@dataclass
class _Cluster:
    forms: Counter = field(default_factory=Counter)  # tuple(parts) -> count
    keys: set[str] = field(default_factory=set)  # folded full forms
    firsts: set[str] = field(default_factory=set)
    lasts: set[str] = field(default_factory=set)
    person: float = 0.0
    place: float = 0.0
    gender_votes: Counter = field(default_factory=Counter)
    titles: Counter = field(default_factory=Counter)
    nicks: set[str] = field(default_factory=set)
    plural: float = 0.0  # > 0: a people, a family or a team ("the Hales", "the Varans")
    credited: bool = False  # a name written with its actor: "Leon Jackson (Avery Brooks)"
    kind_of: int = 0  # uses after "a"/"an": the name of a kind, not of a person ("a Rembrandt painting")


def _index(entity: Optional[int]) -> int:
    """A candidate's cluster or entity index, once the pass that sets it has run."""
    if entity is None:
        raise ValueError("a candidate without its cluster or entity index")
    return entity


def _form_key(c: Candidate) -> tuple:
    """A name form: its parts and the gender of its title ("Mrs. Hale" and "Mr. Hale" are two forms)."""
    return c.parts, TITLE_GENDER.get(c.title or "")


def _form_genders(cands: list[Candidate], annotation: Annotation) -> dict[tuple, Counter]:
    """Gender votes per name form, before clustering: the pronouns after it (see `_pronoun_votes`) and a
    gendered role the sentence says it is ("a Belgian woman, Ana Valle")."""
    votes: dict[tuple, Counter] = defaultdict(Counter)
    _pronoun_votes([c for c in cands if c.kind != "role"], annotation, _form_key, votes)  # roles only vote below (a
    # role as a rival here split "Lionel Logue" from the male side of "Mr./Mrs. Logue" less well)
    for c in cands:
        if _says_gender_of_name(c):
            votes[_form_key(c.same_as)][c.gender] += 1
    return votes


def _says_gender_of_name(c: Candidate) -> bool:
    """Is `c` a gendered role the text says a name is ("her husband Tom", "Tom, a young man", "A young boy,
    Alex")? Not a definite role before a name that may start a clause of its own ("the girl Tom saw")."""
    return c.kind == "role" and c.gender is not None and not c.group and c.same_as is not None \
        and c.same_as.kind == "name" and (c.determiner in ("poss", "indef") or c.same_as.end <= c.start)


def _cluster_names(names: list[Candidate], form_votes: Optional[dict] = None) -> list[_Cluster]:
    """Group name mentions into alias clusters; sets `cand.entity` to the cluster index.
    A form with a gendered title never joins a cluster the text gives the other gender (its titles, the
    pronouns after its names): "Mrs. Hale" does not join "Tom Hale" when he is a man."""
    form_votes = form_votes or {}
    forms: dict[tuple, list[Candidate]] = defaultdict(list)
    for c in names:
        forms[_form_key(c)].append(c)
    order = sorted(forms, key=lambda f: (-len(f[0]), forms[f][0].start))
    clusters: list[_Cluster] = []
    form_sets: list[list[frozenset]] = []  # per cluster: the folded words of each of its forms
    genders: list[Counter] = []  # per cluster: gender votes of its forms (titles weigh 3 a mention)
    voted: list[Optional[str]] = []  # per cluster: the gender those votes give
    assign: dict[tuple, int] = {}
    # word -> clusters holding it as a full form, a first name, a last name (no scan over all clusters)
    index: dict[str, dict[str, set[int]]] = {"keys": defaultdict(set), "firsts": defaultdict(set),
                                             "lasts": defaultdict(set)}

    def note(ci: int, kind: str, word: str) -> None:
        getattr(clusters[ci], kind).add(word)
        index[kind][word].add(ci)

    # first three letters -> (cluster, first name) of the clusters with a full name
    full_firsts: Optional[dict[str, list[tuple[int, str]]]] = None
    for fkey in order:
        form = fkey[0]
        gender = fkey[1]
        fits = (None, gender)
        folded = [fold(p) for p in form]
        key = "".join(folded)

        target = None
        nick = next((fold(c.nick) for c in forms[fkey] if c.nick), None)
        nick_key = nick + folded[-1] if nick is not None and len(form) > 1 else None  # 'Arthur "Boo" Radley': booradley
        if len(form) > 1:
            parts = set(folded)
            pool = index["keys"].get(key, set()) | index["firsts"].get(folded[0], set())
            if nick_key is not None:
                pool = pool | index["keys"].get(nick_key, set())
            for ci in sorted(pool):
                if gender is not None and voted[ci] not in fits:
                    continue
                if key in clusters[ci].keys or any(parts <= f for f in form_sets[ci]) \
                        or nick_key is not None and nick_key in clusters[ci].keys:
                    target = ci
                    break
        else:
            tok = folded[0]
            for kind in ("keys", "firsts", "lasts"):
                group = [ci for ci in index[kind].get(tok, ()) if gender is None or voted[ci] in fits]
                if group:
                    target = max(group, key=lambda ci: (sum(clusters[ci].forms.values()), -ci))
                    break
            if target is None:
                if full_firsts is None:  # the single forms come after every full name
                    full_firsts = defaultdict(list)
                    for ci, cl in enumerate(clusters):
                        if any(len(x) > 1 for x in cl.forms):
                            for f in sorted(cl.firsts):
                                full_firsts[f[:3]].append((ci, f))
                short = _short_form_of(tok, full_firsts, voted, fits if gender is not None else None)
                if short is not None:
                    target = short
        if target is None:
            clusters.append(_Cluster())
            form_sets.append([])
            genders.append(Counter())
            voted.append(None)
            target = len(clusters) - 1
        cl = clusters[target]
        if fkey in form_votes or gender is not None:
            genders[target].update(form_votes.get(fkey, {}))
            if gender is not None:
                genders[target][gender] += 3 * len(forms[fkey])
            voted[target] = _vote(genders[target])
        if form not in cl.forms:
            form_sets[target].append(frozenset(folded))
        cl.forms[form] += len(forms[fkey])
        note(target, "keys", key)
        for c in forms[fkey]:
            if c.nick:  # "Raymond 'Mouse' Alexander": later "Mouse" is the same man, and so is "Mouse Alexander"
                note(target, "firsts", fold(c.nick))
                note(target, "keys", fold(c.nick))
                cl.nicks.add(c.nick)
                if len(form) > 1:
                    note(target, "keys", fold(c.nick) + folded[-1])
                    form_sets[target].append(frozenset((fold(c.nick), folded[-1])))
        if len(form) > 1:
            note(target, "firsts", folded[0])
            note(target, "lasts", folded[-1])
        elif fkey[1] is not None and forms[fkey][0].title in _SURNAME_TITLES:
            note(target, "lasts", folded[0])  # "Mrs. Hale": a surname
        elif not cl.firsts:
            note(target, "firsts", folded[0])
        assign[fkey] = target
    for c in names:
        c.entity = assign[_form_key(c)]
        if c.title:
            clusters[c.entity].titles[c.title] += 1
    return clusters


def _short_form_of(tok: str, full_firsts: dict[str, list[tuple[int, str]]], voted: list[Optional[str]],
                   fits: Optional[tuple]) -> Optional[int]:
    """The one cluster whose full name's first word this single word shortens: "Ben" for "Benjamin
    Braddock", "Indy" for "Indiana Jones" (at least three letters shared, a diminutive ending allowed)."""
    stem = tok[:-2] if tok.endswith(("ie", "ey")) and len(tok) > 4 else tok[:-1] if tok.endswith("y") and len(tok) > 3 \
        else tok
    if len(stem) < 3 or tok in PLACES or tok in PLACE_ORG_HEADS or len(stem) == len(tok) - 2 < 4:
        return None  # not "India" for "Indiana", "Church" for "Churchill"; a pet form in -ie keeps four letters
        # of its name ("Charlie", "Archie"): "Marie" is no "Marshall", "Josie" no "Joseph" (but "Indy", "Toby")

    diminutive = stem != tok  # "Indy", "Charlie": a pet form may shorten by a letter or two

    def shortens(f: str) -> bool:
        return f.startswith(stem) and (3 if not diminutive else 1) <= len(f) - len(stem) <= 5 \
            and f not in (tok + "s", stem + "s") \
            and not f.endswith(("ian", "ese", "ish", "ite", "ing"))  # not "Asgard" for "Asgardian Loki", "Dan" for "Dana"
    found = None
    for ci, f in full_firsts.get(stem[:3], ()):
        if shortens(f) and (fits is None or voted[ci] in fits):
            if found is not None and found != ci:
                return None  # two full names it may shorten
            found = ci
    return found


def _name_evidence(annotation: Annotation, names: list[Candidate], clusters: list[_Cluster],
                   prefixed: frozenset[str] | set[str] = frozenset(),
                   modifiers: Optional[dict[str, list[tuple[int, int]]]] = None) -> None:
    """Person vs place evidence per cluster from the words around its mentions; `prefixed`: words also
    written after a place prefix; `modifiers`: where a word is written as a noun's modifier after "a"/"an"
    (see `_capitals`): the evidence such a use gives."""
    modifiers = modifiers or {}
    for cl in clusters:
        for form in cl.forms:
            if len(form) != 1:
                continue
            for si, i in modifiers.get(form[0].lower(), ()):  # "a Rembrandt painting", "an Iraqi youth"
                toks = annotation.sentences[si].tokens
                cl.kind_of += 1
                _modifier_evidence(toks, Candidate("name", si, i, i + 1, toks[i].start, toks[i].end, toks[i].text), cl)
        if any(" ".join(form).lower() in PLACES for form in cl.forms):
            cl.place += 1.5  # a known place name: a place unless the text shows a person
        if any(len(form) == 1 and form[0].lower() in prefixed for form in cl.forms):
            cl.place += 1.5  # "Surprise" after "the HMS Surprise", "Dupree" after "Fort Dupree"
    if annotation.entities:  # an engine's named entities (stanza): PERSON vs places and organisations
        label_at = {(e.start, e.end): e.label for e in annotation.entities}
        for c in names:
            label = label_at.get((c.start, c.end))
            if label in _PERSON_LABELS:
                clusters[_index(c.entity)].person += 1
            elif label in _PLACE_LABELS:
                clusters[_index(c.entity)].place += 1
    for c in names:
        cl = clusters[_index(c.entity)]
        toks = annotation.sentences[c.sentence].tokens
        before = toks[c.tok_start - 1] if c.tok_start > 0 else None
        after = toks[c.tok_end] if c.tok_end < len(toks) else None
        if c.title in _PLACE_TITLES:
            cl.place += 1  # "St. Louis", "Mount Doom" (unless the text makes it act)
        if c.subject or c.title and c.title not in _PLACE_TITLES or (len(c.parts) == 1 and is_title(c.parts[0])):
            cl.person += 1
        if after is not None and after.text in ("'s", "’s"):
            cl.person += 0.5
        if after is not None and after.text == "(" and c.tok_end + 1 < len(toks) and toks[c.tok_end + 1].upos == "PROPN":
            cl.person += 2  # "Denver (Kimberly Elise)": a role credited to an actor
            cl.credited = True
        if before is not None:
            low = before.text.lower()
            verb = toks[c.tok_start - 2] if c.tok_start > 1 else None
            social = verb is not None and verb.upos == "VERB" and low in INTERACTION_VERBS.get(verb.lemma, NO_VERB).preps
            if social:
                cl.person += 0.5  # "screams at Tom", "talks to Tom"
            elif low in _PLACE_PREPS or low == "to" and verb is not None and (
                    verb.lemma in _MOTION or verb.text.lower() in _JOURNEYS and not _owns(after)):
                cl.place += 1  # "at Bag End", "flies to Paris", "a trip to Pizza Planet"
            elif before.upos == "VERB" and before.lemma in _ENTERING and not _owns(after):
                cl.place += 1  # "enters Mordor"
            elif low == "of" and c.tok_start > 1 and toks[c.tok_start - 2].text.lower() in PLACE_ORG_HEADS:
                cl.place += 1
            elif low == "of" and c.tok_start > 1 and toks[c.tok_start - 2].upos == "PROPN" \
                    and not is_title(toks[c.tok_start - 2].text):
                cl.place += 1  # "the Nation of Islam", "the Bureau of Investigation": inside a proper name
            elif low == "the":
                cl.place += 0.5
                if c.tok_start > 1 and toks[c.tok_start - 2].text.lower() in _PLACE_PREPS \
                        and not (after is not None and after.text in ("'s", "’s")) \
                        and c.parts[-1].lower() not in ROLE_WORDS and not _PLURAL_NAME.search(c.parts[-1]):
                    cl.place += 0.5  # "in the Midwest", "on the Seine"; not "from the White Witch", "the Morlocks"
            elif low in ("a", "an"):
                cl.kind_of += 1  # "a Rembrandt painting", "an Iraqi youth", "a Reagan mask"
            elif before.upos == "VERB" and before.lemma not in _PLACE_OR_PERSON:
                cl.person += 0.5
        if after is not None and after.text == "," and c.tok_end + 1 < len(toks) and \
                toks[c.tok_end + 1].text.lower() in ("who", "a", "an", "the", "his", "her"):
            words = _apposition_words(toks, c.tok_end + 1)
            if words and not any(w in ROLE_WORDS for w in words) and (words[-1] in PLACE_ORG_HEADS or
                                                                       words[-1] in _THING_NOUNS):
                cl.place += 2  # "Rekall, a company that...": a thing, not a person
            else:
                cl.person += 1  # "Burke, a police detective"
        if after is not None and after.upos == "NOUN" or before is not None and before.upos in ("NOUN", "DET"):
            _modifier_evidence(toks, c, cl)
        if len(c.parts) == 1 and "-" in c.parts[0] and (role_info(c.parts[0].rsplit("-", 1)[1]) or (None, False))[1]:
            cl.plural += 1  # "the Wood-elves", "Sky-pirates": a plural role word ends the name
        elif len(cl.forms) == 1 and len(c.parts) == 1 and _PLURAL_NAME.search(c.parts[0]):
            # "the Hales", "the other Hales", "the two Hales"
            after_the = before is not None and (before.text.lower() in ("the", "other") or before.upos == "NUM")
            cl.plural += 1 if after_the else -1
        k = c.tok_start - 1
        while k >= 0 and toks[k].upos == "ADJ":
            k -= 1
        if k >= 0 and k < c.tok_start and toks[k].text.lower() in ("his", "her", "their", "its", "my", "your", "our") \
                and not (after is not None and after.text in ("'s", "’s")):
            cl.place += 1  # "his vintage Ford Mustang": owned, so a thing


def _owns(after) -> bool:
    """Is the token after a name a possessive ("Jules' party", "Tom's house")?"""
    return after is not None and after.text in ("'s", "’s", "'", "’")


def _modifier_evidence(toks, c: Candidate, cl: _Cluster) -> None:
    """A name that modifies a common noun is a thing, a people or a place ("a stolen Varan shuttle",
    "Varan rebels", "Zenith magazine"); so is one a thing noun stands in apposition to ("the magazine
    Zenith", "Ana's ship, the Albatross")."""
    after = toks[c.tok_end] if c.tok_end < len(toks) else None
    if after is not None and after.upos == "NOUN" and after.text[:1].islower():
        low = after.text.lower()
        info = role_info(low)
        if low in _THING_NOUNS or low in PLACE_ORG_HEADS:
            cl.place += 2  # "Zenith magazine", "the Varan ship"
        elif info is not None:
            if info[1] and low.endswith("s"):
                cl.place += 1  # "Varan rebels", "Varan troops" (but "the Hale gang" is Hale's)
        elif low not in _OWNED_PLACES and not low.endswith("s"):
            k = c.tok_start - 1
            while k >= 0 and toks[k].upos in ("ADJ", "VERB") and toks[k].text[:1].islower():
                k -= 1
            if k >= 0 and toks[k].text.lower() in _NP_OPENERS:
                cl.place += 0.5  # "the Varan fleet", "the Zenith office": inside a noun phrase
    k = c.tok_start - 1
    role = role_info(toks[k].text.lower()) if k >= 0 and toks[k].upos == "NOUN" and toks[k].text[:1].islower() else None
    if role is not None and not role[1]:
        cl.person += 1  # "his mechanic Sparky", "co-anchor Georgia": the role names the person
    if k >= 1 and toks[k].upos == "DET" and toks[k - 1].text == ",":
        k -= 2  # "Ana's ship, the Albatross"
    if k >= 0 and toks[k].upos == "NOUN" and toks[k].text.lower() in _THING_NOUNS:
        cl.place += 2


def _apposition_words(toks, k: int) -> list[str]:
    """The lower-cased words of the noun phrase starting at token k, up to its head noun
    ("a school bully who..." -> ["school", "bully"])."""
    words: list[str] = []
    while k < len(toks) and toks[k].upos in ("DET", "ADJ", "NOUN", "NUM", "VERB", "PART") \
            and toks[k].text.lower() not in ("who", "that", "which"):
        if toks[k].upos in ("NOUN", "VERB"):
            words.append(toks[k].text.lower())
        k += 1
    return words


def _vote_scopes(cands: list[Candidate], annotation: Annotation) -> Iterator[tuple[Candidate, list[Candidate]]]:
    """Each he/she with the names it most plausibly follows: those before it in its sentence, else those
    of the sentence before; none when a pronoun or a person's role could be meant instead. A reflexive
    follows the subject of its clause, when that is a name; an object pronoun the one other name of its
    sentence (see `_object_scope`)."""
    text = annotation.text
    names_in: dict[int, list[Candidate]] = defaultdict(list)
    others_in: dict[int, list[Candidate]] = defaultdict(list)  # persons a pronoun may mean instead of a name
    for c in cands:
        if c.kind == "name" and not c.in_parens:
            names_in[c.sentence].append(c)
        elif c.kind == "role" and not c.group or c.kind == "pronoun" and c.gender is not None:
            others_in[c.sentence].append(c)
    for p in cands:
        if p.kind != "pronoun" or p.gender is None:
            continue
        here = [c for c in names_in.get(p.sentence, []) if c.end <= p.start]
        if p.case == "obj":
            scope = _object_scope(p, here, others_in.get(p.sentence, ()), annotation.sentences[p.sentence].tokens)
            if scope:
                yield p, scope
            continue
        if p.case == "refl":  # "After he dies, Ana picks up Tom's gun and shoots herself": the person last
            # named before it when that is a subject; not when someone else stands between ("Ana urges
            # him to be himself", "Ana says the captain shielded himself")
            persons = [c for c in [*here, *others_in.get(p.sentence, ())] if c.end <= p.start
                       and c.case != "poss" and not text.startswith(("'s", "’s"), c.end)]
            binder = max(persons, key=lambda c: c.start, default=None)
            if binder is not None and binder.kind == "name" and binder.subject:
                yield p, [binder]
            continue
        if here:
            scope = here  # no vote when a pronoun or a person's role stands between ("He tells her that
            # Chaney has fled, so she...": she is not Chaney)
            rivals = [o for o in others_in.get(p.sentence, ()) if o.start < p.start and o is not p
                      and (o.kind == "pronoun" and (o.start < here[0].start or o.gender == p.gender and o.case == "obj")
                           or o.kind == "role" and o.gender in (None, p.gender) and o.start > here[0].start)]
            # "Weber asks her to help, because she...": she may be the one asked
        else:
            scope = names_in.get(p.sentence - 1, [])
            rivals = [o for o in others_in.get(p.sentence - 1, ()) if o.kind == "role" and o.gender in (None, p.gender)]
        if scope and not rivals:
            yield p, scope


def _object_scope(p: Candidate, names: list[Candidate], others: Sequence[Candidate], toks) -> list[Candidate]:
    """An object "him"/"her" is not the subject of its own clause ("Ana rejects him"): when that subject
    is a name, the subject's name, then the names before it, the pronoun may mean (none when a role or a
    pronoun could be meant instead). `_pronoun_votes` votes when one other person is named there ("Tom
    proposes, but Ana rejects him": Tom)."""
    binder = max((c for c in names if c.subject), key=lambda c: c.start, default=None)
    if binder is None or any(c.start > binder.start for c in names) \
            or any(o.start < p.start and o is not p for o in others):
        return []  # someone nearer ("Ana hugs Tom and kisses him"), or a role or a pronoun to mean instead
    between = toks[binder.tok_end:p.tok_start]
    if not any(t.upos == "VERB" for t in between) or any(t.upos not in _VERB_GROUP for t in between):
        return []  # not the object of the subject's own verb ("Ana says they used him", "Ana plays the
        # disc Tom gave him")
    if binder.tok_start > 1 and toks[binder.tok_start - 1].text.lower() in ("and", "or", "&", ",") \
            and any(c.tok_end == binder.tok_start - 1 for c in names):
        return []  # one of several subjects ("Tom and Ana reveal..."; but "Ana confesses, and Tom arrests her")
    if any(t.text.lower() in _PERSONAL for t in toks[:p.tok_start]):
        return []  # a pronoun before it: the sentence speaks of someone it does not name
    return [binder, *(c for c in names if c.end <= binder.start)]


_VERB_GROUP = frozenset(("VERB", "AUX", "ADV", "PART", "ADP"))
_ADDRESS_ONLY = ADDRESS_TITLES | {"señor", "señora", "don", "doña"}  # never a name alone
_RESULT_PARTICIPLES = frozenset("""leaving forcing causing sending knocking rendering making prompting
leading""".split())  # ", leaving him paralyzed": of the one just acted upon
_OPENERS = frozenset("due contrary thanks according unlike".split())  # "Due to his amnesia, Peter..."
# what "his"/"her" usually owns for someone other than the next clause's subject ("With his help, Ana...")
_OTHERS_POSSESSIONS = frozenset("""death funeral murder killing burial help assistance permission blessing advice
orders order instructions command""".split())
_PERSONAL = frozenset("he she they him her them his their himself herself themselves".split())


def _pronoun_votes(cands: list[Candidate], annotation: Annotation, key, votes) -> None:
    """Every he/she votes for the name it most plausibly follows (see `_vote_scopes`): the only name in
    scope, else the only subject when the pronoun opens its sentence; `key(name)` says what the vote is
    for."""
    for p, scope in _vote_scopes(cands, annotation):
        if p.case == "obj":  # scope: the clause's subject, then the names the pronoun may mean
            others = {key(c) for c in scope[1:]} - {key(scope[0])}
            if len(others) == 1:
                votes[others.pop()][p.gender] += 1.0
            continue
        distinct = {key(c) for c in scope}
        if len(distinct) == 1:
            votes[key(scope[0])][p.gender] += 1.0
        elif p.case == "subj" and p.tok_start == 0:
            subjects = {key(c) for c in scope if c.subject}
            if len(subjects) == 1:
                votes[subjects.pop()][p.gender] += 0.5


def _name_genders(annotation: Annotation, cands: list[Candidate], clusters: list[_Cluster]) -> None:
    """Vote a gender for each name cluster from the pronouns after its names; titles vote too."""
    _pronoun_votes(cands, annotation, lambda c: c.entity, {i: cl.gender_votes for i, cl in enumerate(clusters)})
    for c in cands:  # a gendered role the text says the name is weighs as two pronouns
        if _says_gender_of_name(c) and c.same_as.entity is not None:
            clusters[_index(c.same_as.entity)].gender_votes[c.gender] += 2
    for cl in clusters:
        for title, n in cl.titles.items():
            if title in TITLE_GENDER:
                cl.gender_votes[TITLE_GENDER[title]] += 3 * n
        for form, n in cl.forms.items():
            low = form[0].lower().rstrip(".")
            if len(form) == 1 and low in TITLE_GENDER and low not in _ADDRESS_ONLY:
                cl.gender_votes[TITLE_GENDER[low]] += 3 * n  # "the Queen", "the Duke" (not a stray "Mr")


def _vote(votes: Counter) -> Optional[str]:
    total = sum(votes.values())
    if not total:
        return None
    g, n = votes.most_common(1)[0]
    return g if n / total >= 0.65 else None


# ---------------------------------------------------------------- the discourse pass

class _Linker:
    def __init__(self, annotation: Annotation, cands: list[Candidate], clusters: list[_Cluster],
                 lows: Optional[Sequence[Sequence[str]]] = None):
        self.annotation = annotation
        self.lows = lows if lows is not None else lowered_words(annotation)  # each sentence's lowercased words
        self.cands = cands
        self.clusters = clusters
        self.entities: list[Entity] = []
        self.by_cluster: dict[int, int] = {}
        self.done: set[int] = set()
        self.live = {id(c) for c in cands}
        self.span_entity: dict[tuple[int, int], int] = {}
        self.in_sentence: dict[int, list[Candidate]] = {}  # linked mentions by sentence
        self.chain_of = {tuple(span): k for k, chain in enumerate(annotation.coref) for span in chain}
        self.latest_start = -1
        self.relative_antecedent: Optional[int] = None
        self.participle_subject: Optional[int] = None
        self.by_head: dict[str, list[Entity]] = defaultdict(list)  # role head -> entities with it, by idx
        self._by_sentence: Optional[dict[int, list[Candidate]]] = None  # `cands_in`, built on first use

    def _add_head(self, e: Entity, head: str, first: bool = False) -> None:
        """Give `e` the role head `head` (in front when `first`), keeping `by_head` up to date."""
        if first:
            e.heads.insert(0, head)
        else:
            e.heads.append(head)
        holders = self.by_head[head]
        holders.append(e)
        if len(holders) > 1 and holders[-2].idx > e.idx:
            holders.sort(key=lambda x: x.idx)

    def _with_head(self, head: str, first: bool = False) -> list[Entity]:
        """Entities having role head `head` (as their first head when `first`), in creation order."""
        holders = self.by_head.get(head, ())
        return [e for e in holders if e.heads[0] == head] if first else list(holders)

    def _new(self, **kw) -> Entity:
        e = Entity(len(self.entities), **kw)
        self.entities.append(e)
        return e

    def _add(self, e: Entity, c: Candidate) -> None:
        c.entity = e.idx
        self.in_sentence.setdefault(c.sentence, []).append(c)
        self.span_entity[(c.start, c.end)] = e.idx
        e.mentions.append(c)
        if c.sentence > e.last_sentence:
            e.last_sentence = c.sentence
        if c.subject or c.kind != "pronoun" and self._relative_subject(c):
            e.subject_sentences.add(c.sentence)  # "Connie phones Sonny, who drives off. He...": Sonny acts last
        if c.kind == "role":
            if c.head not in e.heads:
                self._add_head(e, c.head)
            e.phrase = e.phrase or c.compound
            if e.gender is None and c.gender:
                e.gender = c.gender
            if c.group and not e.named:
                e.kind = "group"

    def _relative_subject(self, c: Candidate) -> bool:
        """Is `c` the subject of a relative clause after it (", who drives off", "who then leaves")?"""
        words = self.lows[c.sentence]
        k = c.tok_end + (c.tok_end < len(words) and words[c.tok_end] == ",")
        if k + 1 >= len(words) or words[k] != "who":
            return False
        toks = self.annotation.sentences[c.sentence].tokens
        k += 1
        while k < len(toks) and toks[k].upos == "ADV":
            k += 1
        return k < len(toks) and toks[k].upos == "VERB"

    def _name_entity(self, c: Candidate) -> Entity:
        ci = _index(c.entity)  # cluster index set by _cluster_names
        if ci not in self.by_cluster:
            cl = self.clusters[ci]
            e = self._new(cluster=ci, gender=_vote(cl.gender_votes)) if cl.plural <= 0 else \
                self._new(cluster=ci, kind="group")
            self.by_cluster[ci] = e.idx
        return self.entities[self.by_cluster[ci]]

    def run(self) -> list[Entity]:
        for c in self.cands:
            self._resolve(c)
        return self.entities

    def _resolve(self, c: Candidate) -> Optional[Entity]:
        if id(c) in self.done:
            return self.entities[c.entity] if c.entity is not None else None
        self.done.add(id(c))
        if c.kind == "name":
            e = self._name_entity(c)
            c.entity = None
            self._add(e, c)
            if c.listed_in is not None:
                self._listed(e, c.listed_in)
            return e
        if c.kind == "pronoun":
            found = self._pronoun(c)
            if found is not None:
                self._add(found, c)
                ms = found.mentions
                if len(ms) > 1 and ms[-2].start > c.start:  # its name was linked ahead ("After his release,
                    k = len(ms) - 1  # Andy..."): the pronoun goes back before it, in text order
                    while k > 0 and ms[k - 1].start > c.start:
                        k -= 1
                    ms.insert(k, ms.pop())
            else:
                c.entity = None
            return found
        found = self._role(c)
        if found is not None:
            self._add(found, c)
            self._also_related(found, c)
        return found

    def _also_related(self, e: Entity, c: Candidate) -> None:
        """A possessive role said of someone other than `e`'s first owner, or with another head, is one more
        relation of `e` ("her mother", later "his wife" of her father: also the father's wife)."""
        if c.determiner != "poss" or c.anchor is None or c.anchor.entity is None or id(c.anchor) not in self.done:
            return
        owner = _index(c.anchor.entity)
        if owner == e.idx or (e.anchor == owner and e.heads and e.heads[0] == c.head):
            return
        if (c.head, owner) not in e.more_relations:
            e.more_relations.append((c.head, owner))

    def _listed(self, e: Entity, role: Candidate) -> None:
        """A name listed after a plural role ("Hammond's grandchildren, Lex and Tim", "two daughters, Ann and
        Mary") is one of them: the role's singular gives its gender and, with the role's owner, a relation."""
        one = singular_role(role.head)
        if one is None:
            return
        gender = (role_info(one) or (None, False))[0]
        if e.gender is None and gender is not None:
            e.gender = gender
        owner = role.anchor.entity if role.anchor is not None and id(role.anchor) in self.done else None
        if owner is not None and owner != e.idx and e.anchor is None and one in KINSHIP \
                and self.entities[owner].kind == "person":  # not "their children" of a group
            e.anchor, e.modifier, e.listed_head = owner, role.modifier, one
            if one not in e.heads:
                self._add_head(e, one, first=True)

    def _target(self, c: Candidate) -> Optional[Entity]:
        t = c.same_as
        if t is None or id(t) not in self.live:
            return None
        return self._resolve(t)

    def _role(self, c: Candidate) -> Optional[Entity]:
        if c.apposed:
            return None
        named = self._target(c)
        anchor = None
        if c.anchor is not None and c.anchor.entity is not None and id(c.anchor) in self.done:
            anchor = c.anchor.entity
        if named is not None and anchor is not None and named.idx == anchor:
            named = None  # "McBride, Nick's father", McBride and Nick one cluster: nobody is their own father
        if named is not None:
            if anchor is not None and named.anchor is None and anchor != named.idx:
                named.anchor, named.modifier = anchor, c.modifier
                if c.head not in named.heads:
                    self._add_head(named, c.head, first=True)
            elif anchor is not None and anchor == named.anchor and named.heads and named.heads[0] == named.listed_head \
                    and c.head not in named.heads:
                self._add_head(named, c.head, first=True)  # "her parents, A and B" then "her father, A": father
            return named
        if c.determiner == "poss":
            if anchor is None and c.anchor is not None and c.anchor.kind == "name":
                return self._new(modifier=c.modifier, kind="group" if c.group else "person")  # a named owner
                # left out ("(Stobrod's daughter)" in a credit's parentheses): not another's daughter
            if anchor is None:
                return self._definite(c)
            composed = self._compose(anchor, c.head, c.modifier)
            if composed is not None:
                return composed
            same = [e for e in self._with_head(c.head, first=True) if e.anchor == anchor]
            exact = [e for e in same if e.modifier == c.modifier]
            if exact:
                return max(exact, key=lambda e: e.last_sentence)
            # "her new husband" is not the husband already met; "her husband" may be the new one
            loose = [e for e in same if c.modifier is None or e.modifier is None and c.modifier != "new"]
            if loose:
                e = max(loose, key=lambda e: e.last_sentence)
                e.modifier = e.modifier or c.modifier
                return e
            return self._new(anchor=anchor, modifier=c.modifier, kind="group" if c.group else "person")
        if c.determiner == "def" or (c.determiner is None and c.group):
            return self._definite(c)
        # an indefinite role is someone new; "Tom has a daughter" names whose
        return self._new(anchor=anchor, modifier=c.modifier, kind="group" if c.group else "person")

    def _compose(self, anchor: int, head: str, modifier: Optional[str] = None) -> Optional[Entity]:
        """"his wife" said of X's father is X's mother, when the story already has her; "her husband"
        said of X's wife is X, "his father" said of X's son is X (the relation read backwards)."""
        owner = self.entities[anchor]
        if owner.anchor is None or not owner.heads:
            return None
        inverse = _KIN_INVERSE.get((owner.heads[0], head))
        if inverse is not None and modifier is None:  # not "her new husband"
            other = self.entities[owner.anchor]
            if other.kind == "person" and (inverse == "any" or other.gender in (None, inverse)):
                return other
        relative = _KIN_COMPOSITION.get((owner.heads[0], head))
        if relative is None:
            return None
        return next((e for e in self._with_head(relative, first=True) if e.anchor == owner.anchor), None)

    def _definite(self, c: Candidate) -> Entity:
        same = [e for e in self._with_head(c.head) if (c.modifier is None or e.modifier in (None, c.modifier))
                and (e.gender is None or c.gender is None or e.gender == c.gender)]
        if same:
            e = max(same, key=lambda e: e.last_sentence)
            e.modifier = e.modifier or c.modifier
            return e
        toks = self.annotation.sentences[c.sentence].tokens
        bare = len(c.text.split()) == 2 and not (c.tok_end < len(toks) and toks[c.tok_end].text.lower() in ("that", "who"))
        # "the general", not "the murdered detective" nor "the captain that replaces Holmes" (someone else)
        titled = self._titled(c.head) if bare and not c.group and c.modifier is None else None
        if titled is not None:  # "General Shang ... calls the general": the one person named with that title
            self._add_head(titled, c.head)
            return titled
        return self._new(modifier=c.modifier, kind="group" if c.group else "person")

    def _titled(self, head: str) -> Optional[Entity]:
        """The one named person met so far whose names carry the title `head` ("General Shang" for "the
        general"); None when none or several do."""
        found = [self.entities[idx] for ci, idx in self.by_cluster.items() if head in self.clusters[ci].titles]
        found = [e for e in found if e.kind == "person"]
        return found[0] if len(found) == 1 else None

    def _from_coref(self, c: Candidate) -> Optional[Entity]:
        """The entity an engine's coreference chain links this pronoun to, if it agrees."""
        chain = self.chain_of.get((c.start, c.end))
        if chain is None:
            return None
        for span in reversed([sp for sp in self.annotation.coref[chain] if sp[0] < c.start]):
            idx = self.span_entity.get(span)
            if idx is not None:
                e = self.entities[idx]
                if e.gender in (None, c.gender) or c.number == "pl" and e.kind == "group":
                    return e
        return None

    def _pronoun(self, c: Candidate) -> Optional[Entity]:
        linked = self._from_coref(c) or self._coordinated_owner(c) or self._cataphor(c)
        if linked is not None:
            return linked
        s = c.sentence
        in_play = sorted({m.entity for k in range(max(0, s - _WINDOW), s + 1) for m in self.in_sentence.get(k, ())
                          if m.entity is not None})  # entities mentioned in the last sentences, in order
        recent = [e for e in (self.entities[i] for i in in_play) if e.mentions[0].start < c.start]
        if c.number == "pl":
            groups = [e for e in recent if e.kind == "group"]
            if c.case == "obj":
                subj = self._clause_subject(c)
                groups = [e for e in groups if e.idx != subj]  # "the elves free them": not the elves
            elif self._after_opening_participle(c):  # "After escaping a pack of wolves, they meet Olaf": not
                inside = {m.entity for m in self.in_sentence.get(c.sentence, ())  # the wolves (a pronoun there
                          if m.end <= c.start and m.kind != "pronoun"}  # may be theirs: "Knowing X hunts them, they")
                groups = [e for e in groups if e.idx not in inside]
            if not groups:
                return None
            group = max(groups, key=lambda e: (e.last_sentence, e.mentions[-1].start))
            since = group.mentions[-1].start if group.last_sentence == s else -1
            persons_since = {m.entity for m in self.in_sentence.get(s, ()) if since < m.start < c.start
                             and m.entity is not None and self.entities[m.entity].kind == "person"}
            return None if len(persons_since) >= 2 else group  # "Tom meets Ana, and they...": the two of them
        persons = [e for e in recent if e.kind == "person"]
        lead = self._participle_subject(c)
        if c.case == "obj":
            subj = self._clause_subject(c)
            if subj is None and self._object_of_relative(c):
                subj = self._relative_antecedent(c)  # "Ana, who tells her": not Ana
            persons = [e for e in persons if e.idx != subj]
            # "Ana sees Tom, coming face to face with him": not Ana (the participle's subject), when
            # someone else in play agrees ("her health fails, leading her to...": her may be Ana)
            if lead is not None and any(e.gender == c.gender and e.idx != lead for e in persons):
                persons = [e for e in persons if e.idx != lead]
        if c.case == "obj":
            result = self._object_before_result(c)
            if result is not None and result.kind == "person" and result.gender in (None, c.gender) \
                    and result.mentions[0].start < c.start:
                result.gender = c.gender  # "Hadley beats Bogs, leaving him paralyzed": Bogs
                return result
        if c.case == "refl":
            subj = self._clause_subject(c)
            if subj is not None and self.entities[subj].gender in (None, c.gender):
                return self.entities[subj]
        self.relative_antecedent = self._relative_antecedent(c)
        self.participle_subject = lead
        agree = [e for e in persons if e.gender == c.gender]
        if not agree:
            unknown = [e for e in persons if e.gender is None]
            structural = [e for e in unknown if e.idx in (self.relative_antecedent, self.participle_subject)]
            if len(unknown) == 1 or len(structural) == 1:
                chosen = unknown[0] if len(unknown) == 1 else structural[0]
                chosen.gender = c.gender
                return chosen
            return None
        self.latest_start = max((m.start for e in persons for m in e.mentions[-2:]
                                 if m.sentence == c.sentence and m.start < c.start), default=-1)
        opener = self._opening_clause_person(c, agree)
        if opener is not None:
            return opener
        if c.case == "obj" and subj is not None:
            here = [e for e in agree if any(m.sentence == c.sentence and m.start < c.start for m in e.mentions[-3:])]
            if len(here) == 1:
                return here[0]  # "Sonny beats Carlo and threatens to kill him": the one other person of its clause's
                # sentence, not someone more salient before it
        best = max(agree, key=lambda e: self._salience(e, c))
        # a named character the text has not yet given a gender may still be the referent, when it is
        # clearly more salient than every agreeing one ("Oogie tries to kill Jack, but Jack defeats him")
        unknown = [e for e in persons if e.gender is None and e.named]
        if unknown:
            rival = max(unknown, key=lambda e: self._salience(e, c))
            if self._salience(rival, c)[0] - _UNKNOWN_GENDER_MARGIN > self._salience(best, c)[0]:
                rival.gender = c.gender
                return rival
        return best

    def _after_opening_phrase(self, c: Candidate) -> bool:
        """Does `c` open the main clause, right after the comma closing the one phrase before it?"""
        toks = self.annotation.sentences[c.sentence].tokens
        k = c.tok_start
        return k >= 3 and toks[k - 1].text == "," and not any(t.text in (",", ";", ":") for t in toks[:k - 1])

    def _after_opening_participle(self, c: Candidate) -> bool:
        """Does `c` open the main clause after an opening participle phrase ("Having lost the map, they...",
        "After escaping the wolves, they...")? That phrase's objects are not its subject."""
        if not self._after_opening_phrase(c):
            return False
        toks = self.annotation.sentences[c.sentence].tokens
        first = toks[1] if toks[0].upos in ("ADP", "SCONJ") else toks[0]
        return first.upos == "VERB" and first.text.lower().endswith(("ing", "ed", "en"))

    def _opening_clause_person(self, c: Candidate, agree: list[Entity]) -> Optional[Entity]:
        """A subject pronoun opening the main clause after an opening subordinate clause is the one agreeing
        person that clause names ("When Anna asks Hans to kiss her, he refuses": Hans)."""
        if c.case != "subj" or not self._after_opening_phrase(c):
            return None
        toks = self.annotation.sentences[c.sentence].tokens
        if toks[0].upos != "SCONJ":
            return None
        mentions = [m for m in self.in_sentence.get(c.sentence, ()) if m.end <= toks[c.tok_start - 1].start]
        if not any(m.tok_start == 1 for m in mentions):
            return None  # a clause without a subject of its own ("After passing the file to Tom, he...")
        named = {m.entity for m in mentions}
        inside = [e for e in agree if e.idx in named]
        return inside[0] if len(inside) == 1 else None

    def _cataphor(self, c: Candidate) -> Optional[Entity]:
        """A possessive in an opening phrase before the first comma, which names nobody before it, is the
        main clause's subject when a name opens that clause ("Inspired by his father's courage, Nemo swims",
        "Upon learning of her sister's engagement, Elizabeth..."); not the possessor of what is usually
        someone else's ("With his help, Ana escapes", "After her death, Tom...")."""
        if c.case != "poss" or c.number != "sg" or c.gender is None:
            return None
        toks = self.annotation.sentences[c.sentence].tokens
        if not toks or toks[0].upos not in ("VERB", "ADP", "SCONJ") and self.lows[c.sentence][0] not in _OPENERS \
                or self.lows[c.sentence][0] == "as" \
                or c.tok_end >= len(toks) \
                or self.lows[c.sentence][c.tok_end] in _OTHERS_POSSESSIONS:
            return None
        comma = next((k for k in range(c.tok_end, len(toks)) if toks[k].text == ","), None)
        if comma is None or any(t.text in (";", ":") for t in toks[:comma]):
            return None
        before = [m for m in self.cands_in(c.sentence) if m.start < c.start]
        if before:
            return None  # "After Tom insults her, ...": someone is named before it
        subject = next((m for m in self.cands_in(c.sentence) if m.tok_start == comma + 1), None)
        if subject is None or subject.kind != "name" or not subject.subject or id(subject) not in self.live:
            return None
        e = self._resolve(subject)
        if e is None or e.kind != "person" or e.gender not in (None, c.gender):
            return None
        return e

    def cands_in(self, sentence: int) -> list[Candidate]:
        """The candidates of one sentence, in text order."""
        if self._by_sentence is None:
            self._by_sentence = defaultdict(list)
            for m in self.cands:
                self._by_sentence[m.sentence].append(m)
        return self._by_sentence.get(sentence, [])

    def _coordinated_owner(self, c: Candidate) -> Optional[Entity]:
        """"Burke and his wife", "Ana and her mother", "her fiancé and his accomplice": a possessive right after
        "NAME and" or "ROLE and" is that person's (and says the person's gender when the text had not)."""
        if c.case != "poss" or c.number != "sg" or c.gender is None or c.tok_start < 2:
            return None
        if self.lows[c.sentence][c.tok_start - 1] != "and":
            return None
        before = next((m for m in self.in_sentence.get(c.sentence, ()) if m.tok_end == c.tok_start - 1
                       and m.entity is not None and (m.kind == "name" or m.kind == "role" and not m.group
                                                     and m.determiner != "poss" and m.head not in ANIMALS)), None)
        # not "her sister and her daughter" (both hers) nor "her pit bull and her letter-opener"
        if before is None:
            return None
        e = self.entities[_index(before.entity)]
        if e.kind != "person" or e.gender not in (None, c.gender):
            return None
        e.gender = c.gender
        return e

    def _participle_subject(self, c: Candidate) -> Optional[int]:
        """In ", apologising for her...", the entity of the sentence's subject (the participle's)."""
        toks = self.annotation.sentences[c.sentence].tokens
        for k in range(c.tok_start - 1, 0, -1):
            t = toks[k]
            if t.upos == "VERB" and t.text.endswith("ing") and toks[k - 1].text == ",":
                subjects = [m for m in self.in_sentence.get(c.sentence, ()) if m.subject and m.tok_end <= k]
                return min(subjects, key=lambda m: m.start).entity if subjects else None
            if t.upos in ("VERB", "SCONJ", "CCONJ") or t.text in (",", ";", ":"):
                return None
        return None

    def _object_before_result(self, c: Candidate) -> Optional[Entity]:
        """In "X beats Y, leaving him paralyzed", Y: the person named right before a participle of result
        (", leaving", ", forcing", ", causing", ", sending"...) whose object `c` is."""
        toks = self.annotation.sentences[c.sentence].tokens
        k = c.tok_start - 1
        if k < 2 or self.lows[c.sentence][k] not in _RESULT_PARTICIPLES or toks[k - 1].text != ",":
            return None
        before = next((m for m in self.in_sentence.get(c.sentence, ()) if m.tok_end == k - 1 and m.kind != "pronoun"
                       and not m.subject and m.entity is not None), None)
        if before is not None and before.tok_start > 0 and self.lows[c.sentence][before.tok_start - 1] == "by":
            return None  # "is shot by Kevin, causing him to swerve": the agent is not the one acted upon
        return self.entities[before.entity] if before is not None else None

    def _object_of_relative(self, c: Candidate) -> bool:
        """Is `c` the object of the verb a relative "who" is the subject of ("who tells her",
        "who then asks him")?"""
        toks = self.annotation.sentences[c.sentence].tokens
        words = self.lows[c.sentence]
        verbs = 0
        for k in range(c.tok_start - 1, 0, -1):
            t = toks[k]
            if words[k] == "who":
                return verbs > 0
            if t.upos == "VERB":
                verbs += 1
            elif t.upos not in ("ADV", "AUX", "PART"):
                return False
        return False

    def _relative_antecedent(self, c: Candidate) -> Optional[int]:
        """The entity a relative "who" before `c` (in the same clause) stands for."""
        toks = self.annotation.sentences[c.sentence].tokens
        words = self.lows[c.sentence]
        for k in range(c.tok_start - 1, 0, -1):
            low = words[k]
            if low == "who":
                here = sorted({_index(m.entity) for m in self.in_sentence.get(c.sentence, ())})
                ends = {m.end: idx for idx in here for m in self.entities[idx].mentions[-3:]
                        if m.sentence == c.sentence and m.case != "poss"}  # not "her" of "her job, who
                for j in range(k - 1, max(-1, k - 8), -1):  # back over "a man with a broken leg"
                    if toks[j].end in ends:
                        return ends[toks[j].end]
                    if toks[j].upos in ("VERB", "AUX") or toks[j].text in (";", ":"):
                        return None
                return None
            if low in (";", ":") or toks[k].upos in ("SCONJ", "CCONJ"):
                return None
        return None

    def _clause_subject(self, c: Candidate) -> Optional[int]:
        """Entity of the subject of `c`'s own (smallest) clause: the nearest mention before it that
        stands before a verb ("she recalls him showing her": him), with no clause break between."""
        toks = self.annotation.sentences[c.sentence].tokens
        best = None
        for m in (m for m in self.in_sentence.get(c.sentence, ()) if m.end <= c.start):
            nxt = m.tok_end
            while nxt < len(toks) and toks[nxt].upos == "ADV":
                nxt += 1
            gov = m.tok_start - 1
            while gov >= 0 and toks[gov].upos in ("DET", "ADJ"):
                gov -= 1
            controls = nxt + 1 < c.tok_start and toks[nxt].text.lower() == "to" and toks[nxt + 1].upos == "VERB" \
                and gov >= 0 and toks[gov].upos == "VERB" and toks[gov].lemma in OBJECT_CONTROL
            if not (m.subject or nxt < len(toks) and toks[nxt].upos == "VERB" and nxt < c.tok_start or controls):
                continue  # "asks Cora to marry him": Cora, the infinitive's subject, is the nearest
            if _clause_break(toks, m.tok_end, c.tok_start):
                continue
            if best is None or (m.start, m.end) > (best.start, best.end):
                best = m  # the nearest; at one start the whole phrase ("Mara's boss"), not its possessor
        return best.entity if best is not None else None

    def _salience(self, e: Entity, c: Candidate) -> tuple[float, int]:
        last = e.mentions[-1]
        if last.start >= c.start:  # a mention linked ahead of its turn (apposition)
            last = max((m for m in e.mentions if m.start < c.start), key=lambda m: m.start)
        dist = c.sentence - last.sentence
        score = 3.0 - dist
        if last.subject or last.sentence in e.subject_sentences and dist > 0:
            score += 1.5
        if dist == 0:
            score += 0.5 + 0.5 * (last.start == self.latest_start)
        if c.case == "subj" and c.tok_start == 0 and (c.sentence - 1) in e.subject_sentences:
            score += 1.0
        if self.relative_antecedent == e.idx:
            score += 2.0  # "Tom, a man who is moving in with his family": his = Tom
        if self.participle_subject == e.idx:
            score += 2.0  # "Ana calls Mia, apologising for her rudeness": her = Ana
        score += 0.3 * math.log1p(len(e.mentions))
        return score, last.start


def _clause_break(toks, start: int, end: int) -> bool:
    """Does a token in toks[start:end] end the clause of the subject before it? Not "and" or "," before a
    verb with no subject of its own ("Tom jumps out and drags her away": Tom still drags)."""
    for k in range(start, end):
        t = toks[k]
        if t.text in (";", ":") or t.upos == "SCONJ":
            return True
        if t.text == "," or t.upos == "CCONJ":
            nxt = toks[k + 1] if k + 1 < len(toks) else None
            if not (nxt is not None and nxt.upos == "VERB" and not nxt.text.endswith("ing")):
                return True
    return False


# ---------------------------------------------------------------- building characters

def _blocked_names(story: Story) -> set[str]:
    """Folded names of real people: actors in credits, people in the infobox."""
    out: set[str] = set()
    for src in story.sources:
        for cr in src.credits:
            out.add(fold(cr.actor))
        for key, value in src.infobox:
            if _INFOBOX_PEOPLE.search(key):
                for part in re.split(r"[,;/]| and ", value):
                    if part.strip():
                        out.add(fold(part))
    return out


def _capitals(annotation: Annotation, prefixed: Optional[set[str]] = None,
               modifiers: Optional[dict[str, list[tuple[int, int]]]] = None,
               common: Optional[set[str]] = None, lows: Optional[Sequence[Sequence[str]]] = None) -> set[str]:
    """How the text capitalises its words, in one pass. Returned: the lowercased words seen capitalised
    inside a sentence, or within a run of capitalised words (`find_candidates`' `midcap`). Collected on
    the way: in `prefixed` the lowercased words written after a capitalised place prefix ("HMS Surprise"),
    in `modifiers` the (sentence, token) places of those written between "a"/"an" and a noun ("a Varan
    elder": no name there, see `mentions._name_at`, but evidence that the word names a kind), in `common`
    the whole words written in lower case. `lows`: each sentence's lowercased words (`lowered_words`)."""
    out = set()
    text = annotation.text
    if lows is None:
        lows = lowered_words(annotation)
    for si, sent in enumerate(annotation.sentences):
        if common is not None:
            common.update(_LOWER_WORD.findall(text, sent.start, sent.end))
        toks = sent.tokens
        words = lows[si]
        for i in [k for k, t in enumerate(toks) if t.upos in _NAME_OR_ADJ]:
            t = toks[i]
            if modifiers is not None and t.text[:1].isupper() and i > 0 and words[i - 1] in ("a", "an") \
                    and modifies_noun(toks, i, i + 1):
                modifiers.setdefault(words[i], []).append((si, i))
            if t.upos == "ADJ":
                continue
            if i > 0 and prefixed is not None and toks[i - 1].text[:1].isupper() \
                    and words[i - 1].rstrip(".") in PLACE_PREFIXES:
                prefixed.add(words[i])
            if i > 0 and toks[i - 1].text not in ('"', "“", "(", ":"):
                out.add(words[i])
            elif i + 1 < len(toks) and toks[i + 1].upos == "PROPN":
                out.add(words[i])  # "Meg Altman buys...": a name even at the start
    return out


_NAME_OR_ADJ = frozenset({"PROPN", "ADJ"})  # the words `_capitals` reads


def _display(e: Entity, entities: list[Entity], clusters: list[_Cluster], depth: int = 0) -> str:
    if e.cluster is not None:
        forms, titles = clusters[e.cluster].forms, clusters[e.cluster].titles
        best = max(forms, key=lambda f: (len(f) > 1 or f[0].lower() not in titles,  # not "King" for King Louis
                                         len(f) > 1 and forms[f] >= 1, forms[f] if len(f) == 1 else len(f) + 100,
                                         -len(" ".join(f))))
        multi = [f for f in forms if len(f) > 1]
        if multi:
            best = max(multi, key=lambda f: (forms[f], len(f)))
        titled = Counter(m.text for m in e.mentions if m.kind == "name" and m.parts == best
                         and m.title in _DISPLAY_TITLES) if len(best) == 1 and titles else None
        if titled and len({t.split()[0] for t in titled}) == 1:
            return titled.most_common(1)[0][0]  # "Mrs. Hale", not a bare surname
        if e.kind == "group" and len(best) == 1:
            return f"the {best[0]}"  # a family by its name: "the Parks"
        return " ".join(best)
    if not e.mentions and e.credit_aliases:
        return e.credit_aliases[0]  # credited only: as the credits call it
    role = e.phrase or (e.heads[0] if e.heads else "character")
    mod = {"former": "late ", "new": "new "}.get(e.modifier or "", "")
    if e.modifier == "former":
        mod = next((w + " " for m in e.mentions for w in m.text.lower().split()
                    if w in ("late", "old", "former", "previous")), "late ")
    if e.anchor is not None and depth < 3:
        owner = _display(entities[e.anchor], entities, clusters, depth + 1)
        if entities[e.anchor].kind == "group" and owner.endswith("s"):
            return f"{owner}’ {mod}{role}"  # "the dwarves’ leader"
        return f"{owner}’s {mod}{role}" if owner.endswith("s") else f"{owner}'s {mod}{role}"
    first = next((m for m in e.mentions if m.kind == "role"), None)
    if first is not None:
        words = first.text.split()
        if len(words) > 2 and words[0].lower() == "one" and words[1].lower() == "of":
            return " ".join(["one"] + words[1:])  # "one of the regular callers"
        if words and words[0].lower() in ("a", "an", "another", "one", "some") or len(words) > 2 \
                and words[0].lower() in ("his", "her", "their", "its") and "'s" in first.text.replace("’", "'"):
            words = ["the"] + words[1:]  # "his new church's members", owned by no character: "the new church's members"
        elif words and words[0] in ("The", "His", "Her", "Their", "Its"):
            words = ["the"] + words[1:]  # as the sentence began: "The Kim family lives..."
        elif len(words) > 1 and e.kind == "group" and (words[0].lower() in NUMBERS or words[0].isdigit()):
            words = ["the"] + words[1:]  # "thirteen dwarves" arrive: "the dwarves" from then on
        return " ".join(words)
    return f"the {mod}{role}"


def _importance(e: Entity, n_paragraphs: int, para_of: list[int], cl: Optional[_Cluster] = None) -> float:
    """Weighted mentions (subjects count more) × spread over paragraphs × how surely a main person.
    The certainties were set on the train split of crowd-labelled film plots: a named person ranks above
    a description or a group with several times its mentions."""
    if not e.mentions:
        return 0.0
    w = {"name": 1.0, "role": 1.0, "pronoun": 0.7}
    score = sum(w[m.kind] + (0.3 if m.subject else 0.0) for m in e.mentions)
    paras = {para_of[m.sentence] for m in e.mentions}
    spread = len(paras) / max(1, n_paragraphs)
    if e.kind == "group":
        certainty = 0.03  # a collective is rarely a main character
    elif not e.named:
        # "the man": a person, but rarely a main character under that description; a relative or a
        # colleague of someone ("her father", "his boss") more often than a bare description
        certainty = 0.25 if e.anchor is not None else 0.1
    else:
        cast = _cast_evidence(e, cl)
        certainty = 1.0
        if e.gender is None and not any(m.kind != "name" for m in e.mentions):
            certainty = 0.7  # a name nothing else confirms as a person
            if not cast and not any(m.subject for m in e.mentions):
                certainty *= 0.6  # ... that never acts (and the text does not present as one of the cast)
            if cl is not None and cl.place > 0:
                certainty *= 0.6  # ... that some words place as a place or a thing
        if not cast and cl is not None and cl.person <= 0:
            certainty *= 0.6  # no word around the name marks a person ("Beethoven's 5th", "Moral America")
        if not cast and cl is not None and cl.kind_of:
            certainty *= 0.6  # a name also used as the name of a kind ("a Rembrandt painting")
    if cl is not None and e.kind == "person" and cl.place > 0 and cl.place >= cl.person:
        certainty *= 0.6  # as much evidence of a place or a thing as of a person
    return round(score * (0.5 + 0.5 * spread) * certainty, 4)


def _cast_evidence(e: Entity, cl: Optional[_Cluster]) -> bool:
    """Does the text present the named `e` as one of the story's cast: credited to an actor ("Leon Jackson
    (Avery Brooks)"), or given a role or a relation ("Anna, a French actress", "his cousin Nolan")? Such a
    name is a character even when it never acts in the summary."""
    return bool(e.heads) or e.anchor is not None or (cl is not None and cl.credited)


def _protagonist(persons: list[Entity], scores: dict[int, float], annotation: Annotation) -> Optional[int]:
    """The person with the highest `_lead_score` (persons that cannot reach it are not scored)."""
    best: Optional[tuple[float, int]] = None
    for e in sorted(persons, key=lambda e: (-scores[e.idx], e.idx)):
        if best is not None and scores[e.idx] * (1 + len(e.mentions)) ** 0.2 < best[0]:
            continue
        key = (_lead_score(e, scores[e.idx], annotation), -e.idx)
        if best is None or key > best:
            best = key
    return -best[1] if best is not None else None


def _lead_score(e: Entity, importance: float, annotation: Annotation) -> float:
    """Importance, raised a little for each clause the person is the subject of a verb of the character
    the plot follows ("returns", "meets", "discovers"): of two main persons, that one is the protagonist
    more often (weight set on the train split of crowd-labelled film plots)."""
    followed = 0
    for m in e.mentions:
        if m.subject:
            for t in annotation.sentences[m.sentence].tokens[m.tok_end:m.tok_end + 4]:
                if t.upos == "VERB":
                    followed += t.lemma in FOLLOWED_VERBS
                    break
    return importance * (1 + followed) ** 0.2


def _credit_name(cr: Credit) -> str:
    """The character a credit names, without a trailing "(voice)", "(uncredited)" or "(cameo)"."""
    return re.sub(r"\s*\((?:voice|uncredited|cameo)\)\s*$", "", cr.character, flags=re.I).strip()


_CREDIT_OWNED = re.compile(r"^(.+?)['’]s\s+(.+)$")  # "Ana's father" -> owner, what is owned


def _credit_entity(cr: Credit, entities: list[Entity], clusters: list[_Cluster], protagonist: Optional[int]) -> Optional[Entity]:
    name = _credit_name(cr)
    m = _CREDIT_OWNED.match(name)
    if m:
        owner = _credit_entity(dataclasses.replace(cr, character=m.group(1)), entities, clusters, protagonist)
        owned = canonical_role(m.group(2).split()[-1])
        if owner is not None:
            for e in entities:
                if e.anchor == owner.idx and owned in e.heads:
                    return e
        return None
    words = name.split()
    if not words:
        return None
    key = fold(name)
    for e in entities:
        if e.cluster is not None and (key in clusters[e.cluster].keys or key in clusters[e.cluster].firsts):
            return e
    low = name.lower()
    head = canonical_role(low) if role_info(low.split()[-1]) or canonical_role(low) != low else None
    if head is None and len(words) > 1 and role_info(words[0].lower()):
        head = canonical_role(words[0].lower())  # "Lawyer Jeong"
    if head is None and role_info(words[-1].lower()):
        head = canonical_role(words[-1].lower())
    if head is not None:
        head_sg = head[:-1] if head.endswith("s") and role_info(head[:-1]) else head
        pool = [e for e in entities if head in e.heads or head_sg in e.heads or head_sg + "s" in e.heads]
        if pool:
            anchored = [e for e in pool if e.anchor == protagonist]
            pool = anchored or pool
            return max(pool, key=lambda e: len(e.mentions))
    return None


_SELF_CREDITS = frozenset({"himself", "herself", "themselves", "self"})


def _credited_only(cr: Credit, entities: list[Entity], clusters: list[_Cluster],
                   made: dict[tuple[str, str], Entity], scores: dict[int, float]) -> Optional[Entity]:
    """A character the credits name but the plot never does ("Time Machine Man"): a person of its own,
    ranked last (one per credited name across the sources, kept in `made`)."""
    name = _credit_name(cr)
    words = [fold(w) for w in name.split()]
    if not words or _CREDIT_OWNED.match(name) or words[0] in _SELF_CREDITS:
        return None  # "Ana's mother" whose owner the plot lacks; "Himself": the actor, no character
    if any(cl.keys & {words[0], words[-1]} for cl in clusters):
        return None  # "Young Tom", "Tom Smith" when the plot says "Tom": a form of a character already found
    key = (fold(name), fold(cr.actor))
    if key not in made:
        title = name.split()[0].lower().rstrip(".")
        gender, group = role_info(name.split()[-1].lower()) or (TITLE_GENDER.get(title), False)
        e = Entity(len(entities), gender=gender, kind="group" if group else "person")
        entities.append(e)
        scores[e.idx] = 0.0
        made[key] = e
    return made[key]


def _join_identical(names: list[Candidate], clusters: list[_Cluster]) -> None:
    """Two name clusters the text says are one person ("Jack Gordon ... is actually Jame Gumb") become one
    (see `_merge_clusters`). Runs right after clustering, before any evidence or gender vote is gathered:
    only what clustering filled is merged."""
    for c in names:
        other = c.identical_to
        if other is None or other.entity is None or c.entity is None or other.entity == c.entity:
            continue
        _merge_clusters(names, clusters, other.entity, c.entity)


def _join_bare_titles(names: list[Candidate], clusters: list[_Cluster], text: str) -> None:
    """A title of office written alone as a name ("the Queen", "the Sheriff") joins the one cluster whose
    names carry that title ("Queen Elizabeth II", "Sheriff Brody"); not with two such, nor when the text
    also says "a Captain" (someone else). Runs where `_join_identical` does."""
    offices = [ci for ci, cl in enumerate(clusters) if _bare_title(cl) is not None]  # a join only empties a
    # cluster after the one it is joining
    if not offices:
        return
    indefinite = {c.entity for c in names
                  if c.entity in offices and _INDEFINITE_BEFORE.search(text, max(0, c.start - 4), c.start)}
    for ci in offices:
        title = _bare_title(clusters[ci])  # None when a join above has emptied it
        if ci in indefinite or title is None:
            continue
        targets = {i for i, other in enumerate(clusters) if i != ci and title in other.titles}  # after earlier joins
        if len(targets) == 1:
            _merge_clusters(names, clusters, targets.pop(), ci)


def _bare_title(cl: _Cluster) -> Optional[str]:
    """The title of office a cluster's only name is, written alone and without a title ("the Queen"), or None."""
    words = {form[0].lower() for form in cl.forms if len(form) == 1}
    if len(words) != 1 or len(words) != len(cl.forms) or cl.titles:
        return None
    title = words.pop()
    return title if title in _OFFICE_TITLES else None


def _merge_clusters(names: list[Candidate], clusters: list[_Cluster], a: int, b: int) -> None:
    """Clusters `a` and `b` become one: the later cluster's names move into the earlier's (the emptied
    cluster keeps no name)."""
    keep, gone = sorted((a, b))
    for m in names:
        if m.entity == gone:
            m.entity = keep
    kept, old = clusters[keep], clusters[gone]
    kept.forms.update(old.forms)
    kept.titles.update(old.titles)
    for field_name in ("keys", "firsts", "lasts", "nicks"):
        getattr(kept, field_name).update(getattr(old, field_name))
    clusters[gone] = _Cluster()


def link_characters(story: Story, annotation: Annotation) -> Story:
    """Find the story's characters in `annotation` (of the primary source) and its credits."""
    plot = story.sources[0]
    blocked = _blocked_names(story)
    prefixed: set[str] = set()
    modifiers: dict[str, list[tuple[int, int]]] = {}
    common: set[str] = set()
    lows = lowered_words(annotation)
    midcap = _capitals(annotation, prefixed, modifiers, common, lows)
    cands = find_candidates(annotation, midcap=midcap, common=common, lows=lows)
    names = [c for c in cands if c.kind == "name" and not c.in_parens
             and not (blocked and "".join(fold(p) for p in c.parts) in blocked)]
    blocked_ids = {id(c) for c in cands if c.kind == "name"} - {id(c) for c in names}
    titled = any(c.title in TITLE_GENDER for c in names)  # only a gendered title can split a cluster
    clusters = _cluster_names(names, _form_genders([c for c in cands if c.kind != "name"] + names, annotation) if titled else None)
    _join_identical(names, clusters)
    _join_bare_titles(names, clusters, annotation.text)
    _name_evidence(annotation, names, clusters, prefixed, modifiers)
    keep_cluster = {i for i, cl in enumerate(clusters)
                    if cl.place <= cl.person + 0.5 or any(t not in _PLACE_TITLES for t in cl.titles)}
    kept = [c for c in cands if id(c) not in blocked_ids and (c.kind != "name" or c.entity in keep_cluster)]
    for c in kept:
        if c.same_as is not None and id(c.same_as) in blocked_ids:
            c.same_as = None
    _name_genders(annotation, kept, clusters)
    linker = _Linker(annotation, kept, clusters, lows)
    entities = linker.run()

    para_of = [s.paragraph for s in story.sentences] or [0]
    n_paras = len(set(para_of))
    scores = {e.idx: _importance(e, n_paras, para_of, clusters[e.cluster] if e.cluster is not None else None)
              for e in entities}
    persons = [e for e in entities if e.kind == "person" and e.mentions]
    protagonist = _protagonist(persons, scores, annotation)

    credit_sources = sorted(story.sources, key=lambda s: (s.id != plot.id, s.id))
    credited_only: dict[tuple[str, str], Entity] = {}
    for src in credit_sources:
        for cr in src.credits:
            if fold(cr.character) in blocked and not any(e.cluster is not None and fold(cr.character) in clusters[e.cluster].keys
                                                          for e in entities):
                continue
            e = _credit_entity(cr, entities, clusters, protagonist)
            if e is None:
                e = _credited_only(cr, entities, clusters, credited_only, scores)
                if e is None:
                    continue
            e.credit_aliases.append(cr.character)
            e.credit_mentions.append(Mention(src.id, cr.start, cr.end, src.text[cr.start:cr.end], -1, "name"))
            e.actor = e.actor or cr.actor
    characters, ids = _build(story, entities, clusters, scores)
    prot_id = ids.get(protagonist) if protagonist is not None else None
    return dataclasses.replace(story, characters=tuple(characters), protagonist=prot_id)


def _build(story: Story, entities: list[Entity], clusters: list[_Cluster],
           scores: dict[int, float]) -> tuple[list[Character], dict[int, str]]:
    """The characters, most important first, and the character id of each entity."""
    plot_id = story.sources[0].id
    live = [e for e in entities if e.mentions or e.credit_mentions]
    live.sort(key=lambda e: (-scores[e.idx], not e.mentions, e.mentions[0].start if e.mentions else e.idx))
    used: set[str] = set()
    names: list[str] = []
    ids: dict[int, str] = {}
    for e in live:
        name = _display(e, entities, clusters)
        base = slugify(name)
        cid, k = base, 2
        while cid in used:
            cid, k = f"{base}-{k}", k + 1
        used.add(cid)
        names.append(name)
        ids[e.idx] = cid
    out = []
    for e, name in zip(live, names):
        relations = [Relation(e.heads[0], ids[e.anchor])] if e.anchor is not None and e.anchor in ids and e.heads else []
        for head, owner in e.more_relations:
            more = Relation(canonical_role(head), ids[owner]) if owner in ids and owner != e.idx else None
            if more is not None and more not in relations:
                relations.append(more)
        aliases: list[str] = []
        for m in e.mentions:
            if m.kind != "pronoun" and m.text not in aliases:
                aliases.append(m.text)
        for a in e.credit_aliases:
            if a not in aliases:
                aliases.append(a)
        mentions = tuple(Mention(plot_id, m.start, m.end, m.text, m.sentence, m.kind) for m in e.mentions)
        mentions = tuple(sorted(mentions, key=lambda m: (m.start, m.end))) + tuple(e.credit_mentions)
        out.append(Character(id=ids[e.idx], name=name, aliases=tuple(aliases), kind=e.kind, gender=e.gender,
                             mentions=mentions, importance=scores[e.idx], actor=e.actor,
                             relations=tuple(relations)))
    return out, ids
