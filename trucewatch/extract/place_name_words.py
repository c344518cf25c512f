"""Word lists the readers of names the gazetteer lacks share: the words that tell a
capitalised name as a place ("in X", "the village of X", "struck X"), open an Arabic place name
("Tal", "Kafr"), say whose a place is ("the Syrian town of X"), or make a name a building, an
outlet or a happening's ("al-Watan newspaper", "Rocket Attacks"). Used by the readers in
``place_kind_names``, ``place_opened_names``, ``place_located_names`` and ``place_retold_names``
and by ``place_name_shape``."""

from __future__ import annotations

from trucewatch.extract.lexicon import words

COMPASS = frozenset(
    {"east", "west", "north", "south", "northeast", "northwest", "southeast", "southwest"}
)


# Words before a name that make it a place told ("in X", "at X", "the village of X").
PLACE_INTRO = frozenset({"in", "at", "near", "of", "outside", "on"})


# Words in a distance before the compass point ("X, about 4 km west of Y").
DISTANCE = words("about some around nearly almost km kilometres kilometers miles mi")


NAME_GLUE = frozenset({"al", "el", "ad", "as", "ash", "at", "ar", "an", "az", "-"})


# Nouns that introduce a place by its kind ("the village of Ghandoura", "Sevre district",
# "Mare city", "Khaled Bin al-Walid street", "near the Habeet area", "in Kalasa region of
# the capital").
KIND_NOUNS = words(
    """village villages town city district neighbourhood neighborhood suburb quarter hamlet
    farms street square market area region camp"""
)


# Kind nouns that also follow a party's name ("the Nusra area", "the Kurdish region"): the
# name before them must not be an actor's.
PARTY_KIND_NOUNS = words("area region camp")


# Kind nouns for a part of a town ("the Sevre district"), never a town of its own.
QUARTER_NOUNS = words("district neighbourhood neighborhood quarter")


# Kind nouns that are part of the name they follow ("Baghdad Street", "Saadallah al-Jabiri
# Square"), unlike "the Sevre district", whose name is "Sevre".
KIND_IN_NAME = frozenset({"street", "square", "market", "camp"})


# Capitalised words before a kind noun that say whose it is, not what it is called ("the
# Syrian town of X", "a Kurdish village"): never a place's name.
NOT_NAMES = words(
    """syrian syrias syria turkish kurdish russian iranian iraqi lebanese jordanian israeli
    american arab arabic assyrian armenian christian alawite sunni shia shiite druze turkmen
    northern southern eastern western central old new main"""
)


# Nouns after a name that make it a people's ("the al-Sheitaat tribe", "the Zarqoun clan").
GROUP_NOUNS = words("tribe tribes tribal clan clans family families community")


# Words that open Arabic place names and rarely a person's ("Tal Toughan", "Kafr Hamra",
# "Deir Jamal", "Um al-Rais", "Khirbet Ghazaleh", "Karam al-Jabal" (vineyard), "Jubb
# al-Qadi" (well), "Bustan al-Basha" (garden), "Nabi Habil" (prophet's shrine), "Hammam
# al-Turkman" (bath)), in the spellings English copy gives them; "Abu" and "Sheikh" open
# people's names too.
NAME_OPENERS = words(
    """tal tel tell tall kafr kfar kafar kefr deir dayr dair ain ayn ein jabal jebel jabel wadi
    khan ras qasr beit bayt umm um bir maarat marat maaret maarrat khirbet khirbat khirbit
    kherbet kharbet khirbeh hay hayy burj rajm jisr qalaat qalat mazraat mazraa ard marj karm
    karam kerm hawsh housh hosh dahiyat madinat harat jubb jeb jib bustan nabi nebi hammam"""
)


FUNCTION_WORDS = words("in on at the a an of and to for by with from as while")


# Words before a name that tell it as a place ("in Tal Toughan", "near Kafr Hamra").
OPENER_INTRO = frozenset(
    {"in", "at", "near", "outside", "into", "towards", "toward", "on", "hit", "struck",
     "pounded", "shelled", "bombed", "targeted", "targeting", "stormed", "captured"}
)  # fmt: skip


