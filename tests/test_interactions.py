"""Typed, directed interactions from verbs; co-presence; valence; medium; recalled contact."""
from __future__ import annotations

import pytest

from narrative.pipeline import STEPS, analyze


def interactions(text: str):
    story = analyze(text, engine="builtin", steps=STEPS[:4])
    name = {c.id: c.name for c in story.characters}
    return [(name[x.source], x.type, name[x.target], x.valence, x.medium, x.mode)
            for x in story.interactions if x.mode != "copresence"], story


@pytest.mark.parametrize("text, expected", [
    ("Ana calls Tom.", ("Ana", "call", "Tom", "neutral", "phone", "direct")),
    ("Ana scolds Tom for being late.", ("Ana", "scold", "Tom", "negative", None, "direct")),
    ("Ana apologises to Tom.", ("Ana", "apologise to", "Tom", "positive", None, "direct")),
    ("Ana trains Tom.", ("Ana", "train", "Tom", "positive", None, "direct")),
    ("Ana screams at Tom.", ("Ana", "scream at", "Tom", "negative", None, "direct")),
    ("Tom is attacked by Ana.", ("Ana", "attack", "Tom", "negative", None, "direct")),
    ("Ana watches Tom through a camera.", ("Ana", "watch", "Tom", "neutral", "camera", "direct")),
])
def test_interactions_verb_table(text, expected):
    found, _ = interactions(text)
    assert expected in found


def test_interactions_through_pronouns_and_roles():
    found, _ = interactions("Ana calls her father. She screams at him.")
    assert ("Ana", "scream at", "Ana's father", "negative", None, "direct") in found
    assert ("Ana", "call", "Ana's father", "neutral", "phone", "direct") in found


def test_interactions_control_verb_gives_the_infinitive_its_subject():
    found, _ = interactions("Ana's boss asks Ana to train Tom.")
    assert ("Ana's boss", "ask", "Ana", "neutral", None, "direct") in found
    assert ("Ana", "train", "Tom", "positive", None, "direct") in found


def test_interactions_recalled_contact_is_marked():
    found, _ = interactions("Ana meets Tom. Ana recalls Tom showing Ana a trick.")
    assert ("Tom", "show", "Ana", "neutral", None, "recalled") in found


def test_interactions_possessor_is_not_the_object():
    found, _ = interactions("Ana tosses Tom's belongings in a bin.")
    assert not [f for f in found if f[2] == "Tom"]


def test_interactions_copresence_is_undirected_and_weaker():
    _, story = interactions("Ana and Tom sit in the kitchen.")
    co = [x for x in story.interactions if x.mode == "copresence"]
    assert co and all(not x.directed and x.type == "copresence" for x in co)


def test_interactions_reference_existing_events_and_sentences(aloners_story):
    events = {e.id: e for e in aloners_story.events}
    for x in aloners_story.interactions:
        assert x.sentence in events[x.event].sentences
        assert x.source != x.target


@pytest.mark.parametrize("text", [
    "Ana never calls Tom.",
    "Ana wants to marry Tom.",
    "Ana threatens to report Tom.",
    "Ana does not help Tom.",
])
def test_interactions_negated_or_unrealised_acts_are_not_contact(text):
    found, _ = interactions(text)
    assert found == []


def test_interactions_relative_clause_subject():
    found, _ = interactions("Irving confronts Rosalyn, who admits to Irving that she lied.")
    assert ("Irving", "confront", "Rosalyn", "negative", None, "direct") in found
    assert ("Rosalyn", "admit to", "Irving", "neutral", None, "direct") in found


def test_interactions_copresence_only_for_characters_on_stage_together():
    _, story = interactions("Ana and Tom talk about Paul in the kitchen. Mia sits with Ana.")
    name = {c.id: c.name for c in story.characters}
    pairs = {frozenset((name[x.source], name[x.target])) for x in story.interactions if x.mode == "copresence"}
    assert frozenset(("Ana", "Tom")) in pairs
    assert frozenset(("Mia", "Ana")) in pairs
    assert not any("Paul" in p for p in pairs)


def test_interactions_coordinated_objects_and_agents():
    found, _ = interactions("Jack sends Lock, Shock and Barrel to the city. Flynn is greeted by Alan and Lora.")
    pairs = {(s, t) for s, _, t, *_ in found}
    assert {("Jack", "Lock"), ("Jack", "Shock"), ("Jack", "Barrel"), ("Alan", "Flynn"), ("Lora", "Flynn")} <= pairs


