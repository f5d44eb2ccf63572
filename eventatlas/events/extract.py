"""Find the events a parsed document reports: what happened, who did it to whom, how many
died, how large the crowd was, how sure the report is, and the words it came from.

Per sentence:

1. Trigger words from the lexicon (data/triggers.json) propose ACLED sub-types. Words inside a
   direct quotation, in the complement of a call, accusation, threat or plan ("called for an
   uprising", "accused X of supporting the offensive"), or under a modal ("will attack") are
   not coded.
2. Triggers in the same clause form one candidate event (the hierarchy rule: tactics reported
   together are one event); a nominal adjunct ("rallied ... amid fierce fighting in X") is a
   separate event.
3. The snippet classifier, run over the clause, chooses among the sub-types the triggers and
   their event types allow, and can set a candidate aside as a non-event (an accident, crime,
   diplomacy, a claim of responsibility).
4. Actors come from the parse: the agent (subject, "by" phrase, possessor, the subject of a
   light verb as in "planes conducted airstrikes") is actor1, the patient (object, "on"/
   "against"/"with" phrase) is actor2; the two sides of "a clash between X and Y" are actor1
   and actor2; a coordinated subject ("FAMa and Wagner forces") gives an associated actor.
   Certainty comes from the verbs governing the trigger ("sources confirmed", "X claimed",
   "denied", "unconfirmed reports").
5. ACLED's codebook (data/codebook.json, evaluated by codebook.py) recodes what the type and
   actors together are: an attack on a police post is an Armed clash, destruction by
   demonstrators a Violent demonstration, a brawl between party supporters Mob violence.
6. A later mention of a sub-type already coded, with no place of its own ("the rally
   participants", "reports regarding the airstrikes"), is more evidence for the earlier event;
   a bare casualty report after a violent event ("Two soldiers were killed.") gives it its
   death toll, and a coder's remark ("Fatalities coded as 0") settles it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from eventatlas.events.actors import ResolvedActor, known_actor, resolve_phrase
from eventatlas.events.classify import classify_proba
from eventatlas.events.codebook import Coding, apply_rules
from eventatlas.events.quantities import coded_fatalities, crowd_size, fatalities, running_toll
from eventatlas.events.resources import actor_index, lexicon, read_data_json, taxonomy
from eventatlas.geo.cues import CALENDAR_NAMES
from eventatlas.models import Document, Event, NonEvent, Span
from eventatlas.nlp.syntax import SUBJECT_DEPS, stranded_subject

TRIGGER_BONUS = 0.3  # how much a lexicon trigger outweighs the classifier's probability
WEAK_TRIGGER_THRESHOLD = 0.2  # a vague trigger ("attacked") needs this much classifier support for one type
WEAK_VIOLENT_MASS = 0.4  # ... or this much for violent types together
CLASSIFIER_ONLY_THRESHOLD = 0.85  # a sentence without triggers is coded only when the model is this sure
CLAUSAL_DEPS = {"ROOT", "ccomp", "advcl", "relcl", "xcomp", "conj", "pcomp", "acl", "csubj", "parataxis"}
PROTEST_FAMILY = {"PEACE_PROTEST", "PROTEST_WITH_INTER", "FORCE_AGAINST_PROTEST"}
RIOT_FAMILY = {"VIOL_DEMONSTR", "MOB_VIOL"}
# ACLED codes no deaths at a peaceful protest (deaths make it Excessive force against protesters or
# a riot), so a toll told with one, once the sentence's events are merged, is of something else: the
# killing the crowd protests against. (A protest with intervention keeps its toll: with deaths it is
# more often a mistyped excessive force.)
BLOODLESS = {"Peaceful protest"}
TERRITORY = {"GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER"}
ARMED_INTERS = {"State forces", "Rebel group", "Political militia", "Identity militia", "External/Other forces"}
NON_STATE_ARMED_INTERS = {"Rebel group", "Political militia", "Identity militia"}
DISASTERS = {"NATURAL_DISASTER", "MAN_MADE_DISASTER"}
RECIPROCAL_VERBS = {"clash", "fight", "battle", "exchange", "skirmish", "engage", "confront", "spar"}
HEADLINE_TOKENS = 15  # a longer sentence is no headline
QUOTE_PAIRS = (("\u201c", "\u201d"), ('"', '"'), ("\u00ab", "\u00bb"))


@dataclass
class Trigger:
    label: str
    span: object  # spaCy Span
    weak: bool


@dataclass
class Candidate:
    key: object  # the clause's head token
    triggers: list[Trigger] = field(default_factory=list)
    text: str = ""  # the clause's own words, for the classifier and the casualty count
    whole_sentence: bool = True

    @property
    def labels(self) -> set[str]:
        return {t.label for t in self.triggers}

    @property
    def root(self):
        return self.triggers[0].span.root


def extract_events(document: Document) -> tuple[list[Event], list[NonEvent]]:
    """Code the events (and the non-events) a parsed document reports."""
    doc = document.spacy_doc
    if doc is None:
        from eventatlas.nlp import parse

        doc = parse(document).spacy_doc
    sentences = list(doc.sents)
    units = [(i, part) for i, sentence in enumerate(sentences) for part in _paragraph_parts(sentence)]
    if not units:
        return [], []
    quotes = quoted_ranges(document.text)
    coder = _Coder(document, quotes)
    prepared = [(index, part, prep) for index, part in units if (prep := coder.prepare(part)) is not None]
    # One classifier call per document (sentences and clauses together): per-call overhead
    # dominates the cost of a linear model. A sentence whose coding never reads its own
    # probabilities is not classified: the classifier's sentence encoder is a third of the ingest.
    read = [coder.reads_sentence_proba(part, prep) for _, part, prep in prepared]
    clause_texts = sorted({c for _, _, prep in prepared for c in prep.clause_texts})
    texts = [part.text for (_, part, _), reads in zip(prepared, read) if reads] + clause_texts
    labels, proba = classify_proba(texts)
    sentence_rows = iter(proba[: len(texts) - len(clause_texts)])
    coder.set_labels(labels, dict(zip(clause_texts, proba[len(texts) - len(clause_texts):])))
    for (index, part, prep), reads in zip(prepared, read):
        coder.code_sentence(index, part, next(sentence_rows) if reads else None, prep)
    return coder.events, coder.non_events


def _paragraph_parts(sentence) -> list:
    """A parser sentence cut at blank lines: a headline run into the first paragraph is its own
    unit, so its words are not read as the first sentence's."""
    parts = []
    start = sentence.start
    for token in sentence:
        if "\n\n" in token.text_with_ws or (token.is_space and "\n" in token.text and token.i > start):
            if any(not t.is_space for t in sentence.doc[start: token.i + 1]):
                parts.append(sentence.doc[start: token.i + 1])
            start = token.i + 1
    if start < sentence.end and any(not t.is_space for t in sentence.doc[start: sentence.end]):
        parts.append(sentence.doc[start: sentence.end])
    return [_strip(part) for part in parts]


