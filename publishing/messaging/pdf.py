"""Deck PDFs: LibreOffice draws a rendering's .pptx as a PDF in the worker, for Sales to send on.

The PDF is an extra: when LibreOffice is missing or fails, the reason is logged and the rendering keeps
only its .pptx, which Sales can always download.
"""

import logging
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.core.files.base import ContentFile

from publishing.messaging.models import RenderStatus

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 180


class ConversionFailed(RuntimeError):
    pass


def pptx_to_pdf(content):
    """The PDF bytes of a .pptx, or ConversionFailed saying why.

    Each run has a LibreOffice profile of its own: runs sharing one lock each other out.
    """
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise ConversionFailed("LibreOffice (soffice) is not installed.")
    with tempfile.TemporaryDirectory(prefix="masthead-pdf-") as folder:
        source, target = Path(folder) / "deck.pptx", Path(folder) / "deck.pdf"
        source.write_bytes(content)
        command = [
            soffice,
            f"-env:UserInstallation=file://{folder}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            folder,
            str(source),
        ]
        env = {"HOME": folder, "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
        try:
            result = subprocess.run(  # noqa: S603 (our own arguments, no shell)
                command, capture_output=True, timeout=TIMEOUT_SECONDS, env=env, check=False
            )
        except subprocess.TimeoutExpired as error:
            raise ConversionFailed(f"LibreOffice took over {TIMEOUT_SECONDS} s.") from error
        except OSError as error:
            raise ConversionFailed(f"LibreOffice could not start: {error}") from error
        if result.returncode != 0 or not target.exists():
            output = (result.stderr or result.stdout).decode(errors="replace").strip()
            raise ConversionFailed(f"LibreOffice exited {result.returncode}: {output[-500:]}")
        return target.read_bytes()


def add_pdf(rendering):
    """Save a PDF of a good rendering's .pptx on it; True if one was made (False: logged why not)."""
    if rendering.status != RenderStatus.OK or not rendering.file or rendering.pdf:
        return False
    with rendering.file.open("rb") as file:
        content = file.read()
    try:
        pdf = pptx_to_pdf(content)
    except ConversionFailed as error:
        logger.warning("No PDF for %s: %s", rendering, error)
        return False
    rendering.pdf.save(f"{rendering.deck.slug}.pdf", ContentFile(pdf), save=False)
    rendering.save(
        update_fields=["pdf"]
    )  # only the PDF: the switch may have set live_from meanwhile
    return True
