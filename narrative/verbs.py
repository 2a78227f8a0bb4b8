"""Interaction verbs: lemma -> how it links two characters (type, valence, prepositions, medium)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

__all__ = ["VerbInfo", "NO_VERB", "INTERACTION_VERBS", "MEDIUM_WORDS", "RECALL_VERBS", "REPORT_VERBS"]


@dataclass(frozen=True, slots=True)
class VerbInfo:
    type: str  # the interaction type (a present-tense verb phrase: "apologises to")
    valence: str  # positive | negative | neutral
    preps: tuple[str, ...] = ()  # prepositions that may stand between verb and object
    medium: Optional[str] = None  # implied medium (call -> phone)
    directed: bool = True


NO_VERB = VerbInfo("", "neutral")  # what a verb outside the table stands for: no type, no prepositions


def _table(valence: str, spec: str) -> dict[str, VerbInfo]:
    out = {}
    for item in spec.split(";"):
        item = item.strip()
        if not item:
            continue
        lemma, _, preps = item.partition("/")
        prep_t = tuple(p for p in preps.split(",") if p)
        label = lemma if not prep_t else f"{lemma} {prep_t[0]}"  # the type: "scream at"
        out[lemma] = VerbInfo(label, valence, prep_t)
    return out


INTERACTION_VERBS: dict[str, VerbInfo] = {}
INTERACTION_VERBS.update(_table("positive", """help; save; rescue; thank; hug; kiss; love; marry; comfort; protect; befriend;
    forgive; apologise/to; apologize/to; praise; reassure; encourage; support; invite; welcome; console; reunite/with;
    embrace; congratulate; hire; free; spare; defend; assist; cheer; care/for; visit; feed; nurse; trust; adopt; promise;
    offer; agree/with; sympathise/with; sympathize/with; smile/at; date; seduce; propose/to; dance/with; teach; train;
    mentor; guide; tutor; heal; cure; release; warn; greet; reconcile/with; please; inspire; bribe"""))
INTERACTION_VERBS.update(_table("negative", """kill; murder; attack; shoot; stab; hit; punch; slap; kick; beat; strike;
    threaten; scold; berate; insult; mock; blame; accuse; betray; abandon; reject; dismiss; fire; arrest; kidnap;
    abduct; capture; imprison; torture; poison; rob; steal/from; cheat/on; lie/to; deceive; trick; blackmail; chase;
    pursue; hunt; confront; fight/with; argue/with; quarrel/with; scream/at; shout/at; yell/at; snap/at; block; avoid;
    ignore; dump; divorce; leave; refuse; deny; humiliate; harass; stalk; spy/on; frame; expose; sue; defeat; overpower;
    wound; injure; hurt; drown; strangle; rape; assault; scare; frighten; terrorize; terrorise; warn; disown; punish;
    interrogate; suspect; doubt; hate; resent; envy; fear; sabotage; ambush; evict; expel; banish; exile; execute;
    slay; destroy; ruin; criticize; criticise; ridicule; tease; bully; provoke; challenge; obstruct; hang/up/on; reprimand"""))
INTERACTION_VERBS.update(_table("neutral", """call; phone; ask; tell; meet; see; watch; observe; show; inform; contact;
    talk/to,with; speak/to,with; visit; find; follow; approach; join; introduce; order; instruct; persuade; convince;
    urge; beg; plead/with; question; interview; tempt; recognise; recognize; notice; answer; reply/to; text; email;
    write/to; message; send; bring; take; give; hand; pay; hire; employ; replace; examine; treat; recruit; summon;
    assign; remind; tell; learn/from; hear/from; look/at; stare/at; check/on;
    encounter; discover; track; locate; drive; accompany; escort; carry; guard; warn; confess/to; explain/to;
    report/to; admit/to; reveal/to; lead; send; signal; greet; pass; inherit/from; ask/for; demand"""))
# the medium is implied by some verbs
for _v in ("call", "phone"):
    INTERACTION_VERBS[_v] = VerbInfo(_v, "neutral", (), "phone")
for _v in ("text", "message"):
    INTERACTION_VERBS[_v] = VerbInfo(_v, "neutral", (), "message")
for _v in ("email",):
    INTERACTION_VERBS[_v] = VerbInfo(_v, "neutral", (), "email")
INTERACTION_VERBS["write"] = VerbInfo("write to", "neutral", ("to",), "letter")

MEDIUM_WORDS = {
    "phone": "phone", "telephone": "phone", "call": "phone", "calls": "phone", "voicemail": "phone",
    "camera": "camera", "cameras": "camera", "webcam": "camera", "video": "video", "videos": "video",
    "letter": "letter", "letters": "letter", "note": "letter", "mail": "letter", "email": "email",
    "e-mail": "email", "text": "message", "message": "message", "messages": "message", "radio": "radio",
    "walkie-talkie": "radio", "intercom": "intercom", "internet": "internet", "online": "internet",
    "chat": "internet", "skype": "video", "tv": "television", "television": "television",
}
RECALL_VERBS = frozenset("recall remember reminisce dream imagine flashback envision envisage hallucinate fantasize "
                         "fantasise".split())
REPORT_VERBS = frozenset("learn hear read say claim report reveal tell explain discover".split())
