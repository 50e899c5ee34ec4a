"""The benchmark's Django side: build the data before the clock starts, check it afterwards.

Run in a subprocess with the same environment as the server under test, so it writes to and
reads from exactly the database gunicorn serves (and signs resume links with the same secret):

    python -m bench.appside prepare --drafts N --full F --out plan.json
    python -m bench.appside verify --expect expect.json

The load generator itself never imports Django: it stays light and cannot share state with
the server by accident.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
from typing import Any

CAMPAIGN = "hcts-2020"
#: Keys of the drafts the submit phase posts; the verification counts them by this prefix.
DRAFT_PREFIX = "bench-"


def answers_digest(answers: dict[str, Any]) -> str:
    """What "the same answers" means for the verification: equal JSON, key order aside."""
    text = json.dumps(answers, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vivier.settings")
    import django

    django.setup()


def encode_section(section: Any, answers: dict[str, Any]) -> list[tuple[str, str]]:
    """The form fields a browser posts for one page holding ``answers``.

    Field names follow vivier.campaigns.fields.read_post: the question name; a repeated field
    for multiple choice; ``<name>_other`` for the "other" text; ``<name>__<row>`` for rating
    grids; ``<name>__<option>`` = rank for rankings.
    """
    from vivier.surveys.schema import QuestionType

    pairs: list[tuple[str, str]] = []
    for question in section.questions:
        if not question.answerable:
            continue
        value = answers.get(question.name)
        name = question.name
        if value is None:
            pass
        elif question.type is QuestionType.MULTIPLE_CHOICE:
            pairs.extend((name, str(v)) for v in value)
        elif question.type is QuestionType.RANKING:
            pairs.extend((f"{name}__{v}", str(rank)) for rank, v in enumerate(value, 1))
        elif question.type is QuestionType.RATING and isinstance(value, dict):
            pairs.extend((f"{name}__{row}", str(point)) for row, point in value.items())
        elif question.type is QuestionType.DECIMAL:
            # As a French respondent types it (and as the page shows it back).
            pairs.append((name, f"{value}".replace(".", ",")))
        else:
            pairs.append((name, str(value)))
        if question.other and answers.get(question.other_name):
            pairs.append((question.other_name, str(answers[question.other_name])))
    pairs.append(("action", "next"))
    return pairs


def canonical(questions: dict[str, Any], answers: dict[str, Any], coerce: Any) -> dict[str, Any]:
    return {k: coerce(questions[k], v) if k in questions else v for k, v in answers.items()}


def prepare(args: argparse.Namespace) -> dict[str, Any]:
    _setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from vivier.campaigns import services
    from vivier.campaigns.models import Campaign
    from vivier.demo.builder import build_demo
    from vivier.surveys import flow
    from vivier.surveys.sampling import random_answers

    call_command("migrate", verbosity=0)
    build_demo(responses=False)
    campaign = Campaign.objects.select_related("questionnaire").get(slug=CAMPAIGN)
    q = campaign.questionnaire.questionnaire()

    drafts: list[dict[str, str]] = []
    # One transaction: thousands of autocommits would take longer than the phase we measure.
    with transaction.atomic():
        for index in range(args.drafts):
            answers = random_answers(q, random.Random(index))
            response = services.start_response(campaign, key=f"{DRAFT_PREFIX}{index:06d}")
            services._store(response, q, answers)
            sections = flow.visible_sections(q, answers)
            response.current_section = sections[-1].name
            response.save()
            drafts.append(
                {
                    "key": response.key,
                    "token": response.resume_token(),
                    "digest": answers_digest(flow.prune(q, answers)),
                }
            )
    from vivier.surveys.answers import coerce

    questions = q.question_map()
    plans: list[dict[str, Any]] = []
    for index in range(args.full):
        # Seeds apart from the drafts' so both phases do not post identical answers.
        answers = random_answers(q, random.Random(1_000_000 + index))
        sections = flow.visible_sections(q, answers)
        plans.append(
            {
                "pages": {s.name: encode_section(s, answers) for s in sections},
                # What the server stores from a posted form is the canonical value (a phone
                # number without its spaces...), so that is what must come back.
                "digest": answers_digest(flow.prune(q, canonical(questions, answers, coerce))),
            }
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Fresh statistics, so the planner does not pick sequential scans on a table that
            # was empty a second ago (autovacuum may not have run yet).
            cursor.execute("ANALYZE")
    return {
        "campaign": CAMPAIGN,
        "sections": [s.name for s in q.sections],
        "drafts": drafts,
        "plans": plans,
    }


def verify(args: argparse.Namespace) -> dict[str, Any]:
    """Counts, for the keys the load generator sent, what the database holds.

    ``expect`` maps each key to the digest of the answers it should hold once submitted.
    ``created_prefixless`` counts responses outside the demo and draft sets: the full path
    creates one per respondent, so more means a replayed start made a duplicate.
    """
    _setup()
    from vivier.campaigns.models import Campaign, Response

    with open(args.expect, encoding="utf-8") as handle:
        expect: dict[str, str] = json.load(handle)
    campaign = Campaign.objects.get(slug=CAMPAIGN)
    keys = list(expect)
    found: dict[str, tuple[str, str]] = {}
    rows = 0
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        for response in Response.objects.filter(campaign=campaign, key__in=chunk).select_related(
            "contact"
        ):
            rows += 1
            found[response.key] = (response.status, answers_digest(response.all_answers()))
    submitted = [k for k, (status, _d) in found.items() if status == Response.Status.SUBMITTED]
    missing = [k for k in keys if k not in found]
    not_submitted = [k for k, (status, _d) in found.items() if status != Response.Status.SUBMITTED]
    altered = [k for k in submitted if found[k][1] != expect[k]]
    others = (
        Response.objects.filter(campaign=campaign)
        .exclude(key__startswith=DRAFT_PREFIX)
        .exclude(key__startswith="demo-")
        .count()
    )
    return {
        "expected": len(keys),
        "rows": rows,
        "submitted": len(submitted),
        "missing": len(missing),
        "not_submitted": len(not_submitted),
        "duplicated": rows - len(found),
        "altered": len(altered),
        # Full lists: the harness intersects them with what the server acknowledged.
        "unsubmitted_keys": missing + not_submitted,
        "altered_keys": altered,
        "created_prefixless": others,
    }


def responses_file(args: argparse.Namespace) -> dict[str, Any]:
    """A JSON Lines file of ``rows`` complete HCTS responses, as another tool would export.

    Free texts are made distinct (a real campaign's are), dates spread over the 2020
    campaign's weeks.
    """
    _setup()
    from datetime import UTC, datetime, timedelta

    from vivier.campaigns.models import Campaign
    from vivier.surveys.sampling import random_answers
    from vivier.surveys.schema import QuestionType

    campaign = Campaign.objects.select_related("questionnaire").get(slug=CAMPAIGN)
    q = campaign.questionnaire.questionnaire()
    questions = q.question_map()
    free_types = {QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT}
    start = datetime(2020, 8, 24, 8, tzinfo=UTC)
    with open(args.out, "w", encoding="utf-8") as handle:
        for index in range(args.rows):
            rng = random.Random(5_000_000 + index)
            answers = random_answers(q, rng)
            for key, value in answers.items():
                question = questions.get(key)
                free = question is None or question.type in free_types  # "<name>_other"
                if free and isinstance(value, str) and " " in value:
                    answers[key] = f"{value} (réponse {index})"
            record = {
                "id": f"import-{index:06d}",
                "submitted_at": (start + timedelta(minutes=3 * index)).isoformat(),
                "mode": "online",
                "answers": answers,
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return {"rows": args.rows}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.appside")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("prepare")
    p.add_argument("--drafts", type=int, required=True)
    p.add_argument("--full", type=int, default=0)
    p.add_argument("--out", required=True)
    v = sub.add_parser("verify")
    v.add_argument("--expect", required=True)
    v.add_argument("--out", required=True)
    r = sub.add_parser("responses-file")
    r.add_argument("--rows", type=int, required=True)
    r.add_argument("--out", required=True)
    r.add_argument("--result", required=True)
    args = parser.parse_args(argv)
    if args.command == "responses-file":
        with open(args.result, "w", encoding="utf-8") as handle:
            json.dump(responses_file(args), handle)
        return 0
    result = prepare(args) if args.command == "prepare" else verify(args)
    with open(args.out, "w", encoding="utf-8") as handle:
        json.dump(result, handle)
    return 0


if __name__ == "__main__":
    sys.exit(main())
