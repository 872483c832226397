"""The text bench/corpus.py weaves into its articles: defection sentences, headlines, page
furniture and outlet name parts (data, kept apart from the generator's code)."""
from __future__ import annotations

# --- the defection sentences: every one is checked against search.reading.routes in the smoke test --

SUBJECTS = {
    "soldier": ["A North Korean soldier", "A young North Korean soldier", "A North Korean army private",
                "A North Korean staff sergeant"],
    "civilian": ["A North Korean man", "A North Korean woman", "A family of five from North Korea",
                 "Two North Korean civilians", "A North Korean teenager"],
}
WHEN = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "early on Saturday",
        "on Sunday", "last week", "this week", "overnight"]
CITED = ["Yonhap reported", "the Joint Chiefs of Staff said", "the Unification Ministry said",
         "according to Radio Free Asia", "NK News reported", "Daily NK said", "Kyodo reported",
         "the Korea Herald reported", "officials said", "a government official said",
         "the National Intelligence Service said", "the Chosun Ilbo reported", "AFP reported",
         "the Associated Press reported", "Voice of America said", "the defence ministry said"]
ROUTE_SENTENCES = {
    "jsa": ["{soldier} defected through the Joint Security Area {when}, {cited}.",
            "{soldier} ran across the border at Panmunjom {when} and defected to the South, {cited}."],
    "dmz": ["{soldier} crossed the Military Demarcation Line in the central section of the DMZ "
            "{when} and defected to the South, {cited}.",
            "{civilian} defected across the heavily fortified Demilitarized Zone {when}, {cited}."],
    "sea": ["Two North Korean fishermen defected to the South by boat across the Northern Limit Line "
            "{when}, {cited}.",
            "{civilian} defected to the South on a small wooden boat {when}, {cited}."],
    "china": ["{civilian} fled North Korea across the Tumen River into China and reached Thailand "
              "months later, {cited}.",
              "{civilian} escaped across the Yalu River into China {when}, {cited}."],
    "russia": ["{civilian} escaped across the border into Russia {when}, {cited}."],
    "air": ["A North Korean pilot flew his MiG-19 fighter jet across the border and defected to the "
            "South {when}, {cited}."],
    "overseas": ["A North Korean diplomat posted in London defected to South Korea with his family, {cited}.",
                 "A North Korean worker at a restaurant in China defected {when}, {cited}.",
                 "A North Korean student studying in Europe defected to the South, {cited}."],
    "unknown": ["A North Korean defected to the South {when}, {cited}, without saying how he crossed."],
}
ATTEMPT_SENTENCES = {
    "dmz": "{soldier} tried to defect across the DMZ {when} but was caught by border guards, {cited}.",
    "sea": "A North Korean boat trying to reach the South was intercepted {when}, {cited}.",
    "china": "{civilian} was caught trying to flee across the Tumen River into China {when}, {cited}.",
}
REPATRIATION_SENTENCE = ("China forcibly repatriated dozens of North Korean defectors caught near "
                         "the Yalu River {when}, {cited}.")
NORTHWARD_SENTENCE = "A South Korean man crossed into North Korea over the DMZ {when}, KCNA reported."
BACKGROUND = ["More than 34,000 North Koreans have fled to the South since the end of the Korean War, "
              "most of them via China.",
              "Defectors say food shortages and political repression drive people to leave the North."]
# Route of the article's main crossing, skewed as real reporting is (China and the DMZ lead).
ROUTE_WEIGHTS = {"china": 30, "dmz": 16, "sea": 15, "overseas": 12, "jsa": 8, "unknown": 10,
                 "russia": 4, "air": 2}
HEADLINES = {
    "jsa": "North Korean soldier defects through Joint Security Area",
    "dmz": "North Korean soldier defects across DMZ",
    "sea": "North Koreans defect to South by boat",
    "china": "North Korean family escapes via China",
    "russia": "North Korean escapes into Russia",
    "air": "North Korean pilot defects in fighter jet",
    "overseas": "North Korean diplomat defects",
    "unknown": "North Korean defects to South Korea",
}
NAV = ["Home | World | Asia | Politics | Business | Opinion", "Skip to main content",
       "Menu  Search  Subscribe"]
SHARE = ["Share this article", "Share on Facebook  Share on Twitter  Email", "Related stories"]

# --- outlets: 200 names, skewed by Zipf so a few carry most articles -------------------------

OUTLET_FIRST = ["Pacific", "Harbor", "Capital", "Northern", "Eastern", "Metro", "Global", "Coastal",
                "Valley", "Summit", "Lakeside", "Frontier", "Union", "Liberty", "Central", "Western",
                "Evening", "Morning", "Daily", "Weekly"]
OUTLET_SECOND = ["Herald", "Courier", "Observer", "Tribune", "Gazette", "Chronicle", "Sentinel",
                 "Dispatch", "Monitor", "Ledger"]

# --- syndicated copies (--syndicated K): each gets a headline form and a dateline of its own ---

DATELINES = ["SEOUL", "TOKYO", "BEIJING", "WASHINGTON", "LONDON", "HONG KONG", "PARIS", "SINGAPORE"]
HEADLINE_FORMS = ["{title}", "{title}, officials say", "UPDATE {n}-{title}", "{title} ({outlet})",
                  "Breaking: {title}", "{title} - report", "WRAPUP {n}-{title}", "{title}: what we know"]