# Words after "al-X" that make it the name of an outlet, a body or a building ("al-Watan
# newspaper", "al-Quds hospital", "al-Baath party"), not of a town or quarter.
NOT_PLACE_AFTER = words(
    """newspaper daily channel tv television agency website radio magazine front brigade
    brigades movement group army battalion party hospital hall university school mosque
    church park bridge road highway oilfield field plant station factory hotel stadium river
    mountain hill hills valley plain castle roundabout square street market prison camp institute"""
)


CAMP = frozenset({"camp"})


# Words before "in al-X" that make al-X a publication ("a report in al-Monitor").
PUBLISHED_IN = words("report article interview statement column published wrote written")


QUARTER_ADJECTIVES = words(
    """- northern southern eastern western central northeastern northwestern southeastern
    southwestern small key strategic nearby besieged rebel rebels opposition government
    regime held controlled militant jihadist kurdish flashpoint residential populated
    densely crowded busy poor old"""
)


CAME = frozenset({"came", "come", "comes"})


SPELLED_LIST = frozenset({"and", ","})


# Words that may stand between a bare name and the known place it is said to lie in ("X in
# northern Hama", "X, a rebel-held village in Idlib province", "X in the countryside of Hama").
LOCATING = words(
    """in the a an of 's - , northern southern eastern western central northeastern
    northwestern southeastern southwestern north south east west rural countryside province
    governorate village town city district neighbourhood neighborhood suburb suburbs area
    region small key strategic nearby besieged rebel rebels opposition government regime
    held controlled militant jihadist isis is kurdish flashpoint near outside"""
)


# Words before a bare name that tell it as where something happened ("struck X", "in X",
# "infiltrated X", "retook X").
TOLD_INTRO = OPENER_INTRO | words(
    "infiltrated entered attacked raided besieged seized recaptured retook liberated overran"
)


# Capitalised words after "in"/"on" that name a time, a language, a country or a people,
# never a Syrian place ("in March in Idlib", "on Monday in Hama", "strikes on Russia in ...").
NOT_PLACE_WORDS = words(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday ramadan eid christmas
    english arabic syria turkey iraq lebanon jordan israel russia iran europe america
    militants rebels terrorists jihadists fighters civilians residents troops forces military"""
)


# Last words that make a capitalised name a building, a site or a happening, not a town ("MSF
# Hospital", "Salem Mosque", "Terrorist Rocket Attacks" in a title-cased headline).
NOT_TOWN_LAST = NOT_PLACE_AFTER | words(
    """attack attacks shelling bombing bombings fire fighting battle battles airstrike
    airstrikes strike strikes raid raids blast explosion clashes offensive directorate
    building centre center office headquarters base airport bomb bombs"""
)


# Common words a title-cased headline capitalises ("Civilians Killed in Escalating Bombardment
# on Idlib", "Eight Martyred in Car Bomb"); capitalised before a name, they tell a headline.
HEADLINE_WORDS = NOT_TOWN_LAST | words(
    """killed kill kills killing martyred martyrs injured wounded dead die dies bombardment
    escalating terrorist terrorists civilians people children militants soldiers troops days
    army forces"""
)


# Words that open the names of armed groups, written as Arabic place names are ("Jaish
# al-Fateh", "Liwa al-Haq", "Ahrar al-Sham"): a name they open is a party's, never a place's,
# even when the actor list lacks that spelling.
PARTY_OPENERS = words(
    """jaish jaysh jeish jish jabhat jabhet jabha liwa liwaa alwiya ahrar ansar harakat haraket
    faylaq failaq fatah fateh fath katibat kataib saraya tajammu hayat hayet haiat tahrir nour
    nusra junud jund"""
)
# Words after a name that make it a person's or a party's ("Bashar al-Assads regime", "Ahrar
# al-Sham fighters"), not a place's.
WHOSE_AFTER = words(
    """regime forces troops army government militia militias fighters supporters loyalists
    commander commanders leader spokesman members"""
)
