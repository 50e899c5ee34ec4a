"""LimeSurvey ExpressionScript conditions, translated to the engine's expression language.

LimeSurvey's relevance equations are a JavaScript/PHP-like language with hundreds of
functions; the engine runs a small XLSForm subset. The part that maps is translated; the
rest raises :class:`Unsupported` with a reason, and the importer drops the condition with a
warning rather than guess.

What maps::

    Q1 == "A1"   Q1.NAOK == "A1"   Q1.code   Q1.value   ->  ${Q1} = 'A1'
    Q3 > 5   Q3 ge 5   (a) && (b)   a and b   a || b   !a   not a   -> usual operators
    is_empty(Q1)   !is_empty(Q1)                        ->  ${Q1} = ''   ${Q1} != ''
    Q2_SQ001 == "Y"  (a ticked multiple-choice option)  ->  selected(${Q2}, 'SQ001')
    count(a, b)   sum(a, b)   if(c, a, b)   strlen(a)   ->  if()/coalesce()/string-length()
    1   "" (constant conditions)                        ->  always shown / never shown
    a / b                                               ->  a div b

Variables are resolved by the caller (:data:`Resolver`): a LimeSurvey code (``Q1``,
``Q2_SQ001``, ``Q1_other``) becomes a :class:`Target`, the engine question that holds the
answer, with the translation of answer codes (``Y`` -> ``yes``) where they differ.
``.shown`` is accepted only where the shown text is the answer itself (numbers, texts,
5-point scales), since for a list it is the option's label.

What does not map: other attributes (``.relevanceStatus``, ``.question``…), ``self`` and
``that``, SGQA names (``123456X12X34``) and ``{INSERTANS:…}``, regular expressions, every
other function, assignment (``=``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from vivier.surveys.expressions import Binary, Call, Literal, Node, Ref, Unary, to_source


class Unsupported(Exception):
    """The expression has no engine equivalent; ``fr``/``en`` say which part."""

    def __init__(self, fr: str, en: str) -> None:
        super().__init__(en)
        self.fr = fr
        self.en = en


class NeverTrue(Exception):
    """A constant false condition (``0``): LimeSurvey never shows the element."""


@dataclass(frozen=True, slots=True)
class Target:
    """What a LimeSurvey variable name is in the imported questionnaire."""

    #: The engine question holding the value (empty when unsupported).
    name: str = ""
    #: Set for a multiple-choice option: the variable is "Y" when ``option`` is ticked.
    option: str | None = None
    #: LimeSurvey answer codes that the engine stores differently (``{"Y": "yes"}``).
    values: Mapping[str, str] = field(default_factory=dict)
    #: ``.shown`` equals the value (numbers, texts, scales), not an option label.
    shown_is_value: bool = False
    #: Why the variable cannot be used, when it cannot (an equation, a dropped question…).
    unsupported_fr: str = ""
    unsupported_en: str = ""


Resolver = Callable[[str], Target | None]

# -- Tokens -------------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
    |(?P<string>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')
    |(?P<sgqa>\d+X\d+X\d+[A-Za-z0-9_#]*(?:\.[A-Za-z]+)?)
    |(?P<number>\d+(?:\.\d+)?|\.\d+)
    |(?P<name>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)
    |(?P<op>==|!=|<=|>=|&&|\|\||[<>!+\-*/(),])
    |(?P<brace>\{[^{}]*\})
    """,
    re.VERBOSE,
)
_WORD_OPERATORS = {
    "and": "&&",
    "or": "||",
    "not": "!",
    "eq": "==",
    "ne": "!=",
    "lt": "<",
    "le": "<=",
    "gt": ">",
    "ge": ">=",
}
_ESCAPE = re.compile(r"\\(.)")


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str
    text: str