@pytest.mark.parametrize("text, actor, act", [
    ("Rosalyn threatens to leave if Irving leaves her.", "Irving", "leave"),
    ("When Ana wanted to retire and marry Tom, Paul laughed.", "Ana", "marry"),
    ("Ana attempts to rescue Tom.", "Ana", "rescue"),
    ("Angered, the farmers decide to kill Tom.", "The farmers", "kill"),
    ("Barnes hires a mercenary named Mussawi to help kidnap and kill Nasir.", "Barnes", "kill"),
    ("Barnes hires a mercenary named Mussawi to help kidnap and kill Nasir.", "Barnes", "kidnap"),
    ("Tom agrees to marry Ana.", "Tom", "marry"),
    ("Booth offers Machete money to kill McLaughlin.", "Booth", "kill"),
    ("Booth offers Machete money to kill McLaughlin.", "Machete", "kill"),
])
def test_interactions_conditions_wishes_attempts_and_decisions_are_not_contact(text, actor, act):
    found, _ = interactions(text)
    assert not [f for f in found if f[0].lower() == actor.lower() and f[1] == act], found


def test_interactions_reported_needs_a_reported_clause():
    found, _ = interactions("Perkins learns of the plan and informs Viggo. Ana learns that Tom killed Paul.")
    modes = {(s, t): mode for s, _, t, _, _, mode in found}
    assert modes[("Perkins", "Viggo")] == "direct"
    assert modes[("Tom", "Paul")] == "reported"


@pytest.mark.parametrize("text, absent", [
    ("Winston orders Perkins executed.", ("Winston", "order", "Perkins")),
    ("Ram encourages Flynn to find Tron.", ("Flynn", "find", "Tron")),
])
def test_interactions_causatives_and_urged_acts_are_not_done_acts(text, absent):
    found, _ = interactions(text)
    assert absent not in {(s, t, o) for s, t, o, *_ in found}


def test_interactions_long_chains_of_coordinated_verbs():
    found, _ = interactions("Tom " + "hits and " * 1500 + "hits Ann.")
    assert ("Tom", "hit", "Ann", "negative", None, "direct") in found


def test_interactions_attempts_and_conditions_are_not_contact():
    found, story = interactions("Oogie tries to kill Jack. If Danny and Tess win, they keep the money.")
    assert not [f for f in found if f[:3] == ("Oogie", "kill", "Jack")]
    assert not [x for x in story.interactions if x.mode == "copresence"]


@pytest.mark.parametrize("text, absent", [
    ("Magua hates Munro, and he wants revenge. Magua is furious because this robs him of his chance to kill Munro.",
     ("Magua", "kill", "Munro")),
    ("The killer hides the gun in order to frame Rocklin.", ("The killer", "frame", "Rocklin")),
    ("Ana moves in, in the hope to convince Tom to stay.", ("Ana", "convince", "Tom")),
    ("Ana saves money so that she can marry Tom.", ("Ana", "marry", "Tom")),
])
def test_interactions_purposes_and_intentions_are_not_done_acts(text, absent):
    found, _ = interactions(text)
    assert absent not in {(s, t, o) for s, t, o, *_ in found}


def test_interactions_control_verb_with_a_thing_as_object_gives_no_subject():
    found, _ = interactions("Flynn confronts Sark, prompting the program to give Sark a disc.")
    assert not [f for f in found if f[:3] == ("Flynn", "give", "Sark")]


def test_interactions_a_subject_that_is_no_character_is_not_inherited():
    found, _ = interactions("Barry calls a hotline, but the operator attempts to extort money and sends Lena away.")
    assert not [f for f in found if f[0] == "Barry" and f[2] == "Lena"]


def test_interactions_no_subject_carries_over_a_colon():
    found, _ = interactions("The farmer gives Sal a gun and orders Sal to choose: kill Richard or leave.")
    assert not [f for f in found if f[2] == "Richard"]


def test_interactions_perceived_object_needs_no_preposition():
    found, _ = interactions("Magua catches up with the soldiers, capturing Heyward.")
    assert ("Magua", "capture", "Heyward") in {f[:3] for f in found}
    assert not [f for f in found if f[0] == "the soldiers"]


def test_interactions_coordinated_objects_stop_at_a_new_subject():
    found, _ = interactions("Ana meets Tom. Connie attacks Ana, and Tom accuses her of lying.")
    assert ("Connie", "attack", "Ana") in {f[:3] for f in found}
    assert ("Connie", "attack", "Tom") not in {f[:3] for f in found}


def test_interactions_naming_participle_is_no_act():
    found, story = interactions("Heyward meets a Mohawk called Magua.")
    assert not [f for f in found if f[1] == "call"]


@pytest.mark.parametrize("text, pair", [
    ("Ana is a nurse. Paul is a sailor. She fears he is dead.", {"Ana", "Paul"}),
    ("The wrongs were done to Ana by Munro, and Cora is to be burned.", {"Munro", "Cora"}),
    ("Ana tells Mia that Tom and Paul were friends.", {"Tom", "Paul"}),
])
def test_interactions_no_copresence_from_beliefs_objects_or_reports(text, pair):
    _, story = interactions(text)
    name = {c.id: c.name for c in story.characters}
    pairs = [{name[x.source], name[x.target]} for x in story.interactions if x.mode == "copresence"]
    assert pair not in pairs


