"""The demo's own secret key (no Django import: it is chosen before the settings are read)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def use_demo_secret_key() -> None:
    """The demo serves in production mode: it gets a random key of its own, kept under var/.

    Never the public default: resume links are signed with it. The file is created once
    (mode 600) so links stay valid from one ``make demo`` to the next. A key already in
    ``VIVIER_SECRET_KEY`` is kept.
    """
    if os.environ.get("VIVIER_SECRET_KEY"):
        return
    var_dir = Path(os.environ.get("VIVIER_VAR_DIR", Path.cwd() / "var"))
    var_dir.mkdir(parents=True, exist_ok=True)
    path = var_dir / "demo-secret-key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(50))
    os.environ["VIVIER_SECRET_KEY"] = path.read_text().strip()
