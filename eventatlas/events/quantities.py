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
HEDGE = r"(?:a total of|in total|at least|more than|over|nearly|almost|about|around|some|up to|as many as|an estimated|roughly|approximately|close to|fewer than|less than)"


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
_KILLED = r"(?:killed|neutrali[sz]ed|dead|died|deaths|were killed|was killed|have been killed|had been killed|lost their lives|fatalities|bodies|slain|shot dead|perished|lives|lynched|murdered|executed|beheaded|assassinated|(?:beaten|stabbed|hacked|stoned|clubbed|burn(?:ed|t)) to death)"
_AFTER_NUMBER = re.compile(
    # (not "how many people were killed": a question, no count)
    # "46 people, mostly women and children, were killed": an aside between commas may come first
    rf"\b(?<!how )(?P<num>(?:{HEDGE}\s+)?{NUMBER})\s+(?!{_UNITS})(?:[A-Za-z-]+\s+){{0,2}}?(?:[A-Za-z-]+,(?:\s+[\w-]+){{1,5}},\s+)?"
    rf"(?:(?:[A-Za-z-]+)\s+){{0,5}}?{_KILLED}\b", re.IGNORECASE
)
_BEFORE_NUMBER = re.compile(
    rf"\b(?:killing|killed|kills|neutrali[sz](?:ed|ing)|shot dead|gunned down|gunning down|executed|executing|murdered|murdering|massacred|massacring|slaughtered|slaughtering|beheaded|beheading|assassinated|shot and killed|claimed the lives of|deaths? of|death toll (?:\w+ ){{0,3}}?(?:to|at|of|reached|rose to|stood at)|toll (?:rose|rises|climbed) to|left|(?:the )?bodies of)\s+(?P<num>(?:{HEDGE}\s+)?{NUMBER})\b(?!\s+(?:injured|wounded|hurt|operations?|attacks?|raids?|missions?|plans?|orders?|strikes?|warrants?)\b)",
    re.IGNORECASE,
)
_LETHAL = r"(?:killed|shot dead|slain|murdered|executed|beheaded|assassinated|lynched|beaten to death|stabbed to death|hacked to death|burn(?:ed|t) alive|lynched to death)"
# "stoned ... to death", "beaten ... to death"
_TO_DEATH_VERBS = r"(?:lynched|stoned|shot|shooting|beat|beaten|burn(?:ed|t)|hacked|stabbed|clubbed|hanged|tortured)"
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
    r"(?:died|succumbed|passed away|lost (?:his|her) life)\b(?!\s+(?:of|from)\s+(?:covid|coronavirus|natural|illness|disease|cancer))",
    re.IGNORECASE,
)
# "he died on the way to hospital", "X, who stood in front of the police, was shot and died": one
# death told of a person already named
_ONE_PERSON_DIED = re.compile(
    r"\b(?:he|she)\s+(?:later\s+|subsequently\s+|then\s+)?(?:died|succumbed)\b(?!\s+(?:of|from)\s+(?:covid|natural|illness|disease|cancer))"
    r"|\bwas\s+(?:shot|stabbed|beaten|hit|struck|run over|hacked)\s+and\s+(?:later\s+)?died\b",
    re.IGNORECASE,
)
_AND_HIMSELF = re.compile(r"\b(?:killing|killed)\b[^.;]{0,60}?\b(?:and|besides|as well as) (?:himself|herself)\b", re.IGNORECASE)
# "two suicide bombers ... killing 4 traders besides themselves": the bombers, counted
_AND_THEMSELVES = re.compile(r"\b(?:killing|killed)\b[^.;]{0,60}?\b(?:and|besides|as well as) themselves\b", re.IGNORECASE)
_BOMBERS = re.compile(rf"\b(?P<num>{NUMBER})\s+(?:[a-z-]+\s+){{0,2}}?(?:suicide )?(?:bombers|attackers|assailants)\b", re.IGNORECASE)
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
    rf"(?:[A-Za-z'’-]+\s+){{0,2}}?to death\b"
    # "a mob beat to death two suspected thieves"
    rf"|\b{_TO_DEATH_VERBS}\s+to death\s+(?P<num_after>{NUMBER})\b"
    # "caught two young men ... and beat them to death"
    rf"|\b(?P<num_them>{NUMBER})\s+(?:[A-Za-z'’-]+,?\s+){{0,20}}?{_TO_DEATH_VERBS}\s+them\s+to death\b"
    # "seized 3 men ..., beat them and burned them alive"
    rf"|\b(?P<num_alive>{NUMBER})\s+(?:[A-Za-z'’-]+,?\s+){{0,20}}?burn(?:ed|t)\s+them\s+alive\b",
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
        or _DENIED_FIGURE.search(text[max(0, start - 16): start])
        or _CAUSE_BEFORE.search(text[max(0, start - 12): start])
    )