def test_interactions_copresence_of_listed_agents_and_perceived_groups():
    _, story = interactions("Joined by Legolas and Gimli, Aragorn travels. Craig watches Lotte and Maxine live together.")
    name = {c.id: c.name for c in story.characters}
    pairs = [{name[x.source], name[x.target]} for x in story.interactions if x.mode == "copresence"]
    assert {"Legolas", "Gimli"} in pairs and {"Lotte", "Maxine"} in pairs


def test_interactions_a_verb_of_naming_with_a_name_is_no_call():
    found, _ = interactions("Ana meets a boy. The villagers call him Max. Later Ana calls him from a payphone.")
    assert not any(x[1] == "call" and x[0].lower() == "the villagers" for x in found)
    assert any(x[0] == "Ana" and x[1] == "call" for x in found)
    found, _ = interactions("Ana calls her father, Bob.")
    assert any(x[0] == "Ana" and x[1] == "call" for x in found)


def test_interactions_calling_together_is_no_phone_call():
    found, _ = interactions("After a show, Kaufman calls together Lynne, Zmuda and Shapiro to tell them the news.")
    assert not any(x[1] == "call" for x in found), found


@pytest.mark.parametrize("text", ["In return, Nick must live with his father.", "Tom and Ana do not meet again."])
def test_interactions_no_copresence_under_a_modal_or_negation(text):
    _, story = interactions(text)
    assert not [x for x in story.interactions if x.mode == "copresence"]


def test_interactions_copresence_still_found_without_modal():
    _, story = interactions("Tom and Ana meet again. Later Tom lives with his father.")
    assert len([x for x in story.interactions if x.mode == "copresence"]) == 2


def test_interactions_object_pronoun_after_a_possessed_subject_is_the_possessor():
    found, _ = interactions("Mara's boss asks her to train Tom.")
    assert ("Mara's boss", "ask", "Mara", "neutral", None, "direct") in found
    assert ("Mara", "train", "Tom", "positive", None, "direct") in found


def test_interactions_a_simple_past_in_a_present_tense_plot_is_backstory():
    text = ("Prewitt arrives at the base. Holmes greets him and offers him a place. Prewitt refuses because he stopped "
            "fighting after he blinded a friend. Warden meets Karen, who previously slapped Holmes. Karen visits "
            "Warden and kisses him.")
    found, story = interactions(text)
    assert ("Karen", "slap", "Holmes", "negative", None, "recalled") in found
    assert ("Karen", "visit", "Warden", "neutral", None, "direct") in found
    assert not [x for x in story.interactions if x.mode == "copresence" and "the-friend" in (x.source, x.target)]


def test_interactions_a_past_tense_plot_keeps_its_acts_direct():
    found, _ = interactions("Karen arrived at the base. Karen slapped Holmes. Warden met Karen. Karen visited Warden.")
    assert ("Karen", "slap", "Holmes", "negative", None, "direct") in found


def test_interactions_subject_before_a_verbless_aside():
    found, _ = interactions("Mara works at a bank and she is good at it. Later, Mara's boss, on orders from the "
                            "company, asks her to train a new employee called Tom.")
    assert ("Mara's boss", "ask", "Mara", "neutral", None, "direct") in found
    assert ("Mara", "train", "Tom", "positive", None, "direct") in found


def test_interactions_plural_possessor_is_no_target():
    found, _ = interactions("Ana meets Tom Martin and Bob Martin. Later Tom orders the Martins' house burned.")
    assert not [f for f in found if f[1] == "order"]


@pytest.mark.parametrize("text", [
    "Sam explains that he works undercover to get Seamus.",
    "Ana decides to visit Tom.",
    "Ana learns that Bob joined Tom.",
])
def test_interactions_no_copresence_from_a_purpose_plan_or_report(text):
    _, story = interactions(text)
    assert not [x for x in story.interactions if x.mode == "copresence"], story.interactions


def test_interactions_one_act_is_listed_once_per_sentence():
    _, story = interactions('Winstead tells Billie that Dillinger said "Tell Billie for me" and tells her goodbye.')
    keys = [(x.source, x.target, x.type, x.sentence) for x in story.interactions]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("text, expected", [
    ("Ana is a clerk. Her father is a widower. Ana takes a phone call from her father.",
     ("Ana's father", "call", "Ana", "neutral", "phone", "direct")),
    ("Ana is a clerk. Tom is a sailor; he is far away. Ana receives a letter from Tom.",
     ("Tom", "write to", "Ana", "neutral", "letter", "direct")),
])
def test_interactions_received_contact_comes_from_its_sender(text, expected):
    found, _ = interactions(text)
    assert expected in found


