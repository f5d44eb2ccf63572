"""The document stage: read the whole article, not sentence by sentence.

    relevance.judge_relevance    can the document report an ACLED event at all (before the parse)
    novelty.set_aside_non_events summaries, anniversaries, trials, threats, negations -> non_events
    novelty.set_aside_unanchored events with neither place nor date after carrying -> non_events
    context.refine_places        a later "the attacks ... at X" makes a country-level event precise
    context.carry_context        events with no place or date take those of the event they continue
    consolidate.consolidate_events one event per real event, evidence and fields pooled
    headline.headline_events     the title, coded as evidence for the main event
    attribution.attribute_perpetrators  a later "police blamed X" names unidentified attackers
"""

from eventatlas.document.attribution import attribute_perpetrators
from eventatlas.document.consolidate import consolidate_events
from eventatlas.document.context import carry_context, refine_places
from eventatlas.document.novelty import set_aside_non_events, set_aside_unanchored
from eventatlas.document.relevance import Relevance, judge_relevance

__all__ = ["Relevance", "attribute_perpetrators", "carry_context", "consolidate_events", "judge_relevance", "refine_places", "set_aside_non_events",
           "set_aside_unanchored"]
