"""One event per real event: merge the candidates of a document that report the same event.

News articles restate their main event: the lede, a casualty sentence and a quote about the same
attack. ACLED codes one event per place, day and actor pair, so candidates merge when

- they are of one family (``coreference.family_of``) and agree on place (the same place, a
  country-level mention of the country a town is in, or a district and a town in it), their
  dates do not conflict, their claims are the same (a claim and a counter-claim stay two events;
  a group's claim of an act told before by unnamed attackers is that act, dated on the day of the
  claim or not, and names its actor 1) and their actors do not conflict;
- and they are of one sub-type, or of sub-types that are stages of one event
  (``events/data/merge.json``: a march later dispersed by police), or the later one refers back
  to the earlier ("the attack", "the clash"), or they share the day and the actor pair, or they
  share the day in a stage family (``document.json``: a riot and the police breaking up "the
  crowds") and the later names no place of its own and is no graver.

The merged event has the evidence of all of them; stages of one event and tactics reported in
one sentence take the sub-type highest in ACLED's hierarchy, while a later mention that only refers
back keeps the type its antecedent was given; fatalities are the lowest figure reported, other
fields the first one given.

A later candidate whose sentence names the perpetrators already told ("the attackers opened
fire", "the aircraft dropped two bombs") is of one kind with the event it continues, also as one
side's account of it (whose speaker is no actor of the act). A date known only to a few days (a report's
day) shortly after another mention's exact day does not conflict with it, and a region holds the
towns in it as a district does.

Other candidates only add their evidence to the event they belong to, which keeps its type: the
arrest, surrender or killing of an attacker at the scene (ACLED folds them into the attack); a
claim or statement about "the attack" with no day of its own, what such a claim says beside it
("..., saying its fighters seized weapons") and a side's denial of the act; a candidate of another family with
neither place nor day of its own (a detail of the event it continues); a vague "Other"
development at the place and day of a specific event, which gives way to it; a death told in a
fight's sentence, or in one referring back to it (the fight's toll); and the authorities' answer
(a curfew, arrests at a demonstration) told in the sentence of the event it answers. Sides read
for another event type (an attack's civilian victims) are not copied into the event that absorbs
the mention.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from eventatlas.document.coreference import (
    antecedent,
    family_of,
    first_position,
    has_own_date,
    has_own_place,
    is_country_level,
    names_perpetrators,
    refers_back,
    refers_to_any,
)
from eventatlas.document.novelty import named_by_its_date, states_its_date, summary_of_past
from eventatlas.document.resources import phrase_pattern, settings
from eventatlas.events.codebook import target_kinds
from eventatlas.events.resources import read_data_json, taxonomy
from eventatlas.geo.resolve import haversine_km
from eventatlas.models import Event
from eventatlas.reference.countries import find_country

CLAIMED_RESPONSIBILITY = re.compile(r"\bclaim(?:ed|s|ing)? (?:responsibility|credit)\b", re.IGNORECASE)
OPENING_PLACE = re.compile(r"\s*(?:In|At|Near|Outside)\s+((?:[A-Z][\w'-]+\s?)+)")
TOWN_PART_KM = 15.0  # a district or quarter placed this close to a town named with it is part of it
MILDER_STAGE_SENTENCES = 2  # a milder stage at the same place told this close after is the event's start
STAGE_FOLLOWS_SENTENCES = 3  # a stage told this close after an event's first sentence continues its story
PLACE_FIELDS = ("location", "admin1", "admin2", "country", "country_code", "latitude", "longitude", "geonameid",
                "geo_precision")
ACTOR_FIELDS = ("actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2")
FILLED_FIELDS = ("event_date", "time_precision", "date_text", *ACTOR_FIELDS, "crowd_size_text", "crowd_size", "plover")


def consolidate_events(events: list[Event]) -> list[Event]:
    """Merge the candidates that report one real event, keeping the order of first mention."""
    merged: list[Event] = []
    for event in sorted(events, key=first_position):
        vague = next((k for k in merged if _yields_to(k, event)), None)
        if vague is not None:  # the specific reading replaces the vague one, with its evidence
            _pool_evidence(event, vague)
            _pool_toll(event, vague)
            _take_named_perpetrator(event, vague)
            _take_finer_place(event, vague)
            _arrests_at_the_protest(event, vague)
            merged[merged.index(vague)] = event
            continue
        target, same = _part_of(event, merged)
        if target is None:
            merged.append(event)
        elif same:
            absorb(target, event)
        else:
            _pool_evidence(target, event)
            _pool_toll(target, event)
            if _stage_of_takeover(event, target):  # "an al Qaeda-linked group" is JNIM, named later
                _take_named_perpetrator(target, event, with_target=False)
            _arrests_at_the_protest(target, event)
            _destruction_called_an_attack(target, event)
    for event in merged:
        _lethal_intervention(event)
    return merged


def _unnamed(actor: str | None) -> bool:
    """No actor, or one the report could not name."""
    return not actor or actor.startswith("Unidentified")


def _take_finer_place(kept: Event, other: Event) -> None:
    """The merged event is placed at the finer of the two places."""
    if _finer(other, kept):
        for name in PLACE_FIELDS:
            setattr(kept, name, getattr(other, name))


def _take_named_perpetrator(event: Event, replaced: Event, with_target: bool = True) -> None:
    """The reading that replaces another keeps the perpetrator the other named when it names
    none ("A suicide bomber blew up a car" after "Al-Shabaab fighters stormed a hotel"), and
    the target too unless ``with_target`` is false (a takeover has no target)."""
    if _unnamed(event.actor1) and not _unnamed(replaced.actor1) \
            and (family_of(replaced) == family_of(event) or replaced.sentence == event.sentence):
        for name in ("actor1", "assoc_actor_1", "inter1"):
            setattr(event, name, getattr(replaced, name))
        if with_target and event.actor2 is None:
            for name in ("actor2", "assoc_actor_2", "inter2"):
                setattr(event, name, getattr(replaced, name))


def _arrests_at_the_protest(protest: Event, arrests: Event) -> None:
    """Arrests folded into a peaceful protest in its own sentence ("arrested 47 people as they
    cleared an encampment") are its intervention: ACLED codes a Protest with intervention, the arresting
    force as actor 2."""
    if protest.sub_event_type != "Peaceful protest" or arrests.sub_event_type != "Arrests":
        return
    if arrests.sentence != protest.sentence:
        return  # "Police said nine people had been detained from both sides": not at this protest
    _retype(protest, "Protest with intervention", "arrests at the protest: with intervention")
    if arrests.inter1 == "State forces" and protest.inter2 != "State forces":
        protest.actor2, protest.inter2 = arrests.actor1, arrests.inter1


def _destruction_called_an_attack(destruction: Event, attack: Event) -> None:
    """Houses burned, then told again as "the attack ... when armed men fired at homes before
    setting them alight": violence against the people there, not only their property. The
    event takes the attack's type (ACLED's Attack ranks above Looting/property destruction)."""
    if destruction.sub_event_type != "Looting/property destruction" or attack.event_type != "Violence against civilians":
        return
    if not (refers_back(attack.own_sentence(), "political_violence") and _same_place_or_unplaced(attack, destruction)):
        return
    _retype(destruction, attack.sub_event_type, "told again as an attack on people")
    if attack.actor2 and not destruction.actor2:
        destruction.actor2, destruction.inter2 = attack.actor2, attack.inter2


def _same_place_or_unplaced(a: Event, b: Event) -> bool:
    return _place_key(a) is None or _same_place(a, b)


def _lethal_intervention(event: Event) -> None:
    """A protest with intervention at which someone died, once its toll is pooled from every
    sentence of it ("police fired rubber bullets at the marchers. One student was shot and
    died"), is Excessive force against protesters: ACLED's intervention stops short of killing.
    The force that intervened becomes actor 1, the protesters actor 2."""
    if event.sub_event_type != "Protest with intervention" or not event.fatalities or event.inter2 != "State forces":
        return
    _retype(event, "Excessive force against protesters", "a death at the intervention: excessive force")
    event.actor1, event.inter1, event.actor2, event.inter2 = event.actor2, event.inter2, event.actor1, event.inter1


def _retype(event: Event, sub_event_type: str, why: str) -> None:
    """Give an event another ACLED sub-type (with its event type and PLOVER class), noting why."""
    label = taxonomy().by_sub_event_type[sub_event_type]
    event.event_type, event.sub_event_type, event.plover = label.event_type, label.sub_event_type, label.plover or None
    event.notes = (event.notes + "; " if event.notes else "") + why


def _part_of(event: Event, merged: list[Event]) -> tuple[Event | None, bool]:
    """The earlier event this candidate belongs to, and whether it is a full report of it (its
    type, place and fields merge) or only more evidence (a development, a claim, a detail)."""
    folded = next((k for k in merged if _folds_into(event, k)), None)
    if folded is not None:
        return folded, False
    matches = [k for k in merged if same_event(k, event)]
    if matches:
        # of several it may continue, the one of its own day ("the march" of Sunday, not the
        # Monday sweep the lede told first)
        return next((k for k in matches if event.event_date and k.event_date == event.event_date), matches[0]), True
    referred = _referred_event(event, merged) or _claimed_with(event, merged) or _aftermath_of(event, merged)
    if referred is not None:
        return referred, False
    continued = antecedent(event, merged, family_of(merged[-1])) if merged else None
    if continued is not None and is_detail_of(event, continued):
        return continued, False
    return None, False


def _referred_event(event: Event, merged: list[Event]) -> Event | None:
    """The earlier event a candidate with no day of its own names with a definite description
    ("... said it had carried out the attack"): the same event, whatever place the sentence
    mentions (often where the speaker was)."""
    own = event.own_sentence()
    family = family_of(event)
    # "a connection with Saturday's ambush": a day that only names the event is no day of its own
    if event.background or not refers_back(own, family):
        return None
    day_named = re.search(settings()["anaphors"]["day_named"], own, re.IGNORECASE)
    if has_own_date(event) and not (named_by_its_date(event) or day_named):
        return None
    same_family = [k for k in merged if family_of(k) == family and not k.background]
    same_day = [k for k in same_family if event.event_date and k.event_date == event.event_date]
    return (same_day or same_family)[-1] if same_family else None


def _aftermath_of(event: Event, merged: list[Event]) -> Event | None:
    """The attack a Mob violence reading tells more of: one that refers back to political
    violence just told, with no day of its own ("The bus ... was set on fire after the killings":
    its attackers burned the bus), or one at the place and on the day of that violence (unnamed
    "men" attacking the post the lede said jihadists attacked)."""
    if event.sub_event_type != "Mob violence" or event.background:
        return None
    violent = [k for k in merged if family_of(k) == "political_violence" and not k.background and _same_country(k, event)]
    if not violent:
        return None
    if refers_back(event.own_sentence(), "political_violence") and not states_its_date(event):
        return violent[-1]
    # "The post ... was attacked by dozens of men on motorcycles": unnamed men at the place and on
    # the day of the attack just told are its attackers, not a mob
    # (in the same sentence too when the crowd is no one the sentence names and the violence
    # has a named doer: "settlers entered the village, setting fire to cars and throwing stones")
    return next((k for k in reversed(violent) if _same_place_and_day(k, event) and (
        k.sentence != event.sentence or (_unnamed_crowd(event) and not _unnamed(k.actor1)))), None)


def _unnamed_crowd(event: Event) -> bool:
    return (event.actor1 or "").startswith("Rioters") and event.assoc_actor_1 is None


def _claimed_with(event: Event, merged: list[Event]) -> Event | None:
    """The event a claim or a denial is about: "IS claimed the attack, saying its fighters had
    killed 20 soldiers and seized weapons" tells of that attack, not of a seizure of its own;
    "the military denied carrying out any air strike" denies the strike just reported."""
    if event.certainty not in ("claimed", "denied") or event.background or has_own_place(event):
        return None
    family = refers_to_any(event.own_sentence())
    if event.certainty == "denied":
        family = family or family_of(event)
    elif family is None and CLAIMED_RESPONSIBILITY.search(event.own_sentence()):
        family = "political_violence"  # "JNIM claimed responsibility, saying its fighters had killed 17"
    if family is None or (event.certainty != "denied" and family == family_of(event)):
        return None
    earlier = [k for k in merged if family_of(k) == family and not k.background and _same_country(k, event)]
    return earlier[-1] if earlier else None


def is_detail_of(event: Event, continued: Event) -> bool:
    """A candidate of another family that states neither a place nor a day of its own
    ("bystanders said the man then turned on the crowd", read as mob violence in a knife-attack
    report) is a detail of the event it continues, not a new one. Within one family such
    candidates can be later stages ACLED codes apart (a march, then the storming of parliament)."""
    if family_of(event) == family_of(continued) or has_own_place(event) or has_own_date(event):
        return False
    if continued.event_type == "Strategic developments" and family_of(event) == "political_violence":
        return False  # "police arrived and exchanged fire with the gang" after its looting: graver, an event
    if event.background or continued.background:
        return False
    if _claim_key(event) != _claim_key(continued):
        return False
    return _same_country(event, continued)


@lru_cache(maxsize=1)
def _merge_across() -> frozenset[str]:
    return frozenset(read_data_json("merge.json")["merge_across_sub_types"])


def same_event(a: Event, b: Event) -> bool:
    """Can ``b`` (mentioned later) be the same real event as ``a``?"""
    if a.background != b.background or family_of(a) != family_of(b):
        return False
    if not (_same_kind(a, b) and _same_place(a, b)):
        return False
    own_claim = perpetrator_claim_of(b, a)
    if _dates_conflict(a, b) and not (own_claim and _claim_days_after(b, a)):
        return False
    more = _tells_more_of(b, a)  # one side's account: its speaker is no actor of the act
    if _claim_key(a) != _claim_key(b) and not own_claim and not more:
        return False
    return more or own_claim or not _actors_conflict(a.actor1, b.actor1)


def _tells_more_of(claim: Event, report: Event) -> bool:
    """Is ``claim`` one side's account of an act already reported, that it refers back to ("The
    aircraft dropped two bombs on the camp, a KIA spokesman said")? It adds to the report."""
    return claim.certainty == "claimed" and report.certainty in ("reported", "confirmed") and _refers_to_its_act(claim)


def _refers_to_its_act(event: Event) -> bool:
    """Does the mention's sentence refer back to an act of its family ("the attack") or to its
    perpetrators ("the attackers", "the aircraft")?"""
    own, family = event.own_sentence(), family_of(event)
    return refers_back(own, family) or names_perpetrators(own, family)


def _claim_key(event: Event) -> tuple[str, str | None]:
    """How sure a mention is, and whose claim it is when it is only a claim. A reported act that
    a group later claimed (``claimed_by`` set, still "reported") is as sure as one not claimed."""
    return event.certainty, event.claimed_by if event.certainty == "claimed" else None


def perpetrator_claim_of(claim: Event, report: Event) -> bool:
    """Is ``claim`` a group's claim of its own act ("ISWAP said its fighters had attacked the
    base") told after ``report`` of an act by unnamed or the same attackers? A group claiming an
    attack already reported names its actor 1; it is no new event. A claim of a further act (the
    fighting reported, the capture of the valley claimed) stays apart, as does a claim told against
    another claim (the army's toll and the rebels' own: the report is then claimed too)."""
    if claim.certainty != "claimed" or not claim.claimed_by or not _names_the_claimant(claim.actor1, claim.claimed_by):
        return False
    if claim.sub_event_type != report.sub_event_type and not (
            family_of(claim) == family_of(report) and _refers_to_its_act(claim)):
        return False  # (but "claimed the attack" after an ambush reported as a clash claims that act)
    if report.certainty == "claimed":
        return False
    return _claims_its_own_act(claim, report) or _home_forces_account(claim, report)


def _claims_its_own_act(claim: Event, report: Event) -> bool:
    """Does the claimant name itself the doer of an act reported by unnamed or the same attackers?"""
    return _unnamed(report.actor1) or report.actor1 == claim.actor1


def _home_forces_account(claim: Event, report: Event) -> bool:
    """Is ``claim`` the account of a battle that the forces of the country it was fought in give
    ("the defence ministry said the terrorists had been repelled" after insurgents attacked an army
    position)? They are a side of it whoever the report named; their foe is unnamed or the report's."""
    if family_of(report) != "political_violence" or report.event_type != "Battles" or claim.inter1 != "State forces":
        return False
    country = find_country(report.country_code)
    foe_fits = _unnamed(claim.actor2) or claim.actor2 in (report.actor1, report.actor2)
    return country is not None and (claim.actor1 or "").endswith(f"of {country.acled_name}") and foe_fits


def _names_the_claimant(actor: str | None, claimant: str) -> bool:
    """"Islamic State (Mozambique)" is the claimant "Islamic State", qualified by its country."""
    return bool(actor) and (actor == claimant or actor.startswith(claimant + " ("))


def _claim_days_after(claim: Event, report: Event) -> bool:
    """Is the claim dated on the day of the report's event or a few days after it (the day of
    the statement: "On Monday, the group claimed Saturday's raid")?"""
    if not (claim.event_date and report.event_date):
        return True
    return 0 <= _days_after(claim, report) <= settings()["report_day_gap_days"]


def _dates_conflict(a: Event, b: Event) -> bool:
    # A date read from another sentence (narrative time) does not contradict one stated here.
    differ = bool(a.event_date and b.event_date and a.event_date != b.event_date)
    return (differ and has_own_date(a) and has_own_date(b) and not _report_day_after(a, b)
            and not _report_day_after(b, a) and not _one_night(a, b) and not _one_night(b, a))


def _one_night(night: Event, day: Event) -> bool:
    """Is ``night`` dated by a night ("overnight", "on Monday night") that began on ``day``'s date?
    A night spans two dates: "attacked the camp overnight" (read as the morning's date) and "late
    on Monday" are one night."""
    if not (night.date_text and re.search(settings()["night_date"], night.date_text, re.IGNORECASE)):
        return False
    return _days_after(night, day) == 1


def _report_day_after(approximate: Event, precise: Event) -> bool:
    """Is ``approximate`` an inexact date (a report's day: "two more died after the air raid,
    officials said on Thursday") a few days after ``precise``'s exact day ("bombed the camp on
    Tuesday")? It does not contradict it; an inexact date before it ("last week") does."""
    if (approximate.time_precision or 1) < 2 or (precise.time_precision or 1) > 1:
        return False
    return 0 < _days_after(approximate, precise) <= settings()["report_day_gap_days"]


def _days_after(later: Event, earlier: Event) -> int:
    """Days from ``earlier``'s date to ``later``'s (both dated)."""
    return (date.fromisoformat(later.event_date[:10]) - date.fromisoformat(earlier.event_date[:10])).days


def _same_kind(a: Event, b: Event) -> bool:
    if a.sub_event_type == b.sub_event_type:
        return True
    if a.event_type == b.event_type and a.event_type in _merge_across():
        return True
    if _refers_to_its_act(b):
        return True
    same_day = a.event_date is not None and a.event_date == b.event_date
    if same_day and _stages_of_one_event(a, b):
        return True
    same_pair = all((a.actor1, b.actor1)) and (a.actor1, a.actor2) == (b.actor1, b.actor2)
    return same_day and same_pair


def _stages_of_one_event(a: Event, b: Event) -> bool:
    """Is ``b`` (same place and day as ``a``, of a stage family) a later stage of ``a`` that
    names no place of its own and is no graver (police breaking up "the crowds" of a riot)? A
    later escalation (a march, then the storming of parliament) is an event of its own, and two
    sub-types in one sentence are left to the events stage (one of them is often a reference to
    other events: "a rally against the prior clashes"), unless one is the intervention against
    the other's crowd ("threw rocks ... before they were dispersed")."""
    if family_of(a) not in _stage_families() or family_of(b) != family_of(a):
        return False
    if _intervention_on_one_crowd(a, b):
        return True
    rank = taxonomy().rank
    # (a milder stage told with the same place, "gathered outside the police office" of the
    # riot the lede told, is that riot's start)
    at_its_place = not has_own_place(b) or (_place_key(b) is not None and _place_key(b) == _place_key(a)
                                            and 0 < b.sentence - a.sentence <= MILDER_STAGE_SENTENCES)
    return at_its_place and rank(b.sub_event_type) >= rank(a.sub_event_type)


def _stage_families() -> frozenset[str]:
    return frozenset(settings()["stage_families"]["families"])


def _intervention_on_one_crowd(a: Event, b: Event) -> bool:
    """Are ``a`` and ``b`` one sentence's crowd and the intervention against it ("threw rocks
    at the building before they were dispersed")? The place the sentence names is both's."""
    interventions = settings()["stage_families"]["interventions"]
    one_is_intervention = a.sub_event_type in interventions or b.sub_event_type in interventions
    if not one_is_intervention:
        return False
    if a.sentence == b.sentence and _place_key(a) == _place_key(b):
        return True
    # the lede's "police fired tear gas to reopen the highway in X region" and the detail "near
    # the town of Y ... protesters hurled stones at officers": one crowd, at the town (same place
    # and day are checked by the caller); so are a riot in a town and a later "police dispersed
    # the crowd", said by the region's police
    return ((a.geo_precision or 1) >= 2 and _finer(b, a)) or ((b.geo_precision or 1) >= 2 and _finer(a, b))


def _place_key(event: Event) -> object:
    if event.geonameid is not None:
        return ("geonameid", event.geonameid)
    if event.latitude is not None and event.longitude is not None:
        return ("point", round(event.latitude, 3), round(event.longitude, 3))
    return None  # an unlocated mention cannot be shown to be the same event as another


def _same_place(a: Event, b: Event) -> bool:
    key = _place_key(a)
    if key is not None and key == _place_key(b):
        return True
    if key is None or _place_key(b) is None:
        return False
    if _first_start(a) == _first_start(b):
        # one phrase resolved to a town and to a region around it ("in Reading, Berkshire"):
        # one event, at the town
        return (a.geo_precision or 1) != (b.geo_precision or 1)
    if _district_holds(a, b) or _district_holds(b, a):
        return True
    if (_part_of_town(a, b) or _part_of_town(b, a)) and not _opens_on_another_place(a, b):
        return True
    coarse = [e for e in (a, b) if is_country_level(e)]
    return len(coarse) == 1 and a.country_code is not None and a.country_code == b.country_code


def _opens_on_another_place(a: Event, b: Event) -> bool:
    """Does ``b``'s sentence open on a place that ``a``'s does not name ("In El Alto, the city on
    the plateau above La Paz, drivers burned tyres")? It tells of that place, not of a part of ``a``'s."""
    opening = OPENING_PLACE.match(b.own_sentence())
    return opening is not None and opening.group(1) not in a.own_sentence()


def _part_of_town(town: Event, part: Event) -> bool:
    """Is ``part`` placed at a part of a town (a district or quarter of it, precision 2) that
    ``town`` names ("in Kharkiv ... in the city's Saltivskyi district")? Then the two are one
    place, told at two grains."""
    if (town.geo_precision or 1) != 1 or (part.geo_precision or 1) != 2 or town.country_code != part.country_code:
        return False
    if None in (town.latitude, town.longitude, part.latitude, part.longitude):
        return False
    return haversine_km(town.latitude, town.longitude, part.latitude, part.longitude) <= TOWN_PART_KM


def _district_holds(district: Event, place: Event) -> bool:
    """Is ``district`` placed at a division ("Nuh district", "Guaviare department") that ``place``
    (a town in it) lies in? Then the two are one place, told at two grains."""
    if (district.geo_precision or 1) < 2 or (place.geo_precision or 1) >= (district.geo_precision or 1):
        return False
    if district.admin2 and district.location == district.admin2:
        path = ("country_code", "admin1", "admin2")
    elif district.admin1 and district.location == district.admin1 and not district.admin2:
        path = ("country_code", "admin1")
    else:
        return False
    return all(getattr(place, name) == getattr(district, name) for name in path)


def _same_country(a: Event, b: Event) -> bool:
    return not a.country_code or not b.country_code or a.country_code == b.country_code


def _first_start(event: Event) -> int | None:
    return event.evidence[0].start if event.evidence else None


def _actors_conflict(a: str | None, b: str | None) -> bool:
    generic = ("Unidentified", "Civilians", "Protesters")
    if not a or not b or a == b:
        return False
    return not (a.startswith(generic) or b.startswith(generic))


def _lowest_fatalities(a: int, b: int) -> int:
    # ACLED takes the lowest reported figure; a mention that gives no figure reports nothing.
    reported = [n for n in (a, b) if n]
    return min(reported) if reported else 0


def absorb(kept: Event, other: Event) -> None:
    """Merge ``other`` into ``kept``: the finer place, pooled fields, and the higher tactic when
    the two are stages of one event or tactics reported together; a later mention that only
    refers back ("the attack") does not retype the event its antecedent named."""
    rank = taxonomy().rank
    if perpetrator_claim_of(other, kept) and _claims_its_own_act(other, kept):
        _take_claimant(kept, other)
    if _reported_together(kept, other) and rank(other.sub_event_type) < rank(kept.sub_event_type):
        # sides read for another event type are not the graver type's (a protest's protesters are
        # the riot's rioters): the graver mention's own sides replace them
        other_family = other.event_type != kept.event_type and other.actor1
        kept.event_type, kept.sub_event_type, kept.plover = other.event_type, other.sub_event_type, other.plover
        if other_family:
            for name in ACTOR_FIELDS:
                setattr(kept, name, getattr(other, name))
        _sides_for_type(kept)
    _take_finer_place(kept, other)
    _pool_evidence(kept, other)
    if has_own_date(other) and (not has_own_date(kept) or _more_precise(other, kept)):
        # a day the sentence states beats one read from the narrative, the publication line or a report
        kept.event_date, kept.time_precision, kept.date_text = other.event_date, other.time_precision, other.date_text
    for name in FILLED_FIELDS:
        if name in ACTOR_FIELDS and other.event_type != kept.event_type:
            continue  # sides read for another type (an attack's civilian victims) are not this event's
        if getattr(kept, name) is None and getattr(other, name) is not None:
            setattr(kept, name, getattr(other, name))
    _take_named_perpetrator(kept, other)
    if kept.claimed_by is None and other.claimed_by is not None and kept.certainty == other.certainty:
        kept.claimed_by = other.claimed_by  # the claim a later sentence of the same act drew
    kept.fatalities = _lowest_fatalities(kept.fatalities, _own_toll(other))
    kept.confidence = max(kept.confidence, other.confidence)
    if (kept.sub_event_type == "Attack" and other.sub_event_type == "Abduction/forced disappearance"
            and not kept.fatalities):
        # "gunmen attacked two villages; 12 residents were abducted": with no one killed, ACLED
        # codes the raid as the abduction it was
        kept.sub_event_type, kept.plover = other.sub_event_type, other.plover


def _take_claimant(kept: Event, claim: Event) -> None:
    """The group that claimed the act is its actor 1 and its claimant; the act stays as certain
    as its report."""
    for name in ("actor1", "assoc_actor_1", "inter1"):
        setattr(kept, name, getattr(claim, name))
    kept.claimed_by = claim.claimed_by


def _more_precise(a: Event, b: Event) -> bool:
    return bool(a.event_date) and (a.time_precision or 1) < (b.time_precision or 1)


def _sides_for_type(event: Event) -> None:
    """Actor 1 is the side the sub-event type names ("Non-state actor overtakes territory": the
    group; "Government regains territory": the state's forces), swapped in when it was actor 2."""
    wanted = settings()["roles"]["actor1_inter"].get(event.sub_event_type)
    if wanted and event.inter1 not in wanted and event.inter2 in wanted:
        event.actor1, event.actor2 = event.actor2, event.actor1
        event.inter1, event.inter2 = event.inter2, event.inter1


def _reported_together(a: Event, b: Event) -> bool:
    """Are ``a`` and the later ``b`` stages of one event (or tactics of one sentence), so that the
    graver sub-type codes it? A later stage told right after ("they clashed in X. The village was
    liberated") or saying where or when of its own is; a remark further on with neither ("the
    government has made recapturing territory its goal") only adds evidence."""
    told_with = b.sentence - a.sentence <= STAGE_FOLLOWS_SENTENCES or has_own_place(b) or has_own_date(b)
    # a march that the same report says turned into a riot ("As the march reached the offices,
    # youths began throwing stones") is one demonstration, coded as the riot it became
    one_crowd = family_of(a) == family_of(b) and family_of(a) in _stage_families()
    stages = ((a.event_type == b.event_type and a.event_type in _merge_across()) or one_crowd) and told_with
    return stages or a.sentence == b.sentence


def _finer(a: Event, b: Event) -> bool:
    if _place_key(a) is None:
        return False
    return _place_key(b) is None or (a.geo_precision or 1) < (b.geo_precision or 1) or (
        is_country_level(b) and not is_country_level(a))


def _pool_evidence(kept: Event, other: Event) -> None:
    spans = {(span.start, span.end): span for span in [*kept.evidence, *other.evidence]}
    kept.evidence = [spans[key] for key in sorted(spans)]


def _pool_toll(kept: Event, detail: Event) -> None:
    """A detail or development of an event ("Two guards died in the attack.") tells the toll of
    the event it continues: the event takes it when it has none. A figure it already has is not
    added to, so one death told twice is not counted twice (ACLED takes the lowest figure)."""
    if not kept.fatalities and _own_toll(detail):
        kept.fatalities = detail.fatalities


def _own_toll(event: Event) -> int:
    """The deaths a mention reports of its own event: none when its sentence counts past events
    ("12 workers have been killed so far this year" follows a protest, it is no toll of it)."""
    if summary_of_past(event.own_sentence()):
        return 0
    return event.fatalities or 0


def _folds_into(event: Event, attack: Event) -> bool:
    """Is ``event`` a development of ``attack`` (the arrest, surrender or shooting of its
    perpetrator, the police arriving at "the shooting"), or a vague candidate ("Other") at the
    same place and day as a specific one?"""
    if _yields_to(event, attack) or _security_response(event, attack):
        return True
    rules = settings()["perpetrator"]
    foldable = event.event_type in rules["fold_types"] or event.sub_event_type in rules["fold_sub_types"]
    if not foldable or attack.event_type not in rules["fold_into_types"]:
        return False
    if attack.background or event.background:
        return False
    if _dates_conflict(event, attack):
        return False
    if not (is_country_level(event) and _same_country(event, attack)) and not _same_place(attack, event):
        return False
    own = event.own_sentence()
    narrates = event.event_type in rules["fold_types"] and refers_back(own, family_of(attack))
    return narrates or bool(phrase_pattern(*rules["words"]).search(own))


def _security_response(response: Event, event: Event) -> bool:
    """Is ``response`` forces sent in answer to ``event`` ("police had been deployed to the forests
    around Kajuru to find the captives"): after it in the article, in its country and its place or
    first-level division, on its day or a little later?"""
    rule = settings()["security_response"]
    trigger = response.trigger.text if response.trigger else ""
    if response.sub_event_type not in rule["sub_types"] or family_of(event) not in rule["to_families"]:
        return False
    if event.background or response.background or not phrase_pattern(*rule["triggers"]).search(trigger):
        return False
    if not (response.country_code and response.country_code == event.country_code):
        return False
    if (response.event_date and event.event_date and has_own_date(response)
            and not 0 <= _days_after(response, event) <= rule["days_after"]):
        return False  # (a day carried from another sentence says nothing of when forces were sent)
    within = not response.admin1 or is_country_level(response) or response.admin1 == event.admin1
    return within or _same_place(response, event)


def _yields_to(weaker: Event, stronger: Event) -> bool:
    """Does ``weaker`` give way to ``stronger`` at its place and day: a vague "Other" beside a
    specific event, a one-sided clash told in a demonstration's sentence, a death told in a
    fight's sentence, or the authorities' answer told in the sentence of what they answer?"""
    return (_is_vague_mention(weaker, stronger) or _one_sided_clash_of(weaker, stronger)
            or _toll_of_fight(weaker, stronger) or _response_in_sentence(weaker, stronger)
            or _one_change_of_control(weaker, stronger) or _destruction_in_attack(weaker, stronger)
            or _weapon_in_battle(weaker, stronger) or _stage_of_complex_attack(weaker, stronger)
            or _one_raid(weaker, stronger) or _stage_of_takeover(weaker, stronger)
            or _arrests_after_riot(weaker, stronger))


def _one_raid(later: Event, first: Event) -> bool:
    """Are ``later`` and ``first`` the arrests and the weapons seizure of one raid, at one place
    and day? The one the report tells first names the operation; the other is part of it."""
    rule = settings()["one_raid"]
    pair = {later.sub_event_type, first.sub_event_type}
    if pair != set(rule["sub_types"]) or later.background or first.background:
        return False
    seizure = later if later.sub_event_type == rule["seizure_sub_type"] else first
    if not phrase_pattern(*rule["seizure_words"]).search(seizure.own_sentence()):
        return False
    return first_position(first) <= first_position(later) and _same_place_and_day(later, first)


def _stage_of_complex_attack(stage: Event, bombing: Event) -> bool:
    """Is ``stage`` (the lede's "stormed a hotel", the gun battle that ended it) a stage of the
    suicide bombing ``bombing`` that opened the assault, told close to it, at its place and day?"""
    rule = settings()["complex_attack"]
    if bombing.sub_event_type not in rule["sub_types"] or stage.sub_event_type not in rule["stage_sub_types"]:
        return False
    if stage.background or bombing.background or abs(stage.sentence - bombing.sentence) > rule["sentences_apart"]:
        return False
    return _same_place_and_day(stage, bombing) or (stage.event_date == bombing.event_date and _within_town(stage, bombing))


def _weapon_in_battle(weapon: Event, battle: Event) -> bool:
    """Is ``weapon`` a grenade thrown in the exchange of fire ``battle`` tells, at its place and
    day ("opened fire from inside the building and threw a hand grenade")?"""
    rule = settings()["weapon_in_battle"]
    return (weapon.sub_event_type in rule["sub_types"] and battle.sub_event_type in rule["to_sub_types"]
            and bool(phrase_pattern(*rule["fire_words"]).search(weapon.own_sentence()))
            and _same_place_and_day(weapon, battle))


def _destruction_in_attack(destruction: Event, attack: Event) -> bool:
    """Is ``destruction`` (houses burned, shops looted, rifles seized) done in ``attack`` at its place and day
    ("gang members went through the neighbourhoods, shooting residents and burning houses"), or
    in a riot ("stoning a police station and setting fire to a police vehicle")? ACLED codes
    the destruction of an attack or a riot as part of it."""
    if destruction.sub_event_type != "Looting/property destruction" or attack.background:
        return False
    if attack.event_type == "Riots":
        # only the crowd's own burning, told in the riot's sentence (soldiers looting offices and
        # civilians looting shops the same day are two events)
        unnamed = destruction.actor1 is None or destruction.inter1 in ("Rioters", "Protesters")
        return unnamed and _same_sentence_place_and_day(destruction, attack)
    return family_of(attack) == "political_violence" and _same_place_and_day(destruction, attack)


def _one_change_of_control(transfer: Event, battle: Event) -> bool:
    """Is ``transfer`` ("the rebels entered Pinga after the soldiers withdrew") the change of
    control ``battle`` tells ("took control of Pinga after two days of fighting"), at its place
    and day?"""
    rule = settings()["territory_change"]
    return (transfer.sub_event_type in rule["sub_types"] and battle.sub_event_type in rule["to_sub_types"]
            and _same_place_and_day(transfer, battle))


def _arrests_after_riot(arrests: Event, riot: Event) -> bool:
    """Are ``arrests`` ("Police said 19 people had been arrested") of the people of the riot
    told just after it, at its place, on its day or a little later? ACLED codes arrests at a riot
    as part of it, as it does at a protest."""
    rule = settings()["arrests_after_riot"]
    if arrests.sub_event_type != "Arrests" or riot.event_type != "Riots" or arrests.background or riot.background:
        return False
    if arrests.inter2 not in rule["arrested_inters"] or not 0 < arrests.sentence - riot.sentence <= rule["sentences_after"]:
        return False
    if first_position(arrests) < first_position(riot):
        return False  # arrests told first (of opposition leaders) that a riot followed
    if arrests.event_date and riot.event_date and not 0 <= _days_after(arrests, riot) <= rule["days_after"]:
        return False
    return _same_place(riot, arrests)


def _stage_of_takeover(stage: Event, takeover: Event) -> bool:
    """Is ``stage`` (the attack on the camp, the weapons seized), told after the takeover, part
    of the assault in which ``takeover``'s side took the place, at its place and day? An attack
    on civilians is not."""
    rule = settings()["takeover_assault"]
    if takeover.sub_event_type not in rule["sub_types"] or stage.sub_event_type not in rule["stage_sub_types"]:
        return False
    if stage.background or takeover.background or _actors_conflict(stage.actor1, takeover.actor1):
        return False
    if first_position(stage) < first_position(takeover):
        return False  # a fight the lede tells, then a side's claim to have overrun positions: the fight
    if stage.sub_event_type == "Attack" and target_kinds(stage.own_sentence()) & set(rule["civilian_target_kinds"]):
        return False
    return _same_place_and_day(stage, takeover)


def _same_place_and_day(a: Event, b: Event) -> bool:
    return (a.event_date == b.event_date and not b.background
            and _place_key(a) is not None and _place_key(a) == _place_key(b))


def _same_sentence_place_and_day(a: Event, b: Event) -> bool:
    """Told in one sentence, on one day, at one place: the same point, or two names of one spot
    ("at the University of Texas" and "Austin") within a town's reach of each other."""
    if a.sentence != b.sentence:
        return False
    return _same_place_and_day(a, b) or (a.event_date == b.event_date and not b.background and _within_town(a, b))


def _within_town(a: Event, b: Event) -> bool:
    if None in (a.latitude, a.longitude, b.latitude, b.longitude) or a.country_code != b.country_code:
        return False
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude) <= TOWN_PART_KM