def test_interactions_a_blocked_number_reaches_its_owner_but_a_found_phone_does_not():
    found, _ = interactions("Ana is a clerk. Her father is a widower. This causes him to abruptly hang up "
                            "and temporarily block Ana's number.")
    assert [(a, t, b) for a, t, b, *_ in found] == [("Ana's father", "block", "Ana")]
    found, _ = interactions("Ana is a clerk. Tom is a sailor; he is far away. Ana finds Tom's phone in a drawer.")
    assert not [f for f in found if f[1] == "find"]


def test_interactions_gerund_after_an_aspect_verb_takes_its_subject():
    found, _ = interactions("Ana is a clerk. Tom is a new clerk; he is clumsy. An irritated Ana starts avoiding Tom.")
    assert ("Ana", "avoid", "Tom") in [(a, t, b) for a, t, b, *_ in found]


def test_interactions_coordinated_infinitives_share_a_subject_but_finite_verbs_do_not():
    found, _ = interactions("Ana is a nurse. Tom is a thief; he is old. Ben is a guard. "
                            "Ana asks Tom to quietly leave the house and then kiss Ben.")
    assert ("Tom", "kiss", "Ben") in [(a, t, b) for a, t, b, *_ in found]
    found, _ = interactions("Ana is a nurse. Tom is a thief; he is old. Ben is a guard; he is young. "
                            "Ana asks Tom to forgive Ben and tells Ben to leave.")
    assert ("Ana", "tell", "Ben") in [(a, t, b) for a, t, b, *_ in found]


def test_interactions_participle_of_speech_addresses_the_one_just_met():
    found, _ = interactions("Ana is a clerk. Tom is a new clerk; he is shy. Ana calls Tom, apologising for her "
                            "cold behaviour.")
    assert ("Ana", "apologise to", "Tom") in [(a, t, b) for a, t, b, *_ in found]
    found, _ = interactions("Ana is a clerk. The alien is a monster. The alien keeps Ana, hanging from the ceiling.")
    assert not [f for f in found if f[1].startswith("hang")]


def _copresent(text):
    _, story = interactions(text)
    name = {c.id: c.name for c in story.characters}
    return [{name[x.source], name[x.target]} for x in story.interactions if x.mode == "copresence"]


@pytest.mark.parametrize("text, absent, present", [
    ("Worried that she poses a danger to Hal and Cait, Sam leaves with Mitch.", {"Hal", "Sam"}, {"Sam", "Mitch"}),
    ("The balloon is shot down by an officer and both Stu and Bo fall.", {"Stu", "an officer"}, {"Stu", "Bo"}),
])
def test_interactions_a_list_ends_at_its_and(text, absent, present):
    pairs = _copresent(text)
    assert absent not in pairs and present in pairs, pairs


@pytest.mark.parametrize("text, absent", [
    ("Craig locks Lotte in a cage and forces her to set up a tryst with Maxine.", {"Lotte", "Maxine"}),
    ("Charles asks Tyler to meet with Bob at his office.", {"Tyler", "Bob"}),
    ("Kirk is hoping to reconcile with Marnie.", {"Kirk", "Marnie"}),
    ("Ana arranges to meet with Tom.", {"Ana", "Tom"}),
])
def test_interactions_no_copresence_with_someone_only_asked_or_planned(text, absent):
    assert absent not in _copresent(text)


def test_interactions_a_purpose_of_going_still_puts_two_together():
    assert {"Lacey", "Paul"} in _copresent("Lacey leaves the house to live with Paul.")


def test_interactions_no_copresence_from_who_two_characters_are():
    assert _copresent("Alice, Jasper and Emmett are their adopted children.") == []
    assert {"Jack", "Reggie"} in _copresent("Jack and Reggie are ready to quit.")


@pytest.mark.parametrize("text, absent", [
    ("Welles meets Janet. Welles discovers Mary is a runaway and visits Janet.", ("Welles", "discover", "Mary")),
    ("Claire meets Warren. After a while, Claire suspects Warren may have killed Mary.", ("Claire", "suspect", "Warren")),
    ("Rebecca explains how Life Extension uses cryonics.", ("Rebecca", "explain", "Life Extension")),
    ("Gabriel asks why Villeneuve mentions the fort.", ("Gabriel", "ask", "Villeneuve")),
])
def test_interactions_the_subject_of_a_reported_clause_is_no_object(text, absent):
    found, _ = interactions(text)
    assert absent not in {f[:3] for f in found}, found


