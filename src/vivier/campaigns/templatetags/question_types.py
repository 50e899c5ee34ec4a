"""A question type's word rather than its code: ``{{ question.type|question_type }}``."""

from __future__ import annotations

from django import template

from vivier.campaigns import question_types

register = template.Library()


@register.filter
def question_type(code: str) -> str:
    return question_types.label(str(code))
