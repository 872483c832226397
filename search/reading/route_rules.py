"""The route and crossing vocabularies, and the word patterns that recognise them in a sentence.

search/reading/routes.py decides what a sentence reports; this module only says which words are cues
(the place words of each route are in route_places.py).
Every pattern is general English or geography, never a phrase taken from one article.
"""
from __future__ import annotations

from dataclasses import dataclass

from search.reading.cues import any_of as _any


@dataclass(frozen=True)
class Term:
    """A controlled-vocabulary value, with the label and definition the UI shows."""

    id: str
    label: str
    definition: str


ROUTES: tuple[Term, ...] = (
    Term("jsa", "Joint Security Area",
         "through the Joint Security Area at Panmunjom (the truce village)."),
    Term("dmz", "DMZ / land border",
         "across the Military Demarcation Line or the DMZ outside the JSA, on land or across the "
         "border rivers, including the Han River estuary (Gimpo, Ganghwa, Gyodong, Imjin) even "
         "when a report calls it the Northern Limit Line or a maritime border."),
    Term("sea", "By sea",
         "by sea: boats and fishing vessels, drifting or swimming along the coast, across the "
         "Northern Limit Line seaward of the estuary or in the East Sea, including voyages to "
         "Japan or other countries."),
    Term("china", "Via China",
         "an unauthorised crossing of the northern border into China (Tumen or Yalu rivers), "
         "including the onward journey through third countries (Laos, Thailand, Vietnam, "
         "Mongolia) and asylum sought at an embassy in China."),
    Term("russia", "Via Russia",
         "an unauthorised crossing of the northern border into Russia over land."),
    Term("air", "By air",
         "in an aircraft across the border (a pilot flying south)."),
    Term("overseas", "From abroad",
         "from a legal posting or stay abroad: diplomats, overseas and restaurant workers (in "
         "China or Russia too), students, athletes, soldiers abroad or taken prisoner."),
    Term("unknown", "Route not reported",
         "a defection is reported but not its route."),
)

CROSSINGS: tuple[Term, ...] = (
    Term("defection", "Defection", "a completed escape from North Korea."),
    Term("attempt", "Attempt", "failed, caught, or only intended."),
    Term("northward", "Northward crossing",
         "anyone crossing into the North: a defector going back, a foreigner crossing over."),
    Term("repatriation", "Repatriation",
         "someone sent back: a forced return from China, drifting fishermen handed back."),
)

ROUTE_IDS: tuple[str, ...] = tuple(term.id for term in ROUTES)
CROSSING_IDS: tuple[str, ...] = tuple(term.id for term in CROSSINGS)


def route_term(route_id: str) -> Term:
    """The route Term with this id; KeyError names the unknown id."""
    return _lookup(ROUTES, route_id)


def crossing_term(crossing_id: str) -> Term:
    """The crossing Term with this id; KeyError names the unknown id."""
    return _lookup(CROSSINGS, crossing_id)


def _lookup(terms: tuple[Term, ...], term_id: str) -> Term:
    for term in terms:
        if term.id == term_id:
            return term
    raise KeyError(f"unknown vocabulary id: {term_id!r}")


# --- crossing events --------------------------------------------------------------------------

# "arrived in South Africa" is no arrival in the South.
_NOT_ANOTHER_SOUTH = r"(?! (?:Africa|America|Sudan|Pacific|Asia|Carolina|Dakota|Wales|Australia))"
# Verbs that say someone actually left: enough for coreference with a neighbouring sentence.
STRONG_EVENT = _any(r"\bdefect(?:s|ed|ing|ion|ions)?\b",
                    r"\bescap(?:e|es|ed|ing)\b(?! (?:unhurt|unharmed|unscathed|injury\b|death\b|harm\b|"
                    r"serious (?:injury|harm)\b))",
                    r"\bfle(?:e|es|eing|d)\b", r"\basylum\b(?! seekers?)", r"\bre-?defect\w*",
                    r"\b(?:mov|cam|went|go|walk|head|swam|swim)\w* (?:to the )?(?:south|north)\b(?! korea)",
                    r"\bmade (?:his|her|their) way (?:in)?to (?:the )?(?-i:South)\b",
                    r"\barriv\w* in (?:the )?(?-i:South)\b" + _NOT_ANOTHER_SOUTH,
                    r"\breach(?:ed|es|ing)? (?:the )?(?-i:South)\b" + _NOT_ANOTHER_SOUTH,
                    r"\b(?:ask|chose|choose|decid|opt|request)\w* to (?:remain|stay|settle)"
                    r"(?: in (?:the )?(?-i:South))?\b(?! (?:anonymous|silent|unnamed|quiet|in (?:the )?north))")
