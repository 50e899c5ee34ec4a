"""A Vivier code's definition, rules and examples as one REFI-QDA ``Description``, and back.

REFI-QDA gives a code one description; Vivier keeps four things. They are written as
paragraphs, each rule and the examples under a fixed heading, so that another tool shows
them readably and Vivier reads them back into their fields. A description written by another
tool, without these headings, is all definition.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The headings, in the order written. French: the codebooks are written in French.
INCLUDE = "S’applique quand :"
EXCLUDE = "Ne s’applique pas quand :"
EXAMPLES = "Exemples :"
_BULLET = "- "


@dataclass(frozen=True, slots=True)
class Described:
    definition: str = ""
    include_rule: str = ""
    exclude_rule: str = ""
    examples: tuple[str, ...] = ()


def write(described: Described) -> str:
    parts = []
    if described.definition.strip():
        parts.append(described.definition.strip())
    if described.include_rule.strip():
        parts.append(f"{INCLUDE}\n{described.include_rule.strip()}")
    if described.exclude_rule.strip():
        parts.append(f"{EXCLUDE}\n{described.exclude_rule.strip()}")
    examples = [" ".join(e.split()) for e in described.examples if e.strip()]
    if examples:
        parts.append(EXAMPLES + "".join(f"\n{_BULLET}{e}" for e in examples))
    return "\n\n".join(parts)


def read(text: str) -> Described:
    """The fields of a description :func:`write` made; any other text is the definition."""
    fields: dict[str, list[str]] = {"definition": [], INCLUDE: [], EXCLUDE: [], EXAMPLES: []}
    current = "definition"
    for paragraph in text.replace("\r\n", "\n").split("\n\n"):
        head, _, rest = paragraph.partition("\n")
        if head.strip() in (INCLUDE, EXCLUDE, EXAMPLES):
            current = head.strip()
            fields[current].append(rest)
        else:
            fields[current].append(paragraph)
    examples = tuple(
        line.strip()[len(_BULLET) :].strip() if line.strip().startswith(_BULLET) else line.strip()
        for line in "\n".join(fields[EXAMPLES]).split("\n")
        if line.strip()
    )
    return Described(
        definition="\n\n".join(fields["definition"]).strip(),
        include_rule="\n\n".join(fields[INCLUDE]).strip(),
        exclude_rule="\n\n".join(fields[EXCLUDE]).strip(),
        examples=examples,
    )


__all__ = ["Described", "read", "write"]
