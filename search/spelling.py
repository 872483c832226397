"""How close a suggested spelling is to what the user typed ("did you mean")."""
from __future__ import annotations

_VOWELS = frozenset("aeiouy")


def edit_distance(a: str, b: str) -> float:
    """Levenshtein distance, with a vowel mistaken for another vowel costing half: Whoosh
    ranks suggestions by frequency, users expect closeness, and vowels are what people
    misspell most ("defecter" is "defector" before it is "defected")."""
    previous = [float(j) for j in range(len(b) + 1)]
    for i, char_a in enumerate(a, start=1):
        current = [float(i)]
        for j, char_b in enumerate(b, start=1):
            substitution = 0.0 if char_a == char_b else 0.5 if {char_a, char_b} <= _VOWELS else 1.0
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + substitution))
        previous = current
    return previous[-1]
