"""Simulated phones: they join a workshop and answer its current phase through the real HTTP
API, as a room full of people would, for rehearsals, tests and benchmarks.

Each phone is its own HTTP client (its own cookies: the ``_xsrf`` token and the device
cookie), answers with realistic French text about public services, and retries a failed send
with the SAME idempotency key, as the phone page's script does. Keys derive from the seed, so
replaying a run with the same seed and the same phones' cookies stores nothing new.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import hashlib
import random
import ssl
import statistics
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from palabre.exercises import KINDS

ROLES = ("usager", "usager", "usager", "agent", "agent", "elu", "autre")
API = "/palabre/api/sessions/{code}"

# --- what people write -----------------------------------------------------------------------
SERVICES = (
    "l'accueil de la mairie", "la CAF", "le centre des impôts", "la préfecture",
    "l'espace France Services", "France Travail", "la CPAM", "le CCAS", "la médiathèque",
    "le service de l'état civil", "le guichet des cartes d'identité", "la MDPH",
    "le service urbanisme", "la déchetterie", "le service des transports scolaires",
    "la cantine scolaire", "le centre social", "la maison de santé", "la poste du bourg",
    "le service des eaux", "la régie des ordures ménagères", "le bailleur social",
    "le point info jeunesse", "la mission locale", "le conseil départemental",
    "le service des cartes grises", "la maison de l'emploi", "la crèche municipale",
    "le service des sports", "le standard téléphonique de la mairie",
)
PUBLICS = (
    "les personnes âgées", "les jeunes", "les personnes sans voiture",
    "les personnes en situation de handicap", "les personnes qui ne parlent pas bien français",
    "les familles monoparentales", "les habitants des hameaux", "les agriculteurs",
    "les personnes qui travaillent en horaires décalés", "les étudiants",
    "les personnes éloignées du numérique", "les nouveaux arrivants", "les aidants",
    "les personnes malvoyantes", "les commerçants", "les demandeurs d'emploi",
)
PLACES = (
    "en zone rurale", "dans les quartiers prioritaires", "dans les petites communes",
    "au marché du samedi", "à la gare", "dans les villages sans commerce", "au centre-ville",
    "dans les zones blanches", "près des écoles", "dans les maisons de retraite",
)
WORSE = (
    "Fermer {service} le samedi matin et à l'heure du déjeuner.",
    "Ne répondre au téléphone que le mardi entre 14 h et 15 h.",
    "Tout dématérialiser sans personne pour aider {public}.",
    "Demander trois fois les mêmes justificatifs pour {service}.",
    "Écrire tous les courriers de {service} en jargon administratif.",
    "Supprimer le guichet {place} et renvoyer vers un site internet.",
    "Ne jamais dire combien de temps va prendre une demande.",
    "Mettre {service} au deuxième étage sans ascenseur.",
    "Changer les horaires de {service} chaque mois sans prévenir.",
    "Répondre aux courriels au bout de trois mois.",
    "Obliger {public} à prendre rendez-vous uniquement en ligne.",
    "Installer un serveur vocal avec neuf choix et aucune personne au bout.",
    "Ne rien traduire et ne rien expliquer aux {public_short}.",
    "Faire venir {public} en ville pour chaque papier, sans bus pour y aller.",
    "Refuser les dossiers incomplets sans dire ce qui manque.",
    "Exiger une adresse électronique pour toute démarche à {service}.",
    "Afficher les informations en petits caractères et seulement en mairie.",
    "Perdre les dossiers et demander de tout recommencer.",
    "Renvoyer chaque question de {service} vers un autre service.",
    "Ne jamais demander l'avis des habitants {place}.",
    "Ne répondre au téléphone de {service} qu'aux heures où {public} travaillent.",
    "Envoyer les convocations de {service} la veille pour le lendemain.",
    "Faire patienter {public} debout pendant deux heures à {service}.",
    "Donner un numéro surtaxé pour joindre {service}.",
    "Fermer {service} {place} pendant tout l'été.",
    "Mettre les formulaires de {service} uniquement en PDF à imprimer.",
    "Demander à {public} de scanner leurs papiers alors qu'ils n'ont pas d'imprimante.",
    "Changer de site internet pour {service} tous les ans.",
    "Ne pas indiquer où se trouve {service} {place}.",
    "Supprimer la ligne de bus qui dessert {service}.",
    "Répondre à {public} par un courrier type sans signature.",
    "Ne jamais rappeler quand {service} promet de rappeler.",
)
BETTER = (
    "Ouvrir {service} le samedi matin pour {public}.",
    "Une permanence de {service} {place}, une fois par semaine.",
    "Un numéro de téléphone unique avec une vraie personne au bout.",
    "Un accompagnement au numérique pour {public} à {service}.",
    "Des courriers écrits en langage clair, relus par des usagers.",
    "Annoncer le délai de traitement dès le dépôt du dossier à {service}.",
    "Un bus France Services qui passe {place} chaque semaine.",
    "Garder un guichet physique pour {public}.",
    "Dire tout de suite ce qui manque dans un dossier, en une seule fois.",
    "Des rendez-vous possibles en soirée pour {public}.",
    "Former les agents de {service} à l'accueil des {public_short}.",
    "Rendre {service} accessible en fauteuil roulant.",
    "Des formulaires en FALC (facile à lire et à comprendre).",
    "Un SMS quand le dossier avance à {service}.",
    "Partager les informations entre {service} et la CAF pour ne plus redemander les papiers.",
    "Un interprète ou une traduction pour {public}.",
    "Des ateliers avec les habitants {place} avant de changer un service.",
    "Un agent qui se déplace à domicile pour {public}.",
    "Des horaires identiques toute l'année, affichés partout.",
    "Une réponse à chaque courriel en moins d'une semaine.",
    "Un point d'accueil commun entre {service} et la mairie {place}.",
    "Des permanences sans rendez-vous à {service} pour {public}.",
    "Un conseiller qui suit le dossier du début à la fin à {service}.",
    "Des bornes avec une personne pour aider {public} à faire leurs démarches.",
    "Rappeler {public} quand {service} n'a pas pu répondre.",
    "Des formulaires papier toujours disponibles à {service}.",
    "Un agenda partagé des permanences {place}, affiché à la boulangerie.",
    "Demander l'avis de {public} après chaque démarche à {service}.",
    "Un transport à la demande pour aller à {service}.",
    "Une seule adresse pour toutes les démarches {place}.",
    "Des explications en vidéo courte pour les démarches de {service}.",
    "Un accueil téléphonique de {service} ouvert entre midi et deux.",
)
ENDINGS = (
    "", "", "", "", " On l'a vu plusieurs fois à notre table.",
    " Vécu personnellement l'an dernier.", " Ma voisine a vécu exactement ça.",
    " Et pas seulement en ville.", " C'est ce qui revient le plus souvent.",
    " Surtout en hiver.", " Les jeunes en parlent beaucoup.",
)
BETTER_ENDINGS = (
    " Ce serait déjà un grand pas.", " Comme ça on évite les allers-retours.",
    " Les agents aussi y gagneraient.", " Sans surcoût important.",
    " Ça ne coûte presque rien.", " Les élus pourraient montrer l'exemple.",
    " À tester d'abord sur une commune.", " Beaucoup de gens n'osent pas demander.",
)
WORSE_ENDINGS = (
    " C'est déjà un peu le cas.", " Malheureusement, ça existe déjà.", " Effet garanti.",
    " Et surtout ne rien expliquer.", " Et s'étonner que personne ne vienne.",
)
OPENERS = (
    "", "", "", "", "Il faudrait : ", "Proposition : ", "Pourquoi pas ceci : ",
    "À mon avis : ", "Idée de notre table : ", "Simple : ",
)


_CONTRACTIONS = ((" de le ", " du "), (" à le ", " au "), (" de les ", " des "),
                 (" à les ", " aux "))


def idea_text(rng: random.Random, negative: bool) -> str:
    """One answer as a person would type it: a template, its blanks filled, an ending."""
    template = rng.choice(WORSE if negative else BETTER)
    public = rng.choice(PUBLICS)
    text = template.format(service=rng.choice(SERVICES), public=public,
                           public_short=public.removeprefix("les "), place=rng.choice(PLACES))
    for wrong, right in _CONTRACTIONS:
        text = text.replace(wrong, right)
    endings = ENDINGS + (WORSE_ENDINGS if negative else BETTER_ENDINGS)
    text = text[0].upper() + text[1:] + rng.choice(endings)
    if not negative:
        opener = rng.choice(OPENERS)
        text = opener + (text[0].lower() + text[1:] if opener else text)
    return text if rng.random() > 0.15 else text.lower().rstrip(".")


def _negative(phase: dict[str, Any]) -> bool:
    """Worst-idea rounds ask for things that make it worse; match the tone of the prompt."""
    prompt = str(phase.get("prompt", "")).lower()
    return phase.get("id") in ("worsen", "worse") or any(
        word in prompt for word in ("moins", "pire", "aggraver", "less", "worse"))


# --- what a phone answers, one function per kind that collects answers ----------------------
Params = dict[str, Any]


def _max_chars(params: Params) -> int:
    return int(params.get("max_chars") or 280)


def _items(params: Params) -> list[Any]:
    return [item["id"] for item in params.get("items") or [] if "id" in item]


def _idea(rng: random.Random, phase: Params, params: Params) -> dict[str, Any]:
    answer: dict[str, Any] = {"text": idea_text(rng, _negative(phase))[:_max_chars(params)]}
    if params.get("categories"):
        answer["category"] = rng.randrange(len(params["categories"]))
    return answer


def _dots(rng: random.Random, _phase: Params, params: Params) -> dict[str, Any] | None:
    items = _items(params)
    if not items:
        return None
    dots = int(params.get("dots") or 3)
    per_item = int(params.get("max_per_item") or dots)
    placed: dict[str, int] = {}
    for _dot in range(rng.randint(1, dots)):
        item = str(rng.choice(items))
        if placed.get(item, 0) < per_item:
            placed[item] = placed.get(item, 0) + 1
    return {"dots": placed}


def _choices(rng: random.Random, _phase: Params, params: Params) -> dict[str, Any] | None:
    options = len(params.get("choices") or [])
    if not options:
        return None
    most = min(int(params.get("max_answers") or 1), options)
    return {"choices": sorted(rng.sample(range(options), rng.randint(1, most)))}


def _inversion(rng: random.Random, _phase: Params, params: Params) -> dict[str, Any] | None:
    items = _items(params)
    if not items:
        return None
    return {"source_id": rng.choice(items),
            "text": idea_text(rng, negative=False)[:_max_chars(params)]}


def _argument(rng: random.Random, _phase: Params, params: Params) -> dict[str, Any]:
    return {"side": rng.choice(("for", "for", "against")),
            "text": idea_text(rng, negative=False)[:_max_chars(params)]}


def _rating(rng: random.Random, _phase: Params, params: Params) -> dict[str, Any]:
    return {"value": rng.randint(1, int(params.get("steps") or 5))}


def _empathy(rng: random.Random, _phase: Params, params: Params) -> dict[str, Any] | None:
    fields = [f["id"] if isinstance(f, dict) else f for f in params.get("fields") or []]
    if not fields or not params.get("persona"):  # no persona given to this table yet
        return None
    return {"field": rng.choice(fields),
            "text": idea_text(rng, negative=False)[:_max_chars(params)]}


def _review(rng: random.Random, _phase: Params, params: Params) -> dict[str, Any] | None:
    """A committee member on one open follow-up: mostly still relevant, now and then a step."""
    items = _items(params)
    if not items:
        return None
    if rng.random() < 0.7:
        return {"number": rng.choice(items), "stance": "current"}
    return {"number": rng.choice(items), "stance": "next",
            "text": idea_text(rng, negative=False)[:_max_chars(params)]}


def _no_photo(_rng: random.Random, _phase: Params, _params: Params) -> None:
    return None  # a photo is a file upload, not a JSON answer


# Every kind of the registry that collects answers (tests/exercises/test_kinds.py checks it).
ANSWERS: dict[str, Callable[[random.Random, Params, Params], dict[str, Any] | None]] = {
    "ideas": _idea, "vote": _dots, "choice": _choices, "invert": _inversion,
    "argument": _argument, "scale": _rating, "persona": _empathy, "photo": _no_photo,
    "review": _review,
}


# --- results ---------------------------------------------------------------------------------
@dataclass
class SimulationResult:
    participants: int = 0
    joined: int = 0
    sent: int = 0  # answers the phones tried to send
    created: int = 0  # acknowledged with 201: a new row
    replayed: int = 0  # acknowledged with 200: the key was already stored
    retries: int = 0
    skipped: int = 0  # answers not sent: the phase takes none a phone can give
    errors: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)  # seconds, send to acknowledgement
    elapsed: float = 0.0  # seconds from the first answer sent to the last acknowledged
    cookies: dict[int, list[dict[str, str]]] = field(default_factory=dict)  # phone -> jar

    @property
    def acknowledged(self) -> int:
        return self.created + self.replayed

    def percentile(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies) if self.latencies else float("nan")

    @property
    def p99(self) -> float:
        return self.percentile(99)

    @property
    def answers_per_s(self) -> float:
        return self.acknowledged / self.elapsed if self.elapsed else float("nan")


class SimulationError(Exception):
    """The workshop cannot be simulated (unknown code, server unreachable)."""


# --- one phone -------------------------------------------------------------------------------
class Phone:
    """One participant's phone: its own cookies, its profile, its answers."""

    def __init__(self, number: int, base_url: str, code: str, seed: int,
                 cookies: list[dict[str, str]] | None, timeout: float, tls: ssl.SSLContext):
        self.number = number
        self.code = code
        self.seed = seed
        self.rng = random.Random(f"{seed}-{number}")
        self.client = httpx.AsyncClient(base_url=base_url, timeout=timeout, verify=tls,
                                        trust_env=False,
                                        headers={"Accept-Language": "fr-FR,fr;q=0.9"})
        for cookie in cookies or []:
            self.client.cookies.set(cookie["name"], cookie["value"], domain=cookie["domain"],
                                    path=cookie["path"])
        self.path = API.format(code=code)
        self.phase: dict[str, Any] = {}

    def saved_cookies(self) -> list[dict[str, str]]:
        """The phone's cookies as plain data, to bring the same phone back later."""
        return [{"name": c.name, "value": c.value or "", "domain": c.domain, "path": c.path}
                for c in self.client.cookies.jar]

    async def close(self) -> None:
        await self.client.aclose()

    def _xsrf(self) -> dict[str, str]:
        token = self.client.cookies.get("_xsrf")
        return {"X-XSRFToken": token} if token else {}

    async def _request(self, result: SimulationResult, method: str, url: str,
                       retries: int, **kwargs) -> httpx.Response:
        """Send; on a network error, a 5xx or a 429, wait and send the same thing again."""
        delay = 0.05
        for attempt in range(retries + 1):
            try:
                response = await self.client.request(method, url, **kwargs)
            except httpx.TransportError:
                if attempt == retries:
                    raise
            else:
                if response.status_code < 500 and response.status_code != 429:
                    return response
                if attempt == retries:
                    return response
                retry_after = response.headers.get("Retry-After", "")
                if retry_after.isdigit():
                    delay = max(delay, float(retry_after))
            result.retries += 1
            await asyncio.sleep(delay * (1 + self.rng.random()))
            delay = min(delay * 2, 5.0)
        raise AssertionError("unreachable")

    async def look(self, result: SimulationResult, retries: int) -> dict[str, Any]:
        """GET the session: sets the _xsrf cookie and tells the current phase."""
        response = await self._request(result, "GET", self.path, retries)
        if response.status_code == 404:
            raise SimulationError(f"no workshop has the code {self.code}")
        if response.status_code != 200:
            raise SimulationError(f"{response.url} answered {response.status_code}, "
                                  "not the session: is it a palabre server?")
        data = response.json()
        self.phase = data.get("phase") or {}
        return data

    async def join(self, result: SimulationResult, tables: int, retries: int) -> None:
        profile = {"role": self.rng.choice(ROLES),
                   "table": f"Table {self.rng.randint(1, max(1, tables))}"}
        response = await self._request(result, "POST", f"{self.path}/participants", retries,
                                       json=profile, headers=self._xsrf())
        if response.status_code not in (200, 201):
            raise SimulationError(f"join refused: {response.status_code} {response.text[:200]}")

    def key(self, answer: int) -> str:
        """The idempotency key: the same seed, phase, phone and answer give the same key, so
        a replay is recognised, and the next phase's answers are never taken for replays."""
        raw = f"{self.seed}-{self.code}-{self.phase.get('id', '')}-{self.number}-{answer}"
        if len(raw) > 56 or not all(c.isascii() and (c.isalnum() or c in "-_") for c in raw):
            raw = hashlib.sha256(raw.encode()).hexdigest()[:40]
        return "sim-" + raw

    def answer(self) -> dict[str, Any] | None:
        """An answer fitting the current phase's form, or None when a phone cannot give one
        (phases where the facilitator works and phones watch, photos, nothing to vote on)."""
        kind = self.phase.get("kind")
        if kind not in KINDS:
            raise SimulationError(f"the server shows a phase of kind {kind!r}, which this "
                                  "simulator does not know")
        if not KINDS[kind].collects:
            return None
        return ANSWERS[kind](self.rng, self.phase,
                             {**self.phase, **(self.phase.get("params") or {})})

    async def send(self, result: SimulationResult, answer_number: int, retries: int) -> None:
        answer = self.answer()
        if answer is None:
            result.skipped += 1
            return
        body = {"key": self.key(answer_number), "answer": answer}
        if self.phase.get("id"):
            body["phase"] = self.phase["id"]
        result.sent += 1
        started = time.perf_counter()
        try:
            response = await self._request(result, "POST", f"{self.path}/contributions",
                                           retries, json=body, headers=self._xsrf())
        except httpx.TransportError as error:
            result.errors.append(f"phone {self.number}: {type(error).__name__}: {error}")
            return
        if response.status_code in (200, 201):
            result.latencies.append(time.perf_counter() - started)
            if response.status_code == 201:
                result.created += 1
            else:
                result.replayed += 1
        else:
            result.errors.append(f"phone {self.number}: {response.status_code} "
                                 f"{response.text[:200]}")


