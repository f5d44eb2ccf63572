"""Who did it, said later: a sentence that blames a named group for an attack by unnamed
perpetrators ("A suicide bomber blew himself up in the mosque. ... Police blamed
Jamaat-ul-Ahrar."), or in which a group tells what its own fighters did ("Al Shabaab said its
fighters had planted the device"), names the attack's actor 1, as ACLED's coders take a credible
attribution.

Only an event whose actor 1 is unidentified takes one, only from the sentences that follow its
own in the same paragraph (``attribution.max_sentences_after`` in ``document.json``), and only a
group the actor lists know, named as the object of a verb of blaming (``attribution.verbs``),
after "on" ("blamed the attack on X"), or as the speaker of its own fighters' deed.
"""

from __future__ import annotations

from eventatlas.document.resources import settings
from eventatlas.events.actors import ResolvedActor, known_actor
from eventatlas.models import Document, Event

UNIDENTIFIED = "Unidentified"
BLAMED_GROUPS = ("Rebel group", "Political militia", "Identity militia")  # whom a blame can name as perpetrator


def attribute_perpetrators(document: Document, events: list[Event]) -> list[Event]:
    """Give each event with unidentified perpetrators the group a following sentence blames."""
    if document.spacy_doc is None:
        return events
    for event in events:
        if not (event.actor1 or "").startswith(UNIDENTIFIED) or event.background:
            continue
        blamed = _blamed_after(document, event.sentence)
        if blamed is not None:
            event.actor1, event.inter1 = blamed.name, blamed.inter
            event.notes = (event.notes + "; " if event.notes else "") + f"actor 1 named by a later sentence: {blamed.name}"
    return events


def _blamed_after(document: Document, index: int) -> ResolvedActor | None:
    """The known armed group a sentence right after ``index`` (same paragraph) blames."""
    rules = settings()["attribution"]
    sentences = document.sentences
    for later in range(index + 1, min(len(sentences), index + 1 + rules["max_sentences_after"])):
        if document.paragraph_break_between(later - 1, later):
            break  # a new paragraph tells another part of the story
        span = document.spacy_doc.char_span(sentences[later].start, sentences[later].end, alignment_mode="expand")
        found = _blamed_in(span, frozenset(rules["verbs"])) if span is not None else None
        if found is not None:
            return found
    return None


def _blamed_in(span, verbs: frozenset[str]) -> ResolvedActor | None:
    return _blamed_by_others(span, verbs) or _claimed_by_its_fighters(span)


def _claimed_by_its_fighters(span) -> ResolvedActor | None:
    """"Al Shabaab said its fighters had planted the device": a group telling what its own men
    did names itself as the perpetrator."""
    for token in span:
        if token.pos_ != "VERB" or token.lemma_.lower() not in settings()["attribution"]["claim_verbs"]:
            continue
        told = [c for c in token.children if c.dep_ == "ccomp"]
        own_men = any(p.lower_ in ("its", "their") for clause in told for subject in clause.children
                      if subject.dep_ in ("nsubj", "nsubjpass") for p in subject.children if p.dep_ == "poss")
        speakers = [c for c in token.children if c.dep_ == "nsubj"] if own_men else []
        found = next((group for group in map(_armed_group, speakers) if group is not None), None)
        if found is not None:
            return found
    return None


def _blamed_by_others(span, verbs: frozenset[str]) -> ResolvedActor | None:
    for token in span:
        if token.pos_ == "VERB" and token.lemma_.lower() in verbs:
            found = next((group for group in map(_armed_group, _blamed_phrases(token)) if group is not None), None)
            if found is not None:
                return found
    return None


def _blamed_phrases(verb) -> list:
    """The heads of what a verb of blaming names: "blamed X (for the attack)", "blamed the attack
    on X"."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    on = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "on" for g in c.children if g.dep_ == "pobj"]
    return objects + on


def _armed_group(head) -> ResolvedActor | None:
    """The armed group the lists know by the noun phrase of ``head``, if any."""
    named = known_actor(_noun_phrase_text(head))
    return named if named is not None and not named.unidentified and named.inter in BLAMED_GROUPS else None


def _noun_phrase_text(head) -> str:
    """The words of a noun phrase up to its first clause ("the Islamic State in the Greater
    Sahara", not "... members of the militia that had hidden ...")."""
    words = list(head.subtree)
    end = words[-1].i + 1
    for child in head.children:
        if child.dep_ in ("relcl", "acl", "advcl", "conj", "cc") and child.i > head.i:
            end = min(end, child.left_edge.i)
    return head.doc[words[0].i : end].text.rstrip(" ,")


__all__ = ["attribute_perpetrators"]
