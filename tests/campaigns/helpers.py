"""Walks the respondent path over real HTTP requests (Django's test client)."""

from __future__ import annotations

import re

from vivier.campaigns.models import Campaign, Response


def start(client, campaign: Campaign, *, link: str = "") -> tuple[Response, str]:
    page = client.get(f"/q/{campaign.slug}/" + (f"l/{link}/" if link else ""))
    token = re.search(r'name="start_token" value="([^"]+)"', page.content.decode()).group(1)
    key = token.split(":")[0]  # a signed key: "key:timestamp:signature"
    data = {"start_token": token}
    if link:
        data["link"] = link
    answer = client.post(f"/q/{campaign.slug}/commencer/", data)
    assert answer.status_code == 302, answer.content[:500]
    resume_url = answer["Location"]
    response = Response.objects.get(campaign=campaign, key=key)
    return response, resume_url


def page_url(resume_url: str, section: str) -> str:
    return f"{resume_url}p/{section}/"
