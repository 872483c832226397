"""Known news outlets by web domain: the third rung of the metadata precedence."""
from __future__ import annotations

from urllib.parse import urlsplit

OUTLETS_BY_DOMAIN: dict[str, str] = {
    "rokdrop.net": "ROK Drop",
    "aljazeera.com": "Al Jazeera",
    "breitbart.com": "Breitbart",
    "whyevolutionistrue.com": "Why Evolution Is True",
    "whyevolutionistrue.wordpress.com": "Why Evolution Is True",
    "thetalkingdemocrat.com": "The Talking Democrat",
    "reuters.com": "Reuters",
    "apnews.com": "AP",
    "yna.co.kr": "Yonhap",
    "koreatimes.co.kr": "Korea Times",
    "koreaherald.com": "Korea Herald",
    "joongang.co.kr": "Korea JoongAng Daily",
    "koreajoongangdaily.joins.com": "Korea JoongAng Daily",
    "chosun.com": "Chosun Ilbo",
    "donga.com": "Dong-A Ilbo",
    "hani.co.kr": "Hankyoreh",
    "nknews.org": "NK News",
    "dailynk.com": "Daily NK",
    "38north.org": "38 North",
    "rfa.org": "Radio Free Asia",
    "voanews.com": "Voice of America",
    "bbc.co.uk": "BBC",
    "bbc.com": "BBC",
    "nytimes.com": "New York Times",
    "washingtonpost.com": "Washington Post",
    "latimes.com": "Los Angeles Times",
    "wsj.com": "Wall Street Journal",
    "cnn.com": "CNN",
    "foxnews.com": "Fox News",
    "nbcnews.com": "NBC News",
    "cbsnews.com": "CBS News",
    "npr.org": "NPR",
    "usatoday.com": "USA Today",
    "upi.com": "UPI",
    "bloomberg.com": "Bloomberg",
    "theguardian.com": "The Guardian",
    "telegraph.co.uk": "The Telegraph",
    "independent.co.uk": "The Independent",
    "dailymail.co.uk": "Daily Mail",
    "scmp.com": "South China Morning Post",
    "japantimes.co.jp": "Japan Times",
    "kyodonews.net": "Kyodo News",
    "france24.com": "France 24",
    "dw.com": "Deutsche Welle",
    "abc.net.au": "ABC News (Australia)",
    "thediplomat.com": "The Diplomat",
    "time.com": "Time",
    "economist.com": "The Economist",
    "stripes.com": "Stars and Stripes",
}


def outlet_for_url(url: str | None) -> str | None:
    """The outlet whose domain (or a parent domain of it) hosts the URL."""
    if not url:
        return None
    host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower()
    labels = host.split(".")
    for start in range(len(labels) - 1):
        outlet = OUTLETS_BY_DOMAIN.get(".".join(labels[start:]))
        if outlet:
            return outlet
    return None