_MOVEMENT = (r"\b(?:mov|cam|came|went|walk|head|ran|run|sprint|dash|rac|driv|drove|barrel|made|"
             r"slip|sneak|snuck|return|go|going|gone|travel|trek|bolt|journey|stepp)\w*\s+"
             r"(?:back\s+)?(?:it\s+)?"
             r"(?:(?:south|north)\b(?!\s+korea)|(?:across|into|through|over|to\s+(?:the\s+)?(?:south|north))\b)")
# ("headed South Korea's delegation" leads a delegation: no one moves south.)
REPATRIATION = _any(r"\brepatriat\w*",
                    r"\b(?:sent|send|sends|sending|handed|hand|hands|handing|deported|forced|taken|took|"
                    r"brought|dragged)\s+"  # 'took a taxi and headed back': a new verb, no return
                    r"(?:(?!and\b|then\b|but\b)[\w,-]+\s+){0,4}?back\b",
                    r"\bforcibly (?:returned|sent|deported|repatriated)\b",
                    r"\b(?:was|were|been|be|being) (?:returned|deported)\b",
                    r"\bhanded (?:over|back) (?:at|via|through)\b",
                    r"\bdeport(?:s|ed|ing|ation)?\b",
                    r"\b(?:vessel|boat|ship|crew|fishermen) (?:was |were )?returned\b",
                    r"\b(?:returned|repatriated) (?!home\b)(?:[\w-]+\s+){0,4}?(?:through|via|across)\b",
                    r"\b(?:escorted|towed|pushed|expelled|guided) (?:[\w-]+\s+){0,3}?back\b",
                    r"\breturn(?:ed|ing|s)? (?:them|him|her|it|the \w+) to\b",
                    r"\bhanded (?:\w+ )?over to (?:the )?(?-i:North)")
NORTHWARD = _any(r"\bre-?defect\w*", r"\benter(?:ed|ing|s)? (?:the )?(?-i:North)(?: Korea)?\b(?!'s)",
                 r"\b(?:illegally|secretly|unlawfully) entered the country\b",
                 r"\b(?:in)?to (?:the )?(?-i:North)\b(?!'s| side| korean side)",
                 r"\binto (?-i:North) Korea\b(?!'s)", r"\bto (?-i:North) Korea\b(?! side)",
                 r"\bnorthward\b",
                 r"\b(?:sail|swam|swim|walk|ran|run|drove|drive|fled|flee|cross|mov|steer|row|head|"
                 r"went|go|gone|return)\w*\s+(?:it\s+|back\s+)?north\b(?!\s+korea)",
                 r"\bback to (?:the )?(?-i:North)\b",
                 r"\bto the (?:communist |reclusive |isolated )(?-i:North)\b",
                 r"\b(?:in)?to (?:the )?(?:communist|reclusive|isolated|impoverished|secretive|"
                 r"nuclear-armed|authoritarian|hermit) (?-i:North) Korea\b(?!['\u2019]s)",
                 # a defector going home: "the defector fled back to his home country"
                 r"\b(?:defectors?|north koreans?)\b[^.;]*\bback (?:home )?to (?:his|her|their) "
                 r"(?:home ?country|homeland|native (?:country|land))\b")
# Who crossed, when it is not a North Korean: an American soldier or a South Korean crosses the
# line northward (LABELLING.md), whatever the verb ("deserted", "walked across", "fled").
SOUTHERNER = _any(r"\b(?:american|u\.s\.|us|south korean) (?:army |military |air force )?"
                  r"(?:soldiers?|private|pvt|sergeant|sgt|servicem[ae]n|deserters?|citizens?|nationals?|"
                  r"activists?|missionar(?:y|ies)|tourists?|students?|man|woman|men|women|civilians?)\b",
                  r"\bpvt\.")
NORTHERNER = _any(r"\bnorth korean?\b", r"\bdefectors?\b", r"\brefugees?\b", r"\bescapees?\b")
EVENT = _any(STRONG_EVENT, r"(?<!red )\bcross(?:es|ed|ing)?\b(?!-border)",
             r"\bsw(?:im|ims|am|imming|um)\b", r"\bdrift(?:s|ed|ing)?\b", r"\bsail(?:s|ed|ing)?\b",
             r"\b(?:fly|flies|flew|flying|flown)\b", _MOVEMENT, REPATRIATION,
             r"\b(?:came|come|comes|washed) ashore\b", r"\blanded\b", r"\bsmuggled\b",
             r"\bwad(?:e|es|ed|ing)\b",
             r"\b(?:illegally|secretly|unlawfully) entered\b", r"\bentered (?:the )?(?-i:North)\b",
             r"\bentered (?:thailand|laos|vietnam|mongolia|cambodia)\b",
             r"\btravel\w* (?:[\w,-]+ ){0,5}?(?:through|across|via) (?:china|laos|vietnam|thailand|mongolia)\b")

