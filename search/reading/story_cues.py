"""Words that place one sentence's crossing in the story the article tells: the story's own
crossing or an earlier one, which way it went, and whether anyone meant to leave.

The sentence rules (route_rules.py) read each sentence alone; routes.py uses these to decide,
across sentences, which crossings are the same one (a "crossed the line" under a headline of a
return north is that return), which came before ("had crossed into China two weeks earlier"),
and whether a boat's crossing carried a defector at all (LABELLING.md: a drift or mistake with
no wish to leave is no crossing).
"""
from __future__ import annotations

from search.reading.cues import any_of as _any

# A wish to defect denied: "have not expressed any wish to defect".
NO_WISH_TO_DEFECT = _any(r"\bno (?:intention|intent|wish|desire|plans?) (?:to|of) defect",
                         r"(?:\bnot|n['\u2019]t) (?:\w+ ){0,3}(?:want\w*|wish\w*|intend\w*|express\w*|"
                         r"show\w*|mean\w*|meant|plan\w*) (?:\w+ ){0,4}(?:to )?defect")
# An article's word that a crossing was no one's choice: a mistake, a navigation error, no wish
# to defect (said of a boat's crew).
NO_INTENT = _any(NO_WISH_TO_DEFECT,
                 r"\bnavigation(?:al)? (?:error|mistake)s?\b", r"\bby mistake\b", r"\bmistakenly\b",
                 r"\baccidentally\b", r"\binadvertently\b", r"\blost (?:their|its) (?:way|bearings)\b",
                 # a boat that broke down, a crew that wants to go home (a drift alone can be an escape's)
                 r"\b(?:engine|propeller|rudder|motor|steering)s? (?:\w+ ){0,2}?(?:fail\w*|broke\w*|stopped|"
                 r"trouble|problems?|malfunction\w*)\b",
                 r"\b(?:mechanical|engine) (?:failure|trouble|problems?|breakdown)\b",
                 r"(?<!not )(?<!n't )(?<!n\u2019t )(?<!never )\b(?:want\w*|wish\w*|desire|asked|hop\w+) "
                 r"(?!not\b)(?:\w+ ){0,2}?to (?:return|go|be sent) (?:home|back)\b",
                 r"(?<!not )(?<!n't )(?<!n\u2019t )(?<!never )\b(?:desire|wish|want\w*) to return to "
                 r"(?:the dprk|north korea|the north|their (?:home|country))\b")

# A wish told outright to defect outweighs a breakdown or drift ("the engine failed, but they told
# the navy they wanted to defect").
WISH_TO_DEFECT = _any(r"(?<!not )(?<!n't )(?<!n\u2019t )(?<!never )\b(?:want\w*|wish\w*|desire\w*|hop\w+|"
                      r"intend\w*|asked|express\w* (?:a |their |his |her )?(?:wish|desire|will))"
                      r" (?:\w+ ){0,3}?to (?:defect|stay|remain|settle|live in the south)\b")

# Not known either way: "it is unclear whether they intend to defect".
UNSURE = _any(r"\bwhether\b", r"\bif\b", r"\bunclear\b", r"\bnot (?:yet )?(?:known|clear)\b")

# Going south, said outright: the escape a returnee once made, not the return north.
SOUTHWARD = _any(r"\b(?:cross\w*|fle\w*|defect\w*|escap\w*|went|go|goes|going|came|come|swam|swim\w*|"
                 r"walk\w*|ran|run\w*|made (?:it|his way|her way|their way)) (?:[\w-]+ ){0,4}?(?:in)?to "
                 r"(?:the )?(?-i:South)\b(?! (?:Africa|America|Sudan|Pacific|China Sea))",
                 r"\b(?:cross\w*|fle\w*|defect\w*|escap\w*|went|came|swam|walk\w*|ran) (?:[\w-]+ ){0,4}?"
                 r"into the south\b",
                 r"\bsouthward\b", r"\b(?:in)?to south korea\b")

# Told as before the story's own event: "two weeks earlier", "a year ago", "had crossed".
EARLIER = _any(r"\b(?:earlier|previously)\b", r"\b(?:days?|weeks?|months?|years?) (?:before|ago)\b",
               r"\bhad (?:\w+ )?(?:crossed|fled|escaped|defected|"
               r"reached|entered|made|walked|swum|swam)\b")

# Markers that a sentence tells of a time before the story's: a year, "last month", "earlier".
OTHER_STORY = _any(r"\b(?:days|weeks|months|years) (?:after|before|earlier|ago)\b", r"\bprior to\b",
                   r"\b(?:a|one|two|three|several|few) (?:days?|weeks?|months?|years?) (?:after|before|"
                   r"earlier|ago)\b", r"\b(?:earlier|previous|prior)\b", r"\bsince\b",
                   r"\blast (?:year|month|week)\b", r"\b(?:19|20)\d\d\b", r"\bcold war\b",
                   r"\bin (?:january|february|march|april|may|june|july|august|september|october|"
                   r"november|december)\b",
                   r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
                   r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.? \d{1,2}(?:st|nd|rd|th)?\b")

# Markers that a sentence is about a different incident from the story's own.
DISTINCT_INCIDENT = _any(r"\banother\b", r"\bseparately\b",
                         r"\b(?:a|one|two|three|several|few) (?:days?|weeks?|months?|years?) (?:after|"
                         r"before|earlier|ago)\b", r"\b(?:second|third|fourth|fifth)\b(?! countr)",
                         r"\bearlier\b",
                         r"\bprevious\b", r"\bprior\b", r"\blast (?:year|month|week)\b",
                         r"\bin (?:19|20)\d\d\b", r"\bcases\b", r"\bdefections\b",
                         r"\bsoldiers\b", r"\bcivilians\b", r"\bpeople\b", r"\bdefectors\b")