# "Two gunmen shot dead a reporter": an active killing verb right before its object
_ACTIVE_KILLERS = re.compile(r"(?![^.;]*\b(?:were|was|have been|had been|are|is|be|been)\b).*", re.IGNORECASE | re.DOTALL)
_OBJECT_AFTER = re.compile(r"\s+(?:a|an|the|his|her|their|its|one|two|three|four|five|six|\d+)\b", re.IGNORECASE)
# "After a teenager was killed during a police raid, residents set buses alight": a death told
# as what led to the event is not its toll
_CAUSE_BEFORE = re.compile(r"\b(?:after|following|over|since)\s+$", re.IGNORECASE)
# "No one died", "not one person was killed": the figure is denied
_DENIED_FIGURE = re.compile(r"\b(?:no|not|not a single)\s+$", re.IGNORECASE)


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
_LIST_ITEM = rf"(?:{HEDGE}\s+)?{NUMBER}\s+(?:{_WORD}\s+){{0,3}}?"
# The last item may be one person without a figure: "two soldiers and a civilian", "8 guards and
# their driver" count the driver once.
_ONE_MORE = r"(?:a|an|one|the|their|his|her|its)\s+(?:{w}\s+){{0,3}}?{w}".format(w=_WORD)
_LIST_TAIL = rf"(?:\s*,\s*{_LIST_ITEM}{_WORD})*\s*,?\s+and\s+(?:(?:her|his|their|its)\s+)?(?:{_LIST_ITEM}{_WORD}|{_ONE_MORE})"
# After a killing verb the first item may be one person too: "killing a woman and her two children"
# (not before the verb, where "A clash broke out and 3 rebels were killed" is no list).
_FIRST_ONE = r"(?:a|an|the)\s+(?:{w}\s+){{0,2}}?".format(w=_WORD)
_COUNT_LIST = re.compile(
    rf"\b(?P<list>{_LIST_ITEM}{_WORD}{_LIST_TAIL})\s+(?:(?:were|have been|had been|was)\s+(?:killed|shot dead|slain|neutrali[sz]ed)|died|perished|lost their lives"
    # "reported 4 soldiers and 2 fighters killed": the reduced relative, with no object after it
    r"|killed(?=\s*(?:[.,;]|$|\s+(?:in|on|at|during|near|when|while|and)\b)))\b"
    # the same list as the object of a killing verb: "killing 3 soldiers and 5 militants"
    rf"|\b(?:killing|killed|kills|shot dead|neutrali[sz](?:ed|ing))\s+(?P<object_list>(?:{_LIST_ITEM}|{_FIRST_ONE}){_WORD}{_LIST_TAIL})",
    re.IGNORECASE,
)
_AGE = re.compile(r"\b\d{1,3}[- ]years?[- ]olds?\b", re.IGNORECASE)
# "17 people, the bomber among them, died": an aside inside the count names part of the total.
_ASIDE = re.compile(r",\s+(?:[^,.;]{1,40}?\s+among (?:them|the dead)|among them [^,.;]{1,40}?|[^,.;]{1,40}?\s+included)\s*,",
                    re.IGNORECASE)
# "one fighter also died": a figure told as adding to one already given is summed with it.
# So is one told of as others or more: "3 were killed and 2 others died later in hospital".
_ALSO = re.compile(r"\b(?:also|as well|too|others|additional|further)\b|\bmore\b(?!\s+than)", re.IGNORECASE)


