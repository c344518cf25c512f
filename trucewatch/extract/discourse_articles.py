"""Discourse articles: reports whose news is a vote, a deal, a finding or a statement, not violence.

A report on a Security Council veto, a ceasefire deal, an aid appeal or a watchdog's finding
often recalls fighting as its backdrop ("as fighting spread through Damascus", "after an air
strike last Thursday killed 33 soldiers", "the commission recorded shelling"). The gold codes no
incident on such reports (GOLD-DEV-2.md: discourse is statements, diplomacy, period summaries and
background only). Sentence rules read many of those backdrops one form at a time; this module
judges the article as a whole, by its headline, and then asks more of each violent incident.

A report is judged **discourse** when its headline tells an act of speech, diplomacy, law or
aid ("vetoes", "agree", "says", "urges", "pledge", "court", "aid": :data:`HEADLINE_DISCOURSE`)
and tells no violence happening: no toll and no verb of fighting, striking or capture
(:data:`HEADLINE_HAPPENING`). "Monitor says air strikes kill 22" and "Syrian army retakes
Palmyra" are incident reports; "Russia and China veto Security Council draft" and "UN inquiry
says Syria unfit for returns" are not. A headline naming neither says nothing either way.

In a discourse report a violent incident is kept only when the text tells it as news of its
own (:func:`concrete`, after GOLD-DEV-2.md: "a reaction piece about an attack of the last few
days that states its place and toll is coded"): placed, and either on a day the text states
within :data:`NEWS_DAYS` of publication or with its dead counted and no older day stated.
Violence told with neither is the backdrop of the report's news and is dropped.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from trucewatch.extract.lexicon import words
from trucewatch.extract.main_choice import Headline
from trucewatch.extract.places import HEADLINE_HURT, HEADLINE_TOLL
from trucewatch.model.incident import Incident

# Words by which a headline tells violence happening: a toll ("kills", "dead", "wounded"), a
# capture or an advance ("takes", "retakes", "establishes control", "advances"), or a strike
# or fight as a verb ("pounds", "targets", "hits", "shelled", "stormed", "downs", "fighting
# rages", "clashes erupt"). A noun naming an attack ("attack", "massacre", "chlorine attack",
# "offensive") is not among them: beside an act of speech or diplomacy it is what the act is
# about ("Trump says Syria attack cannot be tolerated"), and :func:`concrete` decides whether
# the report tells that attack as news.
HEADLINE_HAPPENING = (
    words(
        """take takes took taken retake retakes retook retaken seize seizes seized capture
        captures captured recapture recaptures recaptured storm storms stormed overrun overruns
        overran advance advances advanced control controls fall falls fell attacked raid raids
        bomb bombs bombed fight fights strike strikes struck shell shells shelled
        eliminate eliminates eliminated ambush ambushed downs downed execute executes executed
        pound pounds pounded pounding target targets targeted targeting hit hits bombard
        bombards bombarded breach breaches breached push pushes pressing fire fires fired rage
        rages raged raging erupt erupts erupted"""
    )
    | HEADLINE_TOLL
    | HEADLINE_HURT
)

# Words by which a headline tells a report's news as speech, diplomacy, law, aid or displacement:
# a vote or a veto, a deal or talks, a pledge, a ruling, an appeal, a statement.
HEADLINE_DISCOURSE = words(
    """say says said tell tells told urge urges call calls warn warns vow vows accuse accuses
    blame blames condemn condemns deny denies reject rejects welcome welcomes demand demands
    presses ask asks appeal appeals agree agrees agreed deal deals accord agreement talks
    negotiator negotiators negotiations summit meet meets meeting conference envoy diplomats
    veto vetoes vetoed vote votes voted resolution council draft sanctions sanction pledge
    pledges pledged donors plan proposal roadmap process election elections constitution
    constitutional committee league aid refugee refugees displaced returns court convicts
    convicted trial sentence sentenced ruling inquiry report investigation commission watchdog
    letter statement order orders approve approves backs block blocks suspend suspends readmits
    extend extends renew renews announce announces"""
)

# Days from publication within which a stated day is the report's own news.
NEWS_DAYS = 3

_WORD = re.compile(r"[a-z]+")


def discourse_headline(title: str | None, headline: Headline) -> bool:
    """True when the headline tells speech, diplomacy, law or aid (:data:`HEADLINE_DISCOURSE`)
    and no violence happening: no toll and no word of :data:`HEADLINE_HAPPENING`. A headline
    that tells neither ("Syrian opposition remains divided") or none at all says nothing of the
    report's kind."""
    if not title or headline.figures:
        return False
    told = set(_WORD.findall(title.lower()))
    return HEADLINE_HAPPENING.isdisjoint(told) and not HEADLINE_DISCOURSE.isdisjoint(told)


def concrete(incident: Incident, published: dt.date | None) -> bool:
    """True when the text tells the incident as news of its own (GOLD-DEV-2.md: "a reaction
    piece about an attack of the last few days that states its place and toll is coded"): a
    place and a day it states within :data:`NEWS_DAYS` of publication (any stated day when
    publication is unknown), or a place and a killed figure with no stated day older than that.
    """
    if incident.place is None:
        return False
    stated = incident.date is not None and any(m.field == "date" for m in incident.evidence)
    near = stated and (published is None or abs((incident.date - published).days) <= NEWS_DAYS)
    k = incident.killed
    counted = k.best is not None or k.low is not None or k.high is not None
    return near or (counted and not stated)


def background_violence(
    incidents: Sequence[Incident],
    title: str | None,
    headline: Headline,
    published: dt.date | None,
) -> list[int]:
    """Indexes of the violent incidents a discourse report tells only as its backdrop (none when
    the report's headline is not a discourse headline)."""
    if not discourse_headline(title, headline):
        return []
    return [
        k for k, inc in enumerate(incidents) if inc.type.violent and not concrete(inc, published)
    ]