def _strip(span):
    start, end = span.start, span.end
    while start < end and span.doc[start].is_space:
        start += 1
    while end > start and span.doc[end - 1].is_space:
        end -= 1
    return span.doc[start:end]


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges inside direct quotations. An unclosed quote runs to the paragraph end."""
    ranges: list[tuple[int, int]] = []
    for opening, closing in QUOTE_PAIRS:
        position = 0
        while True:
            start = text.find(opening, position)
            if start < 0:
                break
            end = text.find(closing, start + 1)
            paragraph_end = text.find("\n\n", start)
            if paragraph_end < 0:
                paragraph_end = len(text)
            if end < 0 or end > paragraph_end:
                end = paragraph_end
            # Short quoted words are scare quotes or names ('foreign invasion'), not speech.
            if len(text[start:end].split()) >= 6:
                ranges.append((start, end + 1))
            position = end + 1
    return ranges


def _inside(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in ranges)


@dataclass
class _Prepared:
    triggers: list
    suppressed: list
    non_event_labels: set
    candidates: list
    clause_texts: list


class _Coder:
    def __init__(self, document: Document, quotes: list[tuple[int, int]]):
        self.document = document
        self.labels: list[str] = []
        self.label_index: dict[str, int] = {}
        self.clause_proba: dict[str, np.ndarray] = {}
        self.quotes = quotes
        self.lex = lexicon()
        self.tax = taxonomy()
        self.events: list[Event] = []
        self._summary_sentences: dict[int, bool] = {}  # sentence -> does it count past events (see _is_summary)
        self.non_events: list[NonEvent] = []
        self.published_year = _year(document.published)
        self._dates: tuple[list, list] | None = None  # the document's DATE entities, listed once
        self._sentence_triggers: list[Trigger] = []  # the triggers of the sentence being coded

    def set_labels(self, labels: list[str], clause_proba: dict) -> None:
        self.labels = labels
        self.label_index = {label: i for i, label in enumerate(labels)}
        self.clause_proba = clause_proba

    # -- sentence level -------------------------------------------------------------------
    def prepare(self, sentence) -> _Prepared | None:
        """Triggers and candidate events of one sentence, before the classifier runs."""
        if _inside(self.quotes, sentence.start_char, sentence.end_char) or len(sentence) < 3:
            return None
        if self._is_headline(sentence):
            return None  # a headline restates the article's lead; its events are coded from the body
        self._unit = sentence
        triggers, suppressed = self._triggers(sentence, self.lex.event_patterns)
        non_event_triggers, _ = self._triggers(sentence, self.lex.non_event_patterns)
        candidates = self._group(triggers)
        if any(c.labels & (PROTEST_FAMILY | RIOT_FAMILY) for c in candidates):
            # "riders burnt a vehicle after a road accident": the accident is what led to the
            # crowd's act, not what the sentence reports
            non_event_triggers = [t for t in non_event_triggers if not _in_a_cause_phrase(t.span.root)]
        clause_texts = []
        for candidate in candidates:
            # The candidate's own words: its clause minus the clauses of other candidates nested
            # in it ("Rebels attacked a village, while the army shelled the hills").
            nested = {t.i for other in candidates if other is not candidate and other.key.i != candidate.key.i
                      and candidate.key in other.key.ancestors for t in other.key.subtree}
            tokens = [t for t in candidate.key.subtree if t.i not in nested and sentence.start <= t.i < sentence.end]
            candidate.text = "".join(t.text_with_ws for t in tokens).strip()
            candidate.whole_sentence = len(tokens) >= len(sentence) - 1 and len(candidates) == 1
            if not candidate.whole_sentence:
                clause_texts.append(candidate.text)
        return _Prepared(triggers, suppressed, {t.label for t in non_event_triggers}, candidates, clause_texts)

    def reads_sentence_proba(self, sentence, prep: _Prepared) -> bool:
        """Whether coding the sentence reads the classifier's probabilities for the whole sentence:
        a candidate that is the whole sentence, non-event words to weigh a candidate against, or,
        with no candidate, a classifier-only event the sentence may still give (see
        :meth:`code_sentence`). A candidate of a clause reads its clause's own probabilities."""
        if prep.non_event_labels:
            return True
        if not prep.candidates:
            return not prep.suppressed and self._quoted_share(sentence) < 0.3
        return any(candidate.whole_sentence for candidate in prep.candidates)

    def code_sentence(self, index: int, sentence, proba: np.ndarray | None, prep: _Prepared) -> None:
        """Code one prepared sentence; ``proba`` is None where :meth:`reads_sentence_proba` says
        it is not read."""
        self._unit = sentence
        self._sentence_triggers = prep.triggers
        suppressed, non_event_labels, candidates = prep.suppressed, prep.non_event_labels, prep.candidates
        coded = False
        first_new = len(self.events)
        told_by_another = []
        for candidate in candidates:
            if self._told_by_another(candidate, candidates):
                told_by_another.append(candidate)
                continue  # "two guards died when a landmine exploded": the explosion is the event
            coded |= self._code_candidate(index, sentence, candidate, proba, non_event_labels)
        self._sides_from_told(self.events[first_new:], told_by_another)
        for event in self.events[first_new:]:
            if not event.fatalities and _takes_a_toll(event):
                event.fatalities = fatalities(sentence.text) if len(self.events) - first_new == 1 else 0
        self._merge_same_sentence(first_new, lethal=bool(fatalities(sentence.text)))
        merged = self.events[first_new:]
        if len(merged) == 1 and not merged[0].fatalities and _takes_a_toll(merged[0]):
            # tactics of one sentence merged into one event ("two fighters were killed when the
            # mines they laid went off"): the sentence's toll is that one event's
            merged[0].fatalities = fatalities(sentence.text)
        for event in merged:
            if event.sub_event_type in BLOODLESS:
                event.fatalities = 0  # the deaths told with a peaceful protest are what it protests
        if not candidates and proba is not None:
            top = self.labels[int(proba.argmax())]
            label = self.tax.labels.get(top)
            if label and label.kind == "non_event" and top in non_event_labels and proba.max() >= 0.4:
                self._non_event(index, sentence, top, float(proba.max()), "Classifier and lexicon agree.")
            elif (label and label.kind == "acled" and top != "OTHER" and not suppressed
                  and proba.max() >= CLASSIFIER_ONLY_THRESHOLD and self._quoted_share(sentence) < 0.3
                  and sentence.root.lemma_.lower() not in self.lex.statement_verbs
                  and _holds_a_word_of(label.event_type, sentence.text)):
                candidate = Candidate(key=sentence.root, triggers=[Trigger(top, sentence[sentence.root.i - sentence.start: sentence.root.i - sentence.start + 1], True)])
                self._code_candidate(index, sentence, candidate, proba, set(), classifier_only=True)
        remark = coded_fatalities(sentence.text)
        if remark is not None and self.events and index - self.events[-1].sentence <= 3:
            # a coder's remark ("Fatalities coded as 0", "4 fatalities.") settles the count: of the
            # last event, and of any earlier one of the note that was given a toll of its own
            for event in self.events:
                if event is self.events[-1] or (event.fatalities and index - event.sentence <= 3):
                    event.fatalities = remark
        elif len(self.events) == first_new and self.events and index - self.events[-1].sentence <= 2:
            # a sentence that codes no event of its own ("Two civilians died in the attack.",
            # or one set aside as crime news) still tells the toll of the event it continues
            last = self.events[-1]
            if _takes_a_toll(last) and last.event_type != "Strategic developments":
                self._add_toll(last, sentence)
        if "ATTRIB" in non_event_labels and not coded and self._attribute(index, sentence):
            self._non_event(index, sentence, "ATTRIB", 0.6, "A claim or attribution of responsibility.")
            return
        if suppressed and not coded and not candidates:
            words = ", ".join(sorted({t.span.text for t in suppressed}))
            self._non_event(index, sentence, "OTHER", 0.5,
                            f"A call, accusation, threat, plan or denial mentioning '{words}', not an event itself.")

    def _sides_from_told(self, events: list[Event], told: list[Candidate]) -> None:
        """"Clashes broke out when Wazalendo militiamen attacked positions held by the M23": the
        vague clause the clash tells of still names its sides, which the clash lacks."""
        clashes = [e for e in events if e.sub_event_type == "Armed clash"]
        sides = [self._armed_sides(candidate) for candidate in told] if clashes else []
        for event in clashes:
            for doer, target in (pair for pair in sides if pair is not None):
                if event.actor1 is None or event.actor1.startswith("Unidentified"):
                    event.actor1, event.inter1 = doer.name, doer.inter
                elif event.actor1 != doer.name:
                    continue  # the clause tells another side's act
                if event.actor2 is None and target is not None:
                    event.actor2, event.inter2 = target.name, target.inter

    def _armed_sides(self, candidate: Candidate) -> tuple[ResolvedActor, ResolvedActor | None] | None:
        """The named armed group a verb clause says acted, and the armed group it acted on."""
        predicate = self._predicate(candidate)
        if predicate.pos_ not in ("VERB", "AUX"):
            return None
        doer = self._agent(predicate, candidate.key, "")
        if doer is None or doer.generic or doer.unidentified or doer.inter not in ARMED_INTERS:
            return None
        target = self._patient(predicate, candidate.key, "", exclude=doer)
        armed = target is not None and not target.generic and target.inter in ARMED_INTERS
        return doer, target if armed else None

    def _told_by_another(self, candidate: Candidate, candidates: list[Candidate]) -> bool:
        """True when the candidate has only vague words and another candidate of the sentence
        says what happened in the same family of events: a strong trigger, or a weapon ("a
        driver died as a roadside bomb went off": the bomb, not the death, is the event)."""
        if not all(t.weak for t in candidate.triggers) or candidate.labels & TERRITORY:
            return False  # a change of control says more than the clash that led to it
        own = [self.lex.super_family(self.tax.labels[t.label].event_type) for t in candidate.triggers]
        for other in candidates:
            if other is candidate:
                continue
            for trigger in other.triggers:
                event_type = self.tax.labels[trigger.label].event_type
                weapon = event_type == "Explosions/Remote violence" and all(t.label == "ATTACK" for t in candidate.triggers)
                if (not trigger.weak or weapon) and self.lex.super_family(event_type) in own:
                    return True
        return False

    def _quoted_share(self, sentence) -> float:
        inside = sum(max(0, min(b, sentence.end_char) - max(a, sentence.start_char)) for a, b in self.quotes)
        return inside / max(1, sentence.end_char - sentence.start_char)

    def _is_headline(self, sentence) -> bool:
        text = self.document.text
        before = text[: sentence.start_char]
        after = text[sentence.end_char: sentence.end_char + 3]
        return (not before.strip() and after.startswith(("\n", "\r")) and "\n\n" in text[sentence.end_char: sentence.end_char + 4]
                and not sentence.text.rstrip().endswith((".", "!", "?", '"', "\u201d")) and len(sentence) <= 30)

    def _triggers(self, sentence, patterns) -> tuple[list[Trigger], list[Trigger]]:
        found: list[Trigger] = []
        suppressed: list[Trigger] = []
        doc = sentence.doc
        seen: set[tuple[str, int, int]] = set()
        for label, pattern in patterns.items():
            for match in pattern.finditer(sentence.text):
                start = sentence.start_char + match.start()
                end = sentence.start_char + match.end()
                if _inside(self.quotes, start, end):
                    continue
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is None or (label, span.start, span.end) in seen:
                    continue
                seen.add((label, span.start, span.end))
                if span.root.ent_type_ in ("DATE", "TIME"):
                    continue  # "March 12" is a date, not a march
                if span.root.ent_type_ in ("ORG", "PERSON", "NORP", "WORK_OF_ART", "LAW", "EVENT") and span.root.pos_ == "PROPN":
                    continue  # "Balochistan Liberation Army" names a group; nothing is liberated
                if self._part_of_name(span):
                    continue  # "Battle Creek" is a town, "Rally officials" run a car race
                if self._describes_equipment(span):
                    continue  # "riot police cleared the road": a kind of police, not a riot
                if self._pit_mine(span):
                    continue  # "fights for control of illegal gold mines": pits, not explosives
                if label in ("ARREST", "ABDUCT_DISSAP", "OTHER", "CHANGE_TO_GROUP_ACT") and _participle_adjective(span):
                    continue  # "relatives of detained activists picketed", "the return of displaced people": a state, not a new act
                if label == "PROTEST_WITH_INTER" and span.root.lemma_.lower() in ("disperse", "break") and not any(
                    c.dep_ in ("dobj", "nsubjpass", "auxpass") for c in span.root.children
                ) and span.root.dep_ != "xcomp":
                    continue  # "the crowd dispersed in the evening", "the rally broke up peacefully": nobody was dispersed by force
                trigger = Trigger(label, span, bool(self.lex.weak.fullmatch(match.group(0))))
                if self._is_suppressed(span.root):
                    suppressed.append(trigger)
                else:
                    found.append(trigger)
        found.sort(key=lambda t: t.span.start)
        return found, suppressed

    def _part_of_name(self, span) -> bool:
        """True when the capitalised trigger is a word of a longer name ("Battle Creek", "the Clash
        Street club") or a name modifying a noun ("Rally officials"); not in title-case sentences
        (headlines), where every word is capitalised."""
        if not all(t.text[:1].isupper() for t in span) or self._title_share(span.sent) > self.lex.max_title_share:
            return False
        root = span.root
        if root.ent_type_ not in self.lex.name_entity_labels:
            return False
        entity = next((e for e in span.doc.ents if e.start <= root.i < e.end), None)
        longer = entity is not None and (entity.start < span.start or entity.end > span.end)
        return longer or (root.dep_ == "compound" and root.head.ent_type_ != root.ent_type_)

    def _describes_equipment(self, span) -> bool:
        """True when a one-word trigger only modifies a noun that names a force, its gear or a
        control task ("riot police", "anti-riot squad", "riot gear"): no event of that kind."""
        root = span.root
        return (len(span) == 1 and root.dep_ in ("compound", "amod", "nmod")
                and root.head.lower_ in self.lex.equipment_heads)

    def _pit_mine(self, span) -> bool:
        """True for a "mine" that a mineral or mining word makes a pit ("gold mines", "an
        illegal coal mine"): no landmine."""
        root = span.root
        return root.lemma_.lower() == "mine" and root.pos_ == "NOUN" and any(
            c.dep_ in ("compound", "amod", "nmod") and c.lower_ in self.lex.pit_mines for c in root.children)

    @staticmethod
    def _title_share(sentence) -> float:
        words = [t for t in sentence if t.is_alpha and len(t) > 3]
        return sum(t.text[:1].isupper() for t in words) / max(1, len(words))

    def _is_suppressed(self, token) -> bool:
        """True when the trigger is what someone calls for, accuses, threatens or plans, or sits
        under a modal or a negation ("will attack", "did not protest")."""
        if token.pos_ in ("VERB", "AUX"):
            for child in token.children:
                if child.dep_ == "neg" or (child.dep_ == "aux" and child.lower_ in self.lex.modal_auxiliaries):
                    return True
                if child.dep_ == "dobj" and any(d.dep_ == "det" and d.lower_ == "no" for d in child.children):
                    return True  # "had conducted no operation": the act is denied
                if child.dep_ in SUBJECT_DEPS and _nobody(child):
                    return True  # "no one has been arrested", "none of them was hurt": denied
        elif any(c.dep_ == "det" and c.lower_ == "no" for c in token.children):
            return True  # "no clashes were reported": a noun trigger denied by its determiner
        elif any(c.dep_ == "amod" and c.lower_ in _suppressor_cues()["hypothetical_modifiers"] for c in token.children):
            return True  # "a possible truce", "the planned offensive": not (yet) an event
        if token.dep_ == "pobj" and token.head.lower_ in _suppressor_cues()["negating_prepositions"]:
            return True  # "entered the town without any fighting": the fighting is denied
        if _bare_cause(token):
            return True  # "convoys could not move because of fighting": a standing condition, not an event
        if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lower_ in _suppressor_cues()["period_nouns"]:
            return True  # "after months of fighting": a period summed up, not a new event
        if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lower_ in _suppressor_cues()["media_nouns"]:
            return True  # "after she shared videos of protests": what is shown, not an event reported
        if _shown_by_media(token):
            return True  # "Television images showed officers pushing through burning tyres": an event seen, not told
        if _across_many_places(token):
            return True  # "as fighting flared on several front lines": a roundup, no one event
        if _told_as_false(token):
            return True  # "false claims that a gang of kidnappers was operating": untrue by the report's own words
        if _one_of_the_worst(token):
            return True  # "in one of the deadliest attacks on the army this year": the event ranked, not another
        if token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _suppressor_cues()["cause_marks"] for c in token.children) \
                and any(c.dep_ == "aux" and c.lower_ == "had" for c in token.children):
            return True  # "because officers had arrested members of the group": the cause of the act told
        if self._describes_person(token) or _counts_since(token) or _generic_present(token) or _told_as_a_habit(token):
            return True
        current = token
        while current.head.i != current.i:
            head = current.head
            anchors = _suppressor_cues()["anchor_prepositions"]
            if (current.dep_ == "pobj" and head.lower_ in anchors) or (current.dep_ == "advcl" and any(
                    c.dep_ == "mark" and c.lower_ in anchors for c in current.children)):
                return True  # "since the 2016 attack", "since the truce collapsed": an earlier event as the starting point
            if current.dep_ == "pobj" and head.lower_ in self.lex.protest_cause_prepositions:
                governor = head.head
                protest = self.lex.event_patterns["PEACE_PROTEST"]
                if protest.fullmatch(governor.text) or any(
                    c.dep_ in ("dobj", "nsubj") and protest.search(_subtree_span(c).text) for c in governor.children
                ):
                    return True  # "staged a sit-in against enforced disappearances": the cause, not an event
            if current.dep_ == "pobj" and head.lower_ in self.lex.adjunct_prepositions:
                return False  # "amid fierce fighting": the narrator's setting, not the speaker's call
            if (current.dep_ in ("advcl", "xcomp") and head.lemma_.lower() in self.lex.arrival_verbs
                    and any(c.dep_ == "aux" and c.lower_ == "to" for c in current.children)):
                return True  # "troops were sent to fight the rebels": the movement is the event, the fight its aim
            if (current.dep_ in ("advcl", "xcomp") and head.lemma_.lower() in self.lex.effort_verbs
                    and any(c.dep_ == "aux" and c.lower_ == "to" for c in current.children)):
                return True  # "struggled to retake the town", "failed to disperse the crowd": an aim, not an event
            if current.dep_ in ("advcl", "mark") and current is not token:
                return False
            if _own_conjoined_clause(current):
                return False  # "police banned the march, but hundreds marched": a clause of its own
            if current.dep_ in ("ccomp", "conj", "parataxis") and _semicolon_between(current, head):
                return False  # "gunmen abducted 9 passengers; the gang later demanded ransom": two sentences in one
            if head.lemma_.lower() in self.lex.suppressor_lemmas and current.dep_ not in SUBJECT_DEPS:
                return True
            if head.pos_ in ("VERB", "AUX"):
                for child in head.children:
                    if child.dep_ == "aux" and child.lower_ in self.lex.modal_auxiliaries and head.i != token.i:
                        # "will attack the town", and "protesters will march": the doer's event is future too
                        # and "will be deployed under an agreement": the verb's phrases share its future
                        return current.dep_ in ("xcomp", "ccomp", "dobj", "prep", "agent") or (
                            current.dep_ == "nsubj" and current.i == token.i)
            current = head
        return False

    @staticmethod
    def _describes_person(token) -> bool:
        """True when the trigger sits in a passive or perfect relative clause on a person ("a
        child who was raped says ...", "a woman who had been displaced after an attack"): the
        clause tells who the person is, the report is about something else."""
        pronouns = _suppressor_cues()["relative_pronouns"]
        if token.dep_ == "acl" and token.tag_ == "VBN" and token.head.dep_ == "attr":
            return True  # "the dead were militia fighters killed in combat": who the dead were
        if token.dep_ == "attr" and token.pos_ == "NOUN" and token.head.lemma_ == "be" and token.lower_.endswith(("ers", "ists")):
            return True  # "a rumour that they were child kidnappers": what people are said to be
        for clause in [token, *token.ancestors]:
            if clause.dep_ != "relcl":
                continue
            children = list(clause.children)
            by_person = any(c.lower_ in pronouns and c.dep_ in SUBJECT_DEPS for c in children)
            passive_or_perfect = any(c.dep_ == "auxpass" or (c.dep_ == "aux" and c.lemma_ == "have") for c in children)
            if by_person and passive_or_perfect:
                return True
            # "photographs of relatives they said had been killed": who the people are, told
            # through what someone says of them
            first = token
            while first.dep_ == "conj" and first.head.i != first.i:
                first = first.head  # "killed or kidnapped": the auxiliaries hang on the first
            own = list(first.children)
            told = (first.dep_ == "ccomp" and first.head.i == clause.i
                    and clause.lemma_.lower() in _suppressor_cues()["hearsay_verbs"])
            return told and any(c.dep_ == "auxpass" or (c.dep_ == "aux" and c.lemma_ == "have") for c in own)
        return False

    # -- grouping -------------------------------------------------------------------------
    def _group(self, triggers: list[Trigger]) -> list[Candidate]:
        groups: dict[int, Candidate] = {}
        for trigger in triggers:
            key = self._clause_key(trigger.span.root, self._unit)
            groups.setdefault(key.i, Candidate(key=key)).triggers.append(trigger)
        return [groups[k] for k in sorted(groups)]

    def _clause_key(self, token, unit=None):
        current = token
        while True:
            if unit is not None and not (unit.start <= current.head.i < unit.end):
                return current  # the parser ran a headline into this sentence; stay inside the unit
            if current.dep_ == "pobj" and current.head.lower_ in self.lex.adjunct_prepositions:
                return current
            if current.pos_ in ("VERB", "AUX") and current.dep_ in CLAUSAL_DEPS:
                has_subject = any(c.dep_ in SUBJECT_DEPS for c in current.children) or stranded_subject(current) is not None
                # "fired tear gas and arrested ten", "fired tear gas to disperse them": one event
                if current.dep_ in ("conj", "xcomp") and not has_subject:
                    current = current.head
                    continue
                # "a car bomb that killed eight": the relative clause tells of the bomb's event;
                # a pluperfect one ("areas which had fallen to X") stays apart (see below)
                if current.dep_ in ("relcl", "acl") and current.head.pos_ in ("NOUN", "PROPN") and not any(
                    c.lower_ == "had" for c in current.children
                ):
                    current = current.head
                    continue
                return current
            if current.head.i == current.i:
                return current
            current = current.head

    # -- one candidate event -------------------------------------------------------------
    def _code_candidate(self, index, sentence, candidate: Candidate, sentence_proba, non_event_labels,
                        classifier_only: bool = False) -> bool:
        """Type one candidate, read who did it to whom, apply the codebook and record the event
        (or fold it into an earlier one). False when the candidate is not an event."""
        proba = self._candidate_proba(candidate, sentence_proba, classifier_only)
        trigger_labels = self._admissible_triggers(index, sentence, candidate)
        if not trigger_labels:
            return False
        best = self._choose_label(candidate, trigger_labels, proba, classifier_only)
        if best is None:
            return False
        p_best = float(proba[self.label_index[best]])
        if self._set_aside(index, sentence, candidate, sentence_proba, non_event_labels, p_best):
            return False
        # Pluperfect relative clauses describe the state of a place ("areas which had fallen to
        # X"), not a new event.
        if candidate.key.dep_ == "relcl" and any(c.lower_ == "had" for c in candidate.key.children):
            return False
        predicate = self._predicate(candidate)
        coding, certainty, claimant = self._participants(index, sentence, candidate, predicate, best, trigger_labels)
        if coding is None:
            return False
        coding = apply_rules(coding, "candidate")
        if coding.dropped:
            return False
        self._protest_roles(coding)
        apply_rules(coding, "roles")
        location_hint = self._location_hint(candidate, candidate.key)
        evidence = Span(text=sentence.text, start=sentence.start_char, end=sentence.end_char)
        if location_hint is None and not classifier_only and self._fold_into_earlier(
                index, candidate, coding, certainty, claimant, evidence):
            return True
        self.events.append(self._event(index, sentence, candidate, predicate, coding, certainty, claimant,
                                       p_best, location_hint, evidence, classifier_only))
        return True

    def _candidate_proba(self, candidate: Candidate, sentence_proba, classifier_only: bool):
        if classifier_only or candidate.whole_sentence:
            return sentence_proba
        clause_text = candidate.text or _subtree_span(candidate.key).text
        proba = self.clause_proba.get(clause_text)
        return proba if proba is not None else classify_proba([clause_text])[1][0]

    def _admissible_triggers(self, index, sentence, candidate: Candidate) -> set[str]:
        """The candidate's trigger classes, less protest-policing words with no protest in sight
        (tear gas or live rounds alone are not a protest event)."""
        trigger_labels = candidate.labels
        # "guards threw tear gas at prisoners who were protesting": the clause's own protest word
        protest_context = "PEACE_PROTEST" in trigger_labels or self.lex.feature_cues["protest"].search(sentence.text) or re.search(
            r"\b(?:crowds?|gathering|marchers|rall(?:y|ies))\b", sentence.text, re.IGNORECASE
        ) or any(e.event_type == "Protests" and index - e.sentence <= 2 for e in self.events) or any(
            t.label == "PEACE_PROTEST" for t in self._sentence_triggers)  # "fired at supporters marching along the road"
        if trigger_labels & PROTEST_FAMILY - {"PEACE_PROTEST"} and not protest_context:
            trigger_labels = trigger_labels - PROTEST_FAMILY
        return trigger_labels

    def _choose_label(self, candidate: Candidate, trigger_labels: set[str], proba, classifier_only: bool) -> str | None:
        """The sub-type: the classifier's choice among those the triggers' event types allow,
        with a bonus for the triggers' own classes (a vague trigger leaves it to the classifier)."""
        allowed = set(trigger_labels)
        for label in trigger_labels:
            family = self.lex.super_family(self.tax.labels[label].event_type)
            allowed |= {code for code, l in self.tax.labels.items() if l.kind == "acled" and l.event_type in family}
        if not trigger_labels & TERRITORY:
            allowed -= TERRITORY  # a change of control needs words that say so ("captured the town")
        # A strong trigger's class gets the bonus; a vague one's only when nothing stronger is there
        # ("a remote explosive attack": the explosive, not the attack, says what happened).
        strong = {t.label for t in candidate.triggers if not t.weak} & trigger_labels
        bonused = strong or trigger_labels
        scores = {
            label: float(proba[self.label_index[label]]) + TRIGGER_BONUS * (label in bonused)
            + 0.02 * (1 - self.tax.rank(self.tax.labels[label].sub_event_type) / 25)
            for label in allowed if label in self.label_index
        }
        if not scores:
            return None
        if all(t.weak for t in candidate.triggers) and not classifier_only:
            best = max(scores, key=lambda label: float(proba[self.label_index[label]]))
            if float(proba[self.label_index[best]]) >= WEAK_TRIGGER_THRESHOLD:
                return best
            # The classifier may spread a violent clause over several violent classes (or put
            # it in one the trigger's family does not allow): their mass together still says
            # something violent happened, and the trigger's family says which kind.
            violent = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
            violent_mass = sum(float(proba[i]) for label, i in self.label_index.items()
                               if self.tax.labels[label].event_type in violent or label == "FORCE_AGAINST_PROTEST")
            family_is_violent = any(self.tax.labels[t.label].event_type in violent for t in candidate.triggers)
            if not family_is_violent:
                return None
            if violent_mass >= WEAK_VIOLENT_MASS or self._armed_agent(candidate):
                # "Wagner mercenaries attacked truck drivers": an armed actor attacking is
                # political violence whatever the classifier makes of the words
                return best
            return None
        best = max(scores, key=scores.get)
        territorial = TERRITORY & set(scores)
        if territorial and strong & TERRITORY and best not in TERRITORY and self.tax.labels[best].event_type == "Battles":
            # "captured the town after hours of fighting": ACLED codes a fight in which a place
            # changes hands as the change of territory (the higher sub-type of one battle)
            best = max(territorial, key=scores.get)
        return best

    def _armed_agent(self, candidate: Candidate) -> bool:
        agent = self._agent(self._predicate(candidate), candidate.key, "")
        return agent is not None and agent.inter in ARMED_INTERS and not agent.name.startswith("Government")

    def _set_aside(self, index, sentence, candidate: Candidate, sentence_proba, non_event_labels, p_best) -> bool:
        """True when the clause is about an accident, a crime, diplomacy or a claim rather than
        an event (the non-event is recorded for audit)."""
        non_event_scores = {n: float(sentence_proba[self.label_index[n]]) for n in non_event_labels if n in self.label_index}
        if not non_event_scores:
            return False
        top = max(non_event_scores, key=non_event_scores.get)
        if not (non_event_scores[top] > 0.5 and non_event_scores[top] > p_best + 0.2):
            return False
        if top == "ATTRIB":
            # The claim of responsibility is set aside; the attack it claims is still coded,
            # and an attack already coded from an earlier sentence gets its claimant.
            self._non_event(index, sentence, "ATTRIB", non_event_scores[top], "A claim or attribution of responsibility.")
            return self._attribute(index, sentence)
        if top == "ORG_CRIME" and candidate.labels & {"ARREST", "DISR_WEAP"} and self._armed_patient(candidate):
            return False  # arrests of militants or gang members are strategic developments, not crime news
        if top == "ORG_CRIME" and self._names_an_armed_group(candidate.text or sentence.text):
            return False  # "a police operation against the Comando Vermelho": a group ACLED codes as a militia
        if top in DISASTERS and self._non_state_armed_agent(candidate):
            # "the militia handed out food to flood victims": an armed group's act, not the
            # disaster (soldiers rescuing flood victims stay disaster news)
            return False
        self._non_event(index, sentence, top, non_event_scores[top],
                        f"'{candidate.triggers[0].span.text}' here belongs to a {top.lower().replace('_', ' ')} report.")
        return True

    @staticmethod
    def _names_an_armed_group(text: str) -> bool:
        """Does the text name a non-state armed group of the actor list (a gang the list holds is
        one ACLED codes)?"""
        named = known_actor(text)
        return (named is not None and not named.generic and not named.unidentified
                and named.inter in ARMED_INTERS and named.inter != "State forces")

    def _non_state_armed_agent(self, candidate: Candidate) -> bool:
        agent = self._agent(self._predicate(candidate), candidate.key, "")
        return agent is not None and agent.inter in NON_STATE_ARMED_INTERS

    def _armed_patient(self, candidate: Candidate) -> bool:
        patient = self._patient(self._predicate(candidate), candidate.key, "")
        return patient is not None and patient.inter in ARMED_INTERS

    def _participants(self, index, sentence, candidate: Candidate, predicate, best: str, trigger_labels: set[str]):
        """Actors, certainty and claimant from the parse, as the codebook's input."""
        key = candidate.key
        role = "protest" if best in PROTEST_FAMILY else "riot" if best in RIOT_FAMILY else ""
        actor1 = self._agent(predicate, key, role)
        actor2 = self._patient(predicate, key, role, exclude=actor1)
        if actor2 is None and key.i != predicate.i and key.pos_ == "VERB":
            # "troops killed nine bandits ... in a gunfight": the noun carries the event, the
            # verb names who it was done to
            actor2 = self._patient(key, key, role, exclude=actor1)
        initiator = self._initiator(candidate, predicate, key, role)
        if initiator is not None and initiator.name != (actor1.name if actor1 else None):
            # "militants attacked a checkpoint; the soldiers returned fire": the attackers are
            # actor 1, whoever answered them actor 2
            actor1, actor2 = initiator, actor1 or actor2
        sides = self._sides(predicate, role)
        if sides is not None:
            # "a clash between the army and militants of X": the two sides, in the report's order
            actor1, actor2 = sides[0] or actor1, sides[1] or actor2
        assoc1 = self._coordinated_agent(predicate, key, role, actor1, actor2)
        violent = "Battles" in self.lex.super_family(self.tax.labels[best].event_type)
        certainty, claimant = self._certainty(predicate, sentence, violent, actor1)
        arrival = ""
        if best in ("OTHER", "CHANGE_TO_GROUP_ACT"):
            arrival = self._arrival(predicate, key) or ""
            if arrival == "diplomatic":
                self._non_event(index, sentence, "DIPLO", 0.6, "A visit by a political leader or diplomat.")
                return None, certainty, claimant
            actor1 = actor1 or self._agent(key, key, "") or self._mover(predicate, key)
        if best == "ARREST" and actor1 is None:
            actor1 = _default_force()
        # "X claimed that the militants of the group overran Y": the claimant is the doer.
        if (claimant is not None and certainty == "claimed" and not claimant.generic and claimant.inter
                and (actor1 is None or actor1.unidentified or actor1.generic)):
            actor1 = claimant
        coding = Coding(
            label=best, triggers=set(trigger_labels), trigger_words=" ".join(t.span.text for t in candidate.triggers),
            actor1=actor1, actor2=actor2, assoc1=assoc1,
            text=_without_attribution(candidate.text or _subtree_span(key).text),
            target=self._target_text(predicate), arrival=arrival, context=self._context(sentence),
        )
        return coding, certainty, claimant

    def _initiator(self, candidate: Candidate, predicate, key, role) -> ResolvedActor | None:
        """The agent of the candidate's first verb when the event is carried by an answer to it
        ("returned fire", "fired back", "repelled"): who attacked, not who answered."""
        if not self._answers(predicate):
            return None
        for trigger in sorted([*candidate.triggers, *self._sentence_triggers], key=lambda t: t.span.start):
            verb = trigger.span.root
            if verb.i < predicate.i and verb.pos_ == "VERB" and not self._answers(verb):
                return self._agent(verb, verb, role)
        return None

    def _answers(self, verb) -> bool:
        return verb.lemma_.lower() in self.lex.response_verbs or any(
            c.dep_ in ("advmod", "prt") and c.lower_ == "back" for c in verb.children)

    def _sides(self, predicate, role):
        """The two sides of a "between X and Y" phrase, or None. "between Russian and Ukrainian
        forces" has two sides too: one head noun shared by two coordinated adjectives."""
        # "fighting broke out between X and Y": the phrase may hang on the verb the noun is subject of
        holders = [predicate] + ([predicate.head] if predicate.dep_ in ("nsubj", "nsubjpass") else [])
        for prep in (c for holder in holders for c in holder.children):
            if prep.dep_ != "prep" or prep.lower_ != "between":
                continue
            for first in (c for c in prep.children if c.dep_ == "pobj"):
                second = next((c for c in first.children if c.dep_ == "conj"), None)
                if second is not None:
                    # "between the army and fighters of a rebel group": the parser may hang
                    # "of the ELN" on the first side; words after the second side belong to it
                    first_side = [t for t in _phrase(first) if t.i < second.i]
                    second_side = _phrase(second) + [t for t in _phrase(first) if t.i > second.i]
                    return (resolve_phrase(self._in_unit(first_side), role),
                            resolve_phrase(self._in_unit(sorted(second_side, key=lambda t: t.i)), role))
                for modifier in first.children:
                    other = next((c for c in modifier.children if c.dep_ == "conj"), None)
                    if modifier.dep_ in ("amod", "compound") and other is not None:
                        shared = [t for t in _phrase(first) if t.i not in {m.i for m in modifier.subtree}]
                        return (resolve_phrase(self._in_unit([modifier] + shared), role),
                                resolve_phrase(self._in_unit([other] + shared), role))
        return None

    def _coordinated_agent(self, predicate, key, role, actor1, actor2) -> ResolvedActor | None:
        """"FAMa and Wagner forces looted X": the second conjunct of the subject acts with the
        first, as its associate (unless the verb is reciprocal and it is the other side)."""
        if actor1 is None:
            return None
        verb = predicate if predicate.pos_ in ("VERB", "AUX") else key
        if verb.pos_ not in ("VERB", "AUX"):
            return None
        for child in verb.children:
            if child.dep_ != "nsubj":
                continue
            for conj in (c for c in child.children if c.dep_ == "conj"):
                other = resolve_phrase(self._in_unit(_phrase(conj)), role)
                if other is not None and other.name != actor1.name and (actor2 is None or other.name != actor2.name):
                    return other
        return None

    def _in_unit(self, tokens) -> list:
        return [t for t in tokens if self._unit.start <= t.i < self._unit.end]

    def _context(self, sentence) -> str:
        """The sentence with its neighbours, for words that qualify an event from outside its
        clause ("No clashes were reported.", "Drivers rejected the new rules. ... attacked police")."""
        doc = sentence.doc
        previous = doc[sentence.start - 1].sent if sentence.start > 0 else None
        following = doc[sentence.end].sent if sentence.end < len(doc) else None
        return " ".join(part.text for part in (previous, sentence, following) if part is not None)

    def _target_text(self, predicate) -> str:
        """The words the action is done to: the object and the "on"/"against"/"at" phrases."""
        phrases = []
        # "stabs and wounds a guard": the object may hang on the coordinated verb
        verbs = [predicate, *(c for c in predicate.children if c.dep_ == "conj" and c.pos_ == "VERB")]
        for child in (c for verb in verbs for c in verb.children if c.dep_ == "dobj"):
            phrases.append(_subtree_span(child).text)
        for child in predicate.children:
            if child.dep_ == "nsubjpass":
                phrases.append(_subtree_span(child).text)
            if child.dep_ == "prep" and child.lower_ in ("on", "against", "at"):
                phrases.append(_subtree_span(child).text)
            if child.dep_ == "acl" and child.lemma_.lower() in ("target", "hit", "strike"):
                # "an attack targeting an army vehicle"
                phrases.extend(_subtree_span(c).text for c in child.children if c.dep_ == "dobj")
        return " ".join(phrases) or self._words_after(predicate)

    def _words_after(self, predicate, limit: int = 8) -> str:
        """When the parse gives the verb no object (a quote or a dateline can derail it), the
        words that follow it up to the next punctuation stand in for its object."""
        words = []
        for token in predicate.doc[predicate.i + 1: min(self._unit.end, predicate.i + 1 + limit)]:
            if token.is_punct:
                break
            words.append(token.text)
        return " ".join(words)

    def _protest_roles(self, coding: Coding) -> None:
        """ACLED codes the demonstrators as actor 1 of a protest: a force that intervened becomes
        actor 2, and an organisation that rallied becomes the protesters' associate."""
        actor1, actor2 = coding.actor1, coding.actor2
        if coding.label == "FORCE_AGAINST_PROTEST" and (actor1 is None or actor1.inter == "Protesters"):
            # "two marchers were shot dead": excessive force is a force's act even when the text
            # names none; ACLED then codes the police
            coding.actor1 = _default_force()
            coding.actor2 = actor1 or ResolvedActor("Protesters", "Protesters", generic=True, kind="protest")
            return
        if coding.label not in PROTEST_FAMILY or actor1 is None or actor1.inter == "Protesters":
            return
        force = actor1.inter in ("State forces", "External/Other forces", "Political militia")
        if coding.label == "FORCE_AGAINST_PROTEST" and force:
            # "Police shot dead two marchers": excessive force is the force's act, so the force
            # stays actor 1 and the protesters are actor 2 (the codebook's roles)
            coding.actor2 = ResolvedActor("Protesters", "Protesters", generic=True, kind="protest")
            return
        if coding.label != "PEACE_PROTEST" and force:
            # "Police fired tear gas at protesters": the protesters are actor1, the force actor2
            coding.actor2 = actor2 if actor2 is not None and actor2.inter != "Protesters" else actor1
        elif actor2 is None and coding.assoc1 is None:
            coding.assoc1 = actor1
        coding.actor1 = ResolvedActor("Protesters", "Protesters", generic=True, kind="protest")

    def _fold_into_earlier(self, index, candidate: Candidate, coding: Coding, certainty, claimant, evidence) -> bool:
        """A later mention of an already coded sub-type with no place of its own is the same
        event: its sentence becomes more evidence for the earlier one (and gives it its death
        toll when it had none: "Militants attacked a post. Two soldiers were killed.")."""
        label = self.tax.labels[coding.label]
        actor1 = coding.actor1
        family = self.lex.super_family(label.event_type)
        if self._counts_past(self._unit):
            return False  # "attacks have continued across the region": a summary, no detail of the event before
        for earlier in reversed(self.events):
            if self._is_summary(earlier):
                continue  # "47 were killed across Syria in the week": a count, no event to add details to
            if self._another_day(candidate, earlier):
                continue  # "In April, gunmen killed 12 people": another day's event, not this one told again
            # a bare casualty report ("two soldiers were killed") right after a violent event
            casualty_report = (index - earlier.sentence <= 2 and all(t.weak for t in candidate.triggers)
                               and earlier.event_type in family and "Strategic developments" not in family
                               and coding.label not in TERRITORY)  # "... then took over the village" is news
            if casualty_report:
                if _takes_a_toll(earlier):
                    self._add_toll(earlier, self._unit)  # (deaths told with a protest are what it protests)
                doer = coding.actor1
                if (doer is not None and not doer.generic and not doer.unidentified and doer.inter
                        and (earlier.actor1 is None or earlier.actor1.startswith("Unidentified"))):
                    # "A bomb hit a convoy. X claimed to have killed two soldiers.": the group
                    # that claims (or is said to have done) the killing is the bomb's actor 1
                    earlier.actor1, earlier.inter1 = doer.name, doer.inter
                victims = coding.actor2
                if (earlier.sub_event_type == "Armed clash" and earlier.actor2 is None and victims is not None
                        and victims.inter == "Civilians" and not self._told_as_fighting(earlier)):
                    # "Troops carried out operations in X. Several villagers were killed.": the
                    # only victims named are civilians, so the operation was an attack on them
                    # (but "X and Y fought. Six people were killed.": the dead of a fight)
                    attack = self.tax.labels["ATTACK"]
                    earlier.event_type, earlier.sub_event_type, earlier.plover = attack.event_type, attack.sub_event_type, attack.plover or None
                    earlier.actor2, earlier.inter2 = victims.name, victims.inter
                if all(e.start != evidence.start for e in earlier.evidence):
                    earlier.evidence.append(evidence)
                return True
            near = index - earlier.sentence <= 3
            same_actor = actor1 is None or earlier.actor1 in (None, actor1.name) or near
            # a bare re-mention ("reports regarding the airstrikes") carries no claim of its own
            same_claim = certainty in ("reported", "confirmed") or (earlier.certainty, earlier.claimed_by) == (
                certainty, claimant.name if (claimant and certainty == "claimed") else None)
            same_type = earlier.sub_event_type == label.sub_event_type
            # "Hundreds staged a sit-in ... Police baton-charged the protesters": one protest,
            # with intervention (ACLED codes the highest form the protest took)
            upgrade = near and coding.label in PROTEST_FAMILY and earlier.sub_event_type == "Peaceful protest"
            # "20 youths demonstrated ... Police arrested 2": arrests at a protest are the
            # protest's intervention, not a separate Arrests event
            if (near and coding.label == "ARREST" and earlier.event_type == "Protests"
                    and self._predicate(candidate).dep_ not in ("acl", "relcl", "amod")
                    # "nine people had been detained from both sides": arrests before the protest
                    and not any(c.lower_ == "had" for c in self._predicate(candidate).children)
                    and (coding.actor2 is None or coding.actor2.inter in ("Civilians", "Protesters"))):
                # (not "prisoners arrested during the campaign": a modifier tells of earlier arrests)
                upgrade, label = True, self.tax.labels["PROTEST_WITH_INTER"]
                coding.actor2 = coding.actor1 if coding.actor1 is not None and coding.actor1.inter == "State forces" else None
            sequel = same_type and not upgrade and _tells_a_sequel(self._unit.text)
            # "In Nakuru, protesters ... before police dispersed them": another town's crowd
            elsewhere = _names_another_place(self._unit, earlier)
            if (same_type or upgrade) and (same_actor or upgrade) and same_claim and not sequel and not elsewhere:
                if upgrade and self.tax.rank(label.sub_event_type) < self.tax.rank(earlier.sub_event_type):
                    self._upgrade_protest(earlier, label, coding)
                if all(e.start != evidence.start for e in earlier.evidence):
                    earlier.evidence.append(evidence)
                if earlier.event_type != "Protests" and near:
                    self._add_toll(earlier, self._unit)
                return True
        return False

    def _another_day(self, candidate: Candidate, earlier: Event) -> bool:
        """Does the candidate's clause state a day of its own that is not the earlier event's
        ("Hours earlier, on Tuesday night, bomb experts defused a device" after Wednesday's raid)?"""
        verb = _clause_verb(candidate.key)
        days = _own_day_words(verb) if verb is not None else set()
        if not days or earlier.trigger is None:
            return False
        span = self.document.spacy_doc.char_span(earlier.trigger.start, earlier.trigger.end, alignment_mode="expand")
        earlier_verb = _clause_verb(span.root) if span is not None else None
        told = _own_day_words(earlier_verb) if earlier_verb is not None else set()
        days, told = {d for d in days if _names_a_day(d)}, {d for d in told if _names_a_day(d)}
        return bool(days and told) and not days & told

    def _is_summary(self, event: Event) -> bool:
        """Whether an event's own sentence counts past events (read once per sentence: every
        later candidate asks it of every earlier event)."""
        from eventatlas.document.novelty import summary_of_past  # (the document stage imports this one)

        if event.sentence not in self._summary_sentences:
            self._summary_sentences[event.sentence] = bool(summary_of_past(event.own_sentence()))
        return self._summary_sentences[event.sentence]

    def _told_as_fighting(self, event: Event) -> bool:
        """True when the event's first sentence says two sides fought (a clash, a firefight, a
        battle), not only that an operation took place."""
        return self.lex.feature_patterns["ARMED_CLASH"].search(event.own_sentence()) is not None

    @staticmethod
    def _upgrade_protest(earlier: Event, label, coding: Coding) -> None:
        """A protest told again with the force's response takes that response's sub-type. Excessive
        force makes the force actor 1 and the protesters actor 2 (the codebook's roles)."""
        earlier.sub_event_type, earlier.plover = label.sub_event_type, label.plover or None
        force = coding.actor1
        if label.sub_event_type == "Excessive force against protesters":
            if force is None or force.inter == "Protesters":
                # the force that fired is unnamed here: the one already at the protest, else
                # the police (ACLED's default)
                named = earlier.inter2 == "State forces" and earlier.actor2
                force = ResolvedActor(earlier.actor2, "State forces") if named else _default_force()
            if force is not None:
                earlier.actor1, earlier.inter1 = force.name, force.inter
                earlier.actor2, earlier.inter2 = "Protesters", "Protesters"
        elif earlier.actor2 is None and coding.actor2 is not None and coding.actor2.inter != "Protesters":
            earlier.actor2, earlier.inter2 = coding.actor2.name, coding.actor2.inter

    def _add_toll(self, event: Event, sentence) -> None:
        """Deaths told in a later sentence of the same event; a figure the event already has is
        not added to again (a restated toll is not a second toll), unless the sentence states
        the running toll ("two more died, raising the toll to nine"): that total replaces it."""
        # "at least 15 drivers have been killed this year": a count of past events, not this toll
        if self._counts_past(sentence):
            return
        toll = running_toll(sentence.text)
        if toll is not None:
            event.fatalities = toll
        elif not event.fatalities:
            event.fatalities = fatalities(sentence.text)

    def _counts_past(self, sentence) -> bool:
        """True when a sentence counts past deaths rather than telling this event's: its words
        summarise the past ("a string of attacks this year", document.json's SUMMARY patterns)
        or it names a year before the publication year ("clashes in late 2022")."""
        from eventatlas.document.novelty import summary_of_past  # (the document stage imports this one)

        return bool(summary_of_past(sentence.text)) or self._names_earlier_year(sentence)

    def _names_earlier_year(self, span, skip: frozenset[int] | set[int] = frozenset()) -> bool:
        """True when a date inside the span (outside the tokens ``skip``) lies wholly in a year
        before the publication year."""
        if not self.published_year:
            return False
        for text in self._date_entities(span, skip):
            years = [int(y) for y in re.findall(r"\b(19\d\d|20\d\d)\b", text)]
            if years and max(years) < self.published_year:
                return True
        return False

    def _event(self, index, sentence, candidate: Candidate, predicate, coding: Coding, certainty, claimant,
               p_best, location_hint, evidence, classifier_only) -> Event:
        label = self.tax.labels[coding.label]
        best = coding.label
        # The trigger shown is the word that typed the event, the predicate when it did.
        ranked = sorted(candidate.triggers, key=lambda t: (t.label != best, t.span.root.i != predicate.i, t.weak))
        trigger = ranked[0].span
        clause_text = candidate.text or _subtree_span(candidate.key).text
        size_text, size = crowd_size(sentence.text) if best in PROTEST_FAMILY | RIOT_FAMILY else (None, None)
        actor1, actor2, assoc = coding.actor1, coding.actor2, coding.assoc1
        rules = f" Codebook: {'; '.join(coding.applied)}." if coding.applied else ""
        return Event(
            event_type=label.event_type,
            sub_event_type=label.sub_event_type,
            plover=label.plover or None,
            actor1=actor1.name if actor1 else None,
            inter1=actor1.inter if actor1 else None,
            assoc_actor_1=assoc.name if assoc else None,
            actor2=actor2.name if actor2 else None,
            inter2=actor2.inter if actor2 else None,
            fatalities=fatalities(sentence.text if candidate.whole_sentence else clause_text),
            crowd_size_text=size_text,
            crowd_size=size,
            certainty=certainty,
            claimed_by=claimant.name if (claimant and certainty == "claimed") else None,
            background=self._background(candidate, _subtree_span(candidate.key)),
            evidence=[evidence],
            confidence=round(min(0.95, max(0.05, p_best * 0.5 + (0.45 if not classifier_only else 0.0))), 2),
            notes=(
                f"Coded as {label.sub_event_type} from '{trigger.text}'"
                + (" by the classifier alone" if classifier_only else "")
                + f" (classifier probability {p_best:.2f}).{rules}"
            ),
            sentence=index,
            trigger=Span(text=trigger.text, start=trigger.start_char, end=trigger.end_char),
            location_hint=location_hint,
        )

    def _merge_same_sentence(self, first_new: int, lethal: bool = False) -> None:
        """Hierarchy rule: violent tactics reported in one sentence for one place ("militants were
        killed when they raided a base") are one event, typed by the highest-ranked tactic."""
        new = self.events[first_new:]
        if any(e.sub_event_type == "Disrupted weapons use" for e in new):
            # "explosive devices were intercepted": the explosives are the disrupted weapon
            new = [e for e in new if e.event_type != "Explosions/Remote violence" or e.fatalities]
        if any(e.sub_event_type == "Arrests" for e in new) and not lethal:
            # "arrested 23 members during a night raid": the raid is how the arrest was made
            # (a raid in which people were killed stays a violent event of its own)
            new = [e for e in new if e.event_type == "Strategic developments"
                   or not (e.trigger and _arrest_operation().fullmatch(e.trigger.text))]
        kept: list[Event] = []
        for event in new:
            family = self.lex.super_family(event.event_type)
            for other in kept:
                if (
                    self.lex.super_family(other.event_type) == family
                    and "Strategic developments" not in family
                    and not (event.actor1 and other.actor1 and event.actor1 != other.actor1
                             and not event.actor1.startswith("Unidentified") and not other.actor1.startswith("Unidentified"))
                    and (event.location_hint is None or other.location_hint is None
                         or event.location_hint.text == other.location_hint.text)
                    and (event.certainty, event.claimed_by) == (other.certainty, other.claimed_by)
                    and not self._in_own_coordinated_clauses(event, other)
                ):
                    if self._graver(event, other, lethal):
                        for name in ("event_type", "sub_event_type", "plover", "trigger"):
                            setattr(other, name, getattr(event, name))
                    if (other.actor1 or "").startswith("Unidentified") and event.actor1 and not event.actor1.startswith("Unidentified"):
                        other.actor1, other.inter1 = event.actor1, event.inter1
                    for name in ("actor1", "inter1", "actor2", "inter2", "location_hint"):
                        if getattr(other, name) is None:
                            setattr(other, name, getattr(event, name))
                    figures = [n for n in (event.fatalities, other.fatalities) if n]
                    other.fatalities = min(figures) if figures else 0
                    other.confidence = max(other.confidence, event.confidence)
                    break
            else:
                kept.append(event)
        self.events[first_new:] = kept

    def _graver(self, event: Event, other: Event, lethal: bool) -> bool:
        """Does ``event`` type the merged event over ``other``: higher in ACLED's hierarchy, unless
        the sentence tells deaths and ``other``'s sub-type is the one ``event``'s yields to then
        (merge.json's 'lethal_yields')?"""
        yields = _lethal_yields()
        if lethal and yields.get(event.sub_event_type) == other.sub_event_type:
            return False
        if lethal and yields.get(other.sub_event_type) == event.sub_event_type:
            return True
        return self.tax.rank(event.sub_event_type) < self.tax.rank(other.sub_event_type)

    def _in_own_coordinated_clauses(self, a: Event, b: Event) -> bool:
        """Are the two told in clauses each with a subject and a day of its own ("gunmen shot
        dead three people in Bawku on Friday, soldiers killed two armed men at Pusiga on Sunday,
        and ...")? A roundup lede tells one event per clause."""
        doc = self.document.spacy_doc
        verbs = []
        for event in (a, b):
            if event.trigger is None:
                return False
            span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
            if span is None:
                return False
            verbs.append(_clause_verb(span.root))
        first, second = verbs
        if first is None or second is None or first.i == second.i:
            return False
        if not all(any(c.dep_ in SUBJECT_DEPS for c in v.children) for v in verbs):
            return False
        # days of their own tell them apart (the parser may hang one clause on the other);
        # "JNIM attacked the camp on Monday, the militants overran it" is one event
        days = [_own_day_words(v) for v in verbs]
        return all(days) and not days[0] & days[1]

    def _non_event(self, index, sentence, category: str, confidence: float, notes: str) -> None:
        if any(n.sentence == index and n.category == category for n in self.non_events):
            return
        self.non_events.append(
            NonEvent(
                category=category,
                evidence=[Span(text=sentence.text, start=sentence.start_char, end=sentence.end_char)],
                confidence=round(min(0.95, confidence), 2),
                notes=notes,
                sentence=index,
            )
        )

    # -- parse helpers --------------------------------------------------------------------
    def _predicate(self, candidate: Candidate):
        """The word that carries the event: a verb trigger, else the first trigger's head noun."""
        # The clause's own verb first: in "protesting residents were beaten up" the participle
        # only describes the residents; what happened to them is the main verb's.
        verbs = [t.span.root for t in candidate.triggers if t.span.root.pos_ == "VERB" and not t.weak]
        if verbs:
            return min(verbs, key=lambda v: (v.i != candidate.key.i, v.dep_ == "amod"))
        strong = [t for t in candidate.triggers if not t.weak]
        return (strong or candidate.triggers)[0].span.root

    def _agent(self, predicate, key, role) -> ResolvedActor | None:
        for phrase in self._agent_phrases(predicate, key):
            phrase = [t for t in phrase if self._unit.start <= t.i < self._unit.end]
            if len(phrase) == 1 and phrase[0].pos_ == "PRON" and phrase[0].lower_ in ("they", "it", "we", "its", "their"):
                # "Police said they had arrested 52": the pronoun is the speaker
                phrase = self._speaker_of(phrase[0]) or phrase
            actor = resolve_phrase(phrase, role)
            if actor is None or actor.generic or actor.unidentified:
                actor = self._identified_as(phrase) or actor
            if actor is not None and actor.unidentified:
                actor = self._doer_of_the_first_clause(predicate) or actor
            if actor is not None:
                return actor
        return self._named_before(predicate) or self._doer_of_the_first_clause(predicate)

    def _doer_of_the_first_clause(self, predicate) -> ResolvedActor | None:
        """The named armed group that is the subject of the clause a second one is joined to ("RSF
        units moved on army positions, and fighting went on until the evening"): the fight is theirs."""
        verb = _clause_verb(predicate)
        if verb is None or verb.dep_ != "conj" or verb.head.pos_ not in ("VERB", "AUX"):
            return None
        for subject in (c for c in verb.head.children if c.dep_ == "nsubj"):
            named = resolve_phrase([t for t in _phrase(subject) if self._unit.start <= t.i < self._unit.end], "")
            if named is not None and not named.generic and not named.unidentified and named.inter in ARMED_INTERS:
                return named
        return None

    def _identified_as(self, phrase) -> ResolvedActor | None:
        """The group a clause on the perpetrator noun says they are ("gunmen believed to belong
        to a faction of X", "attackers whom survivors identified as X militiamen")."""
        inside = {t.i for t in phrase}
        heads = [t for t in phrase if t.head.i not in inside or t.head.i == t.i]
        for head in heads:
            for clause in head.children:
                if clause.dep_ in ("acl", "relcl") and clause.lemma_.lower() in self.lex.identification_verbs:
                    named = known_actor(_subtree_span(clause).text)
                    if named is not None and not named.unidentified:
                        return named
        return None

    def _named_before(self, predicate) -> ResolvedActor | None:
        """A named group right before an active verb the parser did not give a subject to
        ("IS Sahel militants ambushed ...", where "IS" was read as a verb)."""
        if predicate.pos_ not in ("VERB", "AUX") or any(c.dep_ in ("nsubjpass", "auxpass", "nsubj") for c in predicate.children):
            return None
        start = max(self._unit.start, predicate.i - 6)
        named = known_actor(self._unit.doc[start: predicate.i].text)
        return named if named is not None and not named.unidentified else None

    def _agent_phrases(self, predicate, key):
        if predicate.pos_ in ("VERB", "AUX"):
            passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in predicate.children) or _headline_passive(predicate)
            if _came_under(predicate):
                # "the convoy came under attack (by X)": the subject is the target, as in a passive
                passive = True
                yield from (_phrase(g) for prep in predicate.children if prep.lower_ == "under"
                            for noun in prep.children if noun.dep_ == "pobj"
                            for by in noun.children if by.dep_ == "prep" and by.lower_ in ("by", "from")
                            for g in by.children if g.dep_ == "pobj")
                yield from (_phrase(g) for by in predicate.children if by.dep_ in ("prep", "agent")
                            and by.lower_ in ("by", "from") for g in by.children if g.dep_ == "pobj")
            stranded = stranded_subject(predicate)
            if stranded is not None and not passive:
                yield _phrase(stranded)
            for child in predicate.children:
                if child.dep_ == "nsubj" and not passive:
                    yield _phrase(child)
                    # "Rakhine State, the army and a rebel force fought": the parser may put a place
                    # list first; the actor is then one of the conjuncts
                    yield from (_phrase(c) for c in child.conjuncts if c.i > child.i)
                    yield from (_phrase(c) for c in child.children if c.dep_ == "appos")
                if child.dep_ in ("nsubj", "nsubjpass"):
                    # "a bomb carried by Taliban detonated prematurely": the weapon's bearer
                    for acl in (c for c in child.children if c.dep_ == "acl"):
                        for agent in (c for c in acl.children if c.dep_ == "agent"):
                            yield from (_phrase(g) for g in agent.children if g.dep_ == "pobj")
                    # "landmines they were planting exploded": whoever was handling them
                    for relcl in (c for c in child.children if c.dep_ == "relcl"):
                        yield from (_phrase(g) for g in relcl.children if g.dep_ == "nsubj")
                if child.dep_ == "agent":
                    for grandchild in child.children:
                        if grandchild.dep_ == "pobj":
                            yield _phrase(grandchild)
                if passive and child.dep_ == "prep" and child.lower_ in ("during", "in", "amid"):
                    # "four fighters were killed during a raid carried out by the army": the
                    # operation's agent did the killing
                    for operation in (g for g in child.children if g.dep_ == "pobj"):
                        for acl in (c for c in operation.children if c.dep_ == "acl"):
                            for agent in (c for c in acl.children if c.dep_ == "agent"):
                                yield from (_phrase(g) for g in agent.children if g.dep_ == "pobj")
                        # "were killed in a police operation": the force that names the operation
                        yield from ([c] for c in operation.children if c.dep_ in ("compound", "amod")
                                    and c.lower_ in self.lex.operation_forces)
            # (a noun at the root with a participle is a sentence whose verb the parser missed:
            # "the military forces engaged in a firefight")
            reduced_passive = predicate.dep_ == "acl" and predicate.tag_ == "VBN" and predicate.head.dep_ != "ROOT"
            if predicate.dep_ in ("acl", "relcl") and predicate.head.pos_ in ("NOUN", "PROPN", "NUM") and not reduced_passive:
                # "a car bomb that killed eight"; but in "man taken into custody", "rider shot
                # with a pellet gun" the participle's noun is the one it happened to
                yield _phrase(predicate.head)
            # "settlers entered the village, setting fire to cars": a participle with no subject
            # of its own is done by the subject of the verb it hangs on
            participle = predicate.dep_ == "advcl" and predicate.tag_ == "VBG" and not any(
                c.dep_ in SUBJECT_DEPS or c.dep_ == "mark" for c in predicate.children)
            if (predicate.dep_ in ("xcomp", "conj") or participle) and predicate.head.pos_ == "VERB":
                for child in predicate.head.children:
                    if child.dep_ == "nsubj":
                        yield _phrase(child)
        else:
            yield from self._noun_agent_phrases(predicate)
        if key.i != predicate.i and key.pos_ in ("VERB", "AUX") and not _came_under(key):
            for child in key.children:
                if child.dep_ == "nsubj":
                    yield _phrase(child)

    def _noun_agent_phrases(self, predicate):
        """Who did what a noun trigger names: "airstrikes by X", "X's offensive", "Israeli
        airstrikes", "a landmine planted by X", "X fired artillery rounds"."""
        for child in predicate.children:
            if child.dep_ == "prep" and child.lower_ == "by":
                for grandchild in child.children:
                    if grandchild.dep_ == "pobj":
                        yield _phrase(grandchild)
            if child.dep_ == "poss":
                yield _phrase(child)
            if child.dep_ == "acl":
                # "a landmine planted by X", "an IED laid by X"
                for agent in (c for c in child.children if c.dep_ == "agent"):
                    yield from (_phrase(g) for g in agent.children if g.dep_ == "pobj")
        for child in predicate.children:
            if child.dep_ in ("amod", "compound") and (child.ent_type_ in ("NORP", "GPE", "ORG") or known_actor(child.text)):
                # "Israeli airstrikes", "Turkish shelling": a national adjective on a weapon
                # means that state's forces
                yield [child] + [c for c in predicate.children if c.dep_ in ("amod", "compound") and c.i > child.i
                                 and c.lower_ in ("military", "army", "air", "naval", "government", "regime")]
        # "fired artillery rounds": the trigger modifies the object noun
        noun = predicate.head if predicate.dep_ == "compound" else predicate
        head = noun.head
        if noun.dep_ == "pobj" and head.lower_ == "under" and head.head.pos_ == "VERB":
            # "the post came under attack by JNIM", "came under fire from rebels": the subject is
            # the target; the "by"/"from" phrase names who attacked
            attackers = [_phrase(g) for c in [*head.head.children, *noun.children]
                         if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from")
                         for g in c.children if g.dep_ == "pobj"]
            yield from attackers
            return
        if noun.dep_ in ("dobj", "attr", "pobj") and head.pos_ in ("VERB", "ADP"):
            verb = head if head.pos_ == "VERB" else head.head
            subjects = [c for c in verb.children if c.dep_ == "nsubj"]
            if not subjects and verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
                # "X claimed to have fired rockets", "X stormed the town and fired mortars"
                subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
            yield from (_phrase(c) for c in subjects)

    def _attribute(self, index, sentence) -> bool:
        claimant = None
        for token in sentence:
            if token.lemma_.lower() in ("claim", "say", "blame", "attribute") and token.pos_ == "VERB":
                claimant = _subject_actor(token)
                if token.lemma_.lower() in ("blame", "attribute"):
                    claimant = next((resolve_phrase(_phrase(g), "") for c in token.children if c.dep_ in ("dobj",)
                                     for g in [c]), None) or claimant
                if claimant is not None and not claimant.generic:
                    break
        if claimant is None or claimant.generic:
            return False
        for earlier in reversed(self.events):
            if index - earlier.sentence > 6:
                break
            if "Battles" in self.lex.super_family(earlier.event_type):
                if (earlier.actor1 is None or earlier.actor1.startswith("Unidentified")) and claimant.inter:
                    # only a claimant the actor list knows has a category to code it with
                    earlier.actor1, earlier.inter1 = claimant.name, claimant.inter
                earlier.claimed_by = claimant.name
                earlier.notes += f" {claimant.name} claimed responsibility."
                span = Span(text=sentence.text, start=sentence.start_char, end=sentence.end_char)
                if all(e.start != span.start for e in earlier.evidence):
                    earlier.evidence.append(span)
                return True
        return False

    def _speaker_of(self, pronoun) -> list | None:
        for ancestor in pronoun.ancestors:
            if ancestor.lemma_.lower() in self.lex.self_report_verbs:
                for child in ancestor.children:
                    if child.dep_ == "nsubj" and child.pos_ != "PRON":
                        return _phrase(child)
        return None

    def _patient(self, predicate, key, role, exclude: ResolvedActor | None = None) -> ResolvedActor | None:
        phrases = []
        if predicate.pos_ in ("VERB", "AUX"):
            for child in predicate.children:
                if child.dep_ in ("dobj", "nsubjpass") or (child.dep_ == "nsubj" and _headline_passive(predicate)):
                    phrases.append(_phrase(child))
        for child in predicate.children:
            if child.dep_ == "prep" and child.lower_ in ("on", "against", "with", "at"):
                phrases.extend(_phrase(g) for g in child.children if g.dep_ == "pobj")
        if predicate.pos_ in ("VERB", "AUX") and predicate.lemma_.lower() in RECIPROCAL_VERBS:
            # "State troops and al-Shabaab fighters clashed": the second conjunct is the other side
            for child in predicate.children:
                if child.dep_ == "nsubj":
                    phrases.extend(_phrase(c) for c in child.conjuncts if c.i > child.i)
        for phrase in phrases:
            phrase = [t for t in phrase if self._unit.start <= t.i < self._unit.end]
            actor = resolve_phrase(phrase, "") or self._occupants(phrase)
            # (two unnamed groups may be the two sides: "his fighters had killed 20 rebels")
            if actor is not None and actor.inter not in ("Protesters", "Rioters") and (
                    exclude is None or actor.name != exclude.name or actor.unidentified):
                return actor
        return None

    def _occupants(self, phrase) -> ResolvedActor | None:
        """The armed group a place is said to hold ("raided a compound where TTP militants were
        hiding", "a house used by gunmen"): the raid is on them."""
        clauses = [c for t in phrase for c in t.children if c.dep_ in ("relcl", "acl")]
        for clause in clauses:
            for holder in (c for c in clause.children if c.dep_ in ("nsubj", "agent")):
                words = _phrase(holder) if holder.dep_ == "nsubj" else [g for c in holder.children for g in _phrase(c)]
                actor = resolve_phrase(words, "")
                if actor is not None and actor.inter in ARMED_INTERS and actor.inter != "State forces":
                    return actor
        return None

    def _certainty(self, predicate, sentence, violent: bool = False,
                   doer: ResolvedActor | None = None) -> tuple[str, ResolvedActor | None]:
        cues = self.lex.certainty
        if any((t.lower_ in cues["unconfirmed"] or t.lemma_.lower() in cues["unconfirmed"])
               and not _in_another_clause(t, predicate) for t in sentence):
            return "unconfirmed", None  # (not "a mob beat a man to death after a rumour spread that ...")
        for ancestor in [predicate, *predicate.ancestors]:
            lemma = ancestor.lemma_.lower()
            if lemma in cues["denied"]:
                return "denied", _subject_actor(ancestor)
            if lemma in cues["claimed"] and ancestor.pos_ in ("VERB", "NOUN"):
                return "claimed", _subject_actor(ancestor)
            if lemma in cues["confirmed"]:
                return "confirmed", None
        if violent:
            # "The army said its warplanes had bombed X": a party reporting its own violence claims it
            for ancestor in predicate.ancestors:
                if ancestor.lemma_.lower() in self.lex.self_report_verbs:
                    speaker = _subject_actor(ancestor)
                    if speaker is not None and not speaker.generic and speaker.inter in ARMED_INTERS \
                            and (_done_by_its_own(predicate, ancestor) or (_could_be_its_own(doer, speaker)
                                                                         and not _flown_by_a_state(predicate, speaker))):
                        return "claimed", speaker
        return "reported", None

    def _arrival(self, predicate, key) -> str | None:
        verb = predicate if predicate.pos_ == "VERB" else key
        if verb.lemma_.lower() not in self.lex.arrival_verbs:
            return None
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                text = " ".join(t.text for t in _phrase(child)).lower()
                if any(re.search(rf"(?<!\w){re.escape(t)}(?!\w)", text) for t in self.lex.military_titles):
                    return "military"
                if any(re.search(rf"(?<!\w){re.escape(t)}(?!\w)", text) for t in self.lex.leader_titles):
                    return "diplomatic"
                if child.tag_ == "NN" and child.lemma_.lower() in self.lex.individual_movers:
                    return None  # "the bomber had been sent by X": one person, not forces
                # troops, police units or an armed group moving: a movement of forces
                mover = resolve_phrase(self._in_unit(_phrase(child)), "")
                if mover is not None and mover.inter in ARMED_INTERS:
                    return "forces"
        return None

    def _mover(self, predicate, key) -> ResolvedActor | None:
        """Who moved, for a passive verb of movement ("troops were sent to guard the town")."""
        verb = predicate if predicate.pos_ == "VERB" else key
        for child in verb.children:
            if child.dep_ == "nsubjpass":
                # the parser may make a place list the subject and the movers its apposition
                for token in [child, *(c for c in child.children if c.dep_ == "appos"), *child.conjuncts]:
                    mover = resolve_phrase(self._in_unit(_phrase(token)), "")
                    if mover is not None:
                        return mover
        return None

    def _location_hint(self, candidate: Candidate, key) -> Span | None:
        """The locative phrase attached to the trigger or its clause ("in northern X province")."""
        heads = [t.span.root for t in candidate.triggers]
        searched = []
        for head in heads:
            searched.extend(_clause_local(head))
        searched.extend(key.children)
        searched = [t for t in searched if self._unit.start <= t.i < self._unit.end]
        if key.pos_ in ("VERB", "AUX"):
            for child in key.children:
                if child.dep_ == "dobj":
                    searched.extend(child.children)
        if key.pos_ in ("VERB", "AUX") or candidate.root.pos_ == "VERB":
            verb = candidate.root if candidate.root.pos_ == "VERB" else key
            for child in verb.children:
                # "overran X province", "recaptured the town": the object is the place
                if child.dep_ == "dobj" and self._is_place(child) and _names_a_place(_phrase(child)):
                    trigger_end = max(t.span.end for t in candidate.triggers)
                    drop = {t.i for c in child.children if c.dep_ == "prep" and c.lower_ != "of" for t in c.subtree}
                    phrase = [t for t in _phrase(child) if t.i >= trigger_end and t.i not in drop] or _phrase(child)
                    return Span(text=child.doc[phrase[0].i: phrase[-1].i + 1].text,
                                start=phrase[0].idx, end=phrase[-1].idx + len(phrase[-1].text))
        for token in searched:
            if token.dep_ != "prep":
                continue
            objects = [c for c in token.children if c.dep_ == "pobj"]
            if token.lower_ not in self.lex.location_prepositions and not (
                token.lower_ == "on" and any(o.lower_ in self.lex.place_nouns for o in objects)
            ):
                continue  # "on the outskirts of X" is a place; "on Monday" is not
            if not objects or not any(self._is_place(o) for o in objects):
                continue
            span = _subtree_span(token)
            if not _names_a_place(span):
                continue  # "in the area": no name for the geo stage to resolve
            return Span(text=span.text, start=span.start_char, end=span.end_char)
        return None

    def _is_place(self, token) -> bool:
        # "in northern X province", "in Kabul"; not "in support of", "in response to"
        if token.ent_type_ in ("GPE", "LOC", "FAC") or token.lower_ in self.lex.place_nouns or token.lemma_.lower() in self.lex.place_nouns:
            return True
        if token.pos_ == "PROPN" and token.ent_type_ not in ("ORG", "PERSON", "NORP", "DATE", "TIME", "EVENT"):
            return True
        return any(c.dep_ == "compound" and c.ent_type_ in ("GPE", "LOC") for c in token.children)

    def _background(self, candidate: Candidate, clause) -> bool:
        triggers = {t.span.root.i for t in candidate.triggers}
        nested = _modifier_tokens(clause, candidate.key, triggers)
        # an adverbial clause of its own ("fired tear gas at protesters on Tuesday, as
        # demonstrators marked the anniversary of the 1990 rally") does not date an event whose
        # own clause states its day
        adverbial = {t.i for c in clause if c.dep_ == "advcl" and not (c.left_edge.i <= candidate.key.i <= c.right_edge.i)
                     for t in c.subtree}
        if adverbial and self._date_entities(clause, skip=nested | adverbial):
            nested = nested | adverbial
        own_words = " ".join(t.text for t in clause if t.i not in nested)
        if self.lex.background.search(own_words) or self._past_of_the_kind(candidate):
            return True
        root = candidate.root
        verb = root if root.pos_ == "VERB" else root.head
        # "had earlier attacked": told as before the report's time; "hours earlier, ... had
        # blocked" steps back within the story's own day
        if any(c.lower_ == "had" for c in verb.children) and re.search(
                r"(?<!hours )(?<!minutes )(?<!moments )\b(?:earlier|previously|before)\b", own_words, re.IGNORECASE):
            return True
        # "detained activists who were to lay flowers for those killed in the January 2022 unrest":
        # a year in a modifier dates what it modifies, not the event
        return self._names_earlier_year(clause, skip=nested) or self._follows_an_earlier_year(candidate.key)

    def _follows_an_earlier_year(self, key) -> bool:
        """"Gunmen entered the campus on April 2, 2015, ... before they were killed": a clause
        told as just before or after another is set in the year that clause names."""
        if key.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ in ("before", "after", "until") for c in key.children):
            return False
        head = key.head
        while True:  # up to the nearest clause that states a date ("entered ..., shooting ..., before")
            own = {t.i for child in head.children if child.dep_ in CLAUSAL_DEPS for t in child.subtree}
            if self._date_entities(_subtree_span(head), skip=own) or head.dep_ == "ROOT" or head.head.i == head.i:
                return self._names_earlier_year(_subtree_span(head), skip=own)
            head = head.head

    def _past_of_the_kind(self, candidate: Candidate) -> bool:
        """Are all the candidate's triggers plural nouns of past events ("earlier attacks")?"""
        return all(t.span.root.tag_ == "NNS" and any(c.dep_ == "amod" and c.lower_ in self.lex.past_modifiers
                                                    for c in t.span.root.children)
                   for t in candidate.triggers)

    def _date_entities(self, clause, skip: frozenset[int] | set[int] = frozenset()) -> list[str]:
        """The DATE entities inside a clause, less those starting on a token of ``skip``.
        ``Span.ents`` scans every entity of the document, which made long documents quadratic;
        the document's dates are listed once and bisected."""
        if self._dates is None:
            dates = [(ent.start, ent.end, ent.text) for ent in clause.doc.ents if ent.label_ == "DATE"]
            self._dates = (dates, [start for start, _, _ in dates])
        dates, starts = self._dates
        first, last = bisect.bisect_left(starts, clause.start), bisect.bisect_left(starts, clause.end)
        return [text for start, end, text in dates[first:last] if end <= clause.end and start not in skip]


