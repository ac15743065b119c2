"""The public record the Idlib baseline is checked against (docs/validation.md).

Figures for north-west Syria, December 2019 - March 2020, each with the document it comes from.
They are paraphrased figures, not quotations; where a document says "almost" or "more than",
`qualifier` says so. Nothing here feeds the game: the scenario has its own sources, and these
figures only judge what the model makes of them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Document:
    """A public document: who published it, when, and where to read it. `date` is the day it
    was published, or for the two monthly summaries whose page gives no day (`idp_tf_2020_01`,
    `hnap_mnm_2020_02`) the last day its figures cover, as their titles say."""

    id: str
    title: str
    publisher: str
    date: dt.date
    url: str


@dataclass(frozen=True, slots=True)
class Figure:
    """A reported figure on a date, from `source` (a `Document` id or `article ¶N`)."""

    date: dt.date
    value: int
    source: str
    note: str
    qualifier: str = "about"  # about | almost | more than


@dataclass(frozen=True, slots=True)
class Share:
    """A reported share of the displaced that went to (or came from) a group of places."""

    label: str
    places: tuple[str, ...]  # scenario location ids standing for the record's areas
    reported: float  # 0..1
    source: str
    note: str


D = dt.date
RW = "https://reliefweb.int/report/syrian-arab-republic/"

DOCUMENTS: tuple[Document, ...] = (
    Document(
        "ocha_sitrep_06",
        "Recent Developments in Northwest Syria, Situation Report No. 6",
        "UN OCHA",
        D(2020, 1, 15),
        "https://m.reliefweb.int/report/3477548",
    ),
    Document(
        "ocha_hu_08",
        "Recent Developments in Northwest Syria, Humanitarian Update No. 08",
        "UN OCHA",
        D(2020, 1, 28),
        "(cited in the seed article, ¶14)",
    ),
    Document(
        "ocha_sitrep_07",
        "Recent Developments in Northwest Syria, Situation Report No. 7",
        "UN OCHA",
        D(2020, 1, 29),
        RW + "syrian-arab-republic-recent-developments-northwestern-syria-situation-13",
    ),
    Document(
        "idp_tf_2020_01",
        "Syrian Arab Republic: IDP Movements, January 2020 (figures to 31 Jan)",
        "IDP (Whole of Syria) Task Force",
        D(2020, 1, 31),
        "https://docslib.org/doc/9111801/syrian-arab-republic-idp-movements-january-2020-"
        "idp-wos-task-force",
    ),
    Document(
        "ocha_flash_0206",
        "Recent Developments in Northwest Syria, Flash Update (6 Feb)",
        "UN OCHA",
        D(2020, 2, 6),
        RW + "recent-developments-northwest-syria-flash-update-6-february-2020",
    ),
    Document(
        "ocha_swanson_0204",
        "UN: fighting in north-western Syria displaces more than "
        "500,000 in two months (OCHA spokesperson, via Al Jazeera)",
        "Al Jazeera / AFP",
        D(2020, 2, 4),
        "https://upnewsinfo.com/2020/02/04/un-fighting-in-northwestern-"
        "syria-displaces-more-than-500000-in-2-months-news-from-syria/",
    ),
    Document(
        "reuters_0210",
        "Nearly 700,000 Syrians displaced by government offensive since early December: U.N.",
        "Reuters",
        D(2020, 2, 10),
        "https://www.reuters.com/article/us-syria-security-un/nearly-700000-syrians-"
        "displaced-by-government-offensive-since-early-december-u-n-idUSKBN2041QU",
    ),
    Document(
        "ocha_sitrep_08",
        "Recent Developments in Northwest Syria, Situation Report No. 8",
        "UN OCHA",
        D(2020, 2, 13),
        RW + "recent-developments-northwest-syria-situation-report-no-8-13-february",
    ),
    Document(
        "un_noon_0214",
        "830,000 people displaced in NW Syria in dire situation: UN "
        "(spokesman's noon briefing, via Xinhua)",
        "Xinhua / Daily Finland",
        D(2020, 2, 14),
        "http://www.dailyfinland.fi/worldwide/14396/830000-people-displaced-in-NW-Syria-"
        "in-dire-situation-UN",
    ),
    Document(
        "un_lowcock_0217",
        "UN: Displacement in Syria reaches 'horrifying new level' "
        "(statement of the Emergency Relief Coordinator)",
        "Deutsche Welle",
        D(2020, 2, 17),
        "https://www.dw.com/en/un-displacement-in-syria-reaches-horrifying-new-level/a-52410449",
    ),
    Document(
        "ocha_flash_0220",
        "Recent Developments in Northwest Syria, Flash Update (20 Feb)",
        "UN OCHA",
        D(2020, 2, 20),
        RW + "recent-developments-northwest-syria-flash-update-20-february-2020",
    ),
    Document(
        "ocha_sitrep_09",
        "Recent Developments in Northwest Syria, Situation Report No. 9",
        "UN OCHA",
        D(2020, 2, 26),
        RW + "recent-developments-northwest-syria-situation-report-no-9-26-february",
    ),
    Document(
        "hnap_mnm_2020_02",
        "Mobility and Needs Monitoring, North-West Syria, February 2020 (figures to 29 Feb)",
        "Humanitarian Needs Assessment Programme (HNAP)",
        D(2020, 2, 29),
        "https://pdfslide.net/documents/742109-humanitarianresponse.html",
    ),
    Document(
        "reach_so_0316",
        "Northwest Syria Situation Overview (figures from the HNAP IDP snapshot of 8 March)",
        "REACH Initiative",
        D(2020, 3, 16),
        RW + "northwest-syria-situation-overview-16-march-2020",
    ),
    Document(
        "ocha_xb_2020_02",
        "Cross-Border Humanitarian Reach and Activities from Turkey, February 2020",
        "UN OCHA",
        D(2020, 6, 9),
        RW + "syrian-arab-republic-cross-border-humanitarian-reach-and-activities-16",
    ),
)

# Displaced in north-west Syria since 1 December 2019, as reported on each date. Counts are
# revised upward later (2 Feb: 586,000 in a report of 6 Feb; 4 Feb: 520,000 said that day), so
# neighbouring figures can disagree; both kinds are kept.
DISPLACED: tuple[Figure, ...] = (
    Figure(D(2020, 1, 14), 350_000, "ocha_sitrep_06", "before the game starts", "almost"),
    Figure(D(2020, 1, 27), 390_000, "ocha_sitrep_07", "published on 29 Jan", "nearly"),
    Figure(
        D(2020, 1, 28),
        358_000,
        "article ¶14",
        "the UN figure the article quotes; the calibration target",
    ),
    Figure(
        D(2020, 2, 2), 586_000, "ocha_flash_0206", "of them about 200,000 in the week from 26 Jan"
    ),
    Figure(D(2020, 2, 4), 520_000, "ocha_swanson_0204", "said on the day, later revised up"),
    Figure(D(2020, 2, 10), 689_000, "reuters_0210", "nearly 100,000 of them in the last week"),
    Figure(
        D(2020, 2, 12), 800_000, "ocha_sitrep_08", "142,000 of them from 9 to 12 Feb", "more than"
    ),
    Figure(D(2020, 2, 14), 830_000, "un_noon_0214", "143,000 in the last three days", "more than"),
    Figure(D(2020, 2, 17), 900_000, "un_lowcock_0217", "100,000 more than the week before"),
    Figure(D(2020, 2, 23), 948_000, "ocha_sitrep_09", "the game's last day is 22 Feb", "more than"),
)

# Towns and villages taken. The game counts from Friday 24 January (article ¶10); OCHA counts
# communities that changed control since 1 December (over 30 of them by 1 January).
LOCALITIES: tuple[Figure, ...] = (
    Figure(
        D(2020, 1, 28),
        23,
        "article ¶10",
        "seized around Maaret al-Numan since Friday, per the Observatory",
        "more than",
    ),
    Figure(
        D(2020, 2, 20),
        300,
        "ocha_flash_0220",
        "communities that changed control since "
        "1 Dec, over 30 of them before 1 Jan (OCHA sitrep 4)",
    ),
)

NORTHERN_ALEPPO = ("afrin", "azaz", "al_bab", "jandairis")

# Where the displaced went, as shares of the reported arrivals.
DESTINATIONS: tuple[Share, ...] = (
    Share(
        "northern Aleppo (Afrin, A'zaz, al-Bab)",
        NORTHERN_ALEPPO,
        410_000 / 959_000,
        "reach_so_0316",
        "410,000 of 959,000 displaced since December, by 8 March",
    ),
    Share(
        "Dana sub-district (Dana, Sarmada, Atmeh)",
        ("dana", "sarmada", "atmeh"),
        248_842 / 742_109,
        "hnap_mnm_2020_02",
        "248,842 of 742,109 new IDPs in February",
    ),
    Share(
        "Salqin sub-district",
        ("salqin",),
        95_268 / 742_109,
        "hnap_mnm_2020_02",
        "95,268 of 742,109 new IDPs in February",
    ),
    Share(
        "A'zaz sub-district",
        ("azaz",),
        80_518 / 742_109,
        "hnap_mnm_2020_02",
        "80,518 of 742,109 new IDPs in February",
    ),
)

# Where the displaced came from in February, as shares of those who fled.
ORIGINS: tuple[Share, ...] = (
    Share(
        "Saraqab sub-district",
        ("saraqeb", "saraqeb_east_villages", "m5_corridor_villages"),
        185_364 / 742_109,
        "hnap_mnm_2020_02",
        "185,364 of 742,109 new IDPs in February",
    ),
    Share(
        "Ariha sub-district (Ariha and the Zawiya hills)",
        ("ariha", "jabal_zawiya", "al_bara"),
        139_729 / 742_109,
        "hnap_mnm_2020_02",
        "139,729 of 742,109 new IDPs in February",
    ),
    Share(
        "Atareb sub-district",
        ("atarib",),
        97_469 / 742_109,
        "hnap_mnm_2020_02",
        "97,469 of 742,109 new IDPs in February",
    ),
)


def document(ref: str) -> Document | None:
    """The document a figure cites (None for the seed article)."""
    return next((d for d in DOCUMENTS if d.id == ref), None)