@pytest.mark.parametrize("text, present", [
    ("Cohen tells Rogers there will be layoffs.", ("Cohen", "tell", "Rogers")),
    ("Maria tells Jimmy he deserves to die alone.", ("Maria", "tell", "Jimmy")),
    ("Ana calls her father, screaming at him and demanding he apologizes.", ("Ana", "demand", "Ana's father")),
    ("Seth returns to find Richie has killed a clerk.", ("Seth", "find", "Richie")),
    ("Karl tells Bob that killing Doyle was wrong.", ("Karl", "kill", "Doyle")),
])
def test_interactions_an_object_before_its_own_clause_is_still_acted_on(text, present):
    found, _ = interactions(text)
    assert present in {f[:3] for f in found}, found


def test_interactions_participles_take_the_perceived_one_only_when_seen_doing():
    found, _ = interactions("Jim goes to see Claudia, telling her he loves her.")
    assert ("Claudia", "tell", "Jim") not in {f[:3] for f in found}
    found, _ = interactions("Ana finds Tom crying in a shed, talking to Bob.")
    assert ("Tom", "talk to", "Bob") in {f[:3] for f in found}


@pytest.mark.parametrize("text, present, absent", [
    ("Then as Hawkeye holds the rest at bay, Chingachgook duels and kills Magua.",
     ("Chingachgook", "kill", "Magua"), ("Hawkeye", "kill", "Magua")),
    ("Jake meets Lily. Later, Jake enlists his partners, Gordo and Miles, and also convinces Lily to join them.",
     ("Jake", "convince", "Lily"), ("Gordo", "convince", "Lily")),
])
def test_interactions_an_s_verb_tagged_as_a_noun_after_its_subject_is_a_verb(text, present, absent):
    found = {f[:3] for f in interactions(text)[0]}
    assert present in found and absent not in found, found


def test_interactions_bare_verbs_coordinated_with_a_controlled_infinitive_share_its_subject():
    found, _ = interactions("Marcus intervenes, allowing John to free himself, kill Kirill, and accost Viggo.")
    found = {f[:3] for f in found}
    assert ("John", "kill", "Kirill") in found and ("Marcus", "kill", "Kirill") not in found, found


@pytest.mark.parametrize("text, verb, mode", [
    ("Anna tells Paul she has always loved him.", "loved", "reported"),
    ("Anna tells Paul, and she kisses him.", "kisses", "direct"),
    ("Hauser explains that it was a ploy to fool them, and expose Kuato.", "expose", "reported"),
    ("Agnes reveals that on the night Marie died, she told Agnes a secret.", "told", "reported"),
])
def test_interactions_mode_of_a_clause_without_that(text, verb, mode):
    from narrative.interactions import _mode
    from narrative.nlp.builtin import BuiltinEngine

    toks = BuiltinEngine().annotate(text).sentences[0].tokens
    assert _mode(toks, next(k for k, t in enumerate(toks) if t.text == verb)) == mode


@pytest.mark.parametrize("text, act, mode", [
    ("Ana meets Bob. Ana warns Bob that Tom hit Paul.", ("Tom", "hit", "Paul"), "reported"),
    ("When his boss informs Lester that he is fired, Lester blackmails him.", ("Lester", "blackmail", "Lester's boss"),
     "direct"),
    ("Tom meets Ana. Tom confesses to Ana that he cheated on her and begs her to stay.", ("Tom", "beg", "Ana"),
     "direct"),
])
def test_interactions_mode_of_a_clause_of_saying(text, act, mode):
    found, _ = interactions(text)
    modes = {f[:3]: f[5] for f in found}
    assert modes.get(act) == mode, found


def test_interactions_a_main_clause_after_a_report_puts_characters_together():
    assert {"Lora Baines", "Alan"} in _copresent("Mrs. Lora Baines is a programmer. Lora learns that Flynn is a hacker, "
                                                 "and she and Alan go to the arcade.")
    assert {"Craig", "Malkovich"} not in _copresent("Lotte warns Maxine that Craig is inhabiting Malkovich.")


@pytest.mark.parametrize("text, absent", [
    ("Mikhi lets Gregor watch as the sniper kills Natacha before killing him.", ("Mikhi", "kill", "Gregor")),
    ("Carlos arrives and his bodyguards blast the door open, killing the vampires.", ("Carlos", "kill", "the vampires")),
    ("Perkins informs Viggo, who has Marcus beaten before executing him.", ("Perkins", "execute", "Marcus")),
    ("Barbara argues with Barnett over Connie replacing her.", ("Connie", "replace", "Barbara")),
])
def test_interactions_subject_of_an_adverbial_participle_is_the_nearest_clause_subject(text, absent):
    found, _ = interactions(text)
    assert absent not in {f[:3] for f in found}, found


def test_interactions_a_participle_after_before_keeps_a_character_subject():
    found, _ = interactions("Viggo meets Iosef. Viggo beats and berates Iosef before explaining to Iosef the rules.")
    assert ("Viggo", "explain to", "Iosef") in {f[:3] for f in found}


def test_interactions_coordinated_verbs_of_a_relative_clause():
    found, _ = interactions("Aurelio tells Viggo, who beats and berates Iosef.")
    assert ("Viggo", "berate", "Iosef", "negative", None, "direct") in found, found