# "tried to", "was caught": the crossing failed or was only intended.
ATTEMPT = _any(r"\btr(?:y|ied|ies|ying)\b", r"\battempt\w*",
               r"(?<!engine )(?<!mechanical )(?<!power )\bfail(?:ed|s|ing|ure)?\b",  # not a boat's engine
               r"\bcaught\b", r"\barrested\b", r"\bintercepted\b", r"\bdetained\b",
               r"\bfoiled\b", r"\bthwarted\b", r"\bapprehended\b", r"\bshot dead\b",
               r"\b(?:was|were|been|being) (?:\w+ )?killed\b")
# An intention is an attempt only when the clause reports no completed movement: "sailed a
# boat across and expressed a wish to defect" is a defection.
INTENTION = _any(r"\bplan(?:s|ned|ning)? to\b", r"\bwill to\b", r"\bdecid\w* to\b", r"\bdesire to\b", r"\bwish to\b", r"\bplott\w*", r"\bintend\w*",
                 r"\bwish(?:es|ed)? to\b", r"\bwant(?:s|ed)? to\b", r"\bhop(?:e|es|ed|ing) to\b")
# A return that is planned or still to come is not one: "plans to send them back next week".
FUTURE_RETURN = _any(r"\bwould\b", r"\b(?:impending|upcoming|planned|proposed)\b", r"\bplan(?:s|ned|ning)? to\b", r"\bwill (?:be )?\w+\b", r"\bto be (?:sent|returned|"
                     r"repatriated|deported|handed)\b", r"\bintend\w*",
                     r"\bto (?:send|return|repatriate|deport|hand)\b", r"\bwants? to\b",
                     r"\b(?:is|are) (?:expected|set|due|scheduled) to\b",
                     # "facing repatriation", "at risk of deportation": a threat, not a return done
                     r"\b(?:fac(?:e|es|ed|ing)|risk\w*|await\w*|fear\w*|threat\w*|danger\w*) (?:of )?(?:\w+ ){0,2}?"
                     r"(?:repatriation|deportation|being (?:sent|repatriated|deported|returned))",
                     # "rather than be sent back": not done
                     r"\brather than (?:be |being )?(?:\w+ )?(?:sent|returned|repatriated|deported|handed)\b")
COMPLETED_RETURN = _any(r"\b(?:was|were|been|had been) (?:\w+ )?(?:sent|returned|repatriated|deported|"
                        r"handed)\b", r"\b(?:sent|returned|repatriated|deported|handed) (?:\w+ ){0,4}?"
                        r"(?:on|last|yesterday|earlier)\b")
COMPLETED = _any(r"\b(?:crossed|sailed|swam|fled|escaped|defected|arrived|reached|landed|flew|"
                 r"drifted|came|walked|ran|floated|climbed)\b", r"\bmade (?:his|her|their) way\b")
# A return north told as done: "went back to North Korea last month", "returned to the North".
WENT_BACK = _any(r"\b(?:went|returned|slipped|walked|swam|headed) (?:back )?(?:to|into|across)\b")
# "shot while trying to cross" describes a crossing that went on; it is not the failure.
WHILE_TRYING = _any(r"\bwhile (?:(?:he|she|they) (?:was|were) )?trying\b",
                    # "crossed ... in what appeared to be an attempt to flee": the crossing's aim
                    r"\bin (?:what (?:appeared|appears|seemed|seems) to be )?an? (?:apparent )?"
                    r"(?:attempt|bid|effort) to (?:defect|flee|escape)\b",
                    r"\b(?:tr(?:y|ied|ying)|fail(?:ed|ing)?|attempt\w*) to (?:stop|catch|prevent|block|"
                    r"capture|halt|intercept) (?:him|her|them|the \w+)\b",
                    # held in a third country on the way is the escape going on, not its failure
                    r"\b(?:detained|arrested|caught|held)\b[^.;]{0,60}\b(?:thai|thailand|laos|laotian|"
                    r"vietnam\w*|mongolia\w*|cambodia\w*|myanmar|burm\w+|illegal entry|phnom penh|"
                    r"bangkok|vientiane|hanoi|ulaanbaatar|"
                    r"immigration)\b",
                    r"\b(?:thailand|laos|vietnam|cambodia|mongolia|myanmar|burma|bangkok)\b,? (?:where|when) "
                    r"(?:[\w-]+ ){0,3}?(?:detained|arrested|caught|held)\b",
                    r"\b(?:thai|laotian|vietnamese|mongolian|cambodian|burmese) (?:\w+ )?(?:police|"
                    r"authorities|officials|immigration|border guards|marines)\b[^.;]*",
                    # tries and catches that are not the crossing's: an attempt on a life, a book
                    # that tries to explain, someone caught at something else
                    r"\battempts? (?:\w+ )?on (?:his|her|their|the \w+(?:'s|\u2019s)) li(?:fe|ves)\b",
                    r"\btr(?:y|ies|ied|ying) to (?:pierce|understand|explain|make sense|find out|learn|"
                    r"portray|show|tell|describe|answer|convince|persuade|keep|rebuild|adapt|adjust|fit in)\b",
                    r"\bcaught (?:(?:him|her|them|\w+ people) )?(?:watching|selling|smuggling|using|listening|possessing|distributing|"
                    r"stealing|dealing|carrying)\b")