def _tokenize(source: str) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    while position < len(source):
        match = _TOKEN.match(source, position)
        if match is None:
            char = source[position]
            if char == "=":
                raise Unsupported(
                    "« = » est une affectation (équation) ; une condition compare avec « == »",
                    "'=' is an assignment (equation); a condition compares with '=='",
                )
            raise Unsupported(
                f"le caractère « {char} » (position {position + 1}) n'est pas reconnu",
                f"the character '{char}' (position {position + 1}) is not recognised",
            )
        position = match.end()
        kind = match.lastgroup or ""
        text = match.group()
        if kind == "space":
            continue
        if kind == "sgqa":
            raise Unsupported(
                f"le nom SGQA « {text} » (ancienne notation) n'est pas pris en charge ; "
                "utilisez le code de la question",
                f"the SGQA name '{text}' (old notation) is not supported; use the question code",
            )
        if kind == "brace":
            raise Unsupported(
                f"« {text} » (ancienne notation entre accolades) n'est pas pris en charge",
                f"'{text}' (old notation in braces) is not supported",
            )
        if kind == "name" and text in _WORD_OPERATORS:
            kind, text = "op", _WORD_OPERATORS[text]
        tokens.append(_Token(kind, text))
    tokens.append(_Token("end", ""))
    return tokens


# -- Parsing to a small tree of our own ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Var:
    name: str
    attribute: str


@dataclass(frozen=True, slots=True)
class _Const:
    value: str | int | float


@dataclass(frozen=True, slots=True)
class _Op:
    op: str
    operands: tuple[_Tree, ...]


@dataclass(frozen=True, slots=True)
class _Fn:
    name: str
    args: tuple[_Tree, ...]


_Tree = _Var | _Const | _Op | _Fn

_LEVELS: tuple[frozenset[str], ...] = (
    frozenset({"||"}),
    frozenset({"&&"}),
    frozenset({"==", "!="}),
    frozenset({"<", "<=", ">", ">="}),
    frozenset({"+", "-"}),
    frozenset({"*", "/"}),
)
#: Deeper nesting is refused, as in the engine's own parser.
_MAX_DEPTH = 64


class _Parser:
    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.index = 0
        self.depth = 0

    @property
    def token(self) -> _Token:
        return self.tokens[self.index]

    def advance(self) -> _Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def parse(self) -> _Tree:
        tree = self.binary(0)
        if self.token.kind != "end":
            raise self.unexpected()
        return tree

    def binary(self, level: int) -> _Tree:
        if level == len(_LEVELS):
            return self.unary()
        left = self.binary(level + 1)
        while self.token.kind == "op" and self.token.text in _LEVELS[level]:
            op = self.advance().text
            right = self.binary(level + 1)
            left = _Op(op, (left, right))
        return left

    def unary(self) -> _Tree:
        self.depth += 1
        if self.depth > _MAX_DEPTH:
            raise Unsupported("l'expression est trop imbriquée", "the expression is too nested")
        try:
            if self.token.kind == "op" and self.token.text in {"!", "-", "+"}:
                op = self.advance().text
                operand = self.unary()
                return operand if op == "+" else _Op(op, (operand,))
            return self.primary()
        finally:
            self.depth -= 1

    def primary(self) -> _Tree:
        token = self.token
        if token.kind == "number":
            self.advance()
            return _Const(float(token.text) if "." in token.text else int(token.text))
        if token.kind == "string":
            self.advance()
            return _Const(_ESCAPE.sub(r"\1", token.text[1:-1]))
        if token.kind == "op" and token.text == "(":
            self.advance()
            inner = self.binary(0)
            self.expect(")")
            return inner
        if token.kind == "name":
            self.advance()
            if self.token.kind == "op" and self.token.text == "(":
                return self.call(token.text)
            name, _, attribute = token.text.partition(".")
            return _Var(name, attribute)
        raise self.unexpected()

    def call(self, name: str) -> _Tree:
        self.advance()
        args: list[_Tree] = []
        if not (self.token.kind == "op" and self.token.text == ")"):
            args.append(self.binary(0))
            while self.token.kind == "op" and self.token.text == ",":
                self.advance()
                args.append(self.binary(0))
        self.expect(")")
        return _Fn(name, tuple(args))

    def expect(self, text: str) -> None:
        if self.token.kind == "op" and self.token.text == text:
            self.advance()
            return
        raise self.unexpected()

    def unexpected(self) -> Unsupported:
        if self.token.kind == "end":
            return Unsupported(
                "l'expression s'arrête trop tôt (parenthèse non fermée ?)",
                "the expression ends too early (unclosed parenthesis?)",
            )
        text = self.token.text
        return Unsupported(
            f"« {text} » n'est pas à sa place (syntaxe non reconnue)",
            f"'{text}' is out of place (syntax not recognised)",
        )


