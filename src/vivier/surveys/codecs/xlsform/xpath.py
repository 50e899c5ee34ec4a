"""XLSForm/ODK XPath expressions, translated into the engine's expression language.

Why a parser of our own rather than a regular expression or the engine's parser: an imported
expression is in one of three states and each calls for a different answer. Text that is not
XPath at all (prose, unbalanced parentheses) is a mistake in the file, refused with the
character where it breaks. Valid XPath that uses something the engine does not run
(``pulldata()``, ``today()``, ``/data/x``, ``..``) is fine in ODK, so the form still imports
and only that condition is dropped, with a warning naming the feature. Everything else maps
one to one onto the engine's AST and is checked by the engine's own parser.

The grammar is XPath 1.0 (paths, predicates, axes, unions, variables, any function name,
``jr:`` prefixes included) plus XLSForm's ``${name}`` references.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from vivier.surveys.expressions import (
    FUNCTIONS,
    Binary,
    Call,
    Current,
    ExpressionError,
    Literal,
    Node,
    Unary,
    parse,
    to_source,
)

#: Typographic quotes that spreadsheets put in place of straight ones; pyxform replaces them
#: too, so a form that works in ODK keeps working here.
SMART_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})

_NUMBER_RE = re.compile(r"\d+(?:\.\d*)?|\.\d+")
_NAME_RE = re.compile(r"[^\W\d][\w.\-]*(?::[^\W\d][\w.\-]*)?|\*")
_OPERATORS = ("!=", "<=", ">=", "//", "::", "=", "<", ">", "+", "-", "*", "|", "/", "@")
_PUNCTUATION = "()[],"
_NODE_TYPES = frozenset({"node", "text", "comment", "processing-instruction"})
_KEYWORDS = frozenset({"and", "or", "div", "mod"})
_ENGINE_BINARY = frozenset({"or", "and", "=", "!=", "<", "<=", ">", ">=", "+", "-", "*"})
_ENGINE_BINARY |= {"div", "mod"}


class XPathSyntaxError(Exception):
    """Text that is not an XPath expression; ``position`` is 0-based."""

    def __init__(self, position: int, fr: str, en: str) -> None:
        super().__init__(en)
        self.position = position
        self.message_fr = fr
        self.message_en = en


@dataclass(frozen=True, slots=True)
class Unsupported:
    """Valid XPath that the engine cannot run: what it is (as written) and where."""

    what: str
    position: int
    reason_fr: str = ""
    reason_en: str = ""

    def describe(self, lang: str = "fr") -> str:
        reason = self.reason_fr if lang.startswith("fr") else self.reason_en
        return f"« {self.what} »" + (f" ({reason})" if reason else "")


@dataclass(frozen=True, slots=True)
class Translation:
    #: Engine source text; empty when something could not be translated.
    expression: str
    node: Node | None
    unsupported: tuple[Unsupported, ...] = ()
    #: Every ``${name}`` the original names, as written.
    references: frozenset[str] = frozenset()

    @property
    def ok(self) -> bool:
        return self.node is not None


#: What a ``${name}`` becomes: an engine node, or the reason it cannot be used (fr, en).
Resolver = Callable[[str], "Node | tuple[str, str]"]


# -- Tokens -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # number string ref var name op punct end error
    text: str
    pos: int
    value: str = ""
    problem: XPathSyntaxError | None = None


def _tokenize(source: str) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(source)
    while i < n:
        c = source[i]
        if c.isspace():
            i += 1
            continue
        try:
            token = _next_token(source, i, tokens[-1] if tokens else None)
        except XPathSyntaxError as problem:
            # Kept as a token so that an earlier mistake, found by the parser, is the one
            # reported: people fix the first problem first.
            tokens.append(_Token("error", source[i:], i, problem=problem))
            return tokens
        tokens.append(token)
        i = token.pos + len(token.text)
    tokens.append(_Token("end", "", n))
    return tokens


def _next_token(source: str, i: int, previous: _Token | None) -> _Token:
    c = source[i]
    if source.startswith("${", i):
        end = source.find("}", i + 2)
        if end < 0:
            raise XPathSyntaxError(
                i,
                "la référence ${… n'est pas fermée par « } »",
                "the reference ${… is not closed with '}'",
            )
        name = source[i + 2 : end].strip()
        if not name:
            raise XPathSyntaxError(i, "la référence ${} est vide", "the reference ${} is empty")
        return _Token("ref", source[i : end + 1], i, name)
    if c in "'\"":
        end = source.find(c, i + 1)
        if end < 0:
            raise XPathSyntaxError(
                i,
                f"le texte ouvert par {c} n'est jamais fermé",
                f"the text opened with {c} is never closed",
            )
        return _Token("string", source[i : end + 1], i, source[i + 1 : end])
    number = _NUMBER_RE.match(source, i)
    if number:
        return _Token("number", number.group(), i, number.group())
    if source.startswith("..", i):
        return _Token("name", "..", i, "..")
    if c == ".":
        return _Token("name", ".", i, ".")
    if c == "$":
        variable = _NAME_RE.match(source, i + 1)
        if not variable:
            raise XPathSyntaxError(
                i, "« $ » doit être suivi d'un nom", "'$' must be followed by a name"
            )
        return _Token("var", source[i : variable.end()], i, variable.group())
    if c in _PUNCTUATION:
        return _Token("punct", c, i)
    found = _NAME_RE.match(source, i)
    # '*' and the keywords are operators after an operand, names elsewhere (XPath 3.7).
    after_operand = previous is not None and (
        previous.kind in {"number", "string", "ref", "var"}
        or (previous.kind == "name" and previous.text not in {"@", "::"})
        or previous.text in {")", "]"}
    )
    if found and not (c == "*" and after_operand):
        text = found.group()
        if after_operand and text in _KEYWORDS:
            return _Token("op", text, i)
        return _Token("name", text, i, text)
    for op in _OPERATORS:
        if source.startswith(op, i):
            return _Token("op", op, i)
    raise XPathSyntaxError(
        i,
        f"le caractère « {c} » n'a pas sa place dans une expression",
        f"the character '{c}' has no place in an expression",
    )


# -- Parser (XPath 1.0) -------------------------------------------------------------------------
# The tree keeps only what translation needs: everything the engine cannot run collapses into
# an ``_Opaque`` node that remembers its text.


@dataclass(frozen=True, slots=True)
class _Opaque:
    start: int
    end: int
    reason_fr: str = ""
    reason_en: str = ""


@dataclass(frozen=True, slots=True)
class _Call:
    name: str
    args: tuple[_X, ...]
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Ref:
    name: str
    pos: int


_X = Literal | Current | Unary | Binary | _Call | _Ref | _Opaque

_LEVELS: tuple[frozenset[str], ...] = (
    frozenset({"or"}),
    frozenset({"and"}),
    frozenset({"=", "!="}),
    frozenset({"<", "<=", ">", ">="}),
    frozenset({"+", "-"}),
    frozenset({"*", "div", "mod"}),
)
_MAX_DEPTH = 200


class _Parser:
    def __init__(self, source: str) -> None:
        self.source = source
        self.tokens = _tokenize(source)
        self.index = 0
        self.depth = 0

    @property
    def token(self) -> _Token:
        token = self.tokens[self.index]
        if token.problem is not None:
            raise token.problem
        return token

    def peek(self, offset: int = 1) -> _Token:
        return self.tokens[min(self.index + offset, len(self.tokens) - 1)]

    def advance(self) -> _Token:
        token = self.token
        self.index += 1
        return token

    def end_of_previous(self) -> int:
        previous = self.tokens[self.index - 1]
        return previous.pos + len(previous.text)

    def parse(self) -> _X:
        if self.token.kind == "end":
            raise XPathSyntaxError(0, "l'expression est vide", "the expression is empty")
        node = self.binary(0)
        if self.token.kind != "end":
            raise self.unexpected()
        return node

    def binary(self, level: int) -> _X:
        if level == len(_LEVELS):
            return self.unary()
        self.depth += 1
        if self.depth > _MAX_DEPTH:
            raise XPathSyntaxError(
                self.token.pos, "l'expression est trop imbriquée", "the expression is too deep"
            )
        left = self.binary(level + 1)
        while self.token.kind == "op" and self.token.text in _LEVELS[level]:
            op = self.advance()
            right = self.binary(level + 1)
            left = Binary(op.text, left, right, pos=op.pos)  # type: ignore[arg-type]
        self.depth -= 1
        return left

    def unary(self) -> _X:
        if self.token.kind == "op" and self.token.text == "-":
            minus = self.advance()
            return Unary("-", self.unary(), pos=minus.pos)  # type: ignore[arg-type]
        return self.union()

    def union(self) -> _X:
        start = self.token.pos
        node = self.path()
        while self.token.kind == "op" and self.token.text == "|":
            self.advance()
            self.path()
            node = _Opaque(start, self.end_of_previous())
        return node

    def path(self) -> _X:
        token = self.token
        start = token.pos
        if self.starts_filter():
            node = self.filter()
            if self.token.kind == "op" and self.token.text in {"/", "//"}:
                self.advance()
                self.relative_path()
                return _Opaque(start, self.end_of_previous())
            return node
        if token.kind == "op" and token.text in {"/", "//"}:
            self.advance()
            if self.starts_step():
                self.relative_path()
            elif token.text == "//":
                raise self.unexpected()
            return _Opaque(start, self.end_of_previous())
        if self.starts_step():
            steps = self.relative_path()
            if steps == ["."]:
                return Current(pos=start)
            return _Opaque(start, self.end_of_previous())
        raise self.unexpected()

    def starts_filter(self) -> bool:
        token = self.token
        if token.kind in {"number", "string", "ref", "var"} or token.text == "(":
            return True
        if token.kind == "name" and token.text not in {".", "..", "*"}:
            following = self.peek()
            return following.text == "(" and token.text not in _NODE_TYPES
        return False

    def starts_step(self) -> bool:
        token = self.token
        return token.kind == "name" or (token.kind == "op" and token.text == "@")

    def relative_path(self) -> list[str]:
        steps = [self.step()]
        while self.token.kind == "op" and self.token.text in {"/", "//"}:
            self.advance()
            steps.append(self.step())
        return steps

    def step(self) -> str:
        token = self.token
        if token.kind == "name" and token.text in {".", ".."}:
            self.advance()
            return token.text
        if token.kind == "op" and token.text == "@":
            self.advance()
        elif self.peek().kind == "op" and self.peek().text == "::":
            self.advance()  # axis name
            self.advance()
        if self.token.kind != "name" or self.token.text in {".", ".."}:
            raise self.unexpected()
        name = self.advance()
        if name.text in _NODE_TYPES and self.token.text == "(":
            self.advance()
            if self.token.kind == "string":
                self.advance()
            self.expect(")")
        while self.token.text == "[":
            self.predicate()
        return name.text

    def predicate(self) -> None:
        self.advance()
        self.binary(0)
        self.expect("]")

    def filter(self) -> _X:
        start = self.token.pos
        node = self.primary()
        if self.token.text == "[":
            while self.token.text == "[":
                self.predicate()
            return _Opaque(start, self.end_of_previous())
        return node

    def primary(self) -> _X:
        token = self.advance()
        if token.kind == "number":
            value = float(token.value) if "." in token.value else int(token.value)
            return Literal(value, pos=token.pos)
        if token.kind == "string":
            return Literal(token.value, pos=token.pos)
        if token.kind == "ref":
            return _Ref(token.value, token.pos)
        if token.kind == "var":
            return _Opaque(token.pos, token.pos + len(token.text))
        if token.text == "(":
            inner = self.binary(0)
            self.expect(")")
            return inner
        # A function call: the name, then its arguments.
        self.advance()
        args: list[_X] = []
        if self.token.text != ")":
            args.append(self.binary(0))
            while self.token.text == ",":
                self.advance()
                args.append(self.binary(0))
        self.expect(")")
        return _Call(token.text, tuple(args), token.pos, self.end_of_previous())

    def expect(self, text: str) -> None:
        if self.token.text == text:
            self.advance()
            return
        if self.token.kind == "end":
            raise XPathSyntaxError(
                self.token.pos,
                f"l'expression s'arrête alors qu'il manque « {text} »",
                f"the expression ends where '{text}' is missing",
            )
        raise XPathSyntaxError(
            self.token.pos,
            f"« {text} » attendu, « {self.token.text} » trouvé",
            f"'{text}' expected, found '{self.token.text}'",
        )

    def unexpected(self) -> XPathSyntaxError:
        token = self.token
        if token.kind == "end":
            return XPathSyntaxError(
                token.pos,
                "l'expression s'arrête avant la fin (il manque une valeur ou une parenthèse)",
                "the expression stops short (a value or a parenthesis is missing)",
            )
        return XPathSyntaxError(
            token.pos,
            f"« {token.text} » inattendu à cet endroit",
            f"unexpected '{token.text}' here",
        )


# -- Translation -------------------------------------------------------------------------------


def check_syntax(source: str) -> None:
    """Raise :class:`XPathSyntaxError` when ``source`` is not an XPath expression."""
    _Parser(source.translate(SMART_QUOTES)).parse()


def references(source: str) -> frozenset[str]:
    """The ``${name}`` an expression names (empty when it is not valid XPath)."""
    try:
        tree = _Parser(source.translate(SMART_QUOTES)).parse()
    except XPathSyntaxError:
        return frozenset()
    return frozenset(_refs(tree))


def _refs(node: _X) -> set[str]:
    match node:
        case _Ref(name=name):
            return {name}
        case Unary(operand=operand):
            return _refs(operand)  # type: ignore[arg-type]
        case Binary(left=left, right=right):
            return _refs(left) | _refs(right)  # type: ignore[arg-type]
        case _Call(args=args):
            found: set[str] = set()
            for arg in args:
                found |= _refs(arg)
            return found
    return set()


def translate(source: str, resolve: Resolver) -> Translation:
    """Translate an XPath expression; raise :class:`XPathSyntaxError` when it is not XPath."""
    text = source.translate(SMART_QUOTES)
    tree = _Parser(text).parse()
    missing: list[Unsupported] = []
    node = _to_engine(tree, text, resolve, missing)
    refs = frozenset(_refs(tree))
    if missing or node is None:
        return Translation("", None, tuple(missing), refs)
    try:
        engine_source = to_source(node)
        parse(engine_source)
    except (ValueError, ExpressionError):
        what = Unsupported(text.strip(), 0, "non traduisible", "cannot be translated")
        return Translation("", None, (what,), refs)
    return Translation(engine_source, node, (), refs)


def _to_engine(node: _X, text: str, resolve: Resolver, missing: list[Unsupported]) -> Node | None:
    def sub(child: object) -> Node | None:
        return _to_engine(child, text, resolve, missing)  # type: ignore[arg-type]

    match node:
        case Literal() | Current():
            return node
        case _Ref(name=name, pos=pos):
            resolved = resolve(name)
            if isinstance(resolved, tuple):
                missing.append(Unsupported("${" + name + "}", pos, *resolved))
                return None
            return resolved
        case Unary(op=op, operand=operand, pos=pos):
            inner = sub(operand)
            return None if inner is None else Unary(op, inner, pos=pos)
        case Binary(op=op, left=left, right=right, pos=pos):
            a, b = sub(left), sub(right)
            if a is None or b is None or op not in _ENGINE_BINARY:
                return None
            return Binary(op, a, b, pos=pos)
        case _Call(name=name, args=args, start=start, end=end):
            return _call(name, args, text[start:end], start, sub, missing)
        case _Opaque(start=start, end=end):
            missing.append(Unsupported(text[start:end].strip(), start))
    return None


def _call(
    name: str,
    args: tuple[_X, ...],
    written: str,
    start: int,
    sub: Callable[[object], Node | None],
    missing: list[Unsupported],
) -> Node | None:
    bounds = FUNCTIONS.get(name)
    if bounds is None or not bounds[0] <= len(args) <= bounds[1]:
        shown = f"{name}()" if bounds is None else written
        missing.append(Unsupported(shown, start))
        return None
    translated = [sub(arg) for arg in args]
    if any(arg is None for arg in translated):
        return None
    engine_args = tuple(arg for arg in translated if arg is not None)
    if name == "not":
        return Unary("not", engine_args[0], pos=start)
    return Call(name, engine_args, pos=start)


__all__ = [
    "SMART_QUOTES",
    "Translation",
    "Unsupported",
    "XPathSyntaxError",
    "check_syntax",
    "references",
    "translate",
]