# --- the room --------------------------------------------------------------------------------
async def simulate(base_url: str, code: str, participants: int, *, seed: int = 0,
                   answers_per_participant: int = 1, tables: int = 6, retries: int = 5,
                   timeout: float = 30.0,
                   cookies: dict[int, list[dict[str, str]]] | None = None,
                   before_answers: Callable[[], Awaitable[None]] | None = None,
                   spread_s: float = 0.0,
                   ) -> SimulationResult:
    """Run ``participants`` phones: all join, then (a barrier) all send their answers at once,
    or, with ``spread_s``, each at its own moment within that many seconds (as a room does
    when the facilitator says "go").

    ``cookies`` (from an earlier result) makes the same phones come back, so a replay with the
    same seed sends the same keys from the same devices. ``before_answers`` runs at the
    barrier, once every phone has joined (benchmarks use it to start their clock).
    """
    result = SimulationResult(participants=participants)
    tls = ssl.create_default_context()  # one for all phones: building one costs milliseconds
    phones = [Phone(n, base_url, code, seed, (cookies or {}).get(n), timeout, tls)
              for n in range(participants)]
    try:
        try:
            await phones[0].look(result, retries)  # an unknown code stops here, once
            await asyncio.gather(*(phone.look(result, retries) for phone in phones[1:]))
            await asyncio.gather(*(phone.join(result, tables, retries) for phone in phones))
            # The phase the phone sees after joining is the one it answers.
            await asyncio.gather(*(phone.look(result, retries) for phone in phones))
        except httpx.TransportError as error:
            raise SimulationError(f"cannot reach {base_url}: {error}") from None
        result.joined = participants
        if before_answers is not None:
            await before_answers()

        async def answer_all(phone: Phone) -> None:
            if spread_s > 0:
                await asyncio.sleep(phone.rng.uniform(0, spread_s))
            for number in range(answers_per_participant):
                await phone.send(result, number, retries)

        started = time.perf_counter()
        await asyncio.gather(*(answer_all(phone) for phone in phones))
        result.elapsed = time.perf_counter() - started
        result.cookies = {phone.number: phone.saved_cookies() for phone in phones}
    finally:
        await asyncio.gather(*(phone.close() for phone in phones))
    return result


def run(base_url: str, code: str, participants: int, **options) -> SimulationResult:
    """The same, from synchronous code. When this thread already runs an event loop (a
    notebook kernel, Playwright's synchronous API), the phones run in a thread of their own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(simulate(base_url, code, participants, **options))
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, simulate(base_url, code, participants,
                                                 **options)).result()
