"""A breadth-first crawler over Django's test client that records every 5xx it meets.

It GETs pages, reads their ``<a href>``, ``<form action>``, ``formaction`` and htmx
(``hx-get``/``hx-post``) targets and follows the same-site ones (a GET form is followed as
filled and with garbage), then posts every POST form it found empty, with garbage, with a
huge number and as a browser would fill it (once per submit button), the forms that destroy
what the crawl relies on (deletion, erasure, purge) last and logout at the very end. Views
that raise answer a 500 (the client does not re-raise), and each one is kept with the first
line of its exception, so one run lists every broken page. Each request runs in a savepoint
undone when it failed, as each request has its own transaction in production.

Pages of one kind (one view with the same query parameter names, see :func:`shape`) are
visited a few times only, and a few more for one view whatever its parameters: the demo
campaign has 1,771 responses and the catalogue as many filter combinations as one cares to
click, but one page of each kind finds the bug. URLs given as seeds, and where a posted
form leads, are always visited. Django's admin is crawled (GET only: posting garbage there
would change the personas themselves).
"""

from __future__ import annotations

import time
import traceback
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client
from django.urls import Resolver404, resolve

#: A value no field expects: markup, quotes, a path separator and its escape, non-Latin
#: letters, a right-to-left override, a NUL (PostgreSQL refuses it in text) and a control
#: character.
GARBAGE = "'\"><b>x</b> ../a/b %2F%00 ñ \u202e 𝔘 \x00 \x01 é"
#: A number no field can hold.
HUGE = "9" * 40

#: Words in a form's address that announce it destroys what the crawl still needs.
DESTRUCTIVE = ("deconnexion", "logout", "supprimer", "delete", "effacer", "erase", "purge")


@dataclass(frozen=True)
class Failure:
    persona: str
    method: str
    url: str
    status: int
    error: str

    def __str__(self) -> str:
        return f"{self.persona}: {self.method} {self.url} -> {self.status} {self.error}"


@dataclass
class Form:
    action: str
    method: str
    fields: list[tuple[str, str, str]] = field(default_factory=list)  # (tag/type, name, value)
    options: dict[str, list[str]] = field(default_factory=dict)  # select name -> values
    buttons: list[tuple[str, str, str]] = field(default_factory=list)  # (name, value, action)
    files: list[tuple[str, str]] = field(default_factory=list)  # (name, accept)
    htmx: bool = False

    def names(self) -> tuple[str, ...]:
        return tuple(sorted({n for _t, n, _v in self.fields} | {n for n, _a in self.files}))

    def filled(self) -> dict[str, list[str]]:
        """What a visitor who takes every default (first option, first choice) would send."""
        data: dict[str, list[str]] = {}
        for kind, name, value in self.fields:
            if kind in ("radio", "checkbox"):
                if name not in data:
                    data[name] = [value or "on"]
            elif kind == "select":
                choices = [v for v in self.options.get(name, []) if v]
                data.setdefault(name, []).append(value or (choices[0] if choices else ""))
            elif value:
                data.setdefault(name, []).append(value)
            else:
                data.setdefault(name, []).append(_sample(kind))
        return data

    def garbage(self, value: str) -> dict[str, list[str]]:
        return {name: [value] for name in self.names()}


def _sample(kind: str) -> str:
    return {
        "number": "3",
        "range": "3",
        "email": "personne@example.org",
        "tel": "0102030405",
        "date": "2020-08-24",
        "url": "https://example.org/",
        "password": "mot-de-passe-essai",
        "hidden": "",
    }.get(kind, "essai")