def _is_vague_mention(event: Event, specific: Event) -> bool:
    vague = settings()["vague"]
    return (event.sub_event_type in vague["sub_types"] and specific.sub_event_type not in vague["sub_types"]
            and event.event_date is not None and _same_place_and_day(event, specific))


def _toll_of_fight(casualty: Event, fight: Event) -> bool:
    """Is ``casualty`` only the deaths or injuries of a fight or attack, told in its sentence ("one
    person was killed when supporters of two parties fought"), in the next one ("six soldiers were
    killed in Afgoye") or in one that refers back to it ("a man was killed in the violence"), at its
    place and day, and so the toll of that event?"""
    rule = settings()["toll_of_a_fight"]
    trigger = casualty.trigger.text if casualty.trigger else ""
    if casualty.sub_event_type not in rule["sub_types"] or fight.event_type not in rule["to_types"]:
        return False
    # the trigger may run on past the casualty word ("killed and 3 people"): it must open with it
    if not phrase_pattern(*rule["casualty_triggers"]).match(trigger):
        return False
    if trigger.lower().startswith("shot") and not _told_in_the_passive(casualty):
        return False  # "Police shot a man", "fighters shot dead a soldier": someone's own act
    follows = 0 <= casualty.sentence - fight.sentence <= rule["next_sentences"]
    told_of_it = follows or refers_to_any(casualty.own_sentence()) is not None
    return told_of_it and casualty.sub_event_type != fight.sub_event_type and _same_place_and_day(casualty, fight)