def _in_a_cause_phrase(token) -> bool:
    """Does the token lie in an "after/following ..." phrase or clause: what led to the event?"""
    for node in [token, *token.ancestors]:
        if node.dep_ == "pobj" and node.head.lower_ in CAUSE_WORDS:
            return True
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CAUSE_WORDS for c in node.children):
            return True
    return False


CAUSE_WORDS = ("after", "following")
# a word that names a day or a month (not "months", "hours": a length of time)
DEICTIC_DAYS = frozenset({"yesterday", "today", "tonight"})
DAY_NUMBER = re.compile(r"\d{1,2}(?:st|nd|rd|th)?")


def _names_a_day(word: str) -> bool:
    return word in CALENDAR_NAMES or word in DEICTIC_DAYS or DAY_NUMBER.fullmatch(word) is not None


def _takes_a_toll(event: Event) -> bool:
    """Deaths told with a protest are what it protests, unless forces killed the protesters
    (Excessive force against protesters, whose toll ACLED counts)."""
    return event.event_type != "Protests" or event.sub_event_type == "Excessive force against protesters"


def _counts_since(token) -> bool:
    """True for a present perfect counted from an earlier time ("extremists have bombed two
    towns and fired mortars since the talks broke down"): a summary of past events, not a new one."""
    verb = next((t for t in [token, *token.ancestors] if t.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return False
    while verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        verb = verb.head
    coordinated = [verb, *verb.conjuncts]
    anchors = _suppressor_cues()["anchor_prepositions"]
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBP", "VBZ") for c in verb.children)
    since = any(
        (c.dep_ == "prep" and c.lower_ in anchors and not _recent_anchor(c))
        or (c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in anchors for m in c.children))
        or _lasts_a_long_span(c)
        for v in coordinated for c in v.children
    )
    return perfect and since


def _bare_cause(token) -> bool:
    """Is the trigger a bare noun ("fighting", "clashes": no article, modifier, place or date)
    that "because of", "due to" or "owing to" gives as a cause?"""
    if token.dep_ != "pobj" or any(True for _ in token.children):
        return False
    head = token.head
    words = head.lower_ if head.lower_ == "because" else f"{head.head.lower_} {head.lower_}"
    return words in _suppressor_cues()["bare_cause_prepositions"]


def _lasts_a_long_span(preposition) -> bool:
    """"(have fought) for months", "for two years": a present perfect lasting weeks or more sums
    up a period; "for two days" may still be the fighting the report is about."""
    units = _suppressor_cues()["duration_units"]
    return preposition.dep_ == "prep" and preposition.lower_ == "for" and any(
        c.dep_ == "pobj" and c.lemma_.lower() in units for c in preposition.children)


def _recent_anchor(preposition) -> bool:
    """"since Monday", "since dawn": a fresh event still going on, not a count of past ones."""
    objects = [c for c in preposition.children if c.dep_ == "pobj"]
    return bool(objects) and all(o.ent_type_ in ("DATE", "TIME") and not re.search(r"\b\d{4}\b", _subtree_span(o).text)
                                 for o in objects)


def _headline_passive(verb) -> bool:
    """A headline's passive without its auxiliary ("Man taken into custody after standoff"):
    the participle's subject is the one it happened to. Headlines drop articles too, so a
    subject with a determiner ("the forces engaged ...") is read as a past tense, not this."""
    children = list(verb.children)
    subjects = [c for c in children if c.dep_ == "nsubj"]
    # the tagger may call "taken" a past tense; a form in -en that is not the lemma is a participle
    participle = verb.tag_ == "VBN" or (verb.lower_.endswith("en") and verb.lower_ != verb.lemma_.lower())
    return (participle and verb.dep_ == "ROOT" and len(verb.sent) <= HEADLINE_TOKENS and bool(subjects)
            and not any(c.dep_ in ("aux", "auxpass") for c in children)
            and not any(d.dep_ in ("det", "poss") for s in subjects for d in s.children))


@lru_cache(maxsize=1)
def _classifier_only_cues() -> dict[str, re.Pattern]:
    raw = read_data_json("triggers.json")["classifier_only_cues"]
    return {kind: re.compile(r"\b(?:" + "|".join(words) + r")\b", re.IGNORECASE) for kind, words in raw.items() if kind != "about"}


def _holds_a_word_of(event_type: str, text: str) -> bool:
    """Does a sentence coded by the classifier alone hold a word of its event type, where the
    type asks for one (triggers.json's 'classifier_only_cues')?"""
    cue = _classifier_only_cues().get(event_type)
    return cue is None or cue.search(text) is not None


@lru_cache(maxsize=1)
def _sequel_pattern() -> re.Pattern:
    return re.compile("|".join(read_data_json("triggers.json")["sequel_cues"]["patterns"]), re.IGNORECASE)


def _tells_a_sequel(text: str) -> bool:
    """Does a sentence tell a new development after what was told ("later", "three more
    militants")? (triggers.json's 'sequel_cues')"""
    return bool(_sequel_pattern().search(text))


@lru_cache(maxsize=1)
def _suppressor_cues() -> dict[str, frozenset[str]]:
    """Cue lists of triggers.json's 'suppressors' beyond the lemmas (see its 'about')."""
    raw = read_data_json("triggers.json")["suppressors"]
    keys = ("anchor_prepositions", "bare_cause_prepositions", "duration_units", "habitual_adverbs",
            "relative_pronouns", "hypothetical_modifiers", "negating_prepositions", "cause_marks", "period_nouns",
            "media_nouns", "hearsay_verbs", "roundup_quantifiers", "roundup_nouns", "framing_marks",
            "falsehood_modifiers")
    return {key: frozenset(raw[key]) for key in keys}


@lru_cache(maxsize=1)
def _lethal_yields() -> dict[str, str]:
    return read_data_json("merge.json")["lethal_yields"]


@lru_cache(maxsize=1)
def _arrest_operation() -> re.Pattern:
    """The words for an operation that an arrest in the same sentence was made in (merge.json)."""
    return re.compile(r"(?:" + "|".join(read_data_json("merge.json")["arrest_operations"]) + r")", re.IGNORECASE)


def _default_force() -> ResolvedActor | None:
    """Who arrests, or fires on a crowd, when the text does not say ("14 people were arrested"):
    the police, as ACLED codes it; the country is added to the name once the event is placed."""
    entry = actor_index().generic.get("police")
    if entry is None:
        return None
    name, inter, kind = entry
    return ResolvedActor(name, inter, generic=True, kind=kind)


def _subject_actor(verb) -> ResolvedActor | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "poss"):
            phrase = _phrase(child)
            actor = resolve_phrase(phrase, "")
            if actor is None:
                text = " ".join(t.text for t in phrase)
                return ResolvedActor(text, "", generic=False) if any(t.pos_ == "PROPN" for t in phrase) else None
            return actor
    if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN"):
        return resolve_phrase(_phrase(verb.head), "")
    acronym = next((c for c in verb.children if c.dep_ in ("auxpass", "aux") and c.text.isupper() and len(c.text) > 1), None)
    if acronym is not None:
        # "Boko Haram/IS claimed ...": the group's acronym read as the verb "is"; the words up to
        # it are the subject
        subject = [t for t in verb.doc[max(verb.sent.start, acronym.i - 6): acronym.i + 1]]
        return known_actor("".join(t.text_with_ws for t in subject))
    return None


