"""Word lists for character detection: role nouns with gender, titles, group nouns,
and capitalised words that are not people (days, months, demonyms, place/organisation heads)."""
from __future__ import annotations

__all__ = [
    "FEMALE_ROLES", "MALE_ROLES", "NEUTRAL_ROLES", "GROUP_NOUNS", "ROLE_SYNONYMS", "TITLES", "TITLE_GENDER",
    "NOT_PERSON_WORDS", "PLACE_ORG_HEADS", "PRONOUN_INFO", "MODIFIER_CLASS", "role_info", "canonical_role",
    "KINSHIP", "ROLE_WORDS", "PLACE_PREFIXES", "MODIFIER_SUFFIXES", "ANIMALS", "PLACES", "GIVEN_NAME_WORDS", "SURNAME_HEADS",
    "FOLLOWED_VERBS", "singular_role", "ADDRESS_TITLES",
]

FEMALE_ROLES = frozenset("""woman girl mother mom mum mommy sister daughter wife aunt auntie grandmother grandma granny
niece girlfriend bride queen princess lady actress waitress widow stepmother stepdaughter stepsister fiancée fiancee
nun housewife landlady hostess mistress heroine matriarch duchess empress goddess maid madam heiress lesbian
businesswoman policewoman chairwoman saleswoman spokeswoman stewardess seamstress schoolgirl baroness countess
mother-in-law sister-in-law daughter-in-law godmother ex-wife ex-girlfriend granddaughter frenchwoman englishwoman
irishwoman scotswoman congresswoman councilwoman governess""".split())
MALE_ROLES = frozenset("""man boy father dad daddy brother son husband uncle grandfather grandpa nephew boyfriend groom
king prince lord gentleman actor waiter widower stepfather stepson stepbrother fiancé monk priest landlord hero
patriarch duke emperor god guy businessman policeman fireman chairman salesman spokesman schoolboy baron
father-in-law brother-in-law son-in-law godfather ex-husband ex-boyfriend grandson frenchman englishman irishman
scotsman welshman dutchman midshipman seaman airman rifleman patrolman alderman congressman councilman""".split())
NEUTRAL_ROLES = frozenset("""parent child kid baby infant toddler teenager teen friend neighbour neighbor boss colleague
coworker co-worker employee employer manager supervisor owner tenant lawyer attorney doctor nurse teacher student
detective officer cop agent soldier stranger customer client caller driver partner cousin roommate killer murderer
thief robber gunman assassin victim witness suspect prisoner inmate guard captain leader worker journalist reporter
photographer artist writer novelist scientist professor psychiatrist therapist pastor minister judge chief spy
mercenary hitman bodyguard servant secretary assistant intern trainee coach player singer dancer musician farmer
fisherman sailor pilot surgeon physician mentor rival enemy ally lover companion twin sibling relative grandparent
grandchild orphan heir superior subordinate sheriff deputy mayor senator president governor general colonel
lieutenant sergeant commander inspector principal classmate schoolmate housemate flatmate landlord soldier marine
recruit bandit outlaw pirate villain hunter ranger nanny babysitter cook chef butler janitor clerk cashier
bartender banker accountant executive director producer investor dealer smuggler informant hostage kidnapper
stalker intruder passenger traveler traveller tourist patient counselor counsellor psychologist priestess
vampire werewolf zombie alien robot monster creature ghost spirit demon witch wizard sorcerer warrior knight
dwarf troll goblin elf orc ogre hobbit gnome fairy mermaid centaur
squire peasant villager slave master apprentice professor tutor pupil scholar monk abbot bishop cardinal pope
detective constable commissioner prosecutor lawmaker politician candidate activist protester rebel
terrorist hacker programmer engineer mechanic technician plumber electrician carpenter builder architect
designer celebrity admirer suitor partner associate accomplice henchman lieutenant
godparent guardian ward foster stepparent stepchild newcomer visitor guest resident immigrant
refugee survivor veteran champion contestant opponent challenger boxer fighter wrestler athlete runner
swimmer racer gambler hustler con-man conman drifter hitchhiker vagrant beggar homeless addict dealer
psychopath madman lunatic maniac patient physician paramedic medic midwife pharmacist veterinarian vet
landowner shopkeeper storekeeper merchant trader vendor salesperson receptionist operator dispatcher
trainer instructor headmaster headmistress dean chancellor official bureaucrat clerk diplomat ambassador
consul envoy emissary messenger courier postman mailman delivery deliveryman
dentist diver warden cellmate jailer gardener housekeeper chauffeur""".split()) - FEMALE_ROLES - MALE_ROLES

