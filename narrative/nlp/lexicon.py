"""Closed-class word lists and a small verb lexicon for the builtin engine (English)."""
from __future__ import annotations

__all__ = [
    "PRONOUNS", "DETERMINERS", "ADPOSITIONS", "CONJUNCTIONS", "SUBORDINATORS", "AUXILIARIES",
    "PARTICLES", "ADVERBS", "ADJECTIVES", "IRREGULAR_VERBS", "REGULAR_VERBS", "NUMBERS", "regular_lemma",
    "verb_forms",
]

PRONOUNS = frozenset("""i me my mine myself you your yours yourself yourselves he him his himself she her hers
herself it its itself we us our ours ourselves they them their theirs themselves who whom whose which what that
this these those someone somebody anyone anybody everyone everybody nobody noone something anything everything
nothing one another other others each both all none either neither""".split())
DETERMINERS = frozenset("the a an this that these those some any no every each either neither another such what which whose".split())
ADPOSITIONS = frozenset("""of for in on at to from by with without about into onto upon over under above below across
through throughout during before after since until till against among amongst between behind beyond near towards
toward around along within despite except like unlike via per off out up down past inside outside beside besides""".split())
CONJUNCTIONS = frozenset("and or but nor yet so".split())
SUBORDINATORS = frozenset("""because although though while whereas if unless whether when whenever where wherever
as once than that after before since until""".split())
AUXILIARIES = frozenset("""be am is are was were been being have has had having do does did will would shall
should can could may might must 's 're 've 'd 'll""".split())
PARTICLES = frozenset("not n't to 's ’s".split())
ADVERBS = frozenset("""also very too then later soon now still just only even already again never always often
sometimes why how eventually finally suddenly instead however meanwhile together away back alone abruptly briefly
temporarily reluctantly quickly slowly immediately afterwards afterward nearly almost really much more most
less least well here there there's ever yet rather quite indeed overly""".split())
ADJECTIVES = frozenset("""new old young late former previous dead alive good bad best worst top tight confident
young little big small great own other same different next last first second third final happy sad angry
irritated emotional clumsy cold regular vacant ambiguous stable home-made newly furnished loud recent deadly
wireless real true false""".split())
NUMBERS = frozenset("""zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million
billion dozen""".split())

