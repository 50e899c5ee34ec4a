"""A minimal asyncio HTTP/1.1 client and latency statistics for the load generators.

Why not httpx or aiohttp: on a 2-core machine the load generator competes with the server for
CPU, so every microsecond it spends parsing is stolen from what we measure. This client does
only what the respondent pages need (one request at a time per connection, Content-Length or
chunked bodies, Set-Cookie, keep-alive when the server allows it) and costs a few tens of
microseconds per request. Each simulated respondent is a separate "browser" with its own
cookie jar; connections are per concurrent client, as a browser keeps one open.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import re
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

REQUEST_TIMEOUT = 60.0

_CSRF_RE = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
_INPUT_RE = re.compile(rb'name="%s" value="([^"]*)"')


class HttpError(Exception):
    """A transport-level failure (refused, reset, timeout, malformed reply)."""


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    cookies: dict[str, str]
    body: bytes
    #: Seconds from writing the request (connection included, if one had to be opened) to the
    #: last byte of the body: what a browser would wait.
    elapsed: float

    @property
    def location(self) -> str:
        # Django sends relative redirects; an absolute one is reduced to its path.
        value = self.headers.get("location", "")
        parts = urlsplit(value)
        return parts.path + (f"?{parts.query}" if parts.query else "") if parts.scheme else value

    def csrf_token(self) -> str:
        match = _CSRF_RE.search(self.body)
        if match is None:
            raise HttpError(f"no csrfmiddlewaretoken in a {self.status} page")
        return match.group(1).decode()

    def hidden_input(self, name: str) -> str:
        match = re.search(_INPUT_RE.pattern % re.escape(name.encode()), self.body)
        if match is None:
            raise HttpError(f"no input {name!r} in a {self.status} page")
        return match.group(1).decode()


@dataclass
class Connection:
    """One keep-alive connection, reopened whenever the server closes it.

    gunicorn's sync workers answer ``Connection: close`` to every request, so with them each
    request pays a TCP connect on loopback (as it would in production behind no proxy).
    """

    host: str
    port: int
    reader: asyncio.StreamReader | None = None
    writer: asyncio.StreamWriter | None = None
    #: Requests that had to be replayed because a kept-alive connection was closed under them.
    retries: int = 0

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None

    async def request(
        self,
        method: str,
        path: str,
        *,
        cookies: Mapping[str, str] | None = None,
        form: Iterable[tuple[str, str]] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Reply:
        body = urlencode(list(form)).encode() if form is not None else b""
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}"]
        if cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in cookies.items()))
        if form is not None:
            lines.append("Content-Type: application/x-www-form-urlencoded")
            # Browsers send Origin on a form POST; Django's CSRF check compares it to Host.
            lines.append(f"Origin: http://{self.host}:{self.port}")
        if method != "GET":
            lines.append(f"Content-Length: {len(body)}")
        for name, value in (headers or {}).items():
            lines.append(f"{name}: {value}")
        raw = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body
        started = time.perf_counter()
        try:
            return await asyncio.wait_for(self._exchange(raw, started), REQUEST_TIMEOUT)
        except TimeoutError as error:
            await self.close()
            raise HttpError(f"{method} {path}: no answer in {REQUEST_TIMEOUT:.0f} s") from error

    async def _exchange(self, raw: bytes, started: float) -> Reply:
        reused = self.writer is not None
        try:
            return await self._send_and_read(raw, started)
        except (ConnectionError, asyncio.IncompleteReadError) as error:
            await self.close()
            if not reused:
                raise HttpError(f"connection failed: {error!r}") from error
        # A kept-alive connection closed by the server before it read anything: replay once
        # on a fresh one, as browsers do. (Submissions are idempotent anyway.)
        self.retries += 1
        try:
            return await self._send_and_read(raw, started)
        except (ConnectionError, asyncio.IncompleteReadError) as error:
            await self.close()
            raise HttpError(f"connection failed: {error!r}") from error

    async def _send_and_read(self, raw: bytes, started: float) -> Reply:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(raw)
        await self.writer.drain()
        head = await self.reader.readuntil(b"\r\n\r\n")
        status_line, *header_lines = head[:-4].decode("latin-1").split("\r\n")
        try:
            status = int(status_line.split(" ", 2)[1])
        except (IndexError, ValueError) as error:
            raise HttpError(f"malformed status line {status_line!r}") from error
        headers: dict[str, str] = {}
        cookies: dict[str, str] = {}
        for line in header_lines:
            name, _, value = line.partition(":")
            name, value = name.strip().lower(), value.strip()
            if name == "set-cookie":
                cookie_name, _, rest = value.partition("=")
                cookies[cookie_name.strip()] = rest.split(";", 1)[0]
            else:
                headers[name] = value
        if "content-length" in headers:
            body = await self.reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            body = await self._read_chunked()
        else:
            body = await self.reader.read()
            headers["connection"] = "close"
        elapsed = time.perf_counter() - started
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return Reply(status, headers, cookies, body, elapsed)

    async def _read_chunked(self) -> bytes:
        assert self.reader is not None
        parts = []
        while True:
            size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                await self.reader.readuntil(b"\r\n")
                return b"".join(parts)
            parts.append(await self.reader.readexactly(size))
            await self.reader.readexactly(2)


@dataclass
class Latencies:
    """Request durations in seconds, summarised in milliseconds."""

    samples: list[float] = field(default_factory=list)

    def add(self, seconds: float) -> None:
        self.samples.append(seconds)

    def percentile(self, p: float) -> float:
        """Nearest-rank percentile (an observed value, no interpolation), in ms."""
        if not self.samples:
            return math.nan
        ordered = sorted(self.samples)
        rank = max(1, math.ceil(p / 100 * len(ordered)))
        return ordered[rank - 1] * 1000

    def summary(self) -> dict[str, float | int]:
        if not self.samples:
            return {"count": 0}
        return {
            "count": len(self.samples),
            "mean_ms": round(sum(self.samples) / len(self.samples) * 1000, 2),
            "p50_ms": round(self.percentile(50), 2),
            "p90_ms": round(self.percentile(90), 2),
            "p99_ms": round(self.percentile(99), 2),
            "max_ms": round(max(self.samples) * 1000, 2),
        }
