"""Language identifiers measured against each other on the article language facet (en, ko, other).

    PYTHONPATH=. python bench/language_id.py

Candidates: py3langid (the one chosen; search/language.py) and lingua-language-detector
(needs `pip install lingua-language-detector`; skipped when missing), both on every language
they know, each text mapped to en, ko or other. The samples are short articles written for
this project: English, Korean, Korean full of English acronyms and names, English quoting
Korean words, and other languages that report on North Korea (Japanese, Chinese, German,
French, Russian, Spanish). Reported: accuracy over the samples, milliseconds per article,
seconds to load and resident memory added (in a fresh process each).
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SAMPLES: tuple[tuple[str, str], ...] = (
    ("en", "A North Korean soldier defected across the Joint Security Area on Monday, the South's military said."),
    ("en", "Four fishermen who drifted south in a wooden boat were handed back at Panmunjom after saying they wished to return."),
    ("en", "The defector, who swam across the Han River estuary, was found by thermal cameras near Gimpo."),
    ("en", "Human rights groups said dozens of escapees caught in China had been sent back over the Tumen River."),
    ("en", "Talks stalled."),
    ("en", "Kim Jong Un inspected the KPA unit at Panmunjom, KCNA said; the NIS declined to comment."),
    ("en", "Seoul's Unification Ministry said 196 defectors arrived in the first half, most of them women (탈북민)."),
    ("ko", "북한군 병사 1명이 판문점 공동경비구역을 통해 귀순했다고 합참이 밝혔다."),
    ("ko", "합참은 JSA에서 MDL을 넘은 KPA 병사의 신병을 확보했으며 UNC와 함께 조사하고 있다고 밝혔다."),
    ("ko", "탈북민 정착 지원 예산이 늘었다."),
    ("ko", "귀순"),
    ("ko", "통일부는 올해 입국한 탈북민이 모두 99명이라고 발표했다. 코로나19 이후 크게 줄었다."),
    ("ko", "오청성 씨는 CNN 인터뷰에서 'I wanted freedom'이라고 말했다며 당시 상황을 전했다."),
    ("ko", "동해 NLL 인근에서 목선을 타고 내려온 주민 4명이 귀순 의사를 밝혔다."),
    ("other", "北朝鮮の兵士が板門店の共同警備区域を越えて韓国側に亡命した。"),
    ("other", "脱北者が中国で拘束され、北朝鮮に送還されたと人権団体が明らかにした。"),
    ("other", "一名朝鲜士兵越过板门店共同警备区投奔韩国，韩国军方表示。"),
    ("other", "脫北者在中國被捕後遭強制遣返，人權組織表示關切。"),
    ("other", "Ein nordkoreanischer Soldat ist über die entmilitarisierte Zone nach Südkorea geflohen."),
    ("other", "Un soldat nord-coréen a fait défection en traversant la zone démilitarisée, selon Séoul."),
    ("other", "Северокорейский солдат перебежал на юг через демилитаризованную зону."),
    ("other", "Un soldado norcoreano desertó a través de la zona desmilitarizada, informó el ejército surcoreano."),
)
BEST_OF = 3


def py3langid_language(text: str) -> str:
    import py3langid
    return py3langid.classify(text)[0]


_LINGUA = None


def lingua_language(text: str) -> str:
    global _LINGUA
    if _LINGUA is None:
        from lingua import LanguageDetectorBuilder
        _LINGUA = LanguageDetectorBuilder.from_all_languages().build()
    found = _LINGUA.detect_language_of(text)
    return found.iso_code_639_1.name.lower() if found else "other"


CANDIDATES = {"py3langid": py3langid_language, "lingua": lingua_language}


def facet_value(code: str) -> str:
    return code if code in ("en", "ko") else "other"


def accuracy_and_speed(name: str) -> dict:
    identify = CANDIDATES[name]
    identify("warm up")
    right = sum(facet_value(identify(text)) == expected for expected, text in SAMPLES)
    wrong = [text[:30] for expected, text in SAMPLES if facet_value(identify(text)) != expected]
    best = min(_timed(identify) for _ in range(BEST_OF))
    return {"accuracy": round(right / len(SAMPLES), 3), "samples": len(SAMPLES),
            "ms_per_text": round(best * 1000 / len(SAMPLES), 3), "wrong": wrong}


def _timed(identify) -> float:
    started = time.perf_counter()
    for _, text in SAMPLES:
        identify(text)
    return time.perf_counter() - started


def resident_mb() -> float:
    return int(re.search(r"VmRSS:\s+(\d+)", Path("/proc/self/status").read_text()).group(1)) / 1024


def load_cost(name: str) -> dict:
    code = (f"import sys, time; sys.path.insert(0, {str(Path(__file__).parent)!r}); "
            "import language_id as b; before = b.resident_mb(); t = time.perf_counter(); "
            f"b.CANDIDATES[{name!r}]('A soldier defected.'); "
            "print(time.perf_counter() - t, b.resident_mb() - before)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    return {"load_s": round(float(out[0]), 2), "rss_added_mb": round(float(out[1]), 1)}


def main() -> int:
    for name in CANDIDATES:
        try:
            result = accuracy_and_speed(name) | load_cost(name)
        except ImportError:
            print(f"{name}: not installed, skipped")
            continue
        print(json.dumps({"candidate": name} | result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