# base: (3rd person singular, past, past participle, present participle); irregular forms only.
IRREGULAR_VERBS: dict[str, tuple[str, str, str, str]] = {
    "be": ("is", "was", "been", "being"), "have": ("has", "had", "had", "having"),
    "do": ("does", "did", "done", "doing"), "go": ("goes", "went", "gone", "going"),
    "come": ("comes", "came", "come", "coming"), "get": ("gets", "got", "gotten", "getting"),
    "make": ("makes", "made", "made", "making"), "take": ("takes", "took", "taken", "taking"),
    "give": ("gives", "gave", "given", "giving"), "see": ("sees", "saw", "seen", "seeing"),
    "know": ("knows", "knew", "known", "knowing"), "think": ("thinks", "thought", "thought", "thinking"),
    "tell": ("tells", "told", "told", "telling"), "say": ("says", "said", "said", "saying"),
    "find": ("finds", "found", "found", "finding"), "leave": ("leaves", "left", "left", "leaving"),
    "meet": ("meets", "met", "met", "meeting"), "bring": ("brings", "brought", "brought", "bringing"),
    "buy": ("buys", "bought", "bought", "buying"), "catch": ("catches", "caught", "caught", "catching"),
    "teach": ("teaches", "taught", "taught", "teaching"), "fight": ("fights", "fought", "fought", "fighting"),
    "seek": ("seeks", "sought", "sought", "seeking"), "hold": ("holds", "held", "held", "holding"),
    "keep": ("keeps", "kept", "kept", "keeping"), "feel": ("feels", "felt", "felt", "feeling"),
    "send": ("sends", "sent", "sent", "sending"), "spend": ("spends", "spent", "spent", "spending"),
    "lose": ("loses", "lost", "lost", "losing"), "win": ("wins", "won", "won", "winning"),
    "run": ("runs", "ran", "run", "running"), "begin": ("begins", "began", "begun", "beginning"),
    "speak": ("speaks", "spoke", "spoken", "speaking"), "steal": ("steals", "stole", "stolen", "stealing"),
    "break": ("breaks", "broke", "broken", "breaking"), "choose": ("chooses", "chose", "chosen", "choosing"),
    "drive": ("drives", "drove", "driven", "driving"), "ride": ("rides", "rode", "ridden", "riding"),
    "write": ("writes", "wrote", "written", "writing"), "eat": ("eats", "ate", "eaten", "eating"),
    "fall": ("falls", "fell", "fallen", "falling"), "forget": ("forgets", "forgot", "forgotten", "forgetting"),
    "forgive": ("forgives", "forgave", "forgiven", "forgiving"), "hide": ("hides", "hid", "hidden", "hiding"),
    "bite": ("bites", "bit", "bitten", "biting"), "shoot": ("shoots", "shot", "shot", "shooting"),
    "hit": ("hits", "hit", "hit", "hitting"), "hurt": ("hurts", "hurt", "hurt", "hurting"),
    "let": ("lets", "let", "let", "letting"), "put": ("puts", "put", "put", "putting"),
    "set": ("sets", "set", "set", "setting"), "quit": ("quits", "quit", "quit", "quitting"),
    "read": ("reads", "read", "read", "reading"), "lead": ("leads", "led", "led", "leading"),
    "sell": ("sells", "sold", "sold", "selling"), "pay": ("pays", "paid", "paid", "paying"),
    "hear": ("hears", "heard", "heard", "hearing"), "stand": ("stands", "stood", "stood", "standing"),
    "understand": ("understands", "understood", "understood", "understanding"),
    "sit": ("sits", "sat", "sat", "sitting"), "sleep": ("sleeps", "slept", "slept", "sleeping"),
    "throw": ("throws", "threw", "thrown", "throwing"), "grow": ("grows", "grew", "grown", "growing"),
    "show": ("shows", "showed", "shown", "showing"), "swear": ("swears", "swore", "sworn", "swearing"),
    "wake": ("wakes", "woke", "woken", "waking"), "become": ("becomes", "became", "become", "becoming"),
    "build": ("builds", "built", "built", "building"), "die": ("dies", "died", "died", "dying"),
    "lie": ("lies", "lay", "lain", "lying"), "flee": ("flees", "fled", "fled", "fleeing"),
    "shake": ("shakes", "shook", "shaken", "shaking"), "strike": ("strikes", "struck", "struck", "striking"),
    "kneel": ("kneels", "knelt", "knelt", "kneeling"), "feed": ("feeds", "fed", "fed", "feeding"),
    "freeze": ("freezes", "froze", "frozen", "freezing"), "overhear": ("overhears", "overheard", "overheard", "overhearing"),
    "mislead": ("misleads", "misled", "misled", "misleading"), "undertake": ("undertakes", "undertook", "undertaken", "undertaking"),
    "withdraw": ("withdraws", "withdrew", "withdrawn", "withdrawing"), "deal": ("deals", "dealt", "dealt", "dealing"),
    "mean": ("means", "meant", "meant", "meaning"), "draw": ("draws", "drew", "drawn", "drawing"),
    "wear": ("wears", "wore", "worn", "wearing"), "sing": ("sings", "sang", "sung", "singing"),
    "swim": ("swims", "swam", "swum", "swimming"), "fly": ("flies", "flew", "flown", "flying"),
    "rise": ("rises", "rose", "risen", "rising"), "hang": ("hangs", "hung", "hung", "hanging"),
    "bear": ("bears", "bore", "born", "bearing"), "beat": ("beats", "beat", "beaten", "beating"),
    "forbid": ("forbids", "forbade", "forbidden", "forbidding"), "crouch": ("crouches", "crouched", "crouched", "crouching"),
}

REGULAR_VERBS = frozenset("""accept accuse admit agree aim allow answer apologise apologize appear arrest arrive ask
attack attempt avoid bake befriend beg believe belong berate betray blame block call care carry cause change chase
check clean climb comfort confess confront confuse consider contact continue convince cook cry dance date decide
defeat deliver demand deny describe destroy develop disappear discover dismiss dispose divorce doubt drag dream drop
employ encounter encourage end enter escape explain expose face fail fetch file finish fire fix follow force free
furnish gather greet guard hand happen hate help hire hope hug hunt ignore imprison inform inherit injure inquire
insult interfere interrogate introduce invite join jump kidnap kill kiss laugh learn lie like listen live locate
look love manage marry mention miss mock move murder need notice obey observe offer open order own pace pack
pass perform pick plan play poison pray prepare present pretend prevent promise propose protect prove pull punch
push question raise reach realise realize receive recall recognise recognize refuse reject release remain remember
renounce rent repair replace report request rescue respond rest return reveal rob rush save scold scream search
seduce seem serve settle shout sign smile smoke smuggle spare spy start stare stay stop struggle suggest support
suspect survive suspend talk tease tempt test thank threaten toss touch train transfer travel trust try turn
visit wait walk want warn wash watch welcome wish witness work worry yell zone train answer abandon abduct adopt
advise alert approach assist assure attend await bribe bury capture celebrate charge cheat claim collapse command
complain congratulate consult convert correct count cover crash dare defend depend deserve desire dislike
disguise distract drown earn embrace enjoy erase establish execute expect fear fetch gain glance handle harm head
identify imagine impress infect insist intend investigate involve kick land last lock lure marry name nurse
obtain operate overpower own paint persuade phone plead point pose possess post pursue recover recruit reform
refuse reunite rejoin relent rely remind reside resign resolve restore retire retrieve ruin sacrifice scare
separate shove slap smash snap sneak solve spot stab steer submit succeed sue summon surprise surrender suspect
swap text track trap treat trick unite urge use vow wander wave whisper wind wound wreck
accompany ambush argue assault assign banish blackmail bully challenge cheer console criticise criticize cure
deceive disown dump email envy escort evict examine exile expel express frame frighten guide
harass heal hesitate humiliate inspire instruct interview mentor message obstruct panic please praise prompt
provoke punish quarrel rape reassure reconcile regret reply reprimand resent ridicule sabotage signal slay
stalk strangle sympathise sympathize tend terrorise terrorize torture tutor wonder""".split())


