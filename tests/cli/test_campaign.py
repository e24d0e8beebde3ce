"""`palabre campaign`, run as the console script an organiser types: add, list, export, and
every refusal in the person's language, exit 2, no traceback."""

from __future__ import annotations

from palabre.exports.forum import slug
from pptx import Presentation

from palabre.store import campaigns
from tests.exports.campaign_rooms import CAMPAIGN, REGIONS, WORKSHOPS, build

SLUG = slug(CAMPAIGN)


def _refused(done, message: str) -> None:
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert done.stderr.strip() == f"palabre : {message}"
    assert "Traceback" not in done.stderr


def test_add_list_and_export(store, sqlite_url, palabre, tmp_path):
    truth = build(store)
    done = palabre("--lang", "en", "campaign", "add", "Tour de France", "Forum Ouest",
                   "Forum Occitanie", "--region", "Ouest", "--db", sqlite_url)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == (
        "The campaign Tour de France now has 2 forums and 0 local debates.")
    done = palabre("campaign", "add", "Tour de France", "Forum Occitanie", "--region",
                   "Occitanie", "--workshop", truth.codes["Vierzon"], "--db", sqlite_url)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == (
        "La campagne Tour de France compte maintenant 2 forums et 1 débat local.")
    found = campaigns.get(store, "Tour de France")
    assert [(m.forum, m.code, m.region) for m in found.members] == [
        ("Forum Ouest", None, "Ouest"), ("Forum Occitanie", None, "Occitanie"),
        (None, truth.codes["Vierzon"], "Occitanie")]

    listed = palabre("campaign", "list", "--db", sqlite_url)
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert f"{CAMPAIGN} : 3 forums, 1 débat local" in lines
    block = lines[lines.index(f"{CAMPAIGN} : 3 forums, 1 débat local"):]
    ouest = next(line for line in block if line.startswith("Forum Ouest"))
    people = sum(n for (region, _c), n in truth.people.items() if region == REGIONS["Forum Ouest"])
    answers = sum(n for (region, _c), n in truth.answers.items()
                  if region == REGIONS["Forum Ouest"])
    assert ouest.split()[-4:] == ["Bretagne", "2", str(people), str(answers)]
    assert any(line.startswith(f"débat local {truth.codes['Vierzon']}") for line in block)

    out = tmp_path / "national"
    done = palabre("--lang", "en", "campaign", "export", CAMPAIGN, "--out", str(out), "--db",
                   sqlite_url)
    assert done.returncode == 0, done.stderr
    assert "[0/3] Slides" in done.stderr and "[3/3] Done" in done.stderr
    assert f"12 files written in {out}:" in done.stdout
    assert "Free text is left out of the open data" in done.stdout
    deck = Presentation(str(out / f"{SLUG}-restitution.pptx"))
    assert deck.slides[0].shapes.title.text == CAMPAIGN
    assert len(WORKSHOPS) == 7 and (out / f"{SLUG}-contributions.xlsx").exists()


def test_refusals(store, sqlite_url, palabre, tmp_path):
    truth = build(store)
    _refused(palabre("campaign", "add", "X", "Forum Ouest", "Forum Lune", "--db", sqlite_url),
             "Aucun atelier n’appartient au forum Forum Lune.")
    _refused(palabre("campaign", "add", "X", "--workshop", "ZZZZ9", "--db", sqlite_url),
             "Aucun atelier n’a le code ZZZZ9.")
    _refused(palabre("campaign", "add", "X", "--workshop", truth.codes["Rennes"], "--db",
                     sqlite_url),
             f"L’atelier {truth.codes['Rennes']} fait partie du forum Forum Ouest : ajoutez "
             "le forum à la campagne, pas son atelier.")
    _refused(palabre("campaign", "add", "X", "--db", sqlite_url),
             "Nommez au moins un forum, ou un débat local avec --workshop CODE.")
    assert campaigns.get(store, "X") is None  # nothing half-added
    _refused(palabre("campaign", "export", "Nulle part", "--out", str(tmp_path / "x"), "--db",
                     sqlite_url), "Aucune campagne ne s’appelle Nulle part.")
    campaigns.add(store, "Vide")
    _refused(palabre("campaign", "export", "Vide", "--out", str(tmp_path / "x"), "--db",
                     sqlite_url), "La campagne Vide n’a encore ni forum ni débat local.")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    _refused(palabre("campaign", "export", CAMPAIGN, "--out", str(blocker / "sub"), "--db",
                     sqlite_url),
             f"Impossible d’écrire dans le dossier {blocker / 'sub'} : choisissez avec --out "
             "un dossier où vous pouvez écrire.")
    english = palabre("--lang", "en", "campaign", "export", "Nowhere", "--out",
                      str(tmp_path / "x"), "--db", sqlite_url)
    assert english.returncode == 2
    assert english.stderr.strip() == "palabre: No campaign is called Nowhere."
    empty = palabre("campaign", "list", "--db", f"sqlite:///{tmp_path / 'vide.sqlite'}")
    assert empty.returncode == 0 and "Aucune campagne" in empty.stdout


def test_the_central_store_on_postgresql(postgres_url, palabre, tmp_path):
    """The forums' central store is PostgreSQL: the same campaign, exported from there."""
    from palabre.store import Store

    store = Store.open(postgres_url)
    try:
        truth = build(store)
    finally:
        store.close()
    out = tmp_path / "national"
    done = palabre("campaign", "export", CAMPAIGN, "--out", str(out), "--db", postgres_url)
    assert done.returncode == 0, done.stderr
    cover = Presentation(str(out / f"{SLUG}-restitution.pptx")).slides[0]
    lines = [p.text for s in cover.shapes if s.has_text_frame for p in s.text_frame.paragraphs]
    assert (f"{sum(truth.people.values())} participants · "
            f"{sum(truth.answers.values())} réponses") in lines