def _nobody(subject) -> bool:
    """"no one", "nobody", "none (of them)", "no protester": a subject that denies the act."""
    return subject.lower_ in ("nobody", "none", "noone") or any(
        c.dep_ == "det" and c.lower_ == "no" for c in subject.children)


def _phrase(token) -> list:
    """A noun phrase without its relative clauses, appositions, conjuncts and clausal modifiers."""
    skip: set[int] = set()
    for child in token.children:
        if child.dep_ in ("relcl", "acl", "appos", "advcl", "punct", "conj", "cc") and child.i > token.i:
            skip.update(t.i for t in child.subtree)
    return [t for t in token.subtree if t.i not in skip]


def _names_a_place(tokens) -> bool:
    return any(t.ent_type_ in ("GPE", "LOC", "FAC") or (t.pos_ == "PROPN" and t.ent_type_ not in ("PERSON", "ORG", "NORP"))
               for t in tokens)


ATTRIBUTION = re.compile(r",?\s*\baccording to\b[^,.;]*", re.IGNORECASE)


def _without_attribution(text: str) -> str:
    """The clause less its source ("..., according to residents"): who told it took no part."""
    return ATTRIBUTION.sub("", text)


def _clause_local(token) -> list:
    """The token and its dependents, without descending into other clauses."""
    out = [token]
    for child in token.children:
        if child.dep_ in CLAUSAL_DEPS or child.dep_ in ("mark", "advcl"):
            continue
        out.extend(_clause_local(child))
    return out