SUCCESS = _any(r"\bafter (?:allegedly |reportedly )?(?:fleeing|escaping|defecting|crossing)\b", r"\bsuccess\w*", r"\bmade it\b", r"\bmanaged to\b", r"\bsafely\b")

# Event nouns in the plural name a kind of event, not a case, unless counted or made definite:
# "brought defections to a halt" against "two defections this year", "the defections through".
GENERIC_PLURAL = _any(r"\bdefections\b", r"\bcrossings\b", r"\brepatriations\b",
                      r"\bescape\b(?= attempts\b)", r"\bdefection\b(?= attempts\b)")
COUNTED_BEFORE = _any(r"(?:\b\d[\d,]*|\b(?:two|three|four|five|six|seven|eight|nine|ten|several|"
                      r"dozens of|hundreds of|such|both|these|those|the|their|his|her)\b)\s+"
                      r"(?:[\w-]+\s+){0,2}$")
# A handful of cases counted with their place ("15 cases in which North Koreans crossed the
# DMZ") are concrete crossings (shared/seeds/SOURCES.md), unlike statistics in the hundreds:
# the sentence model, trained to call counts "none", may not drop them.
FEW_CASES = _any(r"\b(?:\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a dozen|"
                 r"several) (?:such )?(?:cases|incidents|defections|crossings)\b")

# "the first soldier to defect through the JSA since 2007": the article's own case, with its
# place, set beside earlier ones; the model reads it as a statistic.
ORDINAL_CASE = _any(r"\b(?:first|second|third|fourth|fifth|latest|\d{1,2}(?:st|nd|rd|th)) "
                    r"(?:[\w-]+ ){0,4}?to (?:defect|flee|escape|cross|swim)\w*\b[^.;]{0,80}\bsince\b")

# A negation at most two words before a crossing verb: "did not cross", "never tried to flee".
NEGATED_BEFORE = _any(r"(?:\b(?:not|never|no|nobody)|n['\u2019]t)\s+(?:\w+\s+){0,2}$",
                      r"\bno (?:\w+ ){1,2}(?:has|have|had) (?:ever )?$")

