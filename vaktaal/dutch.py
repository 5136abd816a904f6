"""Dutch word knowledge for checking wordlists: articles of nouns, and whether a sentence uses a term.

Both are tolerant on purpose: an example may inflect the term (plural, conjugated or split separable verb,
adjective ending), and a compound takes the article of its last part (de kous -> de steunkous).
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

# Separable-verb particles, longest first so "terug" wins over "te".
PARTICLES = sorted(
    [
        "aan",
        "achter",
        "achteruit",
        "af",
        "bij",
        "binnen",
        "bloot",
        "dicht",
        "door",
        "fijn",
        "heen",
        "in",
        "kapot",
        "klaar",
        "leeg",
        "los",
        "mee",
        "na",
        "neer",
        "om",
        "onder",
        "op",
        "open",
        "over",
        "rond",
        "samen",
        "schoon",
        "stil",
        "terug",
        "tegen",
        "toe",
        "uit",
        "vast",
        "vol",
        "voor",
        "vooruit",
        "voorbij",
        "weg",
        "weer",
    ],
    key=len,
    reverse=True,
)
# Past forms of common strong and irregular verbs, for examples like "Ik droeg de doos."
IRREGULAR = {
    "zijn": "ben bent is zijn was waren geweest",
    "hebben": "heb hebt heeft hebben had hadden gehad",
    "gaan": "ga gaat gaan ging gingen gegaan",
    "doen": "doe doet doen deed deden gedaan",
    "staan": "sta staat staan stond stonden gestaan",
    "slaan": "sla slaat slaan sloeg sloegen geslagen",
    "zien": "zie ziet zien zag zagen gezien",
    "komen": "kom komt komen kwam kwamen gekomen",
    "nemen": "neem neemt nemen nam namen genomen",
    "geven": "geef geeft geven gaf gaven gegeven",
    "dragen": "draag draagt dragen droeg droegen gedragen",
    "brengen": "breng brengt brengen bracht brachten gebracht",
    "denken": "denk denkt denken dacht dachten gedacht",
    "kopen": "koop koopt kopen kocht kochten gekocht",
    "zoeken": "zoek zoekt zoeken zocht zochten gezocht",
    "vragen": "vraag vraagt vragen vroeg vroegen gevraagd",
    "snijden": "snijd snijdt snijden sneed sneden gesneden",
    "rijden": "rijd rijdt rijden reed reden gereden",
    "schrijven": "schrijf schrijft schrijven schreef schreven geschreven",
    "blijven": "blijf blijft blijven bleef bleven gebleven",
    "lopen": "loop loopt lopen liep liepen gelopen",
    "vallen": "val valt vallen viel vielen gevallen",
    "houden": "houd houdt hou houden hield hielden gehouden",
    "krijgen": "krijg krijgt krijgen kreeg kregen gekregen",
    "liggen": "lig ligt liggen lag lagen gelegen",
    "zitten": "zit zitten zat zaten gezeten",
    "laten": "laat laten liet lieten gelaten",
    "weten": "weet weten wist wisten geweten",
    "kunnen": "kan kunt kunnen kon konden gekund",
    "mogen": "mag mogen mocht mochten gemogen",
    "moeten": "moet moeten moest moesten gemoeten",
    "willen": "wil wilt willen wilde wilden gewild",
    "zullen": "zal zult zullen zou zouden",
    "spuiten": "spuit spuiten spoot spoten gespoten",
    "sluiten": "sluit sluiten sloot sloten gesloten",
    "buigen": "buig buigt buigen boog bogen gebogen",
    "trekken": "trek trekt trekken trok trokken getrokken",
    "wegen": "weeg weegt wegen woog wogen gewogen",
    "breken": "breek breekt breken brak braken gebroken",
    "spreken": "spreek spreekt spreken sprak spraken gesproken",
    "helpen": "help helpt helpen hielp hielpen geholpen",
    "wassen": "was wast wassen waste wasten gewassen",
    "scheren": "scheer scheert scheren schoor schoren geschoren",
    "begrijpen": "begrijp begrijpt begrijpen begreep begrepen",
    "verliezen": "verlies verliest verliezen verloor verloren",
    "beginnen": "begin begint beginnen begon begonnen",
    "vinden": "vind vindt vinden vond vonden gevonden",
    "binden": "bind bindt binden bond bonden gebonden",
    "drinken": "drink drinkt drinken dronk dronken gedronken",
    "eten": "eet eten at aten gegeten",
    "zeggen": "zeg zegt zeggen zei zeiden gezegd",
    "gieten": "giet gieten goot goten gegoten",
    "tillen": "til tilt tillen tilde tilden getild",
    "steken": "steek steekt steken stak staken gestoken",
    "schuiven": "schuif schuift schuiven schoof schoven geschoven",
    "wijzen": "wijs wijst wijzen wees wezen gewezen",
    "hangen": "hang hangt hangen hing hingen gehangen",
    "springen": "spring springt springen sprong sprongen gesprongen",
    "verbieden": "verbied verbiedt verbieden verbood verboden",
    "bieden": "bied biedt bieden bood boden geboden",
    "kiezen": "kies kiest kiezen koos kozen gekozen",
    "vriezen": "vries vriest vriezen vroor vroren gevroren",
    "sterven": "sterf sterft sterven stierf stierven gestorven",
    "werpen": "werp werpt werpen wierp wierpen geworpen",
    "scheppen": "schep schept scheppen schepte schepten geschept",
    "wrijven": "wrijf wrijft wrijven wreef wreven gewreven",
    "glijden": "glijd glijdt glijden gleed gleden gegleden",
    "bijten": "bijt bijten beet beten gebeten",
    "slijpen": "slijp slijpt slijpen sleep slepen geslepen",
    "meten": "meet meten mat maten gemeten",
    "lezen": "lees leest lezen las lazen gelezen",
    "liegen": "lieg liegt liegen loog logen gelogen",
    "worden": "word wordt worden werd werden geworden",
}
_IRREGULAR_FORMS = {verb: set(forms.split()) for verb, forms in IRREGULAR.items()}

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*", re.UNICODE)
_DOUBLE_VOWEL = {"a": "aa", "e": "ee", "o": "oo", "u": "uu"}


def words(text: str) -> list[str]:
    """The words of a text, lower case, punctuation removed ("Let op: natte vloer!" -> let, op, natte, vloer)."""
    return [w.lower() for w in _WORD.findall(unicodedata.normalize("NFC", text))]


def _verb_stems(infinitive: str) -> set[str]:
    """Stems of a regular verb as they appear in its forms: soppen -> sop; maken -> maak; leven -> leef."""
    if not infinitive.endswith("en") or len(infinitive) < 4:
        return {infinitive}
    stem = infinitive[:-2]
    if stem.endswith("i") and infinitive.endswith("ien"):  # knien, shampooen are rare; keep plain stem
        return {stem}
    stems = {stem}
    if len(stem) >= 2 and stem[-1] == stem[-2] and stem[-1] not in "aeiou":
        stems.add(stem[:-1])  # soppen -> sop, tillen -> til
    if len(stem) >= 3 and stem[-2] in _DOUBLE_VOWEL and stem[-3] not in "aeiou" and stem[-1] not in "aeiou":
        stems.add(stem[:-2] + _DOUBLE_VOWEL[stem[-2]] + stem[-1])  # maken -> maak, dweilen stays
    for stem_ in list(stems):
        if stem_.endswith("v"):
            stems.add(stem_[:-1] + "f")
        if stem_.endswith("z"):
            stems.add(stem_[:-1] + "s")
    return stems


def _inflects(term_word: str, token: str) -> bool:
    """Whether ``token`` is plausibly a form of ``term_word`` (plural, conjugation, participle, -e ending)."""
    if token == term_word:
        return True
    if term_word in _IRREGULAR_FORMS and token in _IRREGULAR_FORMS[term_word]:
        return True
    stems = _verb_stems(term_word) | {term_word}
    for stem in stems:
        if len(stem) < 2:
            continue
        for candidate in (token, token[2:] if token.startswith("ge") else token):
            if candidate.startswith(stem) and len(candidate) - len(stem) <= 4:
                return True
            # adjective/noun endings that change the stem: schoon -> schone, groot -> grote, kous -> kousen
            if len(stem) >= 4 and candidate[: len(stem) - 1] == stem[:-1] and abs(len(candidate) - len(stem)) <= 3:
                return True
    # a collapsed double vowel: schoon -> schone, vloer -> vloeren stays; maat -> maten
    collapsed = re.sub(r"(aa|ee|oo|uu)", lambda m: m.group(0)[0], term_word)
    if collapsed != term_word and token.startswith(collapsed[:-1]) and len(collapsed) >= 3:
        return abs(len(token) - len(collapsed)) <= 3
    return False


def _split_separable(verb: str) -> tuple[str, str] | None:
    for particle in PARTICLES:
        rest = verb[len(particle) :]
        if verb.startswith(particle) and len(rest) >= 3 and rest.endswith("en"):
            return particle, rest
    return None


def _word_in(term_word: str, tokens: list[str]) -> bool:
    if any(_inflects(term_word, token) for token in tokens):
        return True
    split = _split_separable(term_word)
    if split:
        particle, rest = split
        if particle in tokens and any(_inflects(rest, token) for token in tokens):
            return True  # "Sop de bak uit." for uitsoppen
        if any(token.startswith(particle + "ge") and _inflects(rest, token[len(particle) + 2 :]) for token in tokens):
            return True  # uitgesopt
    return False


def example_uses_term(term: str, example: str, *, plural: str | None = None) -> bool:
    """Whether ``example`` contains ``term`` or an inflected form of every one of its words."""
    tokens = words(example)
    term_words = words(term)
    if not term_words:
        return False
    if plural and len(term_words) == 1 and words(plural) and words(plural)[-1] in tokens:
        return True
    return all(_word_in(word, tokens) for word in term_words)


@dataclass(frozen=True)
class ArticleHint:
    head: str  # the noun or compound head found in the lexicon
    article: str  # "de", "het" or "de/het"


class ArticleLexicon:
    """Nouns with their article (from data/dutch-gender/gender.tsv), looked up by word or compound head."""

    MIN_HEAD = 3

    def __init__(self, articles: dict[str, str]):
        self._articles = articles

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> "ArticleLexicon":
        articles: dict[str, str] = {}
        for line in lines:
            article, _, noun = line.rstrip("\n").partition("\t")
            if article in ("de", "het", "de/het") and noun and noun != "group":
                articles.setdefault(noun.lower(), article)
        return cls(articles)

    @classmethod
    def from_tsv(cls, path: Path) -> "ArticleLexicon":
        with path.open(encoding="utf-8") as handle:
            return cls.from_lines(handle)

    def lookup(self, noun: str) -> ArticleHint | None:
        """The article of ``noun``, or of its longest compound head (steunkous -> kous), if known."""
        noun = noun.strip().lower()
        if noun in self._articles:
            return ArticleHint(noun, self._articles[noun])
        for start in range(2, len(noun) - self.MIN_HEAD + 1):
            head = noun[start:]
            if head in self._articles:
                return ArticleHint(head, self._articles[head])
        return None

    def __len__(self) -> int:
        return len(self._articles)
