"""The gunicorn worker ``vivier serve`` runs: threads, and bounds on how long a client may stall.

Why threads (gunicorn's ``gthread``) rather than the ``sync`` worker: a sync worker reads a
request with one blocking call per connection, so four clients that connect and send nothing
make a four-worker site unavailable until the worker timeout kills them. gthread keeps
kept-alive connections in a poller and only gives a thread to a connection with bytes to read.

Two things it still does, which this worker changes:

- a new connection gets a thread at once, which waits up to 5 s for its first byte; here a
  new connection waits in the poller like a kept-alive one, so idle connections cost no
  thread at all, and are closed after the keep-alive delay if they send nothing;
- a client that starts a request and then trickles it (the "slowloris" pattern) is read with
  blocking calls that have no timeout; here every read waits at most ``READ_PAUSE_SECONDS``
  and a whole request (head and body) must arrive within ``REQUEST_READ_SECONDS``.

Past these bounds the connection is closed. A buffering reverse proxy in front (see the
README) is what fully shields the threads from slow clients.
"""

from __future__ import annotations

import errno
import selectors
import socket
import time
from functools import partial
from typing import Any

from gunicorn.workers.gthread import TConn, ThreadWorker

#: Longest silence in the middle of a request, headers or body. A browser on a poor mobile
#: link sends a form's packets well within this.
READ_PAUSE_SECONDS = 10.0
#: Longest time to receive one whole request. The largest accepted upload (20 MB) needs
#: about 2 minutes at 1.5 Mbit/s.
REQUEST_READ_SECONDS = 150.0
#: Longest wait for a client to take part of the answer (a download to a slow reader).
WRITE_PAUSE_SECONDS = 60.0


class DeadlineSocket:
    """A client socket whose reads share one deadline per request.

    Everything but reads and writes is passed to the socket itself, so gunicorn's parser,
    poller and writers use it as they would the socket.
    """

    def __init__(self, sock: socket.socket):
        self._sock = sock
        self.deadline: float | None = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sock, name)

    def start_request(self) -> None:
        self.deadline = time.monotonic() + REQUEST_READ_SECONDS

    def recv(self, size: int, *flags: int) -> bytes:
        pause = READ_PAUSE_SECONDS
        if self.deadline is not None:
            remaining = self.deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("the request was not received in time")
            pause = min(pause, remaining)
        self._sock.settimeout(pause)
        return self._sock.recv(size, *flags)

    def sendall(self, data: bytes, *flags: int) -> None:
        self._sock.settimeout(WRITE_PAUSE_SECONDS)
        self._sock.sendall(data, *flags)

    def send(self, data: bytes, *flags: int) -> int:
        self._sock.settimeout(WRITE_PAUSE_SECONDS)
        return self._sock.send(data, *flags)


class VivierThreadWorker(ThreadWorker):
    """gunicorn's threaded worker with the bounds above."""

    def accept(self, listener: socket.socket) -> None:
        try:
            client_sock, client_addr = listener.accept()
        except OSError as error:
            if error.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                raise
            return
        self.nr_conns += 1
        sock = DeadlineSocket(client_sock)
        conn = TConn(self.cfg, sock, client_addr, listener.getsockname())  # non-blocking
        # Wait for the first byte in the poller, as gunicorn does for kept-alive
        # connections: same delay, so the queue of pending connections stays in order.
        conn.timeout = time.monotonic() + self.cfg.keepalive
        self.pending_conns.append(conn)
        self.poller.register(
            sock, selectors.EVENT_READ, partial(self.on_pending_socket_readable, conn)
        )

    def handle(self, conn: Any) -> Any:
        if isinstance(conn.sock, DeadlineSocket):
            conn.sock.start_request()
        return super().handle(conn)