# General statements about defectors as a group, hypotheticals and long-run statistics.
BACKGROUND = _any(
    r"\b(?:most|the (?:vast |overwhelming )?majority|virtually all|almost all|nearly all|the bulk)"
    r"\b(?: of)?(?: the)?(?: [\w,.-]+){0,4} (?:defectors|north koreans|refugees|escapees|them|those|"
    r"people|cases)\b",
    r"\b(?:typically|usually|generally|commonly|traditionally|normally|frequently|often)\b",
    r"\btend(?:s|ed)? to\b", r"\bnumber of\b", r"\brecord (?:low|high)\b", r"\b(?:low|high)est\b",
    r"\bstatistics\b", r"\bfigures\b", r"\b(?:very|relatively) few\b",
    r"\bfew (?:defectors|north koreans|people|escapees)\b",
    r"\b(?:are|is|remains?|were|was) (?:\w+ )?(?:rare|rarer|uncommon|common|unusual|dangerous)\b",
    r"\b(?:people|those|anyone|defectors|north koreans|refugees|escapees) who (?:try to )?"
    r"(?:cross|flee|escape|defect|enter)\b",
    r"\bmany (?:defectors|north koreans|refugees|escapees|of them)\b",
    r"\bsince the (?:end of the )?(?:korean )?war\b", r"\bsince the (?:19|20)\d0s\b",
    r"\bover the (?:past|last) (?:few )?(?:decades?|\d+ years|years)\b", r"\bin recent years\b",
    r"\b(?:main|common|usual|typical|popular|primary|preferred) (?:escape )?(?:route|channel|"
    r"path|way)s?\b", r"\bthousands of\b", r"\b(?:each|every|per) year\b",
    r"\b(?:ways?|how) to (?:escape|defect|flee|cross)\b",
    r"\bwhen they (?:try to )?(?:escape|flee|defect|cross)\b",
    r"\b(?:dangerous|difficult|hard|impossible|risky|easier|harder) to (?:cross|escape|defect)\b",
    r"\b(?:more|less|increasingly|too) (?:dangerous|difficult|risky|rare|common)\b",
    r"\b(?:a|the) (?:bill|draft law|resolution|motion)\b",
    r"\b(?:stop|prevent|deter|discourag)\w* (?:[\w-]+ ){0,4}from (?:defecting|fleeing|escaping|"
    r"crossing)\b",
    r"\b(?:stop|end|halt|oppos)\w* (?:the )?(?:forced )?(?:repatriation|deportation)s?\b",
    r"\bif (?:they|he|she|you|someone|anyone)\b",
    r"\bcompared (?:with|to)\b", r"\b(?:a|per|each) (?:decade|year) (?:ago|earlier)\b",
    r"\b(?:could|might|may|would)\s+(?:\w+\s+){0,2}?(?:defect|flee|escape|seek asylum|cross|"
    r"try|tri|attempt|send|return|swim|sneak|sail|go|get|make|walk|run)\w*\b", r"\bshould\b",
    r"\b(?:helping|help|helped|aiding|aided|assist\w*) (?:\w+ ){0,3}?(?:north koreans|defectors|refugees|"
    r"people|escapees)\b", r"\bdefection (?:network|route|ring|broker|industry|business)s?\b",
    r"\bwhether\b", r"\bif\b", r"\b(?:only )?a handful\b", r"\bever\b", r"\bso far this year\b",
    r"\bmust\b", r"\bnumbers?\b", r"\bfears?\b",
    r"\b(?:could|might|may)\b[^.;]{0,80}\b(?:defect|flee|escape|seek asylum|break free)\w*", r"\b(?:in|since) (?:19|20)\d\d,? and (?:now|has since|today)\b", r"\bprepar\w*", r"\bany (?:deserter|defector|north korean|escapee)s?\b", r"\bbefore (?:defecting|fleeing|escaping)\b",
    r"\bafter (?:she|he|they) arrived\b", r"\bsuch as being\b", r"\b(?:escape|defection) attempts\b",
    r"\b(?:defectors|refugees|north koreans|escapees) (?:flee|cross|escape|defect|travel|make|risk)\b",
    r"\b(?:keep|stop|prevent)\w* (?:[\w-]+ ){0,3}from (?:repatriat|deport|return|send)\w*", r"\bwould (?:be|have)\b", r"\bpossib\w*", r"\bspeculat\w*",
    r"\burg(?:e|es|ed|ing)\b", r"\bcall(?:s|ed|ing)? (?:on|for)\b", r"\bin an attempt to\b",
    r"\b(?:after|since) (?:defecting|fleeing|escaping)\b(?: \w+){0,3} (?:19|20)\d\d\b",
    r"\b(?:years?|decades?) (?:after|since) (?:\w+ ){0,2}(?:defect|fled|flee|escap|arriv)\w*", r"\bthose (?:(?!\d|two\b|three\b|four\b|five\b|six\b|the\b|of\b)\w+ )?(?:who|defecting|fleeing|escaping|crossing)\b",
    r"\b(?:unknown|large|growing|increasing|rising|falling) numbers? of\b", r"\bwith many\b",
    r"\b(?:treats?|regards?|views?|considers?) (?:them|north koreans|defectors|those|refugees)\b",
    r"\beconomic migrants\b", r"\b(?:flow|exodus|influx|stream) of\b",
    r"\bfleeing (?:north koreans|refugees|defectors)\b",
    r"\b(?:it's|it is|it was|it has been) (?:\w+ )?(?:rare|unusual|uncommon|common)\b", r"\bwould (?:have to |be able to )?"
    r"(?:cross|defect|flee|escape)\b",
    r"\b(?:could|might|may|whether)\s+(?:\w+\s+){0,2}?(?:be\s+)?"
    r"(?:sent|send|deport\w*|repatriat\w*|returned|face)\b", r"\b(?:would|could|might|may) face\b", r"\b(?:at )?risk(?:s|ed|ing)?(?: of)? being\b",
)
# A count of people ("96 female defectors", "121 women"), not an age or a year.
_PEOPLE_COUNTED = (r"\b\d[\d,]* (?:[\w-]+ ){0,2}?(?:defectors|north koreans|people|men|women|refugees|"
                   r"escapees|arrivals|persons|individuals|soldiers|residents)\b")