_FIGURE = re.compile(rf"(?<![\w-]){NUMBER}(?![\w-])", re.IGNORECASE)  # a number standing alone


def _list_total(items: str) -> int | None:
    """The sum of a list of counts; an item with no figure ("and their driver") counts one."""
    values = [parse_number(item) for item in _FIGURE.findall(items)]
    first = re.split(r"\s*,\s*|\s+and\s+", items, maxsplit=1)[0]
    if re.match(r"(?:a|an|the)\s", first, re.IGNORECASE) and not _FIGURE.search(first[2:]):
        values.insert(0, 1)  # "a woman and ...", "the chief and ...", not "the two brothers and ..."
    if not values or not all(values):
        return None
    one_more = re.search(rf"\band\s+{_ONE_MORE}$", items, re.IGNORECASE)
    if one_more and not _FIGURE.search(one_more.group(0)[4:]):
        values.append(1)  # "and their driver", not "and her two children" (counted above)
    return sum(values) if len(values) >= 2 else None


# "nine fighters, among them two commanders, died": a count after
# "including" is part of the total, not another toll.
_INCLUDING = re.compile(r"\b(?:including|among them|among whom|of whom)\b[^.;,]{0,40}$", re.IGNORECASE)
_TOTAL_INCLUDING = re.compile(
    rf"\b(?P<num>(?:{HEDGE}\s+)?{NUMBER})\s+(?:[A-Za-z'-]+\s+){{0,4}}?[A-Za-z'-]+,?\s+(?:including|among them)\b[^.;]{{0,80}}?"
    rf"\s+(?:were|was|have been|had been)\s+(?:killed|shot dead|slain)\b",
    re.IGNORECASE,
)


# The dead of two sides are different people: a figure of soldiers, one of militants and one of
# civilians are all counted.
_SIDES = {
    "forces": re.compile(r"\b(?:soldiers?|troops|servicemen|policem[ae]n|police officers?|officers?|gendarmes?|"
                         r"personnel|guards?|jawans|marines|militiam[ae]n of the government)\b", re.IGNORECASE),
    "armed group": re.compile(r"\b(?:militants?|insurgents?|rebels?|jihadists?|terrorists?|assailants?|attackers?|"
                              r"gunmen|bandits?|fighters?|separatists?|extremists?)\b", re.IGNORECASE),
    "civilians": re.compile(r"\b(?:civilians?|villagers?|residents?|passengers?|worshippers?|pupils?|students?|"
                            r"farmers?|herders?|traders?|miners?|children|women)\b", re.IGNORECASE),
}


def _side(words: str) -> str | None:
    """Which side the dead of a figure were on, when the words say it and only one side."""
    sides = [side for side, pattern in _SIDES.items() if pattern.search(words)]
    return sides[0] if len(sides) == 1 else None


# "Two more died in hospital, raising the toll to nine", "the death toll rose to 14": the
# running total of the event, which outranks the increments told with it.
_TOLL_NOUN = r"(?:(?:death|casualty|fatality) )?toll|number of (?:the )?(?:dead|deaths|those killed|fatalities)"
_RUNNING_TOLL = re.compile(
    rf"\b(?:{_TOLL_NOUN})\s+(?:\w+\s+){{0,5}}?(?:has\s+|had\s+)?(?:rose|rises|risen|climbed|climbs|jumped|increased|reached|reaches|hit|stood at|stands at|is now|was now)\s+(?:to\s+)?(?P<num>(?:{HEDGE}\s+)?{NUMBER})\b"
    rf"|\b(?:raising|bringing|taking|pushing|lifting|raised|brought|took|pushed)\s+(?:the|its|their)\s+(?:\w+\s+){{0,2}}?(?:{_TOLL_NOUN})\s+(?:\w+\s+){{0,2}}?to\s+(?P<num2>(?:{HEDGE}\s+)?{NUMBER})\b",
    re.IGNORECASE,
)

_NOT_RUNNING = re.compile(r"\b(?:injur\w*|wound\w*|hurt|arrest\w*|this|last|past|since|so far|year|month|week)\b", re.IGNORECASE)


