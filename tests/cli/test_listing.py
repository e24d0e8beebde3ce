"""`palabre exercises` and `palabre sessions`, read off the terminal in both languages."""

from __future__ import annotations

from palabre.exercises import builtin_formats

from palabre.store import Store

FORMATS = {"reverse-brainstorm": ("Brainstorming inversé", "Reverse brainstorm"),
           "role-swap": ("Inversion des rôles", "Role swap"),
           "design-sprint": ("Sprint créatif d'une journée", "One-day design sprint"),
           "personas": ("Personas", "Personas")}


def test_exercises_lists_the_four_formats_in_french_by_default(palabre):
    done = palabre("exercises")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0].split() == ["identifiant", "titre", "étapes", "fichier"]
    for format_id, (french, _english) in FORMATS.items():
        line = next(line for line in done.stdout.splitlines() if line.startswith(format_id))
        assert french in line
        assert f"formats/{format_id}.yaml" in line
    assert "reverse-brainstorm" in done.stdout and " 3 " in done.stdout


def test_exercises_in_english_by_option_or_environment(palabre):
    by_option = palabre("--lang", "en", "exercises")
    by_env = palabre("exercises", env={"PALABRE_LANG": "en"})
    for done in (by_option, by_env):
        assert done.returncode == 0, done.stderr
        assert done.stdout.splitlines()[0].split() == ["id", "title", "phases", "file"]
        for _french, english in FORMATS.values():
            assert english in done.stdout


def test_exercises_adds_a_folder_of_formats(palabre, tmp_path):
    folder = tmp_path / "formats"
    folder.mkdir()
    (folder / "cafe.yaml").write_text(
        "id: cafe\n"
        "title: {fr: Café citoyen, en: Citizens café}\n"
        "question: {fr: 'Que changer ?', en: 'What to change?'}\n"
        "phases:\n"
        "  - id: ideas\n"
        "    kind: ideas\n"
        "    title: {fr: Idées, en: Ideas}\n"
        "    prompt: {fr: Une idée, en: One idea}\n", encoding="utf-8")
    done = palabre("exercises", "--exercises", str(folder))
    assert done.returncode == 0, done.stderr
    line = next(line for line in done.stdout.splitlines() if line.startswith("cafe "))
    assert "Café citoyen" in line and str(folder / "cafe.yaml") in line


def test_a_malformed_format_names_its_file_line_and_field(palabre, tmp_path):
    folder = tmp_path / "formats"
    folder.mkdir()
    (folder / "broken.yaml").write_text(
        "id: broken\n"
        "title: {fr: Cassé, en: Broken}\n"
        "question: {fr: Q, en: Q}\n"
        "phases:\n"
        "  - id: one\n"
        "    kind: telepathy\n"
        "    title: {fr: Un, en: One}\n"
        "    prompt: {fr: Un, en: One}\n", encoding="utf-8")
    french = palabre("exercises", "--exercises", str(folder))
    english = palabre("--lang", "en", "exercises", "--exercises", str(folder))
    assert french.returncode == 2 and english.returncode == 2
    assert str(folder / "broken.yaml") in french.stderr
    assert "ligne 6" in french.stderr and "phases[0].kind" in french.stderr
    assert "telepathy" in french.stderr
    assert "line 6" in english.stderr and "phases[0].kind" in english.stderr
    assert "Traceback" not in french.stderr + english.stderr
    assert french.stderr.count("\n") == 1  # one line


def test_a_missing_formats_folder_is_one_clear_line(palabre, tmp_path):
    done = palabre("exercises", "--exercises", str(tmp_path / "nowhere"))
    assert done.returncode == 2
    assert "n'existe pas" in done.stderr and "Traceback" not in done.stderr


def test_sessions_lists_the_workshops_of_a_store(palabre, tmp_path):
    url = f"sqlite:///{tmp_path / 'forum.sqlite'}"
    store = Store.open(url)
    formats = builtin_formats()
    rennes = store.create_session(formats["reverse-brainstorm"], title="Atelier Rennes",
                                  forum="Forum usagers")
    vitre = store.create_session(formats["role-swap"], title="Atelier Vitré")
    for n in range(3):
        store.join(rennes, f"device-{n}", role="usager")
    person = store.participant(rennes, "device-0")
    store.contribute(rennes, participant=person, phase_id=rennes.phase.id, kind="ideas",
                     body={"text": "Fermer le guichet"}, text="Fermer le guichet",
                     key="key-00000001")
    store.close()

    done = palabre("sessions", "--db", url)
    assert done.returncode == 0, done.stderr
    header, _rule, *rows = done.stdout.splitlines()
    assert header.split() == ["code", "format", "titre", "participants", "réponses", "créé",
                              "le"]
    by_code = {row.split()[0]: row for row in rows}
    assert set(by_code) == {rennes.code, vitre.code}
    assert "Atelier Rennes" in by_code[rennes.code]
    assert by_code[rennes.code].split()[4:6] == ["3", "1"]
    assert "role-swap" in by_code[vitre.code] and "Atelier Vitré" in by_code[vitre.code]

    only_forum = palabre("--lang", "en", "sessions", "--db", url, "--forum", "Forum usagers")
    assert only_forum.returncode == 0, only_forum.stderr
    assert rennes.code in only_forum.stdout and vitre.code not in only_forum.stdout
    assert "participants" in only_forum.stdout and "answers" in only_forum.stdout


def test_sessions_of_an_empty_store_says_so(palabre, tmp_path):
    done = palabre("sessions", "--db", f"sqlite:///{tmp_path / 'empty.sqlite'}")
    assert done.returncode == 0, done.stderr
    assert "Aucun atelier" in done.stdout


def test_a_bad_database_url_is_one_clear_line(palabre):
    for url in ("nonsense://", "not a url"):
        done = palabre("sessions", "--db", url)
        assert done.returncode == 2, (url, done.stderr)
        assert "n'est pas une adresse de base de données" in done.stderr
        assert "Traceback" not in done.stderr


def test_an_unreachable_database_hides_its_password(palabre):
    done = palabre("--lang", "en", "sessions", "--db",
                   "postgresql+psycopg://someone:s3cret@127.0.0.1:1/nothing")
    assert done.returncode == 2
    assert "Cannot open the store" in done.stderr
    assert "s3cret" not in done.stderr and "Traceback" not in done.stderr


def test_a_usage_mistake_is_explained_in_french(palabre):
    done = palabre("sessions", "--bogus")
    assert done.returncode == 2
    assert "erreur : arguments non reconnus : --bogus" in done.stderr
    helped = palabre("--help")
    assert helped.returncode == 0
    assert "afficher cette aide et quitter" in helped.stdout
    for command in ("start", "exercises", "sessions", "simulate"):
        assert command in helped.stdout


def test_postgresql_without_its_extra_says_how_to_install_it(cli_env):
    """psycopg is the `palabre[postgres]` extra: an installation without it is told the line."""
    import subprocess
    import sys

    without_psycopg = ("import sys; sys.modules['psycopg'] = None; from palabre.cli import main; "
                       "sys.exit(main(sys.argv[1:]))")
    done = subprocess.run([sys.executable, "-c", without_psycopg, "sessions", "--db",
                           "postgresql+psycopg://someone@127.0.0.1:1/nothing"],
                          capture_output=True, text=True, env=cli_env, timeout=60)
    assert done.returncode == 2, done.stderr
    assert "pip install 'palabre[postgres]'" in done.stderr
    assert "PostgreSQL n’est pas installée" in done.stderr and "Traceback" not in done.stderr