def _modifier_tokens(clause, key, triggers: frozenset[int] | set[int] = frozenset()) -> set[int]:
    """The tokens of the clause's relative, participle, prepositional and own conjoined clauses: in "took the
    village, previously held by rebels" or "protested against him for previously beating a
    student" the earlier time belongs to the village or the cause, not the event. A modifier that
    holds the event's own trigger stays ("the M23, which seized Goma earlier this year, ...")."""
    modifiers = [t for t in clause if t.i != key.i and (t.dep_ in ("acl", "relcl", "pcomp") or (
        t.dep_ == "advcl" and t.tag_ == "VBN" and not any(c.dep_ in SUBJECT_DEPS for c in t.children))
        or _own_conjoined_clause(t) or _that_clause(t))
        and not any(t.left_edge.i <= i <= t.right_edge.i for i in triggers)]
    return {t.i for modifier in modifiers for t in modifier.subtree}


def _done_by_its_own(predicate, report_verb) -> bool:
    """"its fighters attacked", "their drones struck", "its militants planted the bomb that
    killed ...": the speaker's own forces did it (a verb between the act and the report has a
    subject the speaker owns)."""
    for verb in [predicate, *predicate.ancestors]:
        if verb.i == report_verb.i:
            return False
        if any(c.dep_ in SUBJECT_DEPS and any(p.dep_ == "poss" and p.lower_ in ("its", "their", "our") for p in c.children)
               for c in verb.children):
            return True
    return False


