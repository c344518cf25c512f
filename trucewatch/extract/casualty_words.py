"""The words of casualty reports: who was killed or injured, and the people a toll counts."""

from __future__ import annotations

from trucewatch.extract.lexicon import words

KILLED = words(
    """killed killing kills kill dead died die dies deaths death martyred martyrs fatalities
    lives life slain massacred perished toll eliminated eliminating"""
)
INJURED = words(
    """injured injuring injuries injury wounded wounding wounds hurt injures wounds treated
    treatment affected"""
)
# "35 people suffered suffocation": a verb of bearing harm, read back to its figure, counts the
# hurt when one of the harms follows it (a town that "suffered heavy shelling" counts no one).
SUFFERED = words("suffered suffering suffer suffers")
HARMS = words(
    """suffocation asphyxiation asphyxia choking breathing respiratory burns fractures
    poisoning"""
)
# People a group of victims is made of: "a mother and her child", "22 pupils and six teachers".
PEOPLE = words(
    """mother mothers father fathers child children son sons daughter daughters wife wives
    husband husbands brother brothers sister sisters baby babies girl girls boy boys woman women
    man men teacher teachers pupil pupils schoolchildren student students civilian civilians
    soldier soldiers fighter fighters member members people persons person doctor doctors nurse
    nurses worker workers journalist journalists infant infants toddler toddlers grandmother
    grandfather grandchildren relatives"""
)

# "left no human casualties", "caused no deaths", "no one was hurt": an explicit count of none
# (GOLD-DEV-2.md: an explicit "no casualties" is 0/0). The noun tells which kinds it zeroes.
NONE_KILLED = words("deaths fatalities dead")
NONE_INJURED = words("injuries")
NONE_BOTH = words("casualties victims")
# Words that may stand between "no" and the noun ("no human casualties", "no civilian deaths").
NONE_GLUE = words("human civilian other further serious")


def adds_dead(lowers: list[str], start: int, end: int, added: frozenset[str]) -> bool:
    """True when a word of ``added`` ("more", "other", "a further") in ``lowers[start:end]``
    counts dead beside others told ("three more", "21 others"), not a lower bound: "more than
    90 people had died" gives the toll's low end, it adds no one to it."""
    return any(
        lowers[k] in added and (k + 1 == len(lowers) or lowers[k + 1] != "than")
        for k in range(start, end)
    )