# -- Lowering to the engine's nodes -------------------------------------------------------------

_COMPARISONS = {"==": "=", "!=": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">="}
_ARITHMETIC = {"+": "+", "-": "-", "*": "*", "/": "div"}
_VALUE_ATTRIBUTES = frozenset({"", "NAOK", "code", "value"})
_EMPTY = Literal("")


class _Lowering:
    def __init__(self, resolve: Resolver) -> None:
        self.resolve = resolve

    def target(self, var: _Var) -> Target:
        if var.name in {"self", "that", "this"}:
            raise Unsupported(
                f"« {var.name} » (désignation relative des sous-questions) n'est pas pris en "
                "charge",
                f"'{var.name}' (relative naming of subquestions) is not supported",
            )
        target = self.resolve(var.name)
        if target is None:
            raise Unsupported(
                f"« {var.name} » ne désigne aucune question du questionnaire importé",
                f"'{var.name}' names no question of the imported questionnaire",
            )
        if target.unsupported_en:
            raise Unsupported(target.unsupported_fr, target.unsupported_en)
        attribute = var.attribute
        if attribute == "shown" and target.shown_is_value:
            return target
        if attribute not in _VALUE_ATTRIBUTES:
            raise Unsupported(
                f"l'attribut « {var.name}.{attribute} » n'est pas pris en charge",
                f"the attribute '{var.name}.{attribute}' is not supported",
            )
        return target

    def lower(self, tree: _Tree) -> Node:
        match tree:
            case _Const(value=value):
                return Literal(value)
            case _Var():
                return self.value(self.target(tree))
            case _Op(op="!", operands=(operand,)):
                return _negate(self.lower(operand))
            case _Op(op="-", operands=(operand,)):
                return Unary("-", self.lower(operand))
            case _Op(op="&&", operands=(left, right)):
                return Binary("and", self.lower(left), self.lower(right))
            case _Op(op="||", operands=(left, right)):
                return Binary("or", self.lower(left), self.lower(right))
            case _Op(op=op, operands=(left, right)) if op in _COMPARISONS:
                return self.comparison(_COMPARISONS[op], left, right)
            case _Op(op=op, operands=(left, right)) if op in _ARITHMETIC:
                return Binary(_ARITHMETIC[op], self.lower(left), self.lower(right))
            case _Fn():
                return self.function(tree)
        raise Unsupported("syntaxe non reconnue", "syntax not recognised")

    def value(self, target: Target) -> Node:
        if target.option is not None:
            ticked = _selected(target)
            return Call("if", (ticked, Literal("Y"), _EMPTY))
        return Ref(target.name)

    def comparison(self, op: str, left: _Tree, right: _Tree) -> Node:
        for var, const, flipped in ((left, right, False), (right, left, True)):
            if not (isinstance(var, _Var) and isinstance(const, _Const)):
                continue
            target = self.target(var)
            if target.option is not None and op in {"=", "!="}:
                ticked = str(const.value) != ""
                wanted = ticked if op == "=" else not ticked
                return _selected(target) if wanted else Unary("not", _selected(target))
            value = const.value
            if isinstance(value, str) and value in target.values:
                value = target.values[value]
            pair = (self.value(target), Literal(value))
            ref, literal = pair
            return Binary(_flip(op) if flipped else op, ref, literal)
        return Binary(op, self.lower(left), self.lower(right))

    def filled(self, tree: _Tree) -> Node:
        """True when the argument is answered (or, for an option, ticked)."""
        if isinstance(tree, _Var):
            target = self.target(tree)
            if target.option is not None:
                return _selected(target)
        return Binary("!=", self.lower(tree), _EMPTY)

    def function(self, tree: _Fn) -> Node:
        name, args = tree.name, tree.args
        if name == "is_empty" and len(args) == 1:
            return _negate(self.filled(args[0]))
        if name == "count" and args:
            return _sum([Call("if", (self.filled(a), Literal(1), Literal(0))) for a in args])
        if name == "sum" and args:
            return _sum([Call("coalesce", (self.lower(a), Literal(0))) for a in args])
        if name == "if" and len(args) == 3:
            return Call("if", tuple(self.lower(a) for a in args))
        if name == "strlen" and len(args) == 1:
            return Call("string-length", (self.lower(args[0]),))
        raise Unsupported(
            f"la fonction « {name}() » n'a pas d'équivalent dans Vivier",
            f"the function '{name}()' has no equivalent in Vivier",
        )


