"""Word lists for claims and claimants, kept as data apart from the rules that read them,
and the readers of the spans of time (days, weeks, a month) that make a figure a period's tally.

Every list is lower case unless it says otherwise; the rules are in
:mod:`trucewatch.extract.claimants` (who speaks) and :mod:`trucewatch.extract.claims` (what
figure they give).
"""

from __future__ import annotations

from trucewatch.extract.lexicon import words

#: Verbs of saying, counting and estimating: the subject before them (or the name after them,
#: ", said Kuralenko") is the claimant.
SPEECH_VERBS = words(
    """said says say told tells reported reports reporting estimated estimates estimate
    noted notes added adds stated states claimed claims announced announces confirmed confirms
    warned warns put puts gave gives counted counts cited cites recorded records verified
    verifies documented documents projected projects revealed reveals highlighted highlights
    pledged pledges tallied stressed explained insisted quoted wrote
    tweeted declared alleged accused acknowledged admitted"""
)
#: Verbs of saying proper, which a second verb of the sentence's subject may be ("Guterres
#: condemned the attack and said ..."; not "killed 12 and put a clinic out of service").
SAYING_VERBS = words("said says told tells added adds stated states noted notes warned warns")
#: Forms of "claim" that also mean taking lives ("the battle claimed the lives of 40").
LIFE_CLAIMS = words("claimed claims claim claiming")
#: After these the claimant follows the verb when no subject stands before it ("said Kuralenko").
INVERTED = words("said says added stated claimed noted reported wrote declared")
#: Verbs by which one source relays another: "X quoted Y as saying", "X, citing Y," (the
#: relayed source, the innermost, is the claimant).
RELAY_VERBS = words("quoted quotes quoting cited cites citing")
#: Forms after "quoted Y as ..." that make Y the speaker.
SAYING_FORMS = words("saying telling stating reporting confirming adding announcing")
#: Marks that set a figure's clause off from a speaker after it ("40 killed, X said").
CLAUSE_BREAKS = frozenset({",", ";", ":", "—", "–", "--", '"', "“", "”", "(", ")"})
#: Verbs straight after a cue: what is said is about the noun before the speaker ("a strike
#: that Russia said was a mistake"), not a figure before it.
FINITE_VERBS = words("was were is are had has have would will could may might did does")
#: Words after a cue that open a clause with its own subject ("Moscow said its advisers ...").
CLAUSE_SUBJECTS = words("that its it they he she there his their the a an")
#: Words of a relayed source that names no one ("citing local sources", "quoted trusted
#: sources"): the relaying speaker stays the claimant.
VAGUE_SOURCE_WORDS = frozenset(
    words("source sources local trusted informed reliable private own some several other")
)
#: Kinds of outer speaker that only relay a source they cite or quote (the source claims).
RELAYING_KINDS = frozenset({"media", "described", "organisation"})
#: Prepositions that introduce a source: "according to X", "citing X".
SOURCE_PREPOSITIONS = {"according": "to", "citing": "", "quoting": ""}

#: Words that may stand inside a claimant's noun phrase in lower case ("the U.N. refugee
#: agency", "UNICEF regional director", "Dogan news agency", "state media").
NP_WORDS = words(
    """agency agencies media television tv radio news outlet newspaper channel channels officer
    officers official officials spokesman spokeswoman spokesperson director chief head minister
    envoy secretary commissioner ambassador commander general deputy president king premier
    ministry department office centre center observatory monitor monitoring group network
    charity organisation organization commission committee council body mission team study
    report bulletin statement document refugee refugees children's children humanitarian aid
    relief rights human research think tank state government-linked pro-government opposition
    activist activists campaigners witnesses residents sources source doctors medics rescuers
    rescue workers health local military army defence defense foreign interior regional
    senior top joint independent international security intelligence's ngo watchdog
    task force spokesmen investigators investigation inquiry panel experts press
    pro-opposition syrian russian turkish british american french iranian iraqi jordanian
    government authorities administration forces navy police journalist journalists reporter
    reporters correspondent civil governor mayor prosecutor"""
)
#: Function words that end a claimant's noun phrase going back from the verb.
NP_STOPS = words(
    """that which who whom whose and or but while whereas as when if because has have had is was
    were are be been being also not to in on at by from with after before since it he she they
    we i you this these those there than then so yet still already only even just said says"""
)
#: Glue inside a name between capitalised words ("Office for the Coordination of ...").
NAME_GLUE = words("for of the de al el and")