# Statistics: a count in the hundreds or more, of people who crossed over a period.
STATISTIC = _any(r"\b(?:\d{1,3}(?:,\d{3})+|\d{3,}|hundreds|thousands|dozens)\b(?! (?:km|kilomet|mile|met))"
                 r"[^.;]*\b(?:last|this|a|per|each|every|past|previous) (?:\w+ )?(?:years?|months?|decades?)\b",
                 r"\b(?:last|this|a|per|each|every) (?:year|month|decade)\b[^.;]*"
                 r"\b(?:\d{1,3}(?:,\d{3})+|\d{3,})\b",
                 r"\bper ?cent\b", r"%", r"\ba total of\b",
                 # a count over a stretch of the calendar: "96 arrived from January 1 to March 31"
                 _PEOPLE_COUNTED + r"[^.;]*\b(?:from|between) (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w* "
                 r"\d{1,2}\w*,? (?:to|through|until|and) (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)",
                 _PEOPLE_COUNTED + r"[^.;]*\b(?:in|during|for) the (?:first|second|third|fourth|last) (?:quarter|half)\b",
                 r"\b\d{1,3},\d{3}\b(?! (?:[\w-]+ )?(?:km|kilomet\w*|miles?|met\w*|feet|won|dollars|yuan))")
# A tally of returns over a period ("a total of 4,809 in 2002", "at least 406 since 2024"):
# one return of a counted group ("sent back 500 on Monday") is an event.
RETURN_TALLY = _any(r"\ba total of\b", r"\bsince (?:19|20)\d{2}\b", r"\bat least \d[\d,]{2,}",
                    r"\b(?:per|each|every|a) year\b", r"\bso far this year\b")
# A fleet or a military unit that crosses and goes back: no one leaves, in either direction.
MANOEUVRE = _any(r"\bmoved back\b", r"\bretreat\w*", r"\bwarning (?:shots|messages?|broadcasts?)\b",
                 r"\bfishing boats\b", r"\bwarships?\b", r"\bpatrol (?:boats?|vessels?|ships?)\b",
                 r"\bnaval\b", r"\bincursions?\b")
# Crossings that are no one's escape: a guard's brief incursion, trade, tourists.
NOT_AN_ESCAPE = _any(r"\bviolat\w+", r"\bvisit(?:s|ed|ing)?\b", r"\breunions?\b", r"\bdelegations?\b",
                     r"\bcommut\w+", r"\bpatrols?\b", r"\bto (?:catch|fish)\b", r"\b\d+ (?:north korean )?soldiers\b", r"\bwarships?\b", r"\bpatrol (?:boats?|vessels?|ships?)\b",
                     r"\bnaval\b", r"\b(?:forces|troops|units)\b", r"\bwarning (?:shots|messages?|broadcasts?)\b",
                     r"\bmoved back\b", r"\bretreat\w*", r"\bfishing boats\b", r"\bincursions?\b", r"\bby (?:mistake|accident)\b", r"\baccidental\w*",
                     r"\binadvertent\w*", r"\bstray\w*", r"\blost (?:its|their|his) way\b",
                     r"\bdrift\w*", r"\badrift\b", r"\brescu\w+", r"\barmistice\b", r"\bbriefly\b", r"\bin pursuit\b",
                     r"\bpursu(?:ing|ers?)\b", r"\bbefore (?:returning|going back|retreating)\b",
                     r"\btrade\b", r"\bcargo\b", r"\bfreight\b", r"\bgoods\b", r"\btrucks?\b",
                     r"\btour(?:s|ists?)?\b", r"\bvisitors?\b",
                     r"\barmou?red train\b", r"\bmotorcade\b",  # a leader's journey abroad
                     r"\bin formation\b", r"\bfly-?(?:over|past)s?\b")  # a parade's aircraft