# animals and creatures that act in stories ("the shark attacks")
ANIMALS = frozenset("""shark dog cat horse wolf bear lion tiger dragon dinosaur ape gorilla chimp chimpanzee monkey
snake bird eagle owl whale dolphin rat mouse fox deer bull cow pig goat sheep raptor crocodile alligator
spider puppy kitten pony mule donkey parrot crow raven hawk falcon beast""".split())

GROUP_NOUNS = frozenset("""family parents police officers members relatives employees friends children kids people crowd
gang team crew couple villagers townspeople soldiers army guards staff students colleagues coworkers co-workers
neighbours neighbors cops agents men women boys girls siblings brothers sisters sons daughters cousins grandparents
clients customers callers workers doctors nurses thieves robbers bandits pirates rebels troops mob audience
congregation tribe clan villagers passengers tourists guests hostages prisoners inmates survivors authorities
board committee jury council press reporters journalists fans followers believers cult band group
grandchildren grandsons granddaughters nephews nieces twins""".split())

# role nouns that mean the same role; the value is the canonical form
ROLE_SYNONYMS = {
    "team leader": "boss", "manager": "boss", "supervisor": "boss", "employer": "boss", "superior": "boss",
    "dad": "father", "daddy": "father", "mom": "mother", "mum": "mother", "mommy": "mother",
    "grandpa": "grandfather", "grandma": "grandmother", "granny": "grandmother",
    "neighbor": "neighbour", "neighbors": "neighbours", "co-worker": "coworker", "colleague": "coworker",
    "cop": "officer", "policeman": "officer", "policewoman": "officer", "attorney": "lawyer",
    "kid": "child", "fiancee": "fiancée", "auntie": "aunt", "physician": "doctor", "counsellor": "counselor",
    "traveller": "traveler", "flatmate": "roommate", "housemate": "roommate",
    "family members": "family",  # "his family" and "his family members": one group
}

KINSHIP = frozenset("""father mother sister brother son daughter wife husband aunt uncle grandmother grandfather niece
nephew cousin parent child girlfriend boyfriend fiancé fiancée stepmother stepfather stepson stepdaughter
stepbrother stepsister widow widower twin sibling grandparent grandchild father-in-law mother-in-law
brother-in-law sister-in-law son-in-law daughter-in-law ex-wife ex-husband ex-girlfriend ex-boyfriend godfather
godmother family parents relatives boss coworker friend neighbour lover partner employee assistant roommate
landlord landlady tenant owner teacher student mentor rival classmate secretary client patient doctor lawyer
granddaughter grandson""".split())

TITLES = frozenset("""mr mrs ms miss mx dr doctor prof professor detective det officer agent captain capt sergeant sgt
lieutenant lt colonel col general gen major chief inspector sheriff deputy judge senator president governor mayor
king queen prince princess lord lady sir dame count countess duke duchess baron baroness emperor empress reverend
rev father sister brother mother uncle aunt aunty auntie grandma grandpa nurse coach principal dean madame monsieur
señor señora don doña saint st master mistress warden""".split())
# titles of address: only a person's name takes one ("Miss Temple", "Mr. Church"), and none stands alone as a name
ADDRESS_TITLES = frozenset("mr mrs ms miss mx sir dame madame monsieur".split())
TITLE_GENDER = {
    "mr": "male", "mrs": "female", "ms": "female", "miss": "female", "sir": "male", "dame": "female",
    "king": "male", "queen": "female", "prince": "male", "princess": "female", "lord": "male", "lady": "female",
    "count": "male", "countess": "female", "duke": "male", "duchess": "female", "baron": "male",
    "baroness": "female", "emperor": "male", "empress": "female", "father": "male", "sister": "female",
    "brother": "male", "mother": "female", "uncle": "male", "aunt": "female", "aunty": "female",
    "auntie": "female", "grandma": "female", "grandpa": "male", "madame": "female", "monsieur": "male",
    "señor": "male", "señora": "female", "don": "male", "doña": "female", "master": "male", "mistress": "female",
}

