"""The relevance/constraint expression language: the XLSForm subset, parsed and evaluated.

Grammar (XPath 1.0 precedence, lowest first; binary operators are left-associative)::

    or  <  and  <  = !=  <  < <= > >=  <  + -  <  * div mod  <  unary -

Primaries: ``${name}``, ``.`` (the answer being checked, in constraints), '...' or "..."
texts, integer and decimal numbers, ``( expr )`` and calls such as ``selected(${q}, 'a')``.

Why hand-written and not ``lark`` or Python's ``ast``: expressions come from questionnaire
authors and imported files, so the parser must never execute anything, must explain its
errors in plain French with a position, and must stay small enough to read in one sitting.

Evaluation follows XPath as ODK applies it, because that is what XLSForm authors expect:
an unanswered question is the empty string, ``=`` compares as numbers when one side is a
number (``'3' = 3``), ``<``/``>`` compare numbers (and, as an extension, ISO dates), a
comparison involving NaN is false, division by zero gives ±Infinity or NaN, and a multiple
choice answer is its space-joined values (``${m} = 'a'`` only when exactly ``a`` is ticked).

Expressions are compiled to nested closures once (``compile_expression``): the flow engine
re-evaluates every relevance on each page, and closures are several times faster than
walking the tree with ``isinstance`` dispatch.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from numbers import Real
from typing import Any

from vivier.surveys.errors import EngineError, ErrorCode, Issue
from vivier.surveys.schema import LIST_TYPES, NUMERIC_TYPES, Question, QuestionType

#: Deeper nesting is refused: it protects the recursive parser and evaluator, and no
#: human-written condition comes close.
MAX_DEPTH = 64

# -- AST ----------------------------------------------------------------------------------------
# ``pos`` is the 0-based offset of the node in its source; it takes no part in equality so
# that a re-parsed expression equals the original whatever its spacing.


@dataclass(frozen=True, slots=True)
class Literal:
    value: str | int | float
    pos: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Ref:
    name: str
    pos: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Current:
    pos: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Unary:
    """``-x`` or ``not(x)``: ``not`` is a function in XPath, but it is an operator at heart."""

    op: str
    operand: Node
    pos: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Binary:
    op: str
    left: Node
    right: Node
    pos: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Call:
    name: str
    args: tuple[Node, ...]
    pos: int = field(default=0, compare=False, repr=False)


Node = Literal | Ref | Current | Unary | Binary | Call

PRECEDENCE: dict[str, int] = {
    "or": 1,
    "and": 2,
    "=": 3,
    "!=": 3,
    "<": 4,
    "<=": 4,
    ">": 4,
    ">=": 4,
    "+": 5,
    "-": 5,
    "*": 6,
    "div": 6,
    "mod": 6,
}
COMPARISONS = frozenset({"=", "!=", "<", "<=", ">", ">="})
EQUALITY = frozenset({"=", "!="})
RELATIONAL = frozenset({"<", "<=", ">", ">="})
ARITHMETIC = frozenset({"+", "-", "*", "div", "mod"})
KEYWORD_OPERATORS = frozenset({"and", "or", "div", "mod"})

#: name -> (minimum, maximum) number of arguments.
FUNCTIONS: dict[str, tuple[int, int]] = {
    "not": (1, 1),
    "selected": (2, 2),
    "count-selected": (1, 1),
    "string-length": (0, 1),
    "true": (0, 0),
    "false": (0, 0),
    "if": (3, 3),
    "coalesce": (2, 2),
}

NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_FUNCTION_NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*")
_NUMBER_RE = re.compile(r"\d+(?:\.\d*)?|\.\d+")
_XPATH_NUMBER_RE = re.compile(r"\s*-?(?:\d+(?:\.\d*)?|\.\d+)\s*")
ISO_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_CURLY_QUOTES = "«»‘’‚‛“”„‟"


class ExpressionError(EngineError):
    """A syntax error, with the 0-based ``position`` of the offending character."""

    def __init__(self, code: ErrorCode, position: int, **params: Any) -> None:
        super().__init__(Issue(code, params, position=position))
        self.position = position


# -- Tokenizer ----------------------------------------------------------------------------------


class Tok(StrEnum):
    NUMBER = "number"
    STRING = "string"
    REF = "ref"
    DOT = "dot"
    NAME = "name"
    OP = "op"
    LPAREN = "("
    RPAREN = ")"
    COMMA = ","
    END = "end"


@dataclass(frozen=True, slots=True)
class Token:
    kind: Tok
    text: str
    pos: int
    value: Any = None


_TWO_CHAR_OPS = {"!=", "<=", ">="}
_WRONG_OPERATORS = {"&&": "and", "||": "or", "<>": "!="}
_PUNCTUATION = {"(": Tok.LPAREN, ")": Tok.RPAREN, ",": Tok.COMMA}


def tokenize(source: str) -> list[Token]:
    tokens: list[Token] = []
    i, n = 0, len(source)
    while i < n:
        c = source[i]
        if c.isspace():
            i += 1
            continue
        token = _next_token(source, i)
        tokens.append(token)
        i = token.pos + len(token.text)
    tokens.append(Token(Tok.END, "", n))
    return tokens


def _next_token(source: str, i: int) -> Token:
    c = source[i]
    pair = source[i : i + 2]
    if c == "$":
        return _reference(source, i)
    if c in "'\"":
        end = source.find(c, i + 1)
        if end < 0:
            raise ExpressionError(ErrorCode.EXPR_UNTERMINATED_STRING, i, quote=c)
        return Token(Tok.STRING, source[i : end + 1], i, source[i + 1 : end])
    number = _NUMBER_RE.match(source, i)
    if number:
        text = number.group()
        value: int | float = float(text) if "." in text else int(text)
        return Token(Tok.NUMBER, text, i, value)
    if c == ".":
        return Token(Tok.DOT, c, i)
    if pair == "==":
        raise ExpressionError(ErrorCode.EXPR_DOUBLE_EQUALS, i)
    if pair in _WRONG_OPERATORS:
        raise ExpressionError(
            ErrorCode.EXPR_WRONG_OPERATOR, i, found=pair, replacement=_WRONG_OPERATORS[pair]
        )
    if pair in _TWO_CHAR_OPS:
        return Token(Tok.OP, pair, i)
    if c in "=<>+-*":
        return Token(Tok.OP, c, i)
    if c in _PUNCTUATION:
        return Token(_PUNCTUATION[c], c, i)
    if c == "!":
        raise ExpressionError(ErrorCode.EXPR_WRONG_OPERATOR, i, found="!", replacement="not(…)")
    name = _FUNCTION_NAME_RE.match(source, i)
    if name:
        return Token(Tok.NAME, name.group(), i)
    if c in _CURLY_QUOTES:
        raise ExpressionError(ErrorCode.EXPR_CURLY_QUOTE, i, char=c)
    raise ExpressionError(ErrorCode.EXPR_UNEXPECTED_CHAR, i, char=c)


def _reference(source: str, i: int) -> Token:
    name = NAME_RE.match(source, i + 2)
    if source[i + 1 : i + 2] != "{" or not name or source[name.end() : name.end() + 1] != "}":
        raise ExpressionError(ErrorCode.EXPR_BAD_REFERENCE, i)
    return Token(Tok.REF, source[i : name.end() + 1], i, name.group())


# -- Parser -------------------------------------------------------------------------------------


def parse(source: str) -> Node:
    """Parse an expression; raise ``ExpressionError`` (with a position) when it is not valid."""
    if not source.strip():
        raise ExpressionError(ErrorCode.EXPR_EMPTY, 0)
    return _Parser(tokenize(source)).parse()


class _Parser:
    """Precedence climbing for binary operators, recursive descent for the rest."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.index = 0
        self.depth = 0

    @property
    def token(self) -> Token:
        return self.tokens[self.index]

    def advance(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def parse(self) -> Node:
        node = self.expression(1)
        if self.token.kind is not Tok.END:
            raise self.unexpected()
        return node

    def binary_operator(self) -> str | None:
        token = self.token
        if token.kind is Tok.OP or (token.kind is Tok.NAME and token.text in KEYWORD_OPERATORS):
            return token.text
        return None

    def expression(self, min_precedence: int) -> Node:
        self.enter()
        left = self.unary()
        while (op := self.binary_operator()) is not None and PRECEDENCE[op] >= min_precedence:
            op_token = self.advance()
            right = self.expression(PRECEDENCE[op] + 1)
            left = Binary(op, left, right, pos=op_token.pos)
        self.depth -= 1
        return left

    def enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError(ErrorCode.EXPR_TOO_DEEP, self.token.pos, limit=MAX_DEPTH)

    def unary(self) -> Node:
        if self.token.kind is Tok.OP and self.token.text == "-":
            minus = self.advance()
            self.enter()
            operand = self.unary()
            self.depth -= 1
            return Unary("-", operand, pos=minus.pos)
        return self.primary()

    def primary(self) -> Node:
        token = self.token
        if token.kind is Tok.NUMBER or token.kind is Tok.STRING:
            self.advance()
            return Literal(token.value, pos=token.pos)
        if token.kind is Tok.REF:
            self.advance()
            return Ref(token.value, pos=token.pos)
        if token.kind is Tok.DOT:
            self.advance()
            return Current(pos=token.pos)
        if token.kind is Tok.LPAREN:
            self.advance()
            inner = self.expression(1)
            self.expect(Tok.RPAREN)
            return inner
        if token.kind is Tok.NAME and token.text not in KEYWORD_OPERATORS:
            return self.call()
        raise self.unexpected()

    def call(self) -> Node:
        name = self.advance()
        if self.token.kind is not Tok.LPAREN:
            raise ExpressionError(ErrorCode.EXPR_BARE_NAME, name.pos, name=name.text)
        if name.text not in FUNCTIONS:
            raise ExpressionError(
                ErrorCode.EXPR_UNKNOWN_FUNCTION,
                name.pos,
                name=name.text,
                functions=sorted(FUNCTIONS),
            )
        self.advance()
        args: list[Node] = []
        if self.token.kind is not Tok.RPAREN:
            args.append(self.expression(1))
            while self.token.kind is Tok.COMMA:
                self.advance()
                args.append(self.expression(1))
        self.expect(Tok.RPAREN)
        low, high = FUNCTIONS[name.text]
        if not low <= len(args) <= high:
            expected = str(low) if low == high else f"{low}–{high}"
            raise ExpressionError(
                ErrorCode.EXPR_ARITY, name.pos, name=name.text, expected=expected, found=len(args)
            )
        if name.text == "not":
            return Unary("not", args[0], pos=name.pos)
        return Call(name.text, tuple(args), pos=name.pos)

    def expect(self, kind: Tok) -> Token:
        if self.token.kind is kind:
            return self.advance()
        if self.token.kind is Tok.END:
            raise ExpressionError(
                ErrorCode.EXPR_UNEXPECTED_END, self.token.pos, expected=f"« {kind.value} »"
            )
        raise ExpressionError(
            ErrorCode.EXPR_EXPECTED, self.token.pos, expected=kind.value, found=self.token.text
        )

    def unexpected(self) -> ExpressionError:
        token = self.token
        if token.kind is Tok.END:
            return ExpressionError(
                ErrorCode.EXPR_UNEXPECTED_END, token.pos, expected="une valeur ou ${question}"
            )
        return ExpressionError(ErrorCode.EXPR_UNEXPECTED_TOKEN, token.pos, found=token.text)


# -- Printer ------------------------------------------------------------------------------------


def to_source(node: Node) -> str:
    """Canonical text of an expression: single spaces, parentheses only where needed."""
    match node:
        case Literal(value=value):
            return _literal_source(value)
        case Ref(name=name):
            return "${" + name + "}"
        case Current():
            return "."
        case Unary(op="not", operand=operand):
            return f"not({to_source(operand)})"
        case Unary(operand=operand):
            text = to_source(operand)
            return "-" + (f"({text})" if isinstance(operand, Binary) else text)
        case Binary(op=op, left=left, right=right):
            precedence = PRECEDENCE[op]
            left_text = _operand_source(left, precedence, strict=False)
            right_text = _operand_source(right, precedence, strict=True)
            return f"{left_text} {op} {right_text}"
        case Call(name=name, args=args):
            return f"{name}({', '.join(to_source(arg) for arg in args)})"
    raise TypeError(f"not an expression node: {node!r}")


def _operand_source(node: Node, precedence: int, *, strict: bool) -> str:
    # Left-associativity: a right operand of equal precedence needs parentheses
    # (``a - (b - c)``), a left one does not (``a - b - c``).
    text = to_source(node)
    if isinstance(node, Binary):
        inner = PRECEDENCE[node.op]
        if inner < precedence or (strict and inner == precedence):
            return f"({text})"
    return text


def _literal_source(value: str | int | float) -> str:
    if isinstance(value, bool):
        return "true()" if value else "false()"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value} has no literal form")
        # Positional notation: the grammar has no exponent, and a decimal point keeps the
        # literal a decimal when it is read back.
        text = format(Decimal(repr(value)), "f")
        return text if "." in text else text + ".0"
    if "'" not in value:
        return f"'{value}'"
    if '"' not in value:
        return f'"{value}"'
    raise ValueError("a text holding both quote kinds cannot be written as a literal")