def _selected(target: Target) -> Node:
    return Call("selected", (Ref(target.name), Literal(target.option or "")))


def _flip(op: str) -> str:
    return {"<": ">", "<=": ">=", ">": "<", ">=": "<="}.get(op, op)


def _negate(node: Node) -> Node:
    """``not(x)``, written the way a person would (``a != b`` rather than ``not(a = b)``)."""
    if isinstance(node, Unary) and node.op == "not":
        return node.operand
    if isinstance(node, Binary) and node.op in {"=", "!="}:
        return Binary("!=" if node.op == "=" else "=", node.left, node.right)
    return Unary("not", node)


def _sum(terms: list[Node]) -> Node:
    total = terms[0]
    for term in terms[1:]:
        total = Binary("+", total, term)
    return total


def translate(source: str, resolve: Resolver) -> str:
    """The engine expression for a LimeSurvey condition; ``""`` when always true.

    Raises :class:`Unsupported` when it does not map, :class:`NeverTrue` for a constant
    false condition.
    """
    text = source.strip()
    if text.startswith("{") and text.endswith("}") and text.count("{") == 1:
        text = text[1:-1].strip()
    if not text:
        return ""
    try:
        tree = _Parser(_tokenize(text)).parse()
        if isinstance(tree, _Const):
            if _constant_truth(tree.value):
                return ""
            raise NeverTrue(source)
        node = _Lowering(resolve).lower(tree)
        return to_source(node)
    except RecursionError as exc:
        # Thousands of chained operators: no person writes that, and walking it would not
        # be safe for the engine either.
        raise Unsupported(
            "l'expression est trop longue ou trop imbriquée",
            "the expression is too long or too nested",
        ) from exc
    except ValueError as exc:
        raise Unsupported(
            "un texte contient à la fois des guillemets simples et doubles",
            "a text holds both single and double quotes",
        ) from exc


def _constant_truth(value: str | int | float) -> bool:
    if isinstance(value, str):
        return value not in {"", "0"}
    return value != 0


def variables(source: str) -> set[str]:
    """The variable names a condition uses (empty when it cannot be read)."""
    try:
        tokens = _tokenize(source)
    except Unsupported:
        return set()
    found = set()
    for index, token in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        is_call = following is not None and following.text == "("
        if token.kind == "name" and not is_call:
            found.add(token.text.partition(".")[0])
    return found


def quote(value: str) -> str:
    """A string literal of ExpressionScript (to write conditions of the legacy table)."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
