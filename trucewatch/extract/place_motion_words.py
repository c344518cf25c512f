"""Word lists of :mod:`trucewatch.extract.place_motion`: the words that tell a place as where
the attackers were, not where their fire landed."""

from __future__ import annotations

from trucewatch.extract.lexicon import words

# Words before "in X" that tell X as where the attackers are placed ("terrorists positioned in
# X fired shells on Y", "militants holed up in X", "gunmen stationed in X"): X is where the
# fire came from, as "from X" tells it.
POSITIONED = words("positioned stationed entrenched holed")
POSITIONED_IN = words("in inside at")
# Words inside a list of the attackers' places ("positioned in Bani Zaid and al-Rashideen").
POSITIONED_LIST = words("al el - and , the")

# Words of people leaving their homes before what drove them out ("families who had fled
# fighting in A, B and C", "displaced by the bombardment of X"), and the words that may stand
# between: the fighting is why they left, and its places are where they came from.
FLIGHT = words("fled flee flees fleeing escaped escaping escape displaced uprooted")
FLIGHT_GAP = words("the from by heavy intense fierce renewed ongoing recent")
FLIGHT_REACH = 5  # tokens back from a place's "in" / "of" to the word of flight
FLED_FROM = words("in of around")  # the word before the places fled ("fighting in X")
# Words that end the phrase of flight before the place: it tells of other people or another act.
FLIGHT_BREAKS = words(", ; : . which who that and but when after while")