class _PageParser(HTMLParser):
    """Links and forms of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        for attribute in ("hx-get", "data-hx-get"):
            if attribute in a:
                self.links.append(a[attribute])
        if tag == "form":
            self._form = Form(a.get("action", ""), (a.get("method") or "get").lower())
            self.forms.append(self._form)
        if "hx-post" in a:
            target = Form(a["hx-post"], "post", htmx=True)
            if self._form is not None:
                target.fields = self._form.fields  # the enclosing form's, as htmx sends them
                target.options = self._form.options
            self.forms.append(target)
        if tag in ("a", "area") and "href" in a:
            self.links.append(a["href"])
        elif tag == "form" or self._form is None:
            return
        elif tag == "input":
            kind = (a.get("type") or "text").lower()
            name = a.get("name", "")
            if kind in ("submit", "image", "button"):
                if kind != "button":
                    self._form.buttons.append((name, a.get("value", ""), a.get("formaction", "")))
            elif kind == "file" and name:
                self._form.files.append((name, a.get("accept", "")))
            elif name:
                self._form.fields.append((kind, name, a.get("value", "")))
        elif tag == "button":
            if (a.get("type") or "submit").lower() == "submit":
                self._form.buttons.append(
                    (a.get("name", ""), a.get("value", ""), a.get("formaction", ""))
                )
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
            self._form.fields.append(("select", a["name"], ""))
            self._form.options.setdefault(a["name"], [])
        elif tag == "option" and self._select is not None:
            self._form.options[self._select].append(a.get("value", ""))
        elif tag == "textarea" and a.get("name"):
            self._textarea = a["name"]
            self._form.fields.append(("textarea", a["name"], ""))

    def handle_data(self, data: str) -> None:
        if self._textarea is not None and self._form is not None and data.strip():
            kind, name, _value = self._form.fields[-1]
            self._form.fields[-1] = (kind, name, data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def parse_page(html: str) -> tuple[list[str], list[Form]]:
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    return parser.links, parser.forms


def same_site(base: str, href: str) -> str | None:
    """The site-relative URL of a link (no fragment), or None when it leaves the site."""
    href = href.strip()
    if not href or href.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
        return None
    url = urlsplit(urljoin("http://testserver" + base, href))
    if url.scheme not in ("http", "https") or url.hostname not in ("testserver", None):
        return None
    return urlunsplit(("", "", url.path or "/", url.query, ""))


def view_name(path: str) -> str:
    try:
        match = resolve(path)
    except Resolver404:
        parts = path.strip("/").split("/")
        return "unresolved:" + (parts[0] if parts else "")
    return match.view_name or match._func_path


def shape(method: str, url: str) -> tuple[str, str, tuple[str, ...]]:
    """Pages of one kind: the same view, the same query parameter names."""
    split = urlsplit(url)
    keys = tuple(sorted({k for k, _v in parse_qsl(split.query, keep_blank_values=True)}))
    return (method, view_name(split.path), keys)


def first_line_of(exc_info: Any) -> str:
    """``Type: message (file:line)``, the line being the deepest frame of Vivier's code."""
    if not exc_info:
        return "(no exception: the view answered 5xx itself)"
    kind, value, tb = exc_info
    message = (str(value).strip().splitlines() or [""])[0][:200]
    where = ""
    for frame in traceback.extract_tb(tb):
        if "/vivier/" in frame.filename:
            where = f" ({frame.filename.split('/vivier/')[-1]}:{frame.lineno})"
    return f"{kind.__name__}: {message}{where}"