def _regular(base: str) -> tuple[str, str, str, str]:
    if base.endswith(("ee", "ye", "oe")):
        past, ing = base + "d", base + "ing"  # "agreed", "agreeing"
    elif base.endswith("e"):
        past, ing = base + "d", base[:-1] + "ing"
    elif base.endswith("ic"):
        past, ing = base + "ked", base + "king"  # "panicked"
    elif base.endswith("y") and base[-2:-1] not in "aeiou":
        past, ing = base[:-1] + "ied", base + "ing"
    elif base.endswith("ie"):
        past, ing = base + "d", base[:-2] + "ying"
    else:
        past, ing = base + "ed", base + "ing"
    return third_person(base), past, past, ing


_UNDOUBLED = frozenset("bdgmnprt")  # "stopped" -> "stop", but "called", "kissed", "stuffed" keep theirs
_E_AFTER = ("ar", "ur", "ir", "at", "ut", "ot", "id", "ud", "ib", "ik", "ok", "uk", "um", "am", "em", "in", "il",
            "ol", "ul", "ap", "ip", "up", "iz")  # after a consonant: "declare", "dominate", "provide", "smile"...


def regular_lemma(stem: str) -> str:
    """The base form of a verb the lexicon does not know, from what is left once "-ed" or "-ing" is cut
    ("fumbl" -> "fumble", "assum" -> "assume", "referr" -> "refer", "walk" -> "walk"): English spelling
    rules read backwards, right for most regular verbs ("visit", "open", "honor" keep no "e")."""
    if len(stem) < 3 or not stem.isalpha():
        return stem
    last, before = stem[-1], stem[-2]
    if last == "i":
        return stem[:-1] + "y"  # "carried"
    if last == before and (last in _UNDOUBLED and len(stem) > 3 or last == "l" and len(stem) > 5
                           and stem[-3] in "aeiou" and stem[-4] not in "aeiou"):
        return stem[:-1]  # "stopped", "controlled"; not "added", "called", "installed"
    vowels = "aeiouy"
    if last in "vcz" and before not in "cz" or last == "s" and before != "s" \
            or last == "l" and before in "bcdfgkptz" or stem.endswith(("dg", "rg")) \
            or stem[-2:] in _E_AFTER and (stem[-3] not in vowels or stem.endswith("uat")):  # "evacuate"
        return stem + "e"
    return stem


def third_person(base: str) -> str:
    """The third person singular present of a regular verb ("apologise" -> "apologises", "try" -> "tries")."""
    if base.endswith(("s", "sh", "ch", "x", "z", "o")):
        return base + "es"
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        return base[:-1] + "ies"
    return base + "s"


def _doubling(base: str) -> bool:
    return base in {"stop", "drop", "plan", "grab", "slap", "snap", "trap", "kidnap", "rob", "stab", "ship",
                    "shop", "chat", "admit", "commit", "regret", "prefer", "refer", "occur", "beg", "hug", "drag",
                    "jog", "nod", "pat", "rip", "skip", "slip", "step", "tap", "trip", "wrap", "zip", "submit",
                    "expel", "compel", "propel", "control", "patrol"}


def verb_forms() -> dict[str, str]:
    """Map every inflected form of the lexicon's verbs to its lemma."""
    forms: dict[str, str] = {}
    for base in sorted(REGULAR_VERBS):
        third, past, part, ing = _regular(base)
        if _doubling(base):
            past = part = base + base[-1] + "ed"
            ing = base + base[-1] + "ing"
        for f in (base, third, past, part, ing):
            forms.setdefault(f, base)
    for base, fs in IRREGULAR_VERBS.items():
        forms[base] = base
        for f in fs:
            forms[f] = base
    for f in ("am", "are", "were"):
        forms[f] = "be"
    return forms