# -- Walking ------------------------------------------------------------------------------------


def children(node: Node) -> tuple[Node, ...]:
    match node:
        case Unary(operand=operand):
            return (operand,)
        case Binary(left=left, right=right):
            return (left, right)
        case Call(args=args):
            return args
    return ()


def walk(node: Node) -> Iterator[Node]:
    """Every node, parents before children, left to right (so positions come in order)."""
    yield node
    for child in children(node):
        yield from walk(child)


def references(node: Node) -> set[str]:
    return {n.name for n in walk(node) if isinstance(n, Ref)}


def uses_current(node: Node) -> bool:
    return any(isinstance(n, Current) for n in walk(node))


# -- Value conversions (XPath 1.0) ----------------------------------------------------------------


def _is_number(value: Any) -> bool:
    return isinstance(value, Real) and not isinstance(value, bool)


def to_string(value: Any) -> str:
    """The XPath string value: how an answer looks to ``=`` and ``selected()``."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if _is_number(value):
        return _number_to_string(float(value))
    if isinstance(value, list | tuple):
        return " ".join(to_string(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    # A rating grid (dict) or anything else has no meaningful string value.
    return ""


def _number_to_string(number: float) -> str:
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "Infinity" if number > 0 else "-Infinity"
    if number == int(number):
        return str(int(number))
    return format(Decimal(repr(number)), "f")


def to_number(value: Any) -> float:
    """The XPath number value; NaN when the value is not a number (so comparisons fail)."""
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if _is_number(value):
        try:
            return float(value)
        except OverflowError:
            return math.inf if value > 0 else -math.inf
    text = to_string(value)
    if _XPATH_NUMBER_RE.fullmatch(text):
        return float(text)
    return math.nan


def truthy(value: Any) -> bool:
    """The XPath boolean value: empty text, 0, NaN, false and an empty list are false."""
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    if _is_number(value):
        number = to_number(value)
        return number != 0 and not math.isnan(number)
    if isinstance(value, str | list | tuple | dict):
        return len(value) > 0
    return bool(to_string(value))


def selected_values(value: Any) -> list[str]:
    """The values ticked in an answer: a list as stored, or a space-separated text."""
    if isinstance(value, list | tuple):
        return [to_string(v) for v in value]
    return to_string(value).split()


def equals(left: Any, right: Any) -> bool:
    if isinstance(left, bool) or isinstance(right, bool):
        return truthy(left) == truthy(right)
    if _is_number(left) or _is_number(right):
        return to_number(left) == to_number(right)
    return to_string(left) == to_string(right)


def compare(op: str, left: Any, right: Any) -> bool:
    """``< <= > >=``: numbers as XPath; two ISO dates as dates (ODK does the same)."""
    a, b = to_number(left), to_number(right)
    if math.isnan(a) or math.isnan(b):
        a_text, b_text = to_string(left), to_string(right)
        if not (ISO_DATE_RE.fullmatch(a_text) and ISO_DATE_RE.fullmatch(b_text)):
            return False
        return _ORDER[op](a_text, b_text)
    return _ORDER[op](a, b)


_ORDER: dict[str, Callable[[Any, Any], bool]] = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}


def _divide(x: float, y: float) -> float:
    if y == 0:
        if x == 0 or math.isnan(x):
            return math.nan
        return math.copysign(math.inf, x) * math.copysign(1.0, y)
    return x / y


def _modulo(x: float, y: float) -> float:
    # XPath ``mod`` truncates like C's fmod (the sign follows the dividend).
    try:
        return math.fmod(x, y)
    except ValueError:
        return math.nan


_ARITHMETIC: dict[str, Callable[[float, float], float]] = {
    "+": lambda x, y: x + y,
    "-": lambda x, y: x - y,
    "*": lambda x, y: x * y,
    "div": _divide,
    "mod": _modulo,
}


# -- Compilation to closures ----------------------------------------------------------------------

Answers = Mapping[str, Any]
Evaluator = Callable[[Answers, Any], Any]


def compile_expression(node: Node) -> Evaluator:
    """Turn an AST into a function ``(answers, current) -> value``; never runs user code."""
    match node:
        case Literal(value=value):
            return lambda answers, current: value
        case Ref(name=name):
            return _compile_ref(name)
        case Current():
            return lambda answers, current: "" if current is None else current
        case Unary(op="not", operand=operand):
            inner = compile_expression(operand)
            return lambda answers, current: not truthy(inner(answers, current))
        case Unary(operand=operand):
            inner = compile_expression(operand)
            return lambda answers, current: -to_number(inner(answers, current))
        case Binary():
            return _compile_binary(node)
        case Call():
            return _compile_call(node)
    raise TypeError(f"not an expression node: {node!r}")


def _compile_ref(name: str) -> Evaluator:
    def ref(answers: Answers, current: Any) -> Any:
        value = answers.get(name)
        return "" if value is None else value

    return ref


def _compile_binary(node: Binary) -> Evaluator:
    left, right, op = compile_expression(node.left), compile_expression(node.right), node.op
    if op == "and":
        return lambda a, c: truthy(left(a, c)) and truthy(right(a, c))
    if op == "or":
        return lambda a, c: truthy(left(a, c)) or truthy(right(a, c))
    if op == "=":
        return lambda a, c: equals(left(a, c), right(a, c))
    if op == "!=":
        return lambda a, c: not equals(left(a, c), right(a, c))
    if op in RELATIONAL:
        return lambda a, c: compare(op, left(a, c), right(a, c))
    arithmetic = _ARITHMETIC[op]
    return lambda a, c: arithmetic(to_number(left(a, c)), to_number(right(a, c)))


def _compile_call(node: Call) -> Evaluator:
    args = [compile_expression(arg) for arg in node.args]
    match node.name, args:
        case "true", []:
            return lambda a, c: True
        case "false", []:
            return lambda a, c: False
        case "selected", [subject, value]:
            return lambda a, c: to_string(value(a, c)).strip() in selected_values(subject(a, c))
        case "count-selected", [subject]:
            return lambda a, c: float(len(selected_values(subject(a, c))))
        case "string-length", []:
            return lambda a, c: float(len(to_string(c)))
        case "string-length", [subject]:
            return lambda a, c: float(len(to_string(subject(a, c))))
        case "if", [condition, then, otherwise]:
            return lambda a, c: then(a, c) if truthy(condition(a, c)) else otherwise(a, c)
        case "coalesce", [first, second]:
            return lambda a, c: _coalesce(first(a, c), second, a, c)
    raise TypeError(f"unknown function or arity: {node.name}/{len(args)}")


def _coalesce(first: Any, second: Evaluator, answers: Answers, current: Any) -> Any:
    return first if to_string(first) != "" else second(answers, current)


def evaluate(node: Node | str, answers: Answers, current: Any = None) -> Any:
    """Evaluate an expression (AST or text) against answers; ``current`` is ``.``."""
    if isinstance(node, str):
        node = parse(node)
    return compile_expression(node)(answers, current)


# -- Static typing ------------------------------------------------------------------------------


class Kind(StrEnum):
    """The static type of an expression, as far as it can be known without answers."""

    TEXT = "text"
    NUMBER = "number"
    BOOLEAN = "boolean"
    DATE = "date"
    LIST = "list"
    GRID = "grid"
    NOTHING = "nothing"
    ANY = "any"


def kind_of_type(question_type: QuestionType) -> Kind:
    if question_type in NUMERIC_TYPES:
        return Kind.NUMBER
    if question_type in LIST_TYPES:
        return Kind.LIST
    if question_type is QuestionType.DATE:
        return Kind.DATE
    if question_type is QuestionType.DISPLAY:
        return Kind.NOTHING
    return Kind.TEXT


def kind_of_question(question: Question) -> Kind:
    if question.type is QuestionType.RATING and question.is_list:
        return Kind.GRID
    return kind_of_type(question.type)


_BOOLEAN_FUNCTIONS = frozenset({"true", "false", "selected"})
_NUMBER_FUNCTIONS = frozenset({"count-selected", "string-length"})


def infer_type(
    node: Node, types: Mapping[str, QuestionType | Kind], current: QuestionType | Kind | None = None
) -> Kind:
    """The kind of value an expression yields, given the types of the questions it names."""

    def of(value: QuestionType | Kind | None) -> Kind:
        if value is None:
            return Kind.ANY
        return value if isinstance(value, Kind) else kind_of_type(value)

    match node:
        case Literal(value=str()):
            return Kind.TEXT
        case Literal():
            return Kind.NUMBER
        case Ref(name=name):
            return of(types.get(name))
        case Current():
            return of(current)
        case Unary(op="not"):
            return Kind.BOOLEAN
        case Unary():
            return Kind.NUMBER
        case Binary(op=op):
            return Kind.NUMBER if op in ARITHMETIC else Kind.BOOLEAN
        case Call(name=name) if name in _BOOLEAN_FUNCTIONS:
            return Kind.BOOLEAN
        case Call(name=name) if name in _NUMBER_FUNCTIONS:
            return Kind.NUMBER
        case Call(args=args):
            branches = {infer_type(arg, types, current) for arg in args[-2:]}
            return branches.pop() if len(branches) == 1 else Kind.ANY
    return Kind.ANY


#: Types whose answer is one or more option values, so ``selected()`` applies.
SELECTABLE_TYPES = frozenset(
    {
        QuestionType.SINGLE_CHOICE,
        QuestionType.MULTIPLE_CHOICE,
        QuestionType.YES_NO,
        QuestionType.RANKING,
        QuestionType.DEPARTEMENT,
        QuestionType.RATING,
    }
)
SINGLE_VALUE_CHOICE_TYPES = frozenset(
    {
        QuestionType.SINGLE_CHOICE,
        QuestionType.YES_NO,
        QuestionType.DEPARTEMENT,
        QuestionType.RATING,
    }
)


@dataclass(frozen=True, slots=True)
class Subject:
    """What static checks know about a question named in an expression."""

    question: Question
    #: The values the answer may take (options, scale points, codes); None when open.
    options: tuple[str, ...] | None


def check_types(
    node: Node, subjects: Mapping[str, Subject], current: Subject | None = None
) -> list[Issue]:
    """Comparisons and calls that cannot do what the author meant, with their positions.

    ``subjects`` maps the names of known questions; unknown names are left to the reference
    checks of the validator. ``current`` describes ``.`` in a constraint.
    """
    issues: list[Issue] = []
    for sub in walk(node):
        if isinstance(sub, Binary) and sub.op in COMPARISONS:
            issues.extend(_check_comparison(sub, subjects, current))
        elif isinstance(sub, Binary) and sub.op in ARITHMETIC:
            issues.extend(_check_arithmetic(sub, subjects, current))
        elif isinstance(sub, Call) and sub.name in {"selected", "count-selected"}:
            issues.extend(_check_selection(sub, subjects, current))
    return issues


def _subject_of(
    node: Node, subjects: Mapping[str, Subject], current: Subject | None
) -> Subject | None:
    if isinstance(node, Ref):
        return subjects.get(node.name)
    if isinstance(node, Current):
        return current
    return None


def _display_name(node: Node, subject: Subject) -> str:
    return "." if isinstance(node, Current) else subject.question.name


def _check_comparison(
    node: Binary, subjects: Mapping[str, Subject], current: Subject | None
) -> Iterator[Issue]:
    for side, other in ((node.left, node.right), (node.right, node.left)):
        subject = _subject_of(side, subjects, current)
        if subject is None or not isinstance(other, Literal):
            continue
        yield from _check_against_literal(node, side, subject, other)


def is_grid(question: Question) -> bool:
    return question.type is QuestionType.RATING and question.is_list


def _check_against_literal(
    node: Binary, side: Node, subject: Subject, literal: Literal
) -> Iterator[Issue]:
    question, value = subject.question, literal.value
    name, text = _display_name(side, subject), to_string(value)
    if not text or question.type is QuestionType.DISPLAY or is_grid(question):
        return  # ``= ''`` is the usual "unanswered" test; bad references are reported apart
    if question.type in LIST_TYPES:
        if node.op in EQUALITY:
            params = {"name": name, "op": node.op, "value": text.split()[0]}
            yield Issue(ErrorCode.MULTI_EQUALS, params, position=node.pos)
            yield from _unknown_options(subject, name, text.split(), literal)
        return
    if question.type is QuestionType.DATE:
        if not _is_iso_date(text):
            params = {"name": name, "value": text}
            yield Issue(ErrorCode.TYPE_MISMATCH_DATE, params, position=literal.pos)
        return
    not_a_number = math.isnan(to_number(value))
    if question.type in NUMERIC_TYPES and not_a_number:
        params = {"name": name, "value": text}
        yield Issue(ErrorCode.TYPE_MISMATCH_NUMBER, params, position=literal.pos)
    elif node.op in RELATIONAL and not_a_number:
        params = {"name": name, "value": text, "op": node.op}
        yield Issue(ErrorCode.RELATIONAL_ON_TEXT, params, position=literal.pos)
    elif node.op in EQUALITY and question.type in SINGLE_VALUE_CHOICE_TYPES:
        yield from _unknown_options(subject, name, [value], literal)


def _unknown_options(
    subject: Subject, name: str, values: Sequence[str | int | float], literal: Literal
) -> Iterator[Issue]:
    if subject.options is None:
        return
    for value in values:
        if not any(equals(option, value) for option in subject.options):
            yield Issue(
                ErrorCode.UNKNOWN_OPTION,
                {"name": name, "value": to_string(value), "options": list(subject.options)},
                position=literal.pos,
            )


def _is_iso_date(text: str) -> bool:
    if not ISO_DATE_RE.fullmatch(text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _check_arithmetic(
    node: Binary, subjects: Mapping[str, Subject], current: Subject | None
) -> Iterator[Issue]:
    for side in (node.left, node.right):
        subject = _subject_of(side, subjects, current)
        if subject is None:
            continue
        question = subject.question
        if question.type is QuestionType.DISPLAY or is_grid(question):
            continue  # reported as a bad reference by the validator
        if question.type in NUMERIC_TYPES or question.type in SINGLE_VALUE_CHOICE_TYPES:
            continue  # choice values are often numeric codes ("1".."5"): legitimate
        params = {"name": _display_name(side, subject), "type": question.type.value}
        yield Issue(ErrorCode.ARITHMETIC_ON_TEXT, params, position=side.pos)


def _check_selection(
    node: Call, subjects: Mapping[str, Subject], current: Subject | None
) -> Iterator[Issue]:
    target = node.args[0]
    subject = _subject_of(target, subjects, current)
    if subject is None:
        return
    question, name = subject.question, _display_name(target, subject)
    if question.type is QuestionType.DISPLAY or is_grid(question):
        return  # reported as a bad reference by the validator
    if question.type not in SELECTABLE_TYPES:
        yield Issue(
            ErrorCode.SELECTED_ON_NON_CHOICE,
            {"name": name, "type": question.type.value, "function": node.name},
            position=target.pos,
        )
        return
    if node.name == "count-selected":
        if question.type not in LIST_TYPES:
            yield Issue(ErrorCode.COUNT_ON_SINGLE_CHOICE, {"name": name}, position=node.pos)
        return
    value = node.args[1]
    if isinstance(value, Literal):
        yield from _unknown_options(subject, name, [to_string(value.value).strip()], value)


# -- Static truth ---------------------------------------------------------------------------------

#: Beyond this many combinations of answers, an expression is not enumerated.
MAX_COMBINATIONS = 2048


def static_truth(
    node: Node,
    domains: Mapping[str, Sequence[Any]],
    options: Mapping[str, frozenset[str]] | None = None,
) -> bool | None:
    """True if the expression holds for every possible answer, False if for none, else None.

    ``domains`` gives, for questions with a small finite set of answers, every value the
    answer can take (the empty answer included). When all the questions an expression names
    have one, the answer is exact: every combination is evaluated. Otherwise the connectives
    are combined, and ``selected()`` on a value that is no option (``options``) is false.
    """
    options = options or {}
    if not uses_current(node):
        exact = _enumerate(node, domains)
        if exact is not None:
            return exact
    match node:
        case Binary(op="and", left=left, right=right):
            a, b = static_truth(left, domains, options), static_truth(right, domains, options)
            if a is False or b is False:
                return False
            return True if a is True and b is True else None
        case Binary(op="or", left=left, right=right):
            a, b = static_truth(left, domains, options), static_truth(right, domains, options)
            if a is True or b is True:
                return True
            return False if a is False and b is False else None
        case Unary(op="not", operand=operand):
            inner = static_truth(operand, domains, options)
            return None if inner is None else not inner
        case Call(name="selected", args=(Ref(name=name), Literal(value=value))):
            if name in options and to_string(value).strip() not in options[name]:
                return False
        case Binary(op="=" | "!=" as op, left=Ref(name=name), right=Literal(value=str(value))):
            if name in options and not set(value.split()) <= options[name]:
                return op == "!="
    return None


def _enumerate(node: Node, domains: Mapping[str, Sequence[Any]]) -> bool | None:
    names = sorted(references(node))
    if any(name not in domains for name in names):
        return None
    if math.prod(len(domains[name]) for name in names) > MAX_COMBINATIONS:
        return None
    evaluator = compile_expression(node)
    outcomes = set()
    for combination in itertools.product(*(domains[name] for name in names)):
        outcomes.add(truthy(evaluator(dict(zip(names, combination, strict=True)), None)))
        if len(outcomes) == 2:
            return None
    return outcomes.pop()