# "Kim, who fled in 2010, now runs a bakery": the person's past, not a crossing reported here
# unless the clause names the route; it is read apart from the main clause around it, and ends
# where the main clause's own verb begins ("A man who defected in 2020 crossed back...").
RELATIVE_PAST = _any(r"\b(?:who|which|that) (?:had |has |have )?(?:crossed|defected|fled|escaped|made it|"
                     r"swam|sailed|sprinted|ran|dashed|walked|drove|bolted|waded|floated|"
                     r"climbed|slipped)\b[^,;]*?(?=,|;| (?:is|was|were|has|had|now)\b"
                     r"|(?<!\band) (?:crossed|fled|escaped|returned|went|swam|walked|ran)\b|$)")
# What crosses in a launch or a drop is no person: missiles, shells, balloons, leaflets.
OBJECTS = _any(r"\bmissiles?\b", r"\brockets?\b", r"\bprojectiles?\b", r"\bshells?\b",
               r"\bartillery\b", r"\bballoons?\b", r"\bleaflets?\b", r"\bdrones?\b",
               r"\bsatellites?\b", r"\btrash\b", r"\bloudspeakers?\b")
# Money "sent back" home is no return of a person.
NOT_A_RETURN = _any(r"\b(?:deported|expelled|deportation|returned|handed over|taken|sent|brought|flown) "
                    r"(?:\w+ ){0,3}?to (?:china|the south|"
                    r"south korea|seoul|the u\.?s\.?|the united states|japan|russia|"
                    r"(?:american|u\.?s\.?|south korean|chinese) custody)\b",r"\b(?:deportation|repatriation|extradition|readmission) (?:pact|agreement|treaty|"
                    r"deal|polic\w+|laws?|accords?)\b",r"\b(?:send|sent|sending|sends)\s+(?:\w+\s+){0,3}?back\s+(?:\w+\s+){0,3}?"
                    r"(?:earnings|money|wages|salar\w+|income|remittances|cash|funds)\b",
                    r"\b(?:money|earnings|wages|salar\w+|income|funds|cash)\b[^.;]{0,40}\bsent back\b",
                    # those sent out are others: missionaries, aid workers, foreigners
                    r"\b(?:deport\w*|expel\w*|kick\w* out)\s+(?:(?:\d[\d,]*|dozens of|hundreds of|several|some|"
                    r"the|more|two|three|four|five)\s+)?(?:(?:south korean|american|foreign|korean|christian)\s+)?"
                    r"(?:missionar\w+|expat\w*|foreigners?|journalists?|pastors?|aid workers?|activists?|"
                    r"safe houses?|south koreans?|americans?)\b",
                    r"\b(?:missionar\w+|expat\w*|foreigners?|journalists?|pastors?|aid workers?|activists?|"
                    r"south koreans?|americans?) (?:were|was|are|is|being|been|have been|had been) "
                    r"(?:\w+ )?(?:deported|expelled)\b",
                    r"\b(?:pushed|sent|deported|returned|handed) back (?:to|across|into) (?:vietnam|laos|"
                    r"thailand|cambodia|china|mongolia)\b",
                    r"\b(?:send|sent|sending|sends)\s+(?:(?:most|much|all|part) of\s+)?"
                    r"(?:their|his|her|the)\s+(?:\w+\s+)?(?:earnings|money|wages|income|cash)\s+"
                    r"back\b",
                    # a South Korean or a foreigner the North hands back comes south
                    r"\b(?:repatriated|returned|deported|expelled|sent back|handed back|released) "
                    r"(?:\w+ ){0,2}?(?:from|by) (?:the )?(?-i:North)\b",
                    r"\b(?:sent|pushed|deported|expelled) back from (?:vietnam|laos|thailand|cambodia|mongolia)\b")
# "shot dead five defectors who fled into China": those killed did not get away.
KILLED = _any(r"\b(?:shot dead|shot and killed|killed|gunned down|drowned)\b")
# "Four killed while crossing the Yalu": the crossers did not get away ("shot as he fled across" alone
# does not say so: the JSA soldier of 2017 was shot and got through).
KILLED_WHILE = _any(r"\b(?:shot dead|shot and killed|killed|gunned down|drowned)\b[^.;]{0,60}?"
                    r"\b(?:while|as (?:he|she|they) (?:was|were)?|when (?:he|she|they))\b")
# A claim the sentence itself denies: "reports that he had defected were wrong".
DENIED = _any(r"\b(?:posing|posed|pose) as\b", r"\bpretend\w*", r"\bin fact an? (?:agent|spy)\b",
              r"\bspy\b(?! (?:agency|agencies|service|chief|agency's))", r"\bspies\b", r"\bno (?:\w+ )?(?:intention|wish|desire|plans?) (?:of|to)\b", r"\brubbish\w*", r"\bdismiss\w*", r"\brefut\w*", r"\brumou?r\w*",
              r"\bunconfirmed\b", r"\b(?:was|were|is|are) (?:wrong|false|untrue|incorrect|inaccurate)\b",
              r"\bden(?:y|ies|ied|ying)\b", r"\bno evidence\b", r"\bnot true\b", r"\bnone of\b",
              r"\bno one\b", r"\bnobody\b")
