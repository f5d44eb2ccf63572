from eventatlas.incidents import main_report
from eventatlas.incidents.report import main_event, main_non_event
from eventatlas.models import Document, Event, ExtractionResult, NonEvent, Span


def _event(sentence: int, background: bool = False, evidence: int = 1) -> Event:
    spans = [Span(text=f"s{sentence}", start=0, end=2)] * evidence
    return Event(event_type="Protests", sub_event_type="Peaceful protest", sentence=sentence,
                 background=background, evidence=spans, event_id=f"e{sentence}")


def test_main_event_prefers_new_well_evidenced_early_events():
    events = [_event(0, background=True, evidence=3), _event(1), _event(2, evidence=2)]
    assert main_event(events).sentence == 2
    assert main_event([]) is None


def test_main_non_event_takes_the_first_crime_like_one():
    crime = NonEvent(category="ORG_CRIME", sentence=4, evidence=[Span(text="x", start=0, end=1)])
    talks = NonEvent(category="DIPLO", sentence=1, evidence=[Span(text="y", start=0, end=1)])
    assert main_non_event([talks, crime]) is crime
    assert main_non_event([talks]) is None


def test_main_non_event_takes_violence_set_aside_as_a_crime_story():
    # the document stage sets aside a shooting told as a police case with reason CRIME: still
    # one real incident that other outlets report, so the document is linked by it
    story = NonEvent(category="CRIME", sentence=2, evidence=[Span(text="x", start=0, end=1)])
    plan = NonEvent(category="OTHER", sentence=0, evidence=[Span(text="y", start=0, end=1)])
    assert main_non_event([plan, story]) is story


def test_main_report_carries_the_document():
    document = Document(text="Hundreds marched in Nairobi on Sunday.", title="March in Nairobi",
                        url="https://www.daily.example/news/1", published="2021-09-06")
    result = ExtractionResult(document=document, events=[_event(0)])
    report = main_report(result)
    assert report.report_id == "e0" and report.document_id == document.id
    assert report.outlet == "daily.example"
    assert report.context.startswith("March in Nairobi Hundreds marched")
    assert main_report(ExtractionResult(document=document)) is None


def _sentences(*texts: str) -> Document:
    from eventatlas.models import Sentence

    sentences, start = [], 0
    for index, text in enumerate(texts):
        sentences.append(Sentence(index=index, start=start, end=start + len(text), text=text))
        start += len(text) + 1
    return Document(text=" ".join(texts), sentences=sentences)


def test_the_lede_is_the_first_sentence_long_enough_to_say_something():
    from eventatlas.incidents.report import lede_non_event

    document = _sentences("(Channel 9)", "A boy of nine was hurt when a rifle went off in a barn near Ames.", "More later.")
    lede = lede_non_event(document)
    assert lede.category == "LEDE" and lede.sentence == 1
    assert lede.evidence[0].text.startswith("A boy of nine")
    assert lede_non_event(_sentences("Menu", "Sign in")) is None


def test_a_document_with_no_event_is_linked_by_its_opening_sentence():
    from eventatlas.nlp import parse

    document = Document(id="doc-ames", title="Boy hurt in farm accident",
                        text="A boy of nine was hurt on Saturday when a rifle went off in a barn near Ames, Iowa. "
                             "Deputies said the wound was not life threatening.",
                        published="2021-10-03")
    result = ExtractionResult(document=parse(document))
    assert main_report(result, fallback=False) is None
    report = main_report(result)
    assert report.kind == "non_event" and report.event_type == "LEDE"
    assert report.evidence.startswith("A boy of nine")
    assert report.country_code == "US"


def test_a_look_alike_is_placed_from_the_opening_up_to_its_own_sentence(nlp):
    from eventatlas.incidents.report import opening_of
    from eventatlas.nlp.parse import parse

    sentences = [f"Sentence {n} tells of Harlow and of nothing else much." for n in range(12)]
    document = parse(Document(text=" ".join(sentences), title="A long story"), nlp)
    assert len(document.sentences) == 12
    early = opening_of(document, 0)  # no fewer than the opening place_sentences
    assert len(early.sentences) == 5 and document.text.startswith(early.text)
    assert early.spacy_doc.text == early.text and len(list(early.spacy_doc.sents)) == 5
    assert early.id == document.id and early.title == document.title
    late = opening_of(document, 8)  # up to and with the look-alike's own sentence
    assert len(late.sentences) == 9 and late.text.rstrip().endswith(document.sentences[8].text)
    assert opening_of(document, 11) is document  # nothing to cut
