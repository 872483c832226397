"""Stage 3, reading what an article says: outlet, published date and URL (metadata, outlets,
dates), the crossings it reports and their routes (routes, route_sentences, route_rules,
route_places, story_cues, asides, cues; Korean: korean_*), and the sources
it cites (sources). Each label keeps where it came from: provenance, or an evidence sentence."""