class Crawler:
    def __init__(
        self,
        persona: str,
        client: Client,
        *,
        max_requests: int = 3000,
        per_shape: int = 3,
        per_view: int = 12,
        forms_per_shape: int = 2,
        skip: frozenset[str] = frozenset(),
        heavy: frozenset[str] = frozenset(),
    ) -> None:
        self.persona = persona
        self.client = client
        self.max_requests = max_requests
        self.per_shape = per_shape
        self.per_view = per_view
        self.forms_per_shape = forms_per_shape
        #: Views not visited at all (another persona covers them).
        self.skip = skip
        #: Views that render whole documents: not visited again in English.
        self.heavy = heavy
        self.failures: list[Failure] = []
        #: (method, url, status) of every request, in order.
        self.visited: list[tuple[str, str, int]] = []
        self._seen: set[str] = set()
        self._queue: deque[str] = deque()
        self._shapes: Counter[tuple[str, str, tuple[str, ...]]] = Counter()
        self._views: Counter[str] = Counter()
        self._forms: list[Form] = []
        self._form_keys: set[tuple[str, str, tuple[str, ...]]] = set()
        self._form_shapes: Counter[tuple[str, str, tuple[str, ...]]] = Counter()
        self._logouts: list[Form] = []
        #: Time spent per (method, view): where a slow crawl spends it.
        self.seconds: Counter[tuple[str, str]] = Counter()

    # ---------------------------------------------------------------- queueing

    def seed(self, urls: Iterable[str]) -> None:
        """URLs visited whatever how many pages of their kind were seen."""
        for url in urls:
            self._enqueue(url, url, force=True)

    def _enqueue(self, base: str, href: str, *, force: bool = False) -> None:
        """Queues a link unless enough pages of its kind are already queued (or forced)."""
        url = same_site(base, href)
        if url is None or url in self._seen or _is_logout(url):
            return
        kind = shape("GET", url)
        if kind[1] in self.skip:
            return
        if not force:
            if self._shapes[kind] >= self.per_shape or self._views[kind[1]] >= self.per_view:
                return
            self._shapes[kind] += 1
            self._views[kind[1]] += 1
        self._seen.add(url)
        self._queue.append(url)

    def _add_form(self, base: str, form: Form) -> None:
        action = same_site(base, form.action or base)
        if action is None:
            return
        form.action = action
        if form.method != "post":
            # A GET form is a family of links: as filled, and with garbage in every field.
            for data in (form.filled(), form.garbage(GARBAGE)):
                query = urlencode([(k, v) for k, vs in data.items() for v in vs])
                path = urlsplit(action).path
                self._enqueue(base, f"{path}?{query}" if query else path)
            return
        if urlsplit(action).path.startswith("/admin/"):
            return  # Django's own admin: posting garbage there would change the personas
        if _is_logout(action):
            self._logouts.append(form)  # posted at the very end of the crawl
            return
        key = ("POST", action, form.names())
        kind = shape("POST", action)
        kind = (kind[0], kind[1], form.names())
        if key in self._form_keys or self._form_shapes[kind] >= self.forms_per_shape:
            return
        self._form_keys.add(key)
        self._form_shapes[kind] += 1
        self._forms.append(form)

    # ---------------------------------------------------------------- requests

    def _record(self, method: str, url: str, answer: Any) -> None:
        self.visited.append((method, url, answer.status_code))
        if answer.status_code >= 500:
            self.failures.append(
                Failure(
                    self.persona,
                    method,
                    url,
                    answer.status_code,
                    first_line_of(getattr(answer, "exc_info", None)),
                )
            )

    @staticmethod
    def _isolated(send: Any, *args: Any, **kwargs: Any) -> Any:
        """One request in a savepoint, rolled back when it failed.

        In production each request has its own transaction; here the test's transaction
        holds them all, and on PostgreSQL one failed statement would make every later
        request fail too ("current transaction is aborted"), hiding the pages after it.
        """
        if not connection.in_atomic_block:
            return send(*args, **kwargs)
        savepoint = transaction.savepoint_create()
        answer = send(*args, **kwargs)
        if answer.status_code >= 500:
            connection.needs_rollback = False  # what failed is undone just below
            transaction.savepoint_rollback(savepoint)
        else:
            transaction.savepoint_commit(savepoint)
        return answer

    def _time(self, method: str, url: str, started: float) -> None:
        self.seconds[shape(method, url)[:2]] += time.perf_counter() - started

    def _budget_left(self) -> bool:
        return len(self.visited) < self.max_requests

    def get(self, url: str) -> Any:
        started = time.perf_counter()
        answer = self._isolated(self.client.get, url)
        self._time("GET", url, started)
        self._record("GET", url, answer)
        self._read(url, answer)
        return answer

    def post(self, url: str, data: dict[str, Any], *, htmx: bool = False) -> Any:
        headers = {"HX-Request": "true"} if htmx else {}
        started = time.perf_counter()
        answer = self._isolated(self.client.post, url, data, headers=headers)
        self._time("POST", url, started)
        self._record("POST", url, answer)
        self._read(url, answer)
        return answer

    def _read(self, url: str, answer: Any) -> None:
        if answer.status_code in (301, 302, 303, 307, 308) and answer.get("Location"):
            # Where a form leads is always seen: it is what the form did.
            self._enqueue(url, answer["Location"], force=answer.request["REQUEST_METHOD"] == "POST")
            return
        if "html" not in answer.get("Content-Type", "") or getattr(answer, "streaming", False):
            return
        links, forms = parse_page(answer.content.decode("utf-8", "replace"))
        for link in links:
            self._enqueue(url, link)
        for form in forms:
            self._add_form(url, form)

    # ---------------------------------------------------------------- the crawl

    def crawl(self) -> None:
        """Everything: pages and forms in French, one page of each kind in English, logout."""
        self.run()
        self.english()
        for form in self._logouts[:1]:
            self.post(form.action, form.filled())

    def run(self) -> None:
        """Every queued page, then every form (destructive ones last), until all is done."""
        while self._budget_left():
            while self._queue and self._budget_left():
                self.get(self._queue.popleft())
            if not self._forms:
                break
            self._forms.sort(key=lambda f: _is_destructive(f.action))
            self._submit(self._forms.pop(0))

    def _submit(self, form: Form) -> None:
        for data in self._variants(form):
            if not self._budget_left():
                return
            action, payload = data
            self.post(action, payload, htmx=form.htmx)

    def _variants(self, form: Form) -> Iterator[tuple[str, dict[str, Any]]]:
        """Empty, garbage, then as filled with each button: the page is left as a visitor
        leaves it, the default button (the first, which Enter presses) pressed last."""
        yield form.action, {}
        garbage: dict[str, Any] = form.garbage(GARBAGE)
        for file_name, accept in form.files:
            garbage[file_name] = _upload(accept, GARBAGE.encode() * 10)
        yield form.action, garbage
        yield form.action, form.garbage(HUGE)
        filled = form.filled()
        buttons = [b for b in form.buttons if b[0] or b[2]][:3] or [("", "", "")]
        for name, value, formaction in reversed(buttons):
            data: dict[str, Any] = dict(filled)
            if name:
                data[name] = value
            for file_name, accept in form.files:
                data[file_name] = _upload(accept, b"Fichier sans rapport avec ce qui est attendu.")
            action = same_site(form.action, formaction) if formaction else form.action
            yield action or form.action, data

    def english(self) -> None:
        """One page of each view seen so far, again in English."""
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        done: set[str] = set()
        for method, url, status in list(self.visited):
            kind = view_name(urlsplit(url).path)
            if method != "GET" or status >= 300 or kind in done or kind in self.heavy:
                continue
            if not self._budget_left():
                break
            done.add(kind)
            self._record("GET en", url, self._isolated(self.client.get, url))
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"

    def summary(self) -> str:
        statuses = Counter(status for _m, _u, status in self.visited)
        kinds = {shape(m, u)[1] for m, u, _s in self.visited}
        slowest = self.seconds.most_common(8)
        return (
            f"{self.persona}: {len(self.visited)} requests over {len(kinds)} views, "
            f"statuses {dict(sorted(statuses.items()))}, {len(self.failures)} failure(s)"
            f"{'' if self._budget_left() else ' (stopped at the request cap)'}; "
            f"slowest views: {', '.join(f'{m} {v} {t:.1f} s' for (m, v), t in slowest)}"
        )

    def ok_paths(self) -> set[str]:
        """Paths answered 200 to a GET."""
        return {urlsplit(u).path for m, u, s in self.visited if m == "GET" and s == 200}


def _upload(accept: str, content: bytes) -> SimpleUploadedFile:
    suffix = next((a.strip() for a in accept.split(",") if a.strip().startswith(".")), ".txt")
    return SimpleUploadedFile("essai" + suffix, content, content_type="application/octet-stream")


def _is_logout(url: str) -> bool:
    return any(word in url for word in ("deconnexion", "logout"))


def _is_destructive(url: str) -> bool:
    return any(word in url for word in DESTRUCTIVE)