#: Determiners before a described claimant.
DETERMINERS = words("the a an its their his her this that these one another")
#: Words that deny a speaker rather than name one ("No group said it carried out the attack",
#: "nobody claimed"): such a phrase is no claimant, and the figure keeps another one or none.
NEGATED_SPEAKERS = words("no nobody none neither")

#: A descriptor's head noun → the actor kinds it can stand for when it refers back to an
#: organisation named earlier ("the charity" → MSF, "the monitor" → the Observatory). An empty
#: set accepts any organisation.
BACK_REFERENCES: dict[str, frozenset[str]] = {
    "charity": frozenset({"humanitarian"}),
    "monitoring": frozenset({"monitor"}),
    "rights": frozenset({"monitor"}),
    "aid": frozenset({"humanitarian"}),
    "relief": frozenset({"humanitarian"}),
    "medical": frozenset({"humanitarian"}),
    "news": frozenset({"media"}),
    "ngo": frozenset({"humanitarian", "monitor"}),
    "monitor": frozenset({"monitor"}),
    "observatory": frozenset({"monitor"}),
    "watchdog": frozenset({"monitor"}),
    "group": frozenset({"monitor", "humanitarian", "designated", "faction"}),
    "network": frozenset({"monitor", "humanitarian"}),
    "agency": frozenset({"humanitarian", "media", "international_org"}),
    "ministry": frozenset({"official_body"}),
    "centre": frozenset({"official_body", "monitor", "humanitarian"}),
    "center": frozenset({"official_body", "monitor", "humanitarian"}),
    "organisation": frozenset(),
    "organization": frozenset(),
    "body": frozenset({"official_body", "international_org", "monitor"}),
    "commission": frozenset({"official_body", "international_org"}),
    "office": frozenset({"official_body", "international_org", "humanitarian"}),
    "committee": frozenset({"official_body", "international_org", "humanitarian"}),
    "mission": frozenset({"international_org", "humanitarian"}),
    "study": frozenset(),
    "report": frozenset(),
    "bulletin": frozenset(),
    "statement": frozenset(),
    "inquiry": frozenset(),
    "investigation": frozenset(),
}
#: Actor kinds that speak as organisations (a back-reference never lands on a person or force).
ORGANISATION_KINDS = frozenset(
    {"monitor", "humanitarian", "media", "international_org", "official_body", "designated"}
)
#: Role nouns that refer back to the person who spoke before ("the envoy said").
ROLE_NOUNS = words(
    """envoy minister spokesman spokeswoman spokesperson president secretary official officials
    officer officers general commander director chief head ambassador negotiator premier king
    investigators experts source"""
)
#: Titles that, like the role nouns, refer back to the person introduced with them ("Homs
#: governor Talal al-Barazi ... the governor said").
TITLED_ROLES = words("governor mayor prosecutor")
#: Titles one person is introduced with before a name ("U.N. envoy Staffan de Mistura").
PERSON_TITLES = TITLED_ROLES | words(
    """envoy minister spokesman spokeswoman spokesperson president secretary general commander
    director chief head ambassador negotiator premier king"""
)
#: Title words (lower case) that introduce a person by name ("UN aid chief Mark Lowcock", "High
#: Commissioner for Human Rights Michelle Bachelet"): the person named after them speaks.
PERSON_TITLE_WORDS = PERSON_TITLES | words(
    """commissioner coordinator secretary-general under-secretary-general chancellor senator
    sheikh colonel lieutenant brigadier admiral spokesperson representative chair chairman
    chairwoman vice-president judge"""
)
#: Descriptors that may name a reporting body only after them ("..., a monitor said. The Syrian
#: Observatory ..."): never documents or ministries.
AHEAD_HEADS = words(
    "monitor observatory watchdog group network charity ngo agency organisation organization"
)
#: Kinds "it said" may stand for when no one has spoken yet (not an armed group: "it" after a
#: paragraph about ISIL's attack is rarely ISIL speaking).
REPORTING_KINDS = frozenset(
    {"monitor", "humanitarian", "media", "international_org", "official_body"}
)
#: Heads that stand for a government, named before or not ("the government said").
GOVERNMENT_HEADS = words("government authorities")
#: Lower-case heads after a name the gazetteer does not know that stay part of the claimant
#: ("Coalition officials", "French government").
GROUP_HEADS = GOVERNMENT_HEADS | words("officials official sources spokesman spokeswoman")
#: Heads that refer back to the armed force named before ("the military said").
FORCE_REFERENCES = words("military army forces troops")
FORCE_KINDS = frozenset({"force", "state_force", "foreign_force"})
#: Documents whose author follows "by"/"from" ("a new report by the Centre").
DOCUMENTS = words(
    """report reports study survey statement count tally figures data estimate estimates bulletin
    records"""
)
#: Capitals standing for their state: "the defence ministry in Moscow" is Russia's.
CAPITALS = {
    "Moscow": "Russian",
    "Damascus": "Syrian",
    "Ankara": "Turkish",
    "Washington": "US",
    "Tehran": "Iranian",
    "Amman": "Jordanian",
    "Beirut": "Lebanese",
    "Paris": "French",
    "London": "British",
}
#: Pronouns standing for the organisation or person named before.
PRONOUNS = words("it they he she we")

