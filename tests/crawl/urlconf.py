"""Every route of the URLconf, filled with real values of the demo data or with garbage."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import quote

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")

#: Values no route parameter should accept, each expected to give a 4xx, never a 500: an
#: unknown name, a path separator raw and escaped, a NUL (PostgreSQL refuses it in text), a
#: number larger than any column holds, a negative number, letters outside Latin-1, and a
#: dot-dot segment.
GARBAGE_VALUES = ("inconnu-zz", "a/b", "a%2Fb", "a%00b", "9" * 30, "-1", "é🙂", "..")


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name", or the route itself when unnamed
    route: str  # "staff/campagnes/<slug:slug>/", without the leading slash

    @property
    def parameters(self) -> list[str]:
        return [m["name"] for m in PARAMETER.finditer(self.route)]

    def fill(self, values: Mapping[str, str], *, raw: Sequence[str] = ()) -> str:
        """The path with each parameter replaced; those named in ``raw`` are not escaped."""

        def value(match: re.Match[str]) -> str:
            name = match["name"]
            return values[name] if name in raw else quote(values[name], safe="")

        return "/" + PARAMETER.sub(value, self.route)


def routes() -> list[Route]:
    """Every route of the project's own URLconf (Django's admin is crawled through its links)."""
    found: list[Route] = []

    def walk(patterns: Sequence[object], prefix: str, namespaces: tuple[str, ...]) -> None:
        for entry in patterns:
            if not isinstance(entry.pattern, RoutePattern):  # type: ignore[attr-defined]
                continue  # regular expressions: only Django's admin uses them
            route = prefix + str(entry.pattern)  # type: ignore[attr-defined]
            if isinstance(entry, URLResolver):
                if route.startswith("admin/"):
                    continue
                spaces = namespaces + ((entry.namespace,) if entry.namespace else ())
                walk(entry.url_patterns, route, spaces)
            elif isinstance(entry, URLPattern):
                name = ":".join((*namespaces, entry.name)) if entry.name else route
                found.append(Route(name, route))

    walk(get_resolver().url_patterns, "", ())
    return found


def filled(route: Route, pools: Mapping[str, Sequence[str]], limit: int = 40) -> Iterator[str]:
    """The route with real values: every combination of the pools, up to ``limit``."""
    names = route.parameters
    if not names:
        yield route.fill({})
        return
    if any(not pools.get(name) for name in names):
        return
    combos = itertools.product(*(pools[name] for name in names))
    for combo in itertools.islice(combos, limit):
        yield route.fill(dict(zip(names, combo, strict=True)))


def garbage(route: Route, pools: Mapping[str, Sequence[str]]) -> Iterator[str]:
    """The route with one parameter at a time replaced by each garbage value."""
    names = route.parameters
    base = {name: (pools.get(name) or ["x"])[0] for name in names}
    for name in names:
        for value in GARBAGE_VALUES:
            # "a%2Fb" and "a%00b" are sent as typed (the escaped character reaches the
            # server), the others escaped as a browser would.
            raw = (name,) if "%" in value or "/" in value else ()
            yield route.fill({**base, name: value}, raw=raw)
