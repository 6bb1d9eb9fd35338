"""Three short Persian documents labelled by hand by two or three analysts, with every token's
BIO tag written out by hand too: the figures of the agreement and curation tests are worked
out from these."""

from __future__ import annotations

import re

from annotator.core.agreement import DocumentLabels, EventTuple, Triple, compared_event

GENEVA = "عباس عراقچی در ژنو با رافائل گروسی دیدار کرد."
GENEVA_TOKENS = [0, 4, 5, 11, 12, 14, 15, 18, 19, 21, 22, 28, 29, 34, 35, 40, 41, 44, 44, 45]
STRIKE = "اعتراض کارگران در تهران ادامه یافت."
STRIKE_TOKENS = [0, 6, 7, 14, 15, 17, 18, 23, 24, 29, 30, 34, 34, 35]
WEATHER = "هوا امروز آفتابی است."
WEATHER_TOKENS = [0, 3, 4, 9, 10, 16, 17, 20, 20, 21]

TEXTS = {"geneva": (GENEVA, GENEVA_TOKENS), "strike": (STRIKE, STRIKE_TOKENS),
         "weather": (WEATHER, WEATHER_TOKENS)}

# Each analyst's labels. Reza takes only «گروسی» where Maryam takes «رافائل گروسی», «دیدار
# کرد» for «دیدار», and «اعتراض کارگران» as the event where Maryam has «اعتراض» and the actor
# «کارگران»; his «تهران » drags a space along (off token boundaries: the tag is on «تهران»,
# but as a span it is not Maryam's). Sara labels «geneva» as Maryam does, and not «strike».
# Nobody labels anything in «weather».
MARYAM: dict[str, list[Triple]] = {
    "geneva": [(0, 11, "ACTOR"), (15, 18, "LOCATION"), (22, 34, "ACTOR"), (35, 40, "EVENT")],
    "strike": [(0, 6, "EVENT"), (7, 14, "ACTOR"), (18, 23, "LOCATION")],
    "weather": [],
}
REZA: dict[str, list[Triple]] = {
    "geneva": [(0, 11, "ACTOR"), (15, 18, "LOCATION"), (29, 34, "ACTOR"), (35, 44, "EVENT")],
    "strike": [(0, 14, "EVENT"), (18, 24, "LOCATION")],
    "weather": [],
}
SARA: dict[str, list[Triple]] = {"geneva": list(MARYAM["geneva"]), "weather": []}

# The same labels as tags of the tokens, written by hand.
TAGS: dict[str, dict[str, list[str]]] = {
    "maryam": {
        "geneva": "B-ACTOR I-ACTOR O B-LOCATION O B-ACTOR I-ACTOR B-EVENT O O".split(),
        "strike": "B-EVENT B-ACTOR O B-LOCATION O O O".split(),
        "weather": "O O O O O".split(),
    },
    "reza": {
        "geneva": "B-ACTOR I-ACTOR O B-LOCATION O O B-ACTOR B-EVENT I-EVENT O".split(),
        "strike": "B-EVENT I-EVENT O B-LOCATION O O O".split(),
        "weather": "O O O O O".split(),
    },
    "sara": {
        "geneva": "B-ACTOR I-ACTOR O B-LOCATION O B-ACTOR I-ACTOR B-EVENT O O".split(),
        "weather": "O O O O O".split(),
    },
}

LABELS = {"maryam": MARYAM, "reza": REZA, "sara": SARA}


def documents(*analysts: str) -> list[DocumentLabels]:
    """The three documents with the labels of ``analysts`` who labelled each."""
    out = []
    for key, (_, tokens) in TEXTS.items():
        labels = {a: LABELS[a][key] for a in analysts if key in LABELS[a]}
        out.append(DocumentLabels(key, tokens, labels))
    return out


# Events: a fourth document with three events, framed by the three analysts on the same ten
# labels. Maryam frames all three; Reza the same, but his «گفتگو» has no location; Sara calls
# «دیدار» an agreement (AGREE, with the same arguments), frames «تجمع» as Maryam does, and
# makes no event of «گفتگو».
VISITS = ("وزیر خارجه ایران در مسکو با لاوروف دیدار کرد و سپس در پکن با وانگ یی گفتگو کرد. "
          "معترضان در تهران تجمع کردند.")
VISITS_TOKENS = [n for m in re.finditer(r"\w+|[^\w\s]", VISITS) for n in m.span()]


def place(words: str, label: str) -> Triple:
    """Where ``words`` stand in VISITS (each stands once), with ``label``."""
    start = VISITS.index(words)
    return start, start + len(words), label


VISITS_LABELS: list[Triple] = [
    place("وزیر خارجه ایران", "ACTOR"), place("مسکو", "LOCATION"), place("لاوروف", "ACTOR"),
    place("دیدار", "EVENT"), place("پکن", "LOCATION"), place("وانگ یی", "ACTOR"),
    place("گفتگو", "EVENT"), place("معترضان", "ACTOR"), place("تهران", "LOCATION"),
    place("تجمع", "EVENT")]


def event(trigger: str, kind: str, **roles: str) -> EventTuple:
    """An event on VISITS: its trigger's words, its type, and each role's words."""
    start, end, _ = place(trigger, "EVENT")
    return compared_event(start, end, kind, [(role, *place(words, "")[:2])
                                             for role, words in roles.items()])


MOSCOW = event("دیدار", "CONSULT", actor="وزیر خارجه ایران", recipient="لاوروف",
               location="مسکو")
BEIJING = event("گفتگو", "CONSULT", actor="وزیر خارجه ایران", recipient="وانگ یی",
                location="پکن")
BEIJING_NOWHERE = event("گفتگو", "CONSULT", actor="وزیر خارجه ایران", recipient="وانگ یی")
MOSCOW_AGREED = event("دیدار", "AGREE", actor="وزیر خارجه ایران", recipient="لاوروف",
                      location="مسکو")
RALLY = event("تجمع", "PROTEST", actor="معترضان", location="تهران")
VISITS_EVENTS: dict[str, list[EventTuple]] = {
    "maryam": [MOSCOW, BEIJING, RALLY],
    "reza": [MOSCOW, BEIJING_NOWHERE, RALLY],
    "sara": [MOSCOW_AGREED, RALLY],
}


def visits(*analysts: str) -> DocumentLabels:
    """VISITS as ``analysts`` labelled and framed it."""
    return DocumentLabels("visits", VISITS_TOKENS, dict.fromkeys(analysts, VISITS_LABELS),
                          {a: VISITS_EVENTS[a] for a in analysts})
