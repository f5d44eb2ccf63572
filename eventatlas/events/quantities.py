"""Numbers ACLED records: fatalities (the lowest reported figure) and crowd sizes.

ACLED's conventions for vague quantities are data-like but few and fixed, so they sit here as
a table: "dozens" counts as 12, "several"/"many" as 10, "hundreds" as 100, "thousands" as 1000.
"""

from __future__ import annotations

import re

WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
    "a dozen": 12, "dozen": 12, "a couple of": 2, "couple of": 2, "several": 10, "many": 10, "scores of": 20,
    "dozens": 12, "dozens of": 12, "hundreds": 100, "hundreds of": 100, "several hundred": 200,
    "a few hundred": 200, "thousands": 1000, "thousands of": 1000, "several thousand": 2000,
    "a few thousand": 2000, "tens of thousands": 10000, "tens of thousands of": 10000,
    "hundreds of thousands": 100000, "a handful of": 5, "handful of": 5, "a few": 3, "few": 3,
}
_NUMBER_WORDS = sorted(WORD_NUMBERS, key=len, reverse=True)
NUMBER = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?(?:\s*(?:million|thousand))?|"
    + "|".join(re.escape(w) for w in _NUMBER_WORDS)
    + r")"
)
HEDGE = r"(?:at least|more than|over|nearly|almost|about|around|some|up to|as many as|an estimated|roughly|approximately|close to|fewer than|less than)"


def parse_number(text: str) -> int | None:
    text = text.strip().lower()
    text = re.sub(rf"^{HEDGE}\s+", "", text)
    if text in WORD_NUMBERS:
        return WORD_NUMBERS[text]
    match = re.match(r"([\d,.]+)\s*(million|thousand)?", text)
    if not match:
        return None
    try:
        value = float(match.group(1).replace(",", ""))
    except ValueError:
        return None
    scale = {"million": 1_000_000, "thousand": 1000}.get(match.group(2) or "", 1)
    return int(value * scale)


_UNITS = r"(?:km|kilomet\w*|miles?|met(?:er|re)s?|per ?cent|%|years?|days?|hours?|minutes?|months?|weeks?|kg|kilograms?)\b"
_KILLED = r"(?:killed|dead|died|deaths|were killed|was killed|have been killed|had been killed|lost their lives|fatalities|bodies|slain|shot dead|perished|lives|lynched|murdered|executed|beheaded|assassinated|(?:beaten|stabbed|hacked|stoned|clubbed|burn(?:ed|t)) to death)"
_AFTER_NUMBER = re.compile(
    rf"\b(?P<num>(?:{HEDGE}\s+)?{NUMBER})\s+(?!{_UNITS})(?:(?:[A-Za-z-]+)\s+){{0,5}}?{_KILLED}\b", re.IGNORECASE
)
_BEFORE_NUMBER = re.compile(
    rf"\b(?:killing|killed|kills|shot dead|gunned down|executed|executing|murdered|massacred|slaughtered|beheaded|assassinated|shot and killed|claimed the lives of|deaths? of|death toll (?:\w+ ){{0,3}}?(?:to|at|of|reached|rose to|stood at)|toll (?:rose|rises|climbed) to|left)\s+(?P<num>(?:{HEDGE}\s+)?{NUMBER})\b(?!\s+(?:injured|wounded|hurt|operations?|attacks?|raids?|missions?|plans?|orders?|strikes?|warrants?)\b)",
    re.IGNORECASE,
)
_LETHAL = r"(?:killed|shot dead|slain|murdered|executed|beheaded|assassinated|lynched|beaten to death|stabbed to death|hacked to death|burn(?:ed|t) alive|lynched to death)"
# "stoned ... to death", "beaten ... to death"
_TO_DEATH_VERBS = r"(?:lynched|stoned|beat|beaten|burn(?:ed|t)|hacked|stabbed|clubbed|hanged|tortured)"
_SINGLE = re.compile(
    rf"\b(?:a|an|one|the)\s+(?:[A-Za-z'’-]+\s+){{0,3}}?(?:was|has been|had been)\s+(?:later\s+)?{_LETHAL}\b"
    # "gunmen assassinated a mayor", "a crowd beat and killed a suspect", "fatally stabbed a guard"
    rf"|\b(?:{_LETHAL.replace('executed|', '')}|fatally (?:shot|stabbed|assaulted|wounded)|killing|lynching)\s+(?:and\s+\w+\s+)?(?:a|an|the|one)\s+(?!number\b|few\b|dozen\b|total\b|group\b)(?:[A-Za-z'’-]+\s+){{0,4}}?[A-Za-z'’-]+"
    rf"|\bleaving (?:the|a|an|one) (?:[A-Za-z-]+\s+){{0,2}}dead\b"
    # "kidnapped and executed the chief": an execution of a person, not of a plan
    rf"|\b(?:abducted|kidnapped|captured|seized) and executed\b"
    # "the crowd lynched him", "shot her dead", "stoned the thief to death": one victim
    rf"|\b(?:{_LETHAL}|lynching)\s+(?:him|her)\b|\bshot (?:him|her) dead\b"
    rf"|\b{_TO_DEATH_VERBS}\s+(?:|him\s+|her\s+|(?:a|an|the|one)\s+(?:[A-Za-z'’-]+\s+){{0,2}}?[A-Za-z'’-]+\s+)to death\b",
    re.IGNORECASE,
)
# "The driver died.", "a wounded soldier later succumbed": one death, told of a person.
_ONE_DIED = re.compile(
    r"\b(?:a|an|one|the)\s+(?:[A-Za-z'’-]+\s+){0,2}?[A-Za-z'’-]+\s+(?:later\s+|subsequently\s+)?"
    r"(?:died|succumbed|passed away)\b(?!\s+(?:of|from)\s+(?:covid|coronavirus|natural|illness|disease|cancer))",
    re.IGNORECASE,
)
_NONE_OF = re.compile(r"\b(?:none|neither|nobody|no one) of\s+$", re.IGNORECASE)
# "Police shot a suspect, who died later in hospital": the count before the relative clause.
_WHO_DIED = re.compile(
    rf"\b(?P<num>(?:{HEDGE}\s+)?{NUMBER}|an?)\s+(?:[A-Za-z'’-]+\s+){{0,3}}?[A-Za-z'’-]+,?\s+(?:who|which)\s+(?:later\s+|subsequently\s+|then\s+)?"
    rf"(?:died|succumbed|passed away)\b",
    re.IGNORECASE,
)
# "a mob stoned three thieves to death"
_TO_DEATH = re.compile(
    rf"\b{_TO_DEATH_VERBS}\s+(?P<num>{NUMBER})\s+"
    rf"(?:[A-Za-z'’-]+\s+){{0,2}}?to death\b",
    re.IGNORECASE,
)
# Deaths that are no toll of this event: animals, and killings someone is accused or suspected of.
_ANIMALS = re.compile(
    r"\b(?:oxen|ox|cattle|cows?|bulls?|goats?|sheep|camels?|donkeys?|horses?|pigs?|dogs?|chickens?|animals?|livestock|herds?)\b"
    # "a goat thief", "cattle rustlers", "livestock traders" are people
    r"(?!\s+(?:thie(?:f|ves)|rustl\w*|herd(?:er|sm[ae]n)s?|owners?|traders?|sellers?|keepers?|farmers?|breeders?|dealers?|merchants?|market))",
    re.IGNORECASE,
)
_ALLEGED = re.compile(
    r"\b(?:accused|suspected|convicted|charged|arrested|detained|jailed|sentenced|wanted|blamed|responsible|connection)\s+"
    r"(?:\w+\s+){0,2}?(?:of|for|with|in)\s+(?:the\s+|having\s+)?$",
    re.IGNORECASE,
)
_NOT_DEATHS = re.compile(r"\b(?:injur\w*|wound\w*|hurt|arrest\w*|detain\w*|no)\b", re.IGNORECASE)