def _could_be_its_own(doer: ResolvedActor | None, speaker: ResolvedActor) -> bool:
    """Can the act a party reports be its own? Not when the text names another doer: unknown
    attackers ("suicide bombers ..., a CJTF official said"), another group, or forces of another
    kind ("a junta jet bombed the village, the local PDF said")."""
    if doer is None:
        return True
    if doer.unidentified or doer.inter != speaker.inter:
        return False
    return doer.generic or doer.name == speaker.name


def _names_another_place(unit, earlier: Event) -> bool:
    """Does a sentence open on a place ("In Nakuru, protesters ...": a GPE or LOC entity in a
    locative phrase at its start) that the earlier event's own sentence does not name? Then it
    tells of somewhere else, not more of that event. (A place inside the sentence may belong to
    another clause: "... emerged after the spy chief arrived in Kabul".)"""
    told = earlier.own_sentence()
    opening = unit[0].lower_ in PLACE_PREPOSITIONS
    return opening and any(ent.label_ in ("GPE", "LOC") and ent.text not in told and ent.start - unit.start <= 4
                           for ent in unit.ents)


PLACE_PREPOSITIONS = ("in", "at", "near", "outside", "inside", "around", "across")  # "In Nakuru, ..."


def _flown_by_a_state(predicate, speaker: ResolvedActor) -> bool:
    """Is the act done by a jet, a warplane or a helicopter ("a fighter jet dropped two bombs ...,
    a member of the local PDF said") while the speaker is an armed group with no air force? Then
    it reports the other side's strike. (Drones are flown by armed groups too.)"""
    if speaker.inter == "State forces":
        return False
    manned = lexicon().aircraft_heads - {"drone", "drones"}
    for verb in [predicate, *predicate.ancestors][:3]:
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS and child.lower_ in manned:
                return True
    return False


