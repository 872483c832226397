"""Words that place one sentence's crossing in the story the article tells: the story's own
crossing or an earlier one, which way it went, and whether anyone meant to leave.

The sentence rules (route_rules.py) read each sentence alone; routes.py uses these to decide,
across sentences, which crossings are the same one (a "crossed the line" under a headline of a
return north is that return), which came before ("had crossed into China two weeks earlier"),
and whether a boat's crossing carried a defector at all (LABELLING.md: a drift or mistake with
no wish to leave is no crossing).
"""
from __future__ import annotations

from search.reading.english_cues import cue

# The patterns are data: data/english_route_cues.tsv, its story_cues.py part.
NO_WISH_TO_DEFECT = cue("no_wish_to_defect")
NO_INTENT = cue("no_intent")
WISH_TO_DEFECT = cue("wish_to_defect")
UNSURE = cue("unsure")
SOUTHWARD = cue("southward")
EARLIER = cue("earlier")
OTHER_STORY = cue("other_story")
DISTINCT_INCIDENT = cue("distinct_incident")
