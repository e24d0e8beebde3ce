"""What the room keeps saying: French-aware words, counts and affinity groups, computed locally.

Participants write « l'accueil », « ACCUEIL » or « accueillir »: for a word cloud and for
grouping sticky notes these are one idea. Words are lower-cased, elisions dropped, accents
folded for matching (the accented form is kept for display), stop words removed and the rest
stemmed with Snowball. No model, no network: a town hall's laptop must do this offline, the
same way every time.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np
import snowballstemmer

from palabre.i18n import N_

OTHER_LABEL = N_("Other")
"""How a caller names the group of ideas that joined no other (``Cluster.other``)."""

_STEMMERS = {"fr": "french", "en": "english"}

# Common French words that say nothing about the idea: articles, pronouns, prepositions,
# conjunctions, frequent adverbs, forms of être/avoir/faire/aller/pouvoir/devoir/vouloir and
# workshop fillers. Matched after folding accents, so "deja" and "déjà" both go.
_FR_STOP = """
a à au aux avec ce ces cet cette ceci cela ça celui celle ceux celles chez comme dans de des du
en entre et ou où par pour sans sous sur vers voici voilà le la les l un une d qu que qui quoi
quel quelle quels quelles dont lequel laquelle lesquels auquel duquel je j tu il elle on nous
vous ils elles me m te t se s lui leur leurs y moi toi soi eux mon ma mes ton ta tes son sa ses
notre nos votre vos mien tien sien même mêmes autre autres aucun aucune chaque plusieurs
certain certains certaine certaines tout tous toute toutes rien personne quelque quelques
quelqu quiconque ne n pas plus moins point jamais guère non oui si très trop peu assez
beaucoup aussi alors donc mais or ni car puis ensuite enfin encore déjà toujours souvent
parfois ici là où quand comment pourquoi combien ainsi bien mal mieux tant tellement
vraiment surtout seulement juste presque plutôt peut-être c'est-à-dire aujourd'hui hier
demain maintenant après avant depuis pendant lorsque lorsqu puisque puisqu quoique quoiqu
jusque jusqu selon malgré contre parmi afin cependant pourtant toutefois néanmoins sinon c
est sont suis es sommes êtes était étaient étais été être sera seront serait seraient soit
soient fut ai as avons avez ont avait avaient avais eu eue eus avoir aura auront aurait
auraient ait aient fait faits faite faites faire fais font faisait ferait fera va vais vas
allons allez vont aller allait irait ira peut peuvent peux pouvons pouvez pouvoir pourrait
pourraient pourra doit doivent dois devons devez devoir devrait devraient faut falloir
fallait faudrait veut veux voulons voulez veulent vouloir voudrait voudrais dit dire dis
mettre met mis prendre prend pris voir vois voit vu savoir sais sait chose choses truc trucs
gens fois cas genre etc exemple ex ok ben bah bon euh hum voilà vs via lors dès ci
idée idées suggestion suggestions proposition propositions avis pense penser trouve crois
là-bas celui-ci celle-ci ceux-ci celui-là est-ce qu'est-ce n'est c'est il-y-a
"""

_EN_STOP = """
a about above after again against all am an and any are aren't as at be because been before
being below between both but by can can't cannot could couldn't did didn't do does doesn't
doing don't down during each few for from further get gets got had hadn't has hasn't have
haven't having he her here hers herself him himself his how i if in into is isn't it it's its
itself just let's me more most much must mustn't my myself need no nor not of off on once only
or other ought our ours ourselves out over own same shall she should shouldn't so some such
than that that's the their theirs them themselves then there there's these they this those
through to too under until up upon us very was wasn't we were weren't what when where which
while who whom why will with won't would wouldn't you your yours yourself yourselves also
always often never really thing things stuff people lot lots like make makes made etc ok yes
one ones many may might still even yet ever every way ways want wants idea ideas
suggestion suggestions proposal proposals think
"""

# Elided articles and pronouns: l'accueil, d'attente, qu'on, j'ai, n'est, s'il, c'est,
# jusqu'à, lorsqu'il, m'a, t'as.
_ELISION = re.compile(r"^(?:l|d|qu|j|n|s|c|m|t|jusqu|lorsqu|puisqu|quoiqu)'(.+)$",
                      re.IGNORECASE)
# Letters and digits, joined by apostrophes or hyphens inside a word.
_WORD = re.compile(r"[^\W_]+(?:['\-][^\W_]+)*")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'", "´": "'",
                              "‐": "-", "‑": "-", "–": "-"})
# Pronouns glued to a verb by a hyphen (« peut-on », « faut-il », « dites-moi »).
_CLITICS = frozenset({"t", "je", "tu", "il", "elle", "on", "nous", "vous", "ils", "elles",
                      "moi", "toi", "lui", "leur", "ce", "la", "le", "les", "en", "y", "là",
                      "ci"})
# Compound nouns that end like a clitic but must stay whole.
_COMPOUNDS = frozenset({"rendez-vous", "vis-a-vis", "face-a-face", "tete-a-tete"})


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case without accents: the key under which spellings of a word meet."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.replace("œ", "oe").replace("æ", "ae")


@cache
def stop_words(lang: str) -> frozenset[str]:
    """Folded stop words of a language (French for anything but "en")."""
    return frozenset(fold(w) for w in (_EN_STOP if lang == "en" else _FR_STOP).split())


@cache
def _stemmer(lang: str):
    return snowballstemmer.stemmer(_STEMMERS.get(lang, "french"))


@dataclass(frozen=True)
class Token:
    """One meaningful word: how it was written (for display) and what it matches on."""

    surface: str  # lower-case with accents, or an acronym as written ("CAF")
    stem: str  # folded Snowball stem: the counting and clustering key


def _display(word: str) -> str:
    letters = [c for c in word if c.isalpha()]
    if letters and 2 <= len(letters) <= 6 and all(c.isupper() for c in letters):
        return word  # an acronym: CAF, MDPH, URSSAF
    return word.lower()


@lru_cache(maxsize=65536)
def _stem(word: str, lang: str) -> str:
    """Cached: pure-Python Snowball costs ~0.1 ms a word and a room repeats its words."""
    if any(c.isdigit() for c in word):
        return fold(word)
    parts = word.lower().split("-")
    stemmer = _stemmer(lang)
    return "-".join(fold(stemmer.stemWord(part)) for part in parts)


@lru_cache(maxsize=65536)
def _keep(raw: str, lang: str) -> str | None:
    """The part of one raw word worth keeping, or None for a stop word or noise. Cached like
    the stems: a room (and a forum) repeats its words, and each costs several folds."""
    word = raw.strip("'-")
    stops = stop_words(lang)
    if fold(word) in stops:
        return None  # before elision: « c'est-à-dire », « aujourd'hui »
    if lang != "en":
        while match := _ELISION.match(word):
            word = match.group(1)
    elif "'" in word:
        word = word.split("'")[0]  # "the user's file" -> "user"
    if fold(word) in stops:
        return None
    if "-" in word and fold(word) not in _COMPOUNDS:
        parts = word.split("-")
        while len(parts) > 1 and fold(parts[-1]) in _CLITICS:
            parts.pop()  # « faut-il » -> « faut », « peut-on » -> « peut »
        word = "-".join(parts)
    folded = fold(word)
    if not folded or folded in stops or folded.isdigit():
        return None
    if len(folded) < 2 or (len(folded) < 3 and not word.isupper()):
        return None
    return word


def tokenize(text: str, lang: str = "fr") -> list[Token]:
    """The meaningful words of a text, in order; emoji and punctuation vanish."""
    if not text:
        return []
    text = unicodedata.normalize("NFC", text).translate(_APOSTROPHES)
    tokens = []
    for match in _WORD.finditer(text):
        token = _token(match.group(0), lang)
        if token is not None:
            tokens.append(token)
    return tokens


@lru_cache(maxsize=65536)
def _token(raw: str, lang: str) -> Token | None:
    """One raw word's token, cached: a campaign's 23,400 answers repeat their words, and each
    costs a fold, a stem and a display form (measured: a third of the campaign's grouping)."""
    word = _keep(raw, lang)
    return None if word is None else Token(surface=_display(word), stem=_stem(word, lang))


def _best_surface(forms: Counter[str]) -> str:
    """The spelling most written, accents and case aside; of its forms the accented one (a
    phone drops accents, nobody adds wrong ones: « ecrire » shows as « écrire »), then the
    most frequent; ties go to the alphabetically first, for stable output."""
    folded: Counter[str] = Counter()
    for form, n in forms.items():
        folded[fold(form)] += n
    word = min(folded.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    return min(((form, n) for form, n in forms.items() if fold(form) == word),
               key=lambda kv: (-sum(not c.isascii() for c in kv[0]), -kv[1], kv[0]))[0]


MIN_ROOT = 5  # a stem this long takes in the longer stems it begins (« numer », « numeris »)
MAX_ENDING = 3  # ... when they add at most this many letters


def _typo_key(stem: str) -> str:
    """A stem with its doubled letters single: « courier » and « courrier » meet."""
    return re.sub(r"(.)\1+", r"\1", stem)


def merged_stems(stems: Counter[str]) -> dict[str, str]:
    """Each stem of a corpus -> the stem it counts under. Snowball keeps « numériser » apart
    from « numérique » and a doubled letter apart from its typo; within one room's words a
    stem that lengthens a shorter one by a few letters, or differs by a doubled letter, is
    the same idea. Only stems the corpus has meet, so the result stays local and stable."""
    by_key: dict[str, list[str]] = defaultdict(list)
    for stem in stems:
        by_key[_typo_key(stem)].append(stem)
    target = {}
    for group in by_key.values():
        main = min(group, key=lambda s: (-stems[s], -len(s), s))
        target.update((s, main) for s in group)
    root: dict[str, str] = {}
    for stem in sorted(set(target.values()), key=lambda s: (len(s), s)):
        root[stem] = stem
        if "-" in stem or any(c.isdigit() for c in stem):
            continue
        for cut in range(len(stem) - 1, max(MIN_ROOT, len(stem) - MAX_ENDING) - 1, -1):
            if stem[:cut] in root:
                root[stem] = root[stem[:cut]]
                break
    return {s: root[main] for s, main in target.items()}


def word_counts(texts: Iterable[str], lang: str = "fr", top: int | None = 50
                ) -> list[tuple[str, int]]:
    """(word, count) pairs, most said first: counted by stem (stems of one word merged, typos
    and missing accents folded), shown as most often written."""
    raw: Counter[str] = Counter()
    raw_forms: dict[str, Counter[str]] = defaultdict(Counter)
    for text in texts:
        for token in tokenize(text or "", lang):
            raw[token.stem] += 1
            raw_forms[token.stem][token.surface] += 1
    counts: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for stem, into in merged_stems(raw).items():
        counts[into] += raw[stem]
        forms[into].update(raw_forms[stem])
    ranked = sorted(((_best_surface(forms[s]), n) for s, n in counts.items()),
                    key=lambda wc: (-wc[1], fold(wc[0]), wc[0]))
    return ranked if top is None else ranked[:top]


@dataclass(frozen=True)
class Cluster:
    """Ideas that say much the same thing, named by one of them (``representative``) and
    with the words they share.

    ``other`` marks the group of ideas that joined none: its ``label`` is empty and the caller
    shows ``OTHER_LABEL`` translated ("Autres" / "Other").
    """

    label: str  # the representative idea, shortened for a title (``title``)
    item_ids: tuple
    terms: tuple[str, ...] = ()
    other: bool = False
    quote: str = ""  # the representative idea in full


TITLE_CHARS = 60
"""A suggested theme's title at most: a line on the wall, well under a theme title's limit."""


def representative(texts: list[str]) -> int:
    """Index of the text that stands for a group: the one of median length (the longest run
    on, the shortest say too little), ties to the earliest; the rule of
    ``palabre.synthesis.representative``, on plain texts."""
    ranked = sorted(range(len(texts)), key=lambda i: (len(texts[i]), i))
    return ranked[(len(ranked) - 1) // 2]


def title(text: str, budget: int = TITLE_CHARS) -> str:
    """An answer as a theme's title: one line, cut at a word boundary, no closing stop."""
    from palabre.text import shorten

    line = " ".join((text or "").split()).rstrip(" .;:!?")
    return shorten(line, budget)


DEFAULT_THRESHOLD = 0.15
"""Average cosine similarity under which two groups stay apart (TF-IDF of stems)."""


def _vectors(docs: list[list[str]]) -> tuple[np.ndarray, list[str]]:
    """Unit TF-IDF rows (sublinear tf, smoothed idf) over the vocabulary, sorted for stability."""
    vocab = sorted({stem for doc in docs for stem in doc})
    index = {stem: i for i, stem in enumerate(vocab)}
    matrix = np.zeros((len(docs), len(vocab)))
    for row, doc in enumerate(docs):
        for stem, n in Counter(doc).items():
            matrix[row, index[stem]] = 1.0 + math.log(n)
    df = (matrix > 0).sum(axis=0)
    matrix *= np.log((1 + len(docs)) / (1 + df)) + 1.0
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    np.divide(matrix, norms, out=matrix, where=norms > 0)
    return matrix, vocab


def _average_linkage(sim: np.ndarray, threshold: float) -> list[list[int]]:
    """Merge the two most similar groups while their mean pairwise similarity reaches the
    threshold. Lance-Williams update, and each row remembers its best partner, so a merge
    costs a few rows rather than a scan of the whole matrix: 500 ideas take milliseconds."""
    n = sim.shape[0]
    sim = sim.astype(float, copy=True)
    np.fill_diagonal(sim, -np.inf)
    members = [[i] for i in range(n)]
    best = sim.argmax(axis=1) if n else np.zeros(0, dtype=int)
    best_sim = sim[np.arange(n), best] if n else np.zeros(0)
    while n > 1:
        a = int(np.argmax(best_sim))
        b = int(best[a])
        if best_sim[a] < threshold:
            break
        a, b = min(a, b), max(a, b)
        size_a, size_b = len(members[a]), len(members[b])
        merged = (size_a * sim[a] + size_b * sim[b]) / (size_a + size_b)
        merged[a] = merged[b] = -np.inf
        sim[a, :] = merged
        sim[:, a] = merged
        sim[b, :] = -np.inf
        sim[:, b] = -np.inf
        members[a].extend(members[b])
        members[b] = []
        best_sim[b] = -np.inf
        stale = (best == a) | (best == b)
        stale[a] = True
        stale[b] = False
        rows = np.flatnonzero(stale)
        if rows.size:
            best[rows] = sim[rows].argmax(axis=1)
            best_sim[rows] = sim[rows, best[rows]]
        better = sim[:, a] > best_sim
        best[better] = a
        best_sim[better] = sim[better, a]
    return [sorted(m) for m in members if m]


def _attach_alone(matrix: np.ndarray, groups: list[list[int]], threshold: float
                  ) -> list[list[int]]:
    """An idea left alone joins the group whose centre it is closest to, when that reaches the
    threshold: a long group's average similarity is diluted by its many words, so « Moins de
    jargon dans les lettres » would otherwise miss the group it plainly belongs to."""
    big = [g for g in groups if len(g) >= 2]
    alone = [g[0] for g in groups if len(g) == 1]
    if not big or not alone:
        return groups
    centres = np.stack([matrix[g].sum(axis=0) for g in big])
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    near = matrix[alone] @ centres.T
    joined = [list(g) for g in big]
    left = []
    for row, i in enumerate(alone):
        best = int(np.argmax(near[row]))
        if near[row, best] >= threshold:
            joined[best].append(i)
        else:
            left.append([i])
    return [sorted(g) for g in joined] + left


def propose_clusters(items: Iterable[tuple[object, str]], lang: str = "fr", *,
                     threshold: float = DEFAULT_THRESHOLD, label_terms: int = 3
                     ) -> list[Cluster]:
    """Affinity groups of ideas for the facilitator to confirm or rearrange.

    Groups come biggest first (ties: earliest idea first), each named by its representative
    idea and listing its strongest shared words; an idea left alone joins the group it is
    closest to when that reaches the threshold; ideas still alone, or with no meaningful
    word, end in one last group flagged ``other``. The same input always gives the same groups.
    """
    items = list(items)
    if not items:
        return []
    tokens = [tokenize(text or "", lang) for _, text in items]
    into = merged_stems(Counter(t.stem for toks in tokens for t in toks))
    tokens = [[Token(t.surface, into[t.stem]) for t in toks] for toks in tokens]
    docs = [[t.stem for t in toks] for toks in tokens]
    with_words = [i for i, doc in enumerate(docs) if doc]
    groups: list[list[int]] = []
    if with_words:
        matrix, vocab = _vectors([docs[i] for i in with_words])
        sim = matrix @ matrix.T
        groups = _attach_alone(matrix, _average_linkage(sim, threshold), threshold)
        groups = [[with_words[i] for i in g] for g in groups]
        rows = {orig: row for row, orig in enumerate(with_words)}
    clusters, alone = [], [i for i, doc in enumerate(docs) if not doc]
    for group in sorted(groups, key=lambda g: (-len(g), g[0])):
        if len(group) < 2:
            alone.extend(group)
            continue
        weight = matrix[[rows[i] for i in group]].sum(axis=0)
        shared = (matrix[[rows[i] for i in group]] > 0).sum(axis=0)
        common = [j for j in range(len(vocab)) if shared[j] >= 2] or range(len(vocab))
        order = sorted(common, key=lambda j: (-shared[j], -weight[j], vocab[j]))
        forms: dict[str, Counter[str]] = defaultdict(Counter)
        for i in group:
            for token in tokens[i]:
                forms[token.stem][token.surface] += 1
        terms = tuple(_best_surface(forms[vocab[j]]) for j in order[:label_terms]
                      if weight[j] > 0)
        texts = [items[i][1] or "" for i in group]
        quote = texts[representative(texts)]
        clusters.append(Cluster(label=title(quote), terms=terms, quote=quote,
                                item_ids=tuple(items[i][0] for i in group)))
    if alone:
        clusters.append(Cluster(label="", item_ids=tuple(items[i][0] for i in sorted(alone)),
                                other=True))
    return clusters


def nearest_group(groups: list[str], texts: list[str], lang: str = "fr", *,
                  threshold: float = DEFAULT_THRESHOLD, chunk: int = 2000
                  ) -> list[int | None]:
    """For each text, the index of the group (given as all its words) it is closest to, when
    the cosine of their TF-IDF reaches the threshold; else None. The rule of ideas left alone
    in ``propose_clusters``, against groups already made: it costs texts × groups, so a
    campaign can place every idea no theme took without comparing all ideas with each other.
    Texts are compared ``chunk`` at a time, so memory stays bounded."""
    if not groups or not texts:
        return [None] * len(texts)
    tokens = [tokenize(t or "", lang) for t in [*groups, *texts]]
    into = merged_stems(Counter(t.stem for toks in tokens for t in toks))
    docs = [Counter(into[t.stem] for t in toks) for toks in tokens]
    vocab = sorted({stem for doc in docs for stem in doc})
    index = {stem: i for i, stem in enumerate(vocab)}
    df = np.zeros(len(vocab))
    for doc in docs:
        for stem in doc:
            df[index[stem]] += 1
    idf = np.log((1 + len(docs)) / (1 + df)) + 1.0

    def rows(part: list[Counter]) -> np.ndarray:
        matrix = np.zeros((len(part), len(vocab)), dtype=np.float32)
        for row, doc in enumerate(part):
            for stem, n in doc.items():
                matrix[row, index[stem]] = (1.0 + math.log(n)) * idf[index[stem]]
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        np.divide(matrix, norms, out=matrix, where=norms > 0)
        return matrix

    centres = rows(docs[:len(groups)])
    found: list[int | None] = []
    for start in range(len(groups), len(docs), chunk):
        sim = rows(docs[start:start + chunk]) @ centres.T
        best = sim.argmax(axis=1)
        found += [int(b) if sim[r, b] >= threshold else None for r, b in enumerate(best)]
    return found


DUPLICATE_WORDS = 0.6
"""Cosine of two ideas' words (merged stems) from which they are likely the same idea."""
DUPLICATE_LETTERS = 0.85
"""Likeness of two ideas' folded letters from which one is the other with typos."""


def likely_duplicates(items: Iterable[tuple[int, str]], lang: str = "fr", *,
                      words: float = DUPLICATE_WORDS, letters: float = DUPLICATE_LETTERS
                      ) -> list[tuple[int, int, float]]:
    """Pairs of ideas that probably say the same thing, for the facilitator to confirm or
    dismiss: the same words in another order or form (« horaires du soir » / « des horaires
    le soir »), or the same letters with accents missing and typos. Each pair is (the earlier
    idea, the later one, likeness), most alike first; a later idea is proposed once, with
    the idea it is most like. Only ideas sharing a word are compared letter by letter, so a
    wall of 300 takes a fraction of a second."""
    from difflib import SequenceMatcher

    items = [(i, text or "") for i, text in items]
    tokens = [tokenize(text, lang) for _, text in items]
    into = merged_stems(Counter(t.stem for toks in tokens for t in toks))
    docs = [[into[t.stem] for t in toks] for toks in tokens]
    with_words = [k for k, doc in enumerate(docs) if doc]
    if len(with_words) < 2:
        return []
    matrix, _vocab = _vectors([docs[k] for k in with_words])
    sim = matrix @ matrix.T
    folded = [" ".join(fold(items[k][1]).split()) for k in with_words]
    best: dict[int, tuple[int, int, float]] = {}
    for a in range(len(with_words)):
        for b in np.flatnonzero(sim[a, a + 1:] > 0) + a + 1:
            score = float(sim[a, b])
            if score < words:
                score = max(score, SequenceMatcher(None, folded[a], folded[b]).ratio())
                if score < letters:
                    continue
            first, later = sorted((items[with_words[a]][0], items[with_words[b]][0]))
            if later not in best or score > best[later][2]:
                best[later] = (first, later, round(score, 3))
    return sorted(best.values(), key=lambda pair: (-pair[2], pair[0], pair[1]))