def _told_in_the_passive(casualty: Event) -> bool:
    """Is the casualty's trigger a passive ("the man was shot in the chest")?"""
    if casualty.trigger is None or not casualty.evidence:
        return False
    before = casualty.evidence[0].text[: max(0, casualty.trigger.start - casualty.evidence[0].start)]
    return bool(re.search(r"\b(?:was|were|been|being|got)\s+$", before))


def _response_in_sentence(response: Event, event: Event) -> bool:
    """Is ``response`` a measure told in the sentence of the event it answers ("imposed a curfew
    after two groups hurled stones", "detained 34 people after protesters threw bottles"), at the
    same place and day?"""
    rules = settings()["response_in_sentence"]
    answered = rules["to_families"].get(response.sub_event_type, [])
    by_state = rules["by_state_forces"].get(response.sub_event_type, []) if response.inter1 == "State forces" else []
    return (family_of(event) in answered or event.event_type in by_state) and _same_sentence_place_and_day(response, event)


def _one_sided_clash_of(clash: Event, other: Event) -> bool:
    """Is ``clash`` a one-sided clash told in the sentence of a demonstration at the same place and
    day ("students and riot police fought running battles"), and so that demonstration's violence?"""
    rule = settings()["one_sided_clash"]
    return (clash.sub_event_type in rule["sub_types"] and family_of(other) in rule["to_families"]
            and not (clash.actor1 and clash.actor2) and _same_sentence_place_and_day(clash, other))