#: Titles before a person's name, dropped from the claimant ("Prime Minister David Cameron").
#: Capitalised as written.
TITLES = words(
    """President Prime Minister Foreign Defence Defense Interior Secretary General Lieutenant
    Lt Lt. Major Maj Maj. Colonel Col Col. Gen Gen. Brigadier Admiral Commander Chief Head
    Deputy Special Envoy Spokesman Spokeswoman Spokesperson High Commissioner Director Regional
    Ambassador Mr Mr. Mrs Mrs. Ms Ms. Dr Dr. Sheikh Sen. Senator UN U.N. US U.S. British Turkish
    Russian Syrian American French Jordanian Iranian Iraqi Saudi Israeli German Chancellor
    Secretary-General Under-Secretary-General Emergency Relief Coordinator State"""
)

#: Capitalised words that are never a claimant on their own: sentence openers, days, months,
#: and words news copy capitalises at the start of a sentence ("Raids", "Residents").
#: Capitalised as written.
NOT_CLAIMANTS = words(
    """As By Among Afterwards Afterward After Before More Most Many Some Several Raids Residents
    Separately Overall Speaking According Also Meanwhile Earlier Later However Elsewhere
    Moreover Furthermore In On At For From With Since During While When Then Still Yet Only
    The A An This That These Those There Here It Its He She They We I Our Their His Her
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
    June July August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept
    Oct Nov Dec Today Yesterday Tonight Share Advertisement Read Listen Click Photo Reuters AFP
    AP Wire Syria Syrian Syrians Russian Turkish American Iranian Iraqi Arab Kurdish Islamic
    But And Or So Thus Now Yet Although Though Despite Instead Still Overnight Last Next
    Another Other"""
)
#: Channels a name is only the medium of ("the official Twitter account of ..."): no claimant.
CHANNELS = words("account accounts website site page feed channel handle app")
#: Words that make a name an organisation rather than a person ("Aleppo Police Command",
#: "Turkish General Staff"); a phrase ending in one is a name with its organisation word.
ORG_WORDS = words(
    """society association crescent centre center observatory network ministry council committee
    organisation organization
    agency mechanism commission group forces army office department institute foundation fund
    programme program union coalition front court tribunal media television tv radio news
    staff command directorate governorate authority authorities police service services
    channel station"""
)
#: Heads of a described claimant kept as written ("a military source", "local activists",
#: "state media", "the reporter").
DESCRIBED_HEADS = words(
    """source sources official officials activist activists resident residents witness
    witnesses medic medics doctor doctors rescuer rescuers media television tv agency network
    group journalist journalists reporter reporters correspondent correspondents officer
    officers spokesman spokeswoman spokesperson commander commanders chief monitor observers
    diplomat diplomats analysts experts investigators workers campaigners locals ngo ngos"""
)
#: Sentence-opening capitals that are common words, never the start of a name ("Activists
#: said", "Local sources", "Military sources", "Initial reports").
COMMON_CAPITALS = words(
    """activists activist residents witnesses sources source local military security official
    officials medical western other others initial reports report analysts observers monitors
    experts diplomats rebel rebels opposition government pro-government regime state civil
    eyewitnesses medics doctors rescuers journalists reporters correspondents citizens tribal
    another rescue aid relief humanitarian"""
)
#: Nationality words: capitalised, and part of a described claimant ("Syrian state media").
NATIONALITIES = words(
    """syrian syrians russian turkish american iranian iraqi arab kurdish islamic british french
    jordanian lebanese israeli saudi qatari german italian spanish dutch belgian danish chinese
    japanese egyptian emirati kuwaiti european canadian australian swiss swedish norwegian"""
)
#: A country's adjective, for a body named by the country's possessive ("Russia's military",
#: "Turkeys foreign ministry" with its apostrophe lost, are the Russian military and the
#: Turkish foreign ministry).
DEMONYMS = {
    "syria": "Syrian",
    "iraq": "Iraqi",
    "turkey": "Turkish",
    "russia": "Russian",
    "iran": "Iranian",
    "jordan": "Jordanian",
    "lebanon": "Lebanese",
    "israel": "Israeli",
    "britain": "British",
    "france": "French",
    "germany": "German",
    "america": "American",
    "egypt": "Egyptian",
    "qatar": "Qatari",
    "kuwait": "Kuwaiti",
    "china": "Chinese",
}
#: Countries whose possessive, its apostrophe lost ("Iraqs", "Turkeys"), opens an official's
#: title: the countries the demonyms above are kept for.
COUNTRIES = frozenset(DEMONYMS)
#: The same possessives with the apostrophe lost ("Russias", "Turkeys").
COUNTRY_LOST_POSSESSIVES = frozenset(f"{c}s" for c in DEMONYMS)
#: Bare plural sources kept as described, in lower case ("residents said" → "residents").
UNNAMED_SOURCES = words(
    """residents activists witnesses sources locals officials medics doctors rescuers
    campaigners diplomats observers monitors"""
)