def _no_toll(text: str, start: int, end: int, victim_follows: bool = False) -> bool:
    """A figure that counts no human death of this event: injured or arrested people, no deaths
    at all, animals, or a killing someone is only accused of ("arrested for killing two")."""
    window = text[start:end]
    after = text[end: end + 30]
    return bool(
        _NOT_DEATHS.search(window)
        or any(m.start() < end for m in _ANIMALS.finditer(text, start, end + 30))
        or (victim_follows and _ANIMALS.match(after.lstrip(" ,")))
        or _ALLEGED.search(text[max(0, start - 60): start])
    )


# A coder's own remark ("Fatalities coded as 0 (X reported 1)", "unknown fatalities coded as
# 10") states the figure outright: it is how analysts' notes are written.
_CODER_REMARKS = [
    # "... the toll is shared: 4 coded to each" (one toll divided over several coded events)
    re.compile(rf"\b(?P<num>{NUMBER}) (?:fatalities )?coded to each\b", re.IGNORECASE),
    # "the toll is split across 3 events (6)"
    re.compile(rf"\bsplit (?:across|between) (?:the )?\S+ events \((?P<num>{NUMBER})\)", re.IGNORECASE),
    # "fatalities coded as N (an outlet gave M)", "unknown fatalities coded at N, in addition to M confirmed"
    re.compile(rf"\bfatalit(?:y|ies) (?:(?:were|was|are|is) )?(?:coded|recorded|counted) (?:as|at) (?P<num>{NUMBER})\b"
               rf"(?:,? in addition to (?P<plus>{NUMBER}) (?:known|reported|confirmed))?", re.IGNORECASE),
    # a coder's closing count: "... Two more died in hospital. 5 fatalities."
    re.compile(rf"(?:^|[.;!]\s+|\]\s*)(?P<num>\d+|{'|'.join(w for w in WORD_NUMBERS if ' ' not in w)}) fatalit(?:y|ies)\s*(?:[.\[]|$)", re.IGNORECASE),
]


