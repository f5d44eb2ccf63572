"""What is not a new event: summaries and counts of past events, anniversaries and
commemorations, trials and sentences for old attacks, hypotheticals, threats, plans and events
dated after publication, negations and denials of a whole event, blame for an attack, violence
in an article framed as an ordinary police case (crime), explosions the report itself blames on
an accident (a gas leak), violence whose victim is a wild animal (poaching), military exercises
and weapons tests, arms sales and company deals. Such candidates are moved to ``non_events``
with their reason, for audit; events dated well before publication stay events but are flagged
``background``.
In an article whose title or lede sentences someone over an attack (a trial story), violence told
without a date of its own, or with an old one, is the attack tried (TRIAL).
Once place and date have been carried through the article, ``set_aside_unanchored`` moves what
still has neither (UNANCHORED).

The patterns are data (``data/document.json``, section ``novelty``). Patterns marked
``undated_only`` apply only to candidates without a date expression of their own, so a dated
report ("gunmen killed five people on Sunday, the third attack this year") stays an event.
"""

from __future__ import annotations

import re
from datetime import date

from eventatlas.document.coreference import family_of, is_country_level
from eventatlas.document.resources import phrase_pattern, settings
from eventatlas.models import Document, Event, NonEvent

YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
DECADE = re.compile(r"\b(1[89]\d0|20\d0)['\u2019]?s\b")


def set_aside_non_events(document: Document, events: list[Event]) -> tuple[list[Event], list[NonEvent]]:
    """Split candidates into new events and look-alikes (with the reason in ``notes``)."""
    kept: list[Event] = []
    set_aside: list[NonEvent] = []
    crime_cues = crime_story_cues(document)
    hoax_cues = hoax_story_cues(document)
    trial_cues = trial_story_cues(document)
    exercise_cues = exercise_story_cues(document)
    for event in events:
        reason = (not_new_reason(event) or crime_reason(event, crime_cues) or hoax_reason(event, hoax_cues)
                  or trial_reason(document, event, trial_cues) or exercise_reason(event, exercise_cues)
                  or mention_reason(event) or future_reason(document, event))
        if reason is None:
            flag_background(document, event)
            kept.append(event)
            continue
        category, matched = reason
        set_aside.append(NonEvent(
            category=category, evidence=event.evidence, confidence=event.confidence, sentence=event.sentence,
            notes=f"not a new event ({category.lower()}: {matched!r}); candidate was "
                  f"{event.event_type} / {event.sub_event_type}",
        ))
    kept, reactions = _without_reaction_objects(document, kept)
    set_aside.extend(reactions)
    flag_same_day_as_background(kept)
    flag_continuations_of_background(document, kept)
    return kept, set_aside


def _without_reaction_objects(document: Document, events: list[Event]) -> tuple[list[Event], list[NonEvent]]:
    """Candidates that are only the object of a reaction ("the prime minister condemned what he
    called a cowardly bomb attack in the south"), set aside when the article reports an event of
    their family of its own: the reaction names that event again, with the reaction's day and
    place."""
    named = [event for event in events if _object_of_reaction(document, event)]
    named_ids = {id(event) for event in named}  # (identity: events compare field by field)
    reported = {family_of(event) for event in events if id(event) not in named_ids}
    kept = [event for event in events if id(event) not in named_ids or family_of(event) not in reported]
    set_aside = [NonEvent(category="REACTION", evidence=event.evidence, confidence=event.confidence, sentence=event.sentence,
                          notes=f"not a new event (named by a reaction to it); candidate was {event.event_type} / {event.sub_event_type}")
                 for event in named if family_of(event) in reported]
    return kept, set_aside