#: Counted nouns after a figure (a claim's unit); any other plain lower-case noun also serves.
UNITS = words(
    """fighters terrorists militants civilians people sorties strikes airstrikes messages groups
    meetings tons tonnes trucks violations settlements children soldiers jets planes aircraft
    targets facilities bases positions convoys gunmen rebels members combatants missions
    flights towns villages persons refugees families deaths dead bodies wounded injured
    displaced detainees prisoners witnesses attacks localities points missiles rockets
    patients evacuees pilgrims citizens leaders women men assailants scenarios places years
    dollars pounds euros percent syrians hospitals schools schoolchildren teachers others
    troops servicemen americans russians turks iranians iraqis kurds lebanese palestinians
    jordanians britons"""
)
#: Casualty verbs before a bare figure, and what it counts ("wounding 372": wounded).
CASUALTY_VERBS = {
    **dict.fromkeys(["killing", "killed", "kills", "kill"], "dead"),
    **dict.fromkeys(["wounding", "wounded", "injuring", "injured", "wounds"], "wounded"),
}
#: Words between a figure and its counted noun ("4 million Syrian refugees", "2.5 million more").
UNIT_SKIP = words(
    """more other additional further new syrian iraqi civilian local foreign armed registered
    besieged internally anti-daesh anti-isis opposition government pro-government of the
    registered displaced-persons"""
)
#: Function words that never serve as a unit.
NOT_UNITS = words(
    """a an the of to in on at by for from with and or but that which who had have has were was
    are is be been will would could should may might more than as since until per each every
    it its their his her this these those so also already only nearly almost about around
    over under some all both either neither out up down off into onto upon within during
    after before between among against"""
)
#: Possessives in "five of its fighters".
POSSESSIVES = words("its their the his her our whose")
#: Words before a figure that a "number of X" or "toll" phrase counts ("has risen to 72").
TOTAL_LEADS = words(
    """to at of reached reach reaches between hit passed pass passes stood surpassed surpass
    topped top exceeded exceed"""
)
#: Words before a figure in a list that shares the unit of the figure before it.
LIST_LEADS = frozenset(
    {"with", "and", "to", "about", "nearly", "almost", "than", ",", "including", "some", "of"}
)
#: Currency signs and words as units.
CURRENCY = {"$": "dollars", "£": "pounds", "€": "euros", "us$": "dollars"}
PERCENT = words("percent % per-cent")

#: Time units: a figure counting them is a duration ("within six months"), not a claim,
#: unless it is itself the measure ("from 70 years to 55.4 years"): see MEASURE_LEADS.
TIME_UNITS = words("hours hour days day weeks week months month years year minutes decades")
#: Words before a time figure that make it a measure, not a duration ("from 70 years").
MEASURE_LEADS = words("from to estimated expectancy average of at")
#: Distances: "60 kilometres (35 miles) from Damascus" is where, not a claimed count (an area,
#: "27 square kilometres", is).
DISTANCE_UNITS = words(
    """kilometres kilometers kilometre kilometer km kms miles mile metres meters metre meter
    yards yard"""
)
#: Words before a four-digit figure that make it a year, not a count ("since 2011 people ...").
YEAR_LEADS = words(
    """in since of by until till from to during before after between and through the this that
    early late mid end year"""
)
#: Words after a distance that place something ("60 kilometres from", "50 km north of"): the
#: distance is where, no measure anyone claims.
LOCATING_WORDS = words(
    """from of north south east west northeast northwest southeast southwest northern southern
    eastern western away outside inside off beyond short"""
)
#: Words before a figure that make it a document, item or unit number ("Resolution 2254",
#: "Channel 10", "Brigade 93").
DOCUMENT_WORDS = words(
    """resolution article paragraph clause no no. number item point chapter channel brigade
    division regiment battalion"""
)