def running_toll(text: str) -> int | None:
    """The running death toll a text states ("raising the toll to nine"), else None; of
    several, the lowest (ACLED takes the lowest figure reported)."""
    values = []
    for match in _RUNNING_TOLL.finditer(text):
        if _NOT_RUNNING.search(match.group(0)):
            continue  # "the toll of injured rose to 40", "the number of deaths this year rose to 30"
        value = parse_number(match.group("num") or match.group("num2"))
        if value:
            values.append(value)
    return min(values) if values else None


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
    # "a 67-year-old woman was killed": an age is no count, and the victim's words read on past it
    text = _AGE.sub("young", text)
    toll = running_toll(text)
    if toll is not None:
        return toll
    text = _ASIDE.sub("", text)
    figures: list[int] = []
    added: list[int] = []  # figures told as coming on top of the others ("also died")
    by_side: dict[str, list[int]] = {}  # figures of the dead of each side (forces, armed groups)
    counted: list[tuple[int, int]] = []  # spans already summed as a list
    for match in _COUNT_LIST.finditer(text):
        if _INCLUDING.search(text[: match.start()]):
            continue  # "14 militants, including a leader and two lieutenants, were killed": part of the total
        total = _list_total(match.group("list") or match.group("object_list"))
        if total and not _no_toll(text, match.start(), match.start() + len(match.group(0))):
            figures.append(total)
            counted.append((match.start(), match.end()))
    for pattern in (_TOTAL_INCLUDING, _AFTER_NUMBER, _BEFORE_NUMBER, _WHO_DIED, _TO_DEATH):
        for match in pattern.finditer(text):
            if any(a < match.end() and match.start() < b for a, b in counted) or _INCLUDING.search(text[: match.start()]):
                continue
            if _no_toll(text, match.start(), match.end(), victim_follows=pattern is _BEFORE_NUMBER):
                continue
            if pattern is _AFTER_NUMBER and _ACTIVE_KILLERS.match(match.group(0)) and _OBJECT_AFTER.match(text, match.end()):
                continue  # "two men on a motorbike shot dead a reporter": the figure counts the killers
            number = next((value for name, value in match.groupdict().items() if name.startswith("num") and value), "")
            value = 1 if number.lower() in ("a", "an") else parse_number(number)
            if value and pattern is _AFTER_NUMBER and _ALSO.search(match.group(0)):
                added.append(value)
                counted.append((match.start(), match.end()))
            elif value:
                figures.append(value)
                victims = match.group(0) if pattern is not _BEFORE_NUMBER else match.group(0) + re.split(
                    r"[.;,]", text[match.end(): match.end() + 40], maxsplit=1)[0]
                side = _side(victims)
                if side:
                    by_side.setdefault(side, []).append(value)
    for match in _ONE_DIED.finditer(text):  # "a policeman also died"
        if (_ALSO.search(match.group(0)) and not _no_toll(text, match.start(), match.end())
                and not any(a < match.end() and match.start() < b for a, b in counted)):
            added.append(1)
    if figures and _AND_HIMSELF.search(text):
        added.append(1)  # "killing 2 constables and himself": ACLED counts the bomber too
    elif figures and _AND_THEMSELVES.search(text) and (bombers := _BOMBERS.search(text)):
        added.append(parse_number(bombers.group("num")) or 0)
    if len(by_side) >= 2:
        # "Two soldiers were killed, while 5 militants were neutralised": no one is both, so the
        # deaths of each side add up (each side's lowest figure)
        figures.append(max(min(figures), sum(min(values) for values in by_side.values())))
        figures = [figures[-1]]
    if added and figures:
        return min(figures) + sum(added)
    figures += added
    if not figures and (any(not _no_toll(text, m.start(), m.end()) for m in _SINGLE.finditer(text))
                        or any(not _NONE_OF.search(text[: m.start()]) and not _no_toll(text, m.start(), m.end())
                               for m in _ONE_DIED.finditer(text))
                        or any(not _no_toll(text, m.start(), m.end()) for m in _ONE_PERSON_DIED.finditer(text))):
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