def _object_of_reaction(document: Document, event: Event) -> bool:
    """Is the event's trigger what a verb of reacting is about ("condemned the attack",
    "condemned what he called a bomb attack")?"""
    if document.spacy_doc is None or not event.evidence:
        return False
    words = event.trigger or event.evidence[0]  # (a lede coded from its sentence: the sentence's own verb)
    span = document.spacy_doc.char_span(words.start, words.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    token = span.root
    if event.trigger is None:
        return token.lemma_.lower() in settings()["novelty"]["reaction_verbs"]
    for _ in range(3):
        if token.dep_ not in ("dobj", "oprd", "ccomp", "compound", "attr") or token.head.i == token.i:
            return False
        token = token.head
        if token.lemma_.lower() in settings()["novelty"]["reaction_verbs"]:
            return True
    return False


def flag_continuations_of_background(document: Document, events: list[Event]) -> None:
    """A sentence with no date words of its own, right after one that recalls an old event in
    the same paragraph, goes on with that story ("Troops arrived at the village one morning in
    1982 ... Houses were burned and the survivors fled"): it is background too."""
    recalled = {e.sentence for e in events if e.background}
    for event in sorted(events, key=lambda e: e.sentence):
        previous = event.sentence - 1
        if event.background or previous not in recalled or states_its_date(event):
            continue
        if _same_paragraph(document, previous, event.sentence):
            _flag(event, "continues the story of an earlier event recalled just before")
            recalled.add(event.sentence)


def _same_paragraph(document: Document, first: int, second: int) -> bool:
    sentences = document.sentences
    if not (0 <= first < second < len(sentences)):
        return False
    return not document.paragraph_break_between(first, second)


def set_aside_unanchored(events: list[Event]) -> tuple[list[Event], list[NonEvent]]:
    """Move events that, after place and date were carried through the article, still have
    neither to ``non_events``: ACLED cannot code an event it can put nowhere and at no time, and
    such leftovers are mostly a headline's or an aside's wording, not a report."""
    kept: list[Event] = []
    set_aside: list[NonEvent] = []
    for event in events:
        if event.location or event.country_code or event.event_date or event.date_text:
            kept.append(event)
            continue
        set_aside.append(NonEvent(
            category="UNANCHORED", evidence=event.evidence, confidence=event.confidence, sentence=event.sentence,
            notes=f"no place and no date anywhere in the article; candidate was "
                  f"{event.event_type} / {event.sub_event_type}",
        ))
    return kept, set_aside


def not_new_reason(event: Event) -> tuple[str, str] | None:
    """(reason, matched words) when the candidate's sentence does not report a new event."""
    text = event.own_sentence()
    dated = states_its_date(event)
    for category, rule in settings()["novelty"]["reasons"].items():
        if rule["undated_only"] and dated and not _date_is_a_cue(rule["patterns"], text, event.date_text):
            continue
        if event.event_type in rule.get("except_types", ()) or event.sub_event_type in rule.get("except_sub_types", ()):
            continue
        if "only_types" in rule and event.event_type not in rule["only_types"]:
            continue
        if rule.get("only_country_level") and not is_country_level(event):
            continue
        match = phrase_pattern(*rule["patterns"]).search(text)
        # "unless": words that show the sentence reports the event after all (a commemoration
        # that demands justice is a protest)
        if match and not ("unless" in rule and phrase_pattern(*rule["unless"]).search(text)):
            return category, match.group(0)
    return None


def states_its_date(event: Event) -> bool:
    """Does the event's sentence hold its date expression? One the time stage read from a
    neighbouring sentence (narrative time) does not make "prisoners arrested during the
    campaign" a dated report. (Unlike ``coreference.has_own_date``, a date whose words are not
    known counts as not stated: a reason for setting aside needs the words.)"""
    return bool(event.date_text) and event.date_text.lower() in event.own_sentence().lower()


def _date_is_a_cue(patterns: list[str], text: str, date_text: str) -> bool:
    """Are the date words themselves part of the reason's cue? "A series of attacks this year",
    "dozens were killed last month": the period counts past events, it does not date a new one."""
    start = text.lower().find(date_text.lower())
    end = start + len(date_text)
    return any(m.start() <= start and end <= m.end() for m in phrase_pattern(*patterns).finditer(text))


def mention_reason(event: Event) -> tuple[str, str] | None:
    """("MENTION", ...) for an agreement the sentence only mentions: no act of agreeing in it
    ("troops stay until Iraq complies with the agreement"), or only one about the talks themselves
    ("both sides agreed on an agenda")."""
    rule = settings()["novelty"]["agreement_mention"]
    if event.sub_event_type not in rule["sub_types"]:
        return None
    text = event.own_sentence()
    procedural = phrase_pattern(*rule["procedural"]).search(text)
    if procedural:
        return "MENTION", procedural.group(0)  # "agreed on an agenda": a step of talks, no agreement
    if phrase_pattern(*rule["acts"]).search(text):
        return None
    return "MENTION", "no act of agreeing"


def future_reason(document: Document, event: Event) -> tuple[str, str] | None:
    """("PLAN", ...) for an event dated after publication ("violence during the protests next
    month"): news reports what happened, so a later date is a plan or a forecast, not an event.
    ``future_after_days`` leaves room for a time zone or a report filed late at night."""
    published = document.published_day()
    if published is None or not event.event_date:
        return None
    try:
        ahead = (date.fromisoformat(event.event_date[:10]) - published).days
    except ValueError:
        return None
    if ahead > settings()["novelty"]["future_after_days"]:
        return "PLAN", f"dated {event.event_date[:10]}, {ahead} days after publication"
    return None


def crime_story_cues(document: Document) -> list[str]:
    """The police-case words of an article that names no political or armed actor anywhere,
    when there are enough of them to call it a crime story; else []."""
    rule = settings()["novelty"]["crime_story"]
    text = " ".join(part for part in (document.title, document.text) if part)
    if phrase_pattern(*rule["political"]).search(text):
        return []
    cues = sorted({match.group(0).lower() for match in phrase_pattern(*rule["cues"]).finditer(text)})
    return cues if len(cues) >= rule["min_cues"] else []


def crime_reason(event: Event, crime_cues: list[str]) -> tuple[str, str] | None:
    """("CRIME", the case words) for violence, a brawl or an arrest in a crime story, when no
    named group did it: ACLED does not code ordinary crime."""
    rule = settings()["novelty"]["crime_story"]
    if not crime_cues or event.event_type not in rule["types"]:
        return None
    if event.actor1 and not event.actor1.startswith(tuple(rule["unnamed_actor_prefixes"])):
        return None
    if political_target(event):
        return None
    return "CRIME", ", ".join(crime_cues)


def political_target(event: Event) -> str | None:
    """The words naming a political target of an arrest or abduction ("a blogger", "an opposition
    leader"), else None: ACLED codes such arrests whatever police words the article uses."""
    rule = settings()["novelty"]["crime_story"]
    if event.sub_event_type not in rule["target_sub_types"]:
        return None
    text = event.own_sentence()
    match = phrase_pattern(*rule["political_targets"]).search(text)
    return match.group(0) if match else None


def hoax_story_cues(document: Document) -> list[str]:
    """The words by which an article says its bomb was not there ("no device was found", "a
    hoax"), else []."""
    rule = settings()["novelty"]["hoax_story"]
    text = " ".join(part for part in (document.title, document.text) if part)
    return sorted({match.group(0).lower() for match in phrase_pattern(*rule["cues"]).finditer(text)})


def hoax_reason(event: Event, hoax_cues: list[str]) -> tuple[str, str] | None:
    """("HOAX", the words) for an explosion candidate in a bomb-scare article whose own sentence
    tells of no blast, no casualty and no defusing: a threat, not an explosion."""
    rule = settings()["novelty"]["hoax_story"]
    if not hoax_cues or event.event_type not in rule["types"]:
        return None
    text = event.own_sentence()
    if phrase_pattern(*rule["unless"]).search(text):
        return None
    return "HOAX", ", ".join(hoax_cues)


def trial_story_cues(document: Document) -> list[str]:
    """The court words of an article whose title or lede reports a trial, a verdict or a
    sentence over an attack ("jails two men over church grenade attack"), else []."""
    novelty = settings()["novelty"]
    return _words_of_the_story(document, novelty["reasons"]["TRIED_ATTACK"]["patterns"],
                               novelty["trial_story"]["lede_sentences"])


def exercise_story_cues(document: Document) -> list[str]:
    """The drill words of an article whose title or lede reports a military exercise, else []."""
    novelty = settings()["novelty"]
    rule = novelty["exercise_story"]
    return _words_of_the_story(document, [*novelty["reasons"]["EXERCISE"]["patterns"], *rule["title_words"]],
                               rule["lede_sentences"])


def _words_of_the_story(document: Document, patterns: list[str], lede_sentences: int) -> list[str]:
    """The words of ``patterns`` a document's title and first sentences use (what the story is about)."""
    lede = [sentence.text for sentence in document.sentences[:lede_sentences]]
    text = " ".join(part for part in (document.title, *lede) if part)
    return sorted({match.group(0).lower() for match in phrase_pattern(*patterns).finditer(text)})


def exercise_reason(event: Event, exercise_cues: list[str]) -> tuple[str, str] | None:
    """("EXERCISE", the drill words) for violence told in an exercise story: a scene of the drill,
    unless its sentence says armed men attacked."""
    rule = settings()["novelty"]
    if not exercise_cues or event.event_type not in rule["exercise_story"]["types"]:
        return None
    if phrase_pattern(*rule["reasons"]["EXERCISE"]["unless"]).search(event.own_sentence()):
        return None
    return "EXERCISE", ", ".join(exercise_cues)


def trial_reason(document: Document, event: Event, trial_cues: list[str]) -> tuple[str, str] | None:
    """("TRIAL", the court words) for political violence told in a trial story without a date of
    its own, or with an old one: the attack tried, retold as background of the verdict. Violence
    dated to the days of the trial (a clash outside the court) stays news."""
    rule = settings()["novelty"]["trial_story"]
    if not trial_cues or event.event_type not in rule["types"]:
        return None
    if states_its_date(event) and not _recalled(document, event):
        return None
    return "TRIAL", ", ".join(trial_cues)


def _recalled(document: Document, event: Event) -> bool:
    """Would ``flag_background`` call the event recalled? (Asked of a copy: the event itself is
    flagged only if it is kept.)"""
    probe = event.model_copy()
    flag_background(document, probe)
    return probe.background


def summary_of_past(text: str) -> str | None:
    """The words by which a sentence counts past events ("this year", "a string of", "to
    date"), else None: such a count is no toll of the event the sentence follows."""
    rule = settings()["novelty"]["reasons"]["SUMMARY"]
    match = phrase_pattern(*rule["patterns"]).search(text)
    return match.group(0) if match else None


def flag_background(document: Document, event: Event) -> None:
    """An event dated long before publication is recalled, not reported (ACLED codes it from
    the report of its own time); so is one placed only in an earlier year ("In 2015, ...")."""
    published = document.published_day()
    if event.background:
        return
    if published is None:
        _flag_before_latest_year(document, event)
        if not event.background and _calendar_date(event) and named_by_its_date(event):
            _flag(event, f"named by its date ({event.date_text!r})")
        return
    if event.event_date:
        try:
            age = (published - date.fromisoformat(event.event_date[:10])).days
        except ValueError:
            return
        if age > settings()["novelty"]["background_after_days"]:
            _flag(event, f"{age} days before publication")
        elif event.time_precision == 3 and event.event_date[:7] < published.isoformat()[:7]:
            # news reports its own events by the day; "in July", read in August, is recalled
            _flag(event, f"dated only to an earlier month ({event.event_date[:7]})")
        elif age >= settings()["novelty"]["named_by_date_after_days"] and named_by_its_date(event):
            _flag(event, f"named by its date ({event.date_text!r}), {age} days before publication")
        return
    years = [int(y) for y in YEAR.findall(event.date_text or "")]
    if years and max(years) < published.year:
        _flag(event, f"dated only to {max(years)}")
    elif not years:
        decades = [int(d) for d in DECADE.findall(event.date_text or event.own_sentence())]
        if decades and max(decades) + 10 <= published.year:
            _flag(event, f"told of the {max(decades)}s")  # "hundreds of massacres in the early 1980s"
        elif event.date_text and re.search(settings()["novelty"]["years_back"], event.date_text, re.IGNORECASE):
            _flag(event, f"dated {event.date_text!r}")  # "where, eight years ago, militants fought"


def named_by_its_date(event: Event) -> bool:
    """Is the event's date only a modifier of a noun naming it ("the Feb. 23 accord", "the March 4
    poisoning")? News names an event it has already reported by its date; a report of it tells
    when it happened ("signed on Feb. 23")."""
    if not event.date_text:
        return False
    words = re.escape(event.date_text)
    pattern = settings()["novelty"]["named_by_date"].replace("{DATE}", words)
    return any(re.search(pattern, span.text) for span in event.evidence[:1])


def flag_same_day_as_background(events: list[Event]) -> None:
    """With no publication date to measure age by, an event of the type and date words of one
    the article names as earlier ("the March 4 poisoning") is that earlier event told again
    ("when they were attacked March 4"): flag it background as well. (With a publication date,
    the age of each report decides, see ``flag_background``.)"""
    named = {(e.event_type, _date_words(e)) for e in events
             if e.background and not e.event_date and "named by its date" in (e.notes or "")}
    for event in events:
        if not event.background and not event.event_date and (event.event_type, _date_words(event)) in named:
            _flag(event, "the day of an earlier event the article names by its date")


def _date_words(event: Event) -> str:
    return " ".join((event.date_text or "").lower().split())


def _calendar_date(event: Event) -> bool:
    """Does the event's date name a calendar day ("March 4"), not only a weekday ("Sunday")?
    Without a publication date only a calendar date shows an event named by it is an old one."""
    return bool(event.date_text and re.search(settings()["novelty"]["named_by_date_unpublished"], event.date_text))


def _flag_before_latest_year(document: Document, event: Event) -> None:
    """With no publication date, the latest year the article names stands in for its own time:
    an event dated to an earlier year ("In 2014 the neighbours struck a deal") is recalled."""
    named = [int(y) for y in YEAR.findall(document.text)]
    own = [int(y) for y in YEAR.findall(event.date_text or "")] or ([int(event.event_date[:4])] if event.event_date else [])
    if named and own and max(own) < max(named):
        _flag(event, f"dated to {max(own)}, before the article's latest year {max(named)}")



def _flag(event: Event, why: str) -> None:
    event.background = True
    event.notes = (event.notes + "; " if event.notes else "") + f"background: {why}"