@pytest.mark.parametrize("text, absent", [
    ("Claudia hatches a plot to kill Lestat by poisoning him.", ("Claudia", "poison", "Lestat")),
    ("Dr. Logan hopes to secure Rhodes' goodwill by showing him the results.", ("Dr. Logan", "show", "Rhodes")),
    ("As Ethan is about to give Luther the canister, Ambrose recovers.", ("Ethan", "give", "Luther")),
    ("Mouna is unable to visit Tarek at the detention center.", ("Mouna", "visit", "Tarek")),
])
def test_interactions_means_of_a_plan_and_acts_one_is_about_or_unable_to_do(text, absent):
    found, _ = interactions(text)
    assert absent not in {f[:3] for f in found}, found


@pytest.mark.parametrize("text, pair", [
    ("Before jumping, David envisions Brian and Sofia to say his goodbyes.", {"Brian", "Sofia"}),
    ("Stainer deems Molly a 10 in a scale of attractiveness.", {"Stainer", "Molly"}),
])
def test_interactions_no_copresence_from_what_one_imagines_or_judges(text, pair):
    assert pair not in _copresent(text)


@pytest.mark.parametrize("text, pair", [
    ("Tom becomes obsessed with Samantha and begins probing the neighbours.", {"Tom", "Samantha"}),
    ("Jody is infatuated with Ben.", {"Jody", "Ben"}),
    ("Richard is in love with Francoise.", {"Richard", "Francoise"}),
    ("Jack mistakenly describes Santa as a malevolent being.", {"Jack", "Santa"}),
])
def test_interactions_no_copresence_from_a_feeling_or_a_description(text, pair):
    assert pair not in _copresent(text)


def test_interactions_a_state_with_someone_after_a_copula_can_still_be_together():
    assert {"Ana", "Tom"} in _copresent("Ana is reunited with Tom.")


@pytest.mark.parametrize("text, absent", [
    ("Dillinger longs to see Frechette again.", ("Dillinger", "see", "Frechette")),
    ("Viggo calls John, planning to have Perkins ambush John.", ("Perkins", "ambush", "John")),
    ("Jack mistakenly describes Santa as a malevolent being.", ("Jack", "describe", "Santa")),
])
def test_interactions_longings_plans_and_descriptions_are_no_acts(text, absent):
    found, _ = interactions(text)
    assert absent not in {f[:3] for f in found}, found


def test_interactions_a_modal_reaches_a_verb_after_and_then():
    found, _ = interactions("Kaufman meets the actresses. He will wrestle only women (the actresses) and then berate "
                            "them after winning.")
    assert not [f for f in found if f[1] == "berate"], found


def test_interactions_a_participle_after_a_backstory_verb_is_recalled():
    found, _ = interactions("Lila arrives at the motel. Sam meets Lila. The doctor explains everything. Sam leaves. "
                            "Norman meets Lila. Norman killed two girls before killing Marion.")
    assert ("Norman", "kill", "Marion", "negative", None, "recalled") in found, found


def test_interactions_tasking_someone_to_act_gives_the_infinitive_its_subject():
    found, _ = interactions("Jack meets Santa. He also tasks Lock, Shock and Barrel, a trio of children, to abduct Santa.")
    found = {f[:3] for f in found}
    assert ("Lock", "abduct", "Santa") in found and ("Jack", "abduct", "Santa") not in found, found


def test_interactions_a_verb_inside_a_mention_is_no_act():
    found, _ = interactions("Kaufman becomes a wrestler, and he wrestles only women (hired actresses), berating them.")
    assert not [f for f in found if f[1] == "hire"], found


@pytest.mark.parametrize("text, absent", [
    ("After being refused passage on the ferry that conveyed Cogburn and LaBoeuf, Mattie goads her horse.",
     {"Mattie", "Cogburn"}),
])
def test_interactions_no_copresence_across_a_fronted_subordinate_clause(text, absent):
    assert absent not in _copresent(text)


@pytest.mark.parametrize("text, feeling", [
    ("Morris thoroughly disagrees with Thompson.", True),
    ("Tom becomes obsessed with Ana.", True),
    ("Tom is reunited with Ana.", False),
    ("Tom leaves with Ana.", False),
])
def test_interactions_a_with_of_feeling_or_opinion(text, feeling):
    from narrative.interactions import _feeling_with
    from narrative.nlp.builtin import BuiltinEngine

    toks = BuiltinEngine().annotate(text).sentences[0].tokens
    assert _feeling_with(toks, next(k for k, t in enumerate(toks) if t.text == "with")) is feeling