def _generic_present(token) -> bool:
    """A verb in the simple present in a relative clause ("the front, which fights for control of
    the mines") or said in a past report ("the Kremlin said its forces strike only military
    targets"): what someone habitually does or claims to do, not an act reported."""
    if token.tag_ not in ("VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") for c in token.children):
        return False
    if token.dep_ == "relcl":
        return True
    return token.dep_ == "ccomp" and token.head.tag_ == "VBD" and token.head.lemma_.lower() in _suppressor_cues()["hearsay_verbs"]


def _shown_by_media(token) -> bool:
    """Is the trigger what a video, image or footage "showed" ("Television images showed officers
    pushing through burning tyres")? News shows again what it has told."""
    media = _suppressor_cues()["media_nouns"]
    for node in (token, *token.ancestors):
        if node.lemma_.lower() in ("show", "depict", "capture") and any(
                c.dep_ in SUBJECT_DEPS and c.lower_ in media for c in node.children):
            return True
    return False


def _own_day_words(verb) -> set[str]:
    """The day words attached to a clause's verb itself ("killed ... on Sunday")."""
    words = set()
    for child in verb.children:
        if child.dep_ == "prep":
            for g in child.children:
                if g.dep_ == "pobj" and g.ent_type_ == "DATE":
                    words.add(g.text.lower())
                elif g.dep_ == "pobj" and g.ent_type_ == "TIME":
                    # "on Tuesday night": the day is the time's modifier
                    words |= {t.text.lower() for t in g.children if t.ent_type_ == "DATE"}
        elif child.dep_ in ("npadvmod", "tmod") and child.ent_type_ == "DATE":
            words.add(child.text.lower())
    return words