def coded_fatalities(text: str) -> int | None:
    """The figure a coder's remark states outright ("Fatalities coded as 0", "4 fatalities."),
    or None when the text has no such remark."""
    for pattern in _CODER_REMARKS:
        match = pattern.search(text)
        if match:
            value = parse_number(match.group("num")) or 0
            plus = match.groupdict().get("plus")
            return value + (parse_number(plus) or 0 if plus else 0)
    return None
# "Two gendarmes and four assailants were killed": counts of different groups are summed.
_WORD = r"(?!(?:were|was|and|had|have|injured|wounded|hurt|arrested|including|among)\b)[A-Za-z'-]+"
_LIST_ITEM = rf"{NUMBER}\s+(?:{_WORD}\s+){{0,3}}?"
_COUNT_LIST = re.compile(
    rf"\b(?P<list>{_LIST_ITEM}{_WORD}(?:\s*,\s*{_LIST_ITEM}{_WORD})*\s*,?\s+and\s+{_LIST_ITEM}{_WORD})"
    rf"\s+(?:were|have been|had been|was)\s+(?:killed|shot dead|slain)\b",
    re.IGNORECASE,
)
# "nine fighters, among them two commanders, died": a count after
# "including" is part of the total, not another toll.
_INCLUDING = re.compile(r"\b(?:including|among them|among whom|of whom)\b[^.;,]{0,40}$", re.IGNORECASE)
_TOTAL_INCLUDING = re.compile(
    rf"\b(?P<num>(?:{HEDGE}\s+)?{NUMBER})\s+(?:[A-Za-z'-]+\s+){{0,4}}?[A-Za-z'-]+,?\s+(?:including|among them)\b[^.;]{{0,80}}?"
    rf"\s+(?:were|was|have been|had been)\s+(?:killed|shot dead|slain)\b",
    re.IGNORECASE,
)


def fatalities(text: str) -> int:
    """ACLED fatalities: the lowest figure the text reports for deaths, 0 when none.

    >>> fatalities("At least 5 people were killed, some say 12")
    5
    >>> fatalities("Two gendarmes and four assailants were killed.")
    6
    """
    coded = coded_fatalities(text)
    if coded is not None:
        return coded
    figures: list[int] = []
    counted: list[tuple[int, int]] = []  # spans already summed as a list
    for match in _COUNT_LIST.finditer(text):
        items = re.findall(rf"(?<![\w-]){NUMBER}(?![\w-])", match.group("list"), re.IGNORECASE)
        values = [parse_number(item) for item in items]
        if len(values) >= 2 and all(values):
            figures.append(sum(values))
            counted.append((match.start(), match.end()))
    for pattern in (_TOTAL_INCLUDING, _AFTER_NUMBER, _BEFORE_NUMBER, _WHO_DIED, _TO_DEATH):
        for match in pattern.finditer(text):
            if any(a < match.end() and match.start() < b for a, b in counted) or _INCLUDING.search(text[: match.start()]):
                continue
            if _no_toll(text, match.start(), match.end(), victim_follows=pattern is _BEFORE_NUMBER):
                continue
            value = 1 if match.group("num").lower() in ("a", "an") else parse_number(match.group("num"))
            if value:
                figures.append(value)
    if not figures and (any(not _no_toll(text, m.start(), m.end()) for m in _SINGLE.finditer(text))
                        or any(not _NONE_OF.search(text[: m.start()]) and not _no_toll(text, m.start(), m.end())
                               for m in _ONE_DIED.finditer(text))):
        figures.append(1)
    # "Some say 12": later, higher figures from other sources are ignored, as ACLED takes the lowest.
    return min(figures) if figures else 0


_PEOPLE = r"(?:people|protesters|protestors|demonstrators|marchers|supporters|residents|students|workers|women|activists|farmers|teachers|citizens|members|participants|youths|rioters)"
_CROWD = re.compile(
    rf"\b(?P<size>(?:{HEDGE}\s+)?(?:tens of thousands|hundreds of thousands|several hundred|several thousand|a few hundred|a few thousand|dozens|hundreds|thousands|scores|\d{{1,3}}(?:,\d{{3}})+|\d+))(?:\s+of)?(?:\s+[a-z-]+){{0,2}}?\s+{_PEOPLE}\b"
    rf"|\bcrowds? of (?P<size2>(?:{HEDGE}\s+)?(?:{NUMBER}))"
    rf"|^(?P<size3>(?:{HEDGE}\s+)?(?:dozens|hundreds|thousands|tens of thousands))\b",
    re.IGNORECASE,
)


def crowd_size(text: str) -> tuple[str | None, int | None]:
    """The crowd size as written ("dozens", "about 300") and ACLED's estimate (12, 300)."""
    match = _CROWD.search(text.strip())
    if not match:
        return None, None
    raw = match.group("size") or match.group("size2") or match.group("size3")
    raw = raw.strip()
    value = parse_number(raw)
    if value is None:
        value = WORD_NUMBERS.get(raw.lower())
    if raw.lower() == "scores":
        value = 20
    return raw.lower() if not raw[:1].isdigit() else raw, value
