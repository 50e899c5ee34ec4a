"""gunicorn's logger, as Vivier needs it.

- A client that pauses longer than the worker allows (see ``worker.py``) ends with a socket
  timeout; gunicorn logs that with a stack trace, which says nothing more than one line.
"""

from __future__ import annotations

import errno
from typing import Any

from gunicorn.glogging import Logger

_TIMEOUTS = {errno.EAGAIN, errno.EWOULDBLOCK, errno.ETIMEDOUT}


class VivierLogger(Logger):
    def exception(self, msg: str, *args: Any, **kwargs: Any) -> None:
        import sys

        error = sys.exc_info()[1]
        if isinstance(error, OSError) and (
            isinstance(error, TimeoutError) or error.errno in _TIMEOUTS
        ):
            self.info("Closed a connection whose client stalled: %s", error)
            return
        super().exception(msg, *args, **kwargs)
