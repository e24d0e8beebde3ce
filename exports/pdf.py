"""PDF through LibreOffice, when it is installed: the deck as organisers will print it."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from palabre.exercises.messages import N_

from .errors import ExportError

PROGRAMS = ("libreoffice", "soffice")
TIMEOUT_S = 300


def office() -> str | None:
    for name in PROGRAMS:
        found = shutil.which(name)
        if found:
            return found
    return None


def to_pdf(source: Path, out_dir: Path) -> Path:
    program = office()
    if program is None:
        raise ExportError(N_("PDF export needs LibreOffice, which is not installed on this "
                             "computer. Install it (package libreoffice-impress), or open the "
                             "PowerPoint file and save it as PDF."))
    # A private profile: a LibreOffice already open on the desktop would swallow the job.
    with tempfile.TemporaryDirectory(prefix="palabre-office-") as profile:
        done = subprocess.run(
            [program, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
             "--convert-to", "pdf", "--outdir", str(out_dir), str(source)],
            capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
    target = out_dir / (source.stem + ".pdf")
    if done.returncode != 0 or not target.exists():
        raise ExportError(N_("LibreOffice could not convert {file} to PDF: {detail}"),
                          file=source.name, detail=(done.stderr or done.stdout).strip()[-500:])
    return target
