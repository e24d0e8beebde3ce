"""The wheel an organisation installs: its licence, one version, every data file, no warning,
and the installed package runs (`palabre --version`, `python -m palabre exercises`)."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

import palabre

ROOT = Path(__file__).resolve().parents[1]
# Source folder -> where its files land in the wheel (pyproject's package-dir).
DATA = {"palabre/locale": "palabre/locale", "palabre/share": "palabre/share",
        "palabre/server/templates": "palabre/server/templates",
        "palabre/server/static": "palabre/server/static",
        "exercises/formats": "palabre/exercises/formats",
        "personas/library": "palabre/personas/library",
        "exports/templates": "palabre/exports/templates", "workshops": "palabre/workshops"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(out),
                           str(ROOT)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return next(out.glob("palabre-*.whl")), done.stdout + done.stderr


def test_the_wheel_builds_without_a_packaging_warning(wheel):
    _path, output = wheel
    assert "Warning" not in output and "deprecated" not in output, output


def test_the_wheel_carries_the_licence_and_one_version(wheel):
    path, _output = wheel
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        info = f"palabre-{palabre.__version__}.dist-info"
        metadata = archive.read(f"{info}/METADATA").decode()
        licence = archive.read(f"{info}/licenses/LICENSE").decode()
    assert f"Version: {palabre.__version__}\n" in metadata
    assert "License-Expression: EUPL-1.2\n" in metadata
    assert licence.startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2")
    assert licence == (ROOT / "LICENSE").read_text(encoding="utf-8")
    for source, shipped in DATA.items():
        files = [p for p in (ROOT / source).rglob("*") if p.is_file()
                 and p.suffix not in {".py", ".pyc"} and "__pycache__" not in p.parts]
        assert files, source
        for file in files:
            assert f"{shipped}/{file.relative_to(ROOT / source).as_posix()}" in names, file


def test_the_installed_wheel_runs(wheel, tmp_path):
    """Installed apart from the source tree (the dependencies are this environment's)."""
    path, _output = wheel
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target",
                    str(target), str(path)], check=True, capture_output=True, timeout=120)
    env = {**os.environ, "PYTHONPATH": str(target), "PALABRE_DATA_DIR": str(tmp_path / "d")}
    run = lambda *args: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "palabre", *args], capture_output=True, text=True, env=env,
        cwd=tmp_path, timeout=60)
    version = run("--version")
    assert version.returncode == 0 and version.stdout == f"palabre {palabre.__version__}\n"
    listed = run("--lang", "en", "exercises")
    assert listed.returncode == 0, listed.stderr
    assert "reverse-brainstorm" in listed.stdout and "Reverse brainstorm" in listed.stdout
    where = subprocess.run(
        [sys.executable, "-c", "import palabre.exercises; print(palabre.exercises.__file__)"],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60)
    assert where.stdout.startswith(str(target)), where.stdout


def _pins(text: str) -> dict[str, str]:
    pins = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"constraints.txt pins exact versions: {line!r}"
            pins[canonicalize_name(name)] = version.strip()
    return pins


def test_the_constraints_pin_every_declared_dependency_within_its_bounds():
    """CI installs with -c constraints.txt: a dependency added to pyproject without a pin, or a
    bound raised above its pin, means the constraints were not refreshed (make constraints)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = [Requirement(line) for line in project["dependencies"]]
    declared += [Requirement(line) for group in project["optional-dependencies"].values()
                 for line in group]
    pins = _pins((ROOT / "constraints.txt").read_text(encoding="utf-8"))
    assert "palabre" not in pins
    wrong = []
    for req in declared:
        pin = pins.get(canonicalize_name(req.name))
        if pin is None:
            wrong.append(f"{req}: no pin")
        elif not req.specifier.contains(pin, prereleases=True):
            wrong.append(f"{req}: pinned {pin}")
    assert not wrong, wrong


@pytest.fixture(scope="module")
def fresh_prefix(wheel, tmp_path_factory) -> Path:
    """A virtual environment of its own with the wheel installed in it (the dependencies are
    this environment's, seen through a .pth line; palabre is the wheel's)."""
    path, _output = wheel
    prefix = tmp_path_factory.mktemp("prefix") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(prefix)], check=True,
                   timeout=120)
    python = prefix / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path("
                           "'purelib'))"], capture_output=True, text=True, check=True).stdout
    Path(site.strip(), "_dependencies.pth").write_text(
        "\n".join(p for p in sys.path if p.endswith("site-packages")) + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q",
                    "--no-deps", str(path)], check=True, capture_output=True, timeout=120)
    return prefix


def test_the_voila_template_lands_in_the_standard_data_path(fresh_prefix, tmp_path):
    """`voila --template=palabre` finds the page template without palabre's launcher."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "PYTHON"))}
    env["HOME"] = str(tmp_path)  # no template of the user's own on the way
    found = subprocess.run(
        [str(fresh_prefix / "bin" / "python"), "-c",
         "import palabre, sys; from jupyter_core.paths import jupyter_path; "
         "from voila.paths import collect_template_paths; "
         "print(palabre.__file__); print(':'.join(jupyter_path('voila', 'templates'))); "
         "print(collect_template_paths(['voila', 'nbconvert'], 'palabre')[0])"],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60)
    assert found.returncode == 0, found.stderr
    module, data_paths, template = found.stdout.splitlines()
    assert module.startswith(str(fresh_prefix)), module
    installed = fresh_prefix / "share" / "jupyter" / "voila" / "templates"
    assert installed in [Path(p) for p in data_paths.split(":")], data_paths
    assert Path(template) == installed / "palabre"
    source = ROOT / "palabre" / "share" / "voila" / "templates" / "palabre"
    files = sorted(p.name for p in source.iterdir() if p.is_file())
    assert files and sorted(p.name for p in Path(template).iterdir()) == files
    for name in files:
        assert (Path(template) / name).read_bytes() == (source / name).read_bytes(), name


@pytest.mark.parametrize("ci", ["true", ""])
def test_ci_installs_the_constraints_and_a_developer_the_lower_bounds(ci):
    """`make setup` under CI=true installs with -c constraints.txt; without CI it does not."""
    env = {k: v for k, v in os.environ.items() if k != "CI"} | ({"CI": ci} if ci else {})
    planned = subprocess.run(["make", "-n", "-B", "setup"], cwd=ROOT, capture_output=True,
                             text=True, env=env, timeout=60)
    assert planned.returncode == 0, planned.stderr
    install = next(line for line in planned.stdout.splitlines() if " -e " in line)
    assert ("-c constraints.txt" in install) == bool(ci), install