def test_interactions_they_for_a_group_named_far_back_is_not_trusted():
    from narrative.interactions import _token_owner
    from narrative.nlp.builtin import BuiltinEngine

    sent = BuiltinEngine().annotate("Mr. Fox leads them on an expedition.").sentences[0]
    mentions = [(0, 7, "fox", "name"), (14, 18, "farmers", "pronoun")]
    assert _token_owner(sent, mentions)[4] is None  # the farmers were named sentences ago
    assert _token_owner(sent, mentions, frozenset({"farmers"}))[4] == ("farmers", False, 4)
    found, _ = interactions("As the actors walk through the jungle, Tugg is leading them in the wrong direction.")
    assert ("Tugg", "lead", "the actors") in {f[:3] for f in found}, found


def test_interactions_he_for_someone_named_far_back_is_not_trusted_unless_a_chain():
    from narrative.interactions import _token_owner
    from narrative.nlp.builtin import BuiltinEngine

    sent = BuiltinEngine().annotate("He takes Christine hostage.").sentences[0]
    mentions = [(0, 2, "nick", "pronoun"), (9, 18, "christine", "name")]
    assert _token_owner(sent, mentions, frozenset({"christine"}), frozenset())[0] is None
    assert _token_owner(sent, mentions, frozenset({"christine"}), frozenset({"nick"}))[0] == ("nick", False, 0)
    assert _token_owner(sent, mentions, frozenset({"christine", "nick"}), frozenset())[0] == ("nick", False, 0)


@pytest.mark.parametrize("text, absent", [
    ("Before they leave, Heyward asks Cora to marry him.", ("Cora", "marry", "Heyward")),
    ("Nick beats up Trent and asks Sheeni to wait for him.", ("Sheeni", "wait for", "Nick")),
    ("Charlotte invites Bob into the city to meet Tom.", ("Bob", "meet", "Tom")),
    ("Lestat turns the girl into a vampire, to give Louis a reason to stay.", ("Lestat", "give", "Louis")),
    ("Eddie reveals Doom to the police as the murderer.", ("Eddie", "reveal", "Doom")),
    ("Tom rushes home but finds Jake gone.", ("Tom", "find", "Jake")),
])
def test_interactions_acts_asked_of_someone_for_the_asker_purposes_and_absences(text, absent):
    found, _ = interactions(text)
    assert absent not in {f[:3] for f in found}, found


@pytest.mark.parametrize("text, present", [
    ("Ana's boss asks Ana to train Tom.", ("Ana", "train", "Tom")),
    ("Jack meets Santa. He tasks Lock, Shock and Barrel, a trio of children, to abduct Santa.",
     ("Lock", "abduct", "Santa")),
    ("Kyle returns home early, to find Jane in bed with another man.", ("Kyle", "find", "Jane")),
    ("Tom reveals to Ana that he is a spy.", ("Tom", "reveal to", "Ana")),
])
def test_interactions_asked_acts_on_others_and_discoveries_are_kept(text, present):
    found, _ = interactions(text)
    assert present in {f[:3] for f in found}, found


@pytest.mark.parametrize("text", [
    "Anthony searches for Johanna.",
    "Argyle waits for McClane in the garage.",
])
def test_interactions_searching_and_waiting_are_no_contact(text):
    found, _ = interactions(text)
    assert found == [], found


def test_interactions_no_copresence_of_a_backstory_list():
    text = ("Welles meets Longdale. Welles visits the shop. Welles finds the film. Welles calls his wife. Welles "
            "leaves. Welles sleeps. "
            "Velvet, Poole and Machine received the money.")
    assert {"Machine", "Poole"} not in _copresent(text)


@pytest.mark.parametrize("text, absent", [
    ("Neil meets Tom. Neil tells Maggie the spirit that contacted Tom is upset.", ("Neil", "contact", "Tom")),
    ('The "Mary Ann" that Ned met had discovered the scheme and was blackmailing Matty.', ("Ned", "blackmail", "Matty")),
])
def test_interactions_a_relative_clause_lends_no_subject(text, absent):
    found, _ = interactions(text)
    assert absent not in {f[:3] for f in found}, found


def test_interactions_that_before_a_gerund_is_a_complementiser():
    found, _ = interactions("Karl meets his father. Karl tells his father that killing Doyle was wrong.")
    assert ("Karl", "kill", "Doyle") in {f[:3] for f in found}, found


def test_interactions_a_clause_of_knowing_with_a_named_subject_is_reported():
    from narrative.interactions import _mode
    from narrative.nlp.builtin import BuiltinEngine

    toks = BuiltinEngine().annotate("Now in prison, Ned, having realized Matty duped him, calls Oscar.").sentences[0].tokens
    assert _mode(toks, next(k for k, t in enumerate(toks) if t.text == "duped")) == "reported"