# People named as escapees: "suspected defectors found drifting" chose to leave.
ESCAPEES = _any(r"\bdefectors?\b", r"\bescapees?\b", r"\brefugees?\b", r"\basylum\b")
# North Koreans held, or breaking into a foreign mission, in China or a country on the way south
# ("seven North Korean defectors were detained in Thailand"): they left by the china route,
# whatever the onward legs (LABELLING.md; the set's reading of the seeds' labels).
HELD_ON_THE_WAY = _any(r"\b(?:shot dead|shot and killed|gunned down) by (?:\w+ ){0,2}?(?:border )?(?:guards|troops|police)\b",
                       r"\b(?:was|were|been|being|got|get|had been|have been) (?:\w+ )?(?:detained|arrested|caught|seized|"
                       r"apprehended|captured|rounded up|dragged (?:out|away))\b",
                       r"\b(?:police|authorities|guards|officers|troops) (?:\w+ )?(?:detained|arrested|caught|seized|"
                       r"captured|rounded up|dragged out)\b",
                       r"\b(?:broke into|broken into|stormed|rushed into|taken into custody|in (?:police )?custody)\b",
                       # a headline's "Seven North Korean defectors detained in Thailand"
                       r"\b(?:defectors?|refugees?|north koreans|escapees?|asylum[- ]seekers?) (?:\w+ ){0,2}?"
                       r"(?:detained|arrested|seized|captured|rounded up|caught(?! (?:the|on|up|fire|in the)\b))\b",
                       r"\b(?:climbed|scaled|clambered|jumped|rushed|forced their way|slipped|entered|walked into|"
                       r"(?:took|taken|taking|sought|seeking) (?:refuge|shelter|sanctuary) in)\b[^.;]{0,80}"
                       r"\b(?:embass(?:y|ies)|consulates?|diplomatic mission|embassy (?:school|compound))\b")
NORTH_KOREANS = _any(r"\bnorth koreans?\b", r"\bdefectors?\b", r"\brefugees?\b", r"\bescapees?\b",
                     r"\basylum[- ]seekers?\b")
# A sentence about a lost boat: drifting fishermen are not defectors unless they chose to stay.
ACCIDENTAL_AT_SEA = _any(r"\bdrift\w*", r"\badrift\b", r"\brescu\w+", r"\bengine\b",
                         r"\bstray\w*", r"\bmechanical\b", r"\bcapsiz\w+", r"\blost\b")
# Contrast splits a sentence into claims that may differ: background, then the story's case.
CONTRAST = _any(r";\s+", r",?\s+but\s+", r",\s+(?:whereas|although|though|while)\s+")
UNLIKE_PREFIX = _any(r"^\s*unlike\b[^,]*,\s*")
# "sent 600 back, most of them women, ...": an aside that describes the group, not background.
GROUP_APPOSITIVE = _any(r",\s+(?:most|many|all|some|several|both|none|half) of (?:them|whom)\b"
                        r"[^,;.]{0,40}(?=[,;.]|$)")

# A body sentence tells a crossing that happened in a past or perfect form, after a dated
# anchor, or as "after fleeing"; "defectors choose to cross the Tumen", "these people risk their
# lives to escape" and "it takes two hours to fly from Shenyang" describe what is usual, not a
# case (headlines speak of the past in the present: "Soldier defects").
TOLD_AS_PAST = _any(
    r"(?<!\bthe )(?<!\ba )(?<!\ban )(?<!ly )\b[a-z]+ed\b",  # not "the guarded border"
    r"\b(?:was|were|had|has|have|did|been)\b",
    r"\b(?:fled|swam|ran|went|came|made|got|took|left|sought|flew|drove|rode|stole|sent|brought|"
    r"caught|found|won|broke|hid|led|lost|shot|threw|slept|dug|crept|kept|snuck|gone|fell|"
    r"began|spent|told)\b",
    r"\b(?:after|before|since|upon|on|by|while|of|for) \w+ing\b",
    r"\b(?:yesterday|ago|earlier|last)\b", r"\b(?:19|20)\d\d\b",
    r"\bon (?:mon|tues|wednes|thurs|fri|satur|sun)day\b")