def _clause_verb(token):
    """The verb of the clause a token belongs to, or None."""
    for node in (token, *token.ancestors):
        if node.pos_ in ("VERB", "AUX"):
            return node
    return None


def _told_as_false(token) -> bool:
    """Does the trigger sit in the content of something the report calls false ("false claims
    that ...", "unfounded rumours of ...")?"""
    false = _suppressor_cues()["falsehood_modifiers"]
    return any(node.pos_ == "NOUN" and any(c.dep_ == "amod" and c.lower_ in false for c in node.children)
               for node in token.ancestors)


def _one_of_the_worst(token) -> bool:
    """Is the trigger the plural noun of "one of the deadliest attacks" (a ranking of the event
    told, among others of its kind)?"""
    return (token.tag_ == "NNS" and token.dep_ == "pobj" and token.head.lower_ == "of"
            and token.head.head.lower_ == "one" and any(c.tag_ == "JJS" for c in token.children))


def _in_another_clause(token, predicate) -> bool:
    """Does the token lie in an adverbial, relative or participle clause that does not hold the
    predicate (what the clause tells is not what the event's clause asserts)?"""
    for node in (token, *token.ancestors):
        if node.i == predicate.i:
            return False
        if node.dep_ in ("advcl", "relcl", "acl") and not (node.left_edge.i <= predicate.i <= node.right_edge.i):
            return True
    return False


def _across_many_places(token) -> bool:
    """Is the trigger's clause a circumstance set "on several front lines", "in many areas" ("...,
    as fighting flared on several front lines": a roundup framing the event told)? (A sentence
    that tells protests "in several cities" as its own news is left to the events stage.)"""
    cues = _suppressor_cues()
    framing = token.dep_ in ("pcomp", "advcl") or token.head.dep_ == "advcl" or token.head.lower_ in cues["framing_marks"]
    if not framing:
        return False
    # the verb of the clause, or the participle on a noun ("as fighting flared on several fronts")
    nodes = [token, token.head, *(c for c in token.children if c.dep_ in ("acl", "relcl"))]
    for prep in (c for node in nodes for c in node.children if c.dep_ == "prep"):
        for place in (c for c in prep.children if c.dep_ == "pobj"):
            words = [t.lower_ for t in place.subtree]
            if place.lower_ in cues["roundup_nouns"] and any(w in cues["roundup_quantifiers"] for w in words[:3]):
                return True
    return False


def _told_as_a_habit(token) -> bool:
    """Does the trigger sit under a simple present that a frequency adverb modifies ("the group
    rarely says it has carried out attacks", "gunmen often raid villages"), or under "continue(s)
    to": a habit, not an act?"""
    adverbs = _suppressor_cues()["habitual_adverbs"]
    for node in (token, *token.ancestors):
        if node.tag_ in ("VBZ", "VBP") and any(c.dep_ == "advmod" and c.lower_ in adverbs for c in node.children):
            return True
        if node.tag_ in ("VBZ", "VBP") and node.lemma_.lower() in ("continue", "keep") and any(
                c.dep_ == "xcomp" for c in node.children):
            return True  # "its factions continue to carry out ambushes": what they go on doing
    return False


def _semicolon_between(clause, head) -> bool:
    """Is a semicolon written between a clause and the word it hangs from? The parser sometimes
    takes the first of two clauses joined by one as what the second one says."""
    if clause.i < head.i:
        between = clause.doc[clause.right_edge.i + 1: head.i]
    else:
        between = clause.doc[head.i + 1: clause.left_edge.i]
    return any(t.text == ";" for t in between)


def _that_clause(token) -> bool:
    """A relative clause the parser took for an adverbial one ("a village that troops had
    entered the week before")."""
    return token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "that" for c in token.children)


def _own_conjoined_clause(token) -> bool:
    """A verb conjoined to another with a subject of its own ("arrested 3 men, one of them wanted
    for attacks in 2021"): a clause of its own, whose times are not the first one's."""
    return token.dep_ == "conj" and any(c.dep_ in SUBJECT_DEPS for c in token.children)


def _participle_adjective(span) -> bool:
    """A one-word past participle used as an adjective ("detained activists", "abducted pupils")
    or after a pronoun ("nine of those detained had been released"): it describes people by what
    happened to them before, it tells of no new event."""
    root = span.root
    if len(span) != 1 or root.tag_ != "VBN":
        return False
    return (root.dep_ == "amod" and root.head.pos_ in ("NOUN", "PROPN")) or (
        root.dep_ == "acl" and root.head.lower_ in ("those", "others", "all", "some", "most", "many"))


def _came_under(verb) -> bool:
    """'came under attack', 'came under fire': a verb whose subject is what was attacked."""
    return verb.lemma_.lower() == "come" and any(c.dep_ == "prep" and c.lower_ == "under" for c in verb.children)


def _subtree_span(token):
    tokens = list(token.subtree)
    return token.doc[tokens[0].i: tokens[-1].i + 1]


def _year(published: str | None) -> int | None:
    if published and re.match(r"\d{4}", published):
        return int(published[:4])
    return None