@pytest.mark.parametrize("text, absent", [
    ("Jack gets Reggie a leave from the prison so Reggie can help Jack find Ganz.", ("Jack", "find", "Ganz")),
    ("Zara knows Meyers must have had something on Morris to get him to fire Zara.", ("Morris", "fire", "Zara")),
])
def test_interactions_a_modal_reaches_through_help_and_had(text, absent):
    found, _ = interactions(text)
    assert absent not in {f[:3] for f in found}, found


def test_interactions_participles_of_a_relative_clause_take_its_subject():
    found, _ = interactions("Rice meets Laura. Rice unleashes X-24, a clone of Logan, who murders Will's family, "
                            "stabbing Will and capturing Laura.")
    assert not [f for f in found if f[1] in ("stab", "capture")], found


def test_interactions_who_after_an_of_phrase_stands_for_the_head_noun():
    from narrative.interactions import _local_subject
    from narrative.nlp.builtin import BuiltinEngine

    toks = BuiltinEngine().annotate("Rice unleashes a clone of Logan, who murders the family.").sentences[0].tokens
    owner = [None] * len(toks)
    logan = next(k for k, t in enumerate(toks) if t.text == "Logan")
    owner[logan] = ("logan", False, logan)
    assert _local_subject(toks, owner, next(k for k, t in enumerate(toks) if t.text == "murders")) is False


def test_interactions_a_verb_in_the_singular_has_no_coordinated_subject():
    assert {"Betelgeuse", "Juno"} not in _copresent("The two inquire about Betelgeuse and Juno explains everything.")
    assert {"Mr. Fox", "Rat"} in _copresent("A fight between Mr. Fox and Rat results in a fire.")


def test_interactions_a_name_with_an_epithet_before_its_clause_is_no_object():
    found, _ = interactions("Wallace meets Robert. Wallace discovers Robert the Bruce was fighting for the king.")
    assert ("Wallace", "discover", "Robert") not in {f[:3] for f in found}, found


def test_interactions_dreamed_or_unwilling_acts_are_not_done():
    base = "Ana is a nurse. Tom is a thief; he is old. Ben is a guard; he is young. "
    found, _ = interactions(base + "Tom says he dreamed that he killed Ben.")
    assert not [f for f in found if f[1] == "kill"]
    found, _ = interactions(base + "Tom is reluctant to take Ana in.")
    assert not [f for f in found if f[1] == "take"]
    found, _ = interactions(base + "When she meets the man of her dreams, Ana kisses Tom.")
    assert ("Ana", "kiss", "Tom") in [(a, t, b) for a, t, b, *_ in found]


def test_interactions_partitive_objects_and_idioms():
    base = "Ana is a nurse. Tom is a thief; he is old. Ben is a guard; he is young. "
    found, _ = interactions(base + "Ana keeps an eye on Tom through a wireless home camera.")
    assert ("Ana", "watch", "Tom", "neutral", "camera", "direct") in found
    found, _ = interactions(base + "Ana keeps an eye on Tom's phone.")  # watching a thing is not watching its owner
    assert not [f for f in found if f[1] == "watch"]
    found, story = interactions(base + "The guards arrive. Tom kills two of the guards.")
    assert ("Tom", "kill", "the guards") in [(a, t, b) for a, t, b, *_ in found]


def test_interactions_medium_is_a_noun_after_its_preposition():
    base = "Ana is a nurse. Tom is a thief; he is old. "
    found, _ = interactions(base + "Ana is approached by Tom, who calls himself a prince.")
    assert [f[4] for f in found if f[1] == "approach"] == [None]
    found, _ = interactions(base + "Ana contacts Tom via the doctor's phone.")
    assert ("Ana", "contact", "Tom", "neutral", "phone", "direct") in found


@pytest.mark.parametrize("text, act", [
    ("Ana is a nurse. Tom is a thief; he is old. Ana is happy to see Tom.", ("Ana", "see", "Tom")),
    ("Ana is a nurse. Tom is a thief; he is old. Tom dreams about the war and wakes up and hugs Ana.",
     ("Tom", "hug", "Ana")),
])
def test_interactions_glad_acts_and_acts_after_waking_are_done(text, act):
    found, _ = interactions(text)
    assert act in [(a, t, b) for a, t, b, *_ in found]


def test_interactions_unable_to_is_not_done():
    found, _ = interactions("Ana is a nurse. Tom is a thief; he is old. Ana is unable to see Tom.")
    assert not [f for f in found if f[1] == "see"]


def test_interactions_subject_before_an_apposition():
    base = "Ana is a nurse. Tom is a thief; he is old. "
    found, _ = interactions(base + "Her brother Marco, a police officer, warns Ana about Tom.")
    assert ("Marco", "warn", "Ana") in [(a, t, b) for a, t, b, *_ in found]
    found, _ = interactions(base + "After a long day, a customer, Mrs. Jensen, argues with Tom.")
    assert ("Mrs. Jensen", "argue with", "Tom") in [(a, t, b) for a, t, b, *_ in found]