#: Phrases that mark a figure as cumulative or for a period (issue 15): a claim, never one
#: incident's toll. Token sequences, lower case.
PERIOD_PHRASES: dict[tuple[str, ...], str] = {
    ("a", "day"): "per day",
    ("per", "day"): "per day",
    ("daily",): "per day",
    ("a", "week"): "per week",
    ("per", "week"): "per week",
    ("a", "month"): "per month",
    ("per", "month"): "per month",
    ("so", "far"): "so far",
    ("to", "date"): "so far",
    ("in", "total"): "in total",
    ("in", "all"): "in total",
    ("altogether",): "in total",
    ("over", "the", "past"): "over the past",
    ("in", "the", "past"): "over the past",
    ("during", "the", "past"): "over the past",
    ("over", "the", "previous"): "over the past",
    ("since", "the", "start"): "since the start",
    ("since", "the", "beginning"): "since the start",
    ("since", "the", "war"): "since the start",
    ("last", "year"): "last year",
    ("this", "year"): "this year",
}


# Spans of time a figure may count over: a period's tally, not one incident's toll (read by
# :mod:`trucewatch.extract.figure_roles`).
SPAN_OPENERS = words("over in during within across")
SPAN_RECENT = words("past last previous")
SPAN_UNITS = words("days hours weeks months day week hour month")
SPAN_NOUNS = words("stretch period span spell")
SPAN_REACH = 6  # words from "over" to the unit ("over the past three days", "over a four-day")


def tells_span(toks: list[str]) -> bool:
    """True when the words tell a span of days: "over the past three days", "in the last 48
    hours", "over a four-day stretch", "during a 10-day period" (not "within hours of the
    blast", nor "in the past" alone)."""
    for i, w in enumerate(toks):
        if w not in SPAN_OPENERS:
            continue
        window = toks[i + 1 : i + 1 + SPAN_REACH]
        unit = next((j for j, u in enumerate(window) if u in SPAN_UNITS), -1)
        if unit < 0:
            continue
        if SPAN_RECENT.intersection(window[:unit]) or window[unit + 1 : unit + 2] in SPAN_NEXT:
            return True
    return _days_of(toks)


def _days_of(toks: list[str]) -> bool:
    """True when the words count several days (or hours) of attacks: "over four days of
    bombardment", "the toll from five days of strikes", "48 hours of shelling" (a span, as
    "over the past four days" is; one day of them is no span)."""
    for i, w in enumerate(toks[1:-1], start=1):
        if w not in SPAN_UNITS or toks[i + 1] != "of":
            continue
        count = toks[i - 1]
        if count in SPAN_COUNTS - ONE_COUNT or (count.isdigit() and int(count) > 1):
            return True
    return False


ONE_COUNT = words("a one")


SPAN_NEXT = [[n] for n in SPAN_NOUNS]
MONTHS = words(
    "january february march april may june july august september october november december"
)


def whole_month(toks: list[str]) -> bool:
    """True when the words count over a whole month ("270 civilians killed in Aleppo during
    April", "throughout the month of March"): a month's tally, never one incident's toll ("In
    April a suicide bomb killed 16" dates one incident and is left alone)."""
    for i, w in enumerate(toks):
        if w in ("during", "throughout"):
            k = i + 4 if toks[i + 1 : i + 4] == ["the", "month", "of"] else i + 1
            if toks[k : k + 1] and toks[k] in MONTHS:
                return True
    return False


LONG_UNITS = words("week weeks month months year years")
SPAN_COUNTS = words("a one two three four five six seven eight nine ten several few many")


def weeks_of(toks: list[str]) -> bool:
    """True when the words count a span of weeks or more of fighting ("a month of infighting
    has killed nearly 300", "two weeks of air strikes"): a period's tally (GOLD-DEV.md codes no
    weekly or monthly tolls). Days of fighting stay one wave, coded whole."""
    if "of" not in toks or not LONG_UNITS.intersection(toks):
        return False
    return any(
        w in LONG_UNITS
        and toks[i + 1 : i + 2] == ["of"]
        and i > 0
        and (toks[i - 1] in SPAN_COUNTS or toks[i - 1].isdigit())
        for i, w in enumerate(toks)
    )