NOT_PERSON_WORDS = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february march april
may june july august september october november december christmas easter thanksgiving halloween hanukkah
ramadan new year tv internet web god heaven hell earth
american americans british english french german italian spanish russian chinese japanese korean vietnamese thai
indian pakistani mexican canadian australian irish scottish welsh african european asian latin jewish muslim
christian catholic protestant presbyterian buddhist hindu arab arabic greek roman turkish persian polish dutch
swedish norwegian danish finnish israeli egyptian brazilian argentine cuban nazi nazis soviet confederate union
north south east west northern southern eastern western central civil war world ii i ok okay wi-fi dj ceo fbi cia
first second third fourth fifth sixth seventh eighth ninth tenth later seconds minutes hours days weeks months years
decades nsa kgb nypd lapd usa uk eu un nasa dna hiv aids pc id phd mba ufo tv-series dvd cd gps sos ad bc""".split())

PLACE_ORG_HEADS = frozenset("""city town village county state province country kingdom empire republic island islands
river lake sea ocean bay beach coast mountain mountains hill valley forest desert park street avenue road room
boulevard lane square bridge tower building hotel motel inn restaurant cafe bar club pub casino hospital clinic
school academy college university institute prison jail station airport port harbor harbour church cathedral
temple mosque palace castle house manor farm ranch mall store shop market bank company corporation corp inc ltd
agency department bureau police army navy force forces fleet ministry office studio studios records network
channel magazine newspaper times post journal festival awards award prize film films pictures productions
entertainment industries group foundation society association league team party court senate congress
council committee union church world center centre museum gallery theater theatre stadium arena base camp
station ship hall zoo lab laboratory guard gas electric power energy oil motors airlines airways pharmaceuticals
industries holdings systems technologies enterprises llc plc records bay reef canyon glacier fjord peninsula cove
gulf strait canal swamp jungle cliffs cave caves bayou lagoon volcano waterfall plateau""".split())

# first words of multi-word place names ("Fort Dupree", "Mount Doom")
PLACE_PREFIXES = frozenset("fort mount mt lake port cape camp planet castle loch uss hms operation project".split())

# the second half of a hyphenated modifier before a name: "Australian-born Tom", "Twenty-year-old Ana"
MODIFIER_SUFFIXES = frozenset("""born old based raised bred owned controlled occupied led run made speaking educated
trained backed style like looking haired""".split())

# what the character a plot follows does: goes and comes back, meets and visits people, wakes, notices, finds
# out (the protagonist more often than the antagonist is the subject of these)
FOLLOWED_VERBS = frozenset("""see watch witness notice discover find learn realize realise understand remember wake dream
decide meet befriend visit return travel receive wonder hear read""".split())
# capitalised words that are usually not names but can be a first name before a surname ("April O'Neil")
GIVEN_NAME_WORDS = frozenset("april may june august christian eve".split())
# place/organisation head words that are also common surnames ("Dr. Gregory House", "John Park")
SURNAME_HEADS = frozenset("park house hall bank church field wood street post".split())

# a small gazetteer: countries, US states and big cities are places, never characters
PLACES = frozenset(x.strip().lower() for x in """afghanistan, africa, alabama, alaska, albania, algeria, america,
amsterdam, antarctica, argentina, arizona, arkansas, asia, athens, atlanta, australia, austria, baghdad, baltimore,
bangkok, barcelona, beijing, belgium, berlin, bolivia, bombay, boston, brazil, britain, brooklyn, brussels,
budapest, buenos aires, cairo, calcutta, california, cambodia, canada, chicago, chile, china, cincinnati,
cleveland, colombia, colorado, connecticut, cuba, dallas, delaware, delhi, denmark, denver, detroit, dublin,
egypt, england, europe, finland, florida, france, georgia, germany, greece, harlem, havana, hawaii, hollywood,
hong kong, houston, hungary, idaho, illinois, india, indiana, indonesia, iowa, iran, iraq, ireland, israel,
istanbul, italy, jamaica, japan, jerusalem, kansas, kentucky, kenya, korea, kyoto, las vegas, lebanon, libya,
lisbon, london, los angeles, louisiana, madrid, maine, manhattan, maryland, massachusetts, mexico, miami,
michigan, milan, minnesota, mississippi, missouri, montana, montreal, morocco, moscow, mumbai, munich, nebraska,
nevada, new jersey, new mexico, new orleans, new york, nigeria, north carolina, north dakota, norway, ohio,
oklahoma, oregon, osaka, pakistan, palestine, panama, paris, pennsylvania, peru, philadelphia, philippines,
phoenix, poland, portugal, prague, queens, rhode island, rio, rome, russia, san diego, san francisco, saudi
arabia, scotland, seattle, seoul, shanghai, siberia, singapore, south africa, south carolina, south dakota,
spain, stockholm, sweden, switzerland, sydney, syria, taiwan, tennessee, texas, thailand, tokyo, toronto,
turkey, ukraine, utah, venice, vermont, vienna, vietnam, virginia, wales, warsaw, washington, wisconsin,
wyoming, yemen, zimbabwe, united states, united kingdom, soviet union, great britain, new zealand, north korea,
south korea, hong kong, vatican, latin america, middle east, west germany, east germany, puerto rico""".replace("\n", " ").split(","))

# pronoun -> (gender, number, case)
PRONOUN_INFO = {
    "he": ("male", "sg", "subj"), "him": ("male", "sg", "obj"), "his": ("male", "sg", "poss"),
    "himself": ("male", "sg", "refl"), "she": ("female", "sg", "subj"), "her": ("female", "sg", "obj"),
    "hers": ("female", "sg", "poss"), "herself": ("female", "sg", "refl"), "they": (None, "pl", "subj"),
    "them": (None, "pl", "obj"), "their": (None, "pl", "poss"), "theirs": (None, "pl", "poss"),
    "themselves": (None, "pl", "refl"),
}

MODIFIER_CLASS = {
    "late": "former", "old": "former", "former": "former", "previous": "former", "dead": "former",
    "deceased": "former", "ex": "former", "first": "former", "new": "new", "current": "new", "next": "new",
    "second": "new",
}


def _ves_plural(word: str) -> str:
    """"thief" -> "thieves", "wife" -> "wives", "dwarf" -> "dwarves"."""
    return word[:-2 if word.endswith("fe") else -1] + "ves"


ROLE_WORDS = frozenset(FEMALE_ROLES | MALE_ROLES | NEUTRAL_ROLES | GROUP_NOUNS | ANIMALS
                       | {w + suffix for w in NEUTRAL_ROLES | FEMALE_ROLES | MALE_ROLES | ANIMALS
                          for suffix in ("s", "es")}
                       | {w[:-1] + "ies" for w in NEUTRAL_ROLES | FEMALE_ROLES | MALE_ROLES if w.endswith("y")}
                       | {_ves_plural(w) for w in NEUTRAL_ROLES | FEMALE_ROLES | MALE_ROLES | ANIMALS
                          if w.endswith(("lf", "rf", "ife")) or w == "thief"})  # every word `role_info` knows


def canonical_role(word: str) -> str:
    """The canonical form of a role noun or phrase ("team leader" -> "boss")."""
    w = word.lower()
    return ROLE_SYNONYMS.get(w, w)


_IRREGULAR_PLURALS = {"children": "child", "grandchildren": "grandchild", "men": "man", "women": "woman",
                      "wives": "wife", "people": "person"}


def singular_role(word: str) -> str | None:
    """The singular role noun of a plural one ("daughters" -> "daughter", "grandchildren" -> "grandchild",
    "parents" -> "parent"), or None when there is none ("family", "police")."""
    w = word.lower()
    one = _IRREGULAR_PLURALS.get(w)
    if one is None and w.endswith("ves"):  # "thieves", "wives", "dwarves"
        one = next((x for x in (w[:-3] + "f", w[:-3] + "fe") if role_info(x)), None)
    if one is None and w.endswith("s") and not w.endswith("ss"):
        one = w[:-1]
    info = role_info(one) if one is not None else None
    if one is None or info is None or info[1]:
        return None
    return canonical_role(one)


def role_info(word: str) -> tuple[str | None, bool] | None:
    """(gender, is_group) of a role noun, or None when the word is not a role noun."""
    w = word.lower()
    if w in FEMALE_ROLES:
        return "female", False
    if w in MALE_ROLES:
        return "male", False
    if w in GROUP_NOUNS:
        return None, True
    if w in NEUTRAL_ROLES or w in ANIMALS:
        return None, False
    for singular in (w[:-1] if w.endswith("s") else "", w[:-2] if w.endswith("es") else "",
                     w[:-3] + "y" if w.endswith("ies") else "", w[:-3] + "f" if w.endswith("ves") else "",
                     w[:-3] + "fe" if w.endswith("ves") else ""):
        if singular and (singular in NEUTRAL_ROLES or singular in FEMALE_ROLES or singular in MALE_ROLES
                         or singular in ANIMALS):
            return (("female" if singular in FEMALE_ROLES else "male" if singular in MALE_ROLES else None), True)
    return None
