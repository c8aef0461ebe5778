"""Deterministic synthetic career articles: varied text for load, fault and speed runs."""

from __future__ import annotations

import random
from pathlib import Path

ROLES = [
    "data engineer",
    "platform engineer",
    "product manager",
    "security analyst",
    "site reliability engineer",
    "frontend developer",
    "backend developer",
    "data scientist",
    "research scientist",
    "solutions architect",
    "QA engineer",
    "technical writer",
    "engineering manager",
    "UX designer",
    "database administrator",
    "cloud architect",
    "mobile developer",
    "DevOps engineer",
    "analytics engineer",
    "firmware engineer",
    "robotics engineer",
    "game developer",
]
SKILLS = [
    "SQL",
    "Python",
    "Kubernetes",
    "Terraform",
    "statistics",
    "stakeholder management",
    "Rust",
    "TypeScript",
    "incident response",
    "threat modelling",
    "A/B testing",
    "data modelling",
    "API design",
    "accessibility",
    "observability",
    "cost optimisation",
    "technical writing",
    "distributed systems",
    "query tuning",
    "embedded C",
    "mentoring",
    "roadmapping",
    "Go",
]
TOPICS = [
    "salary",
    "remote work",
    "interview preparation",
    "career ladders",
    "certifications",
    "bootcamps",
    "promotion",
    "burnout",
    "on-call duty",
    "equity",
    "hiring trends",
    "portfolios",
    "side projects",
    "negotiation",
    "job security",
    "relocation",
    "freelancing",
    "team size",
]
VERBS = [
    "shapes",
    "limits",
    "raises",
    "lowers",
    "reshapes",
    "accelerates",
    "complicates",
    "defines",
    "rewards",
    "penalises",
    "clarifies",
    "obscures",
    "drives",
    "tempers",
]
CITIES = ["Berlin", "Austin", "Lagos", "Toronto", "Warsaw", "Singapore", "Lisbon", "Denver", "Pune"]
NOUNS = [
    "hiring managers",
    "recruiters",
    "senior staff",
    "new graduates",
    "career changers",
    "teams",
    "startups",
    "large employers",
    "consultancies",
    "public agencies",
    "survey respondents",
]


def _sentence(rng: random.Random, role: str, n: int) -> str:
    skill, topic, verb = rng.choice(SKILLS), rng.choice(TOPICS), rng.choice(VERBS)
    noun, city = rng.choice(NOUNS), rng.choice(CITIES)
    pay, years, share = rng.randrange(60, 260) * 1000, rng.randrange(1, 9), rng.randrange(5, 95)
    forms = [
        f"For a {role}, experience with {skill} {verb} how {noun} judge {topic}.",
        f"In {city}, {noun} reported that {topic} for a {role} sits near ${pay:,} a year.",
        f"Survey {n} found that {share}% of {noun} value {skill} above {topic}.",
        f"A {role} who invests in {skill} usually sees {topic} change within {years} years.",
        f"{noun.capitalize()} in {city} say {topic} {verb} the daily work of a {role}.",
    ]
    return rng.choice(forms)


def article_text(i: int, paragraphs: int = 11, sentences: int = 6) -> str:
    """Article `i`: a title line, then `paragraphs` paragraphs under a few headings."""
    rng = random.Random(i)
    role = ROLES[i % len(ROLES)]
    topic = TOPICS[(i // len(ROLES)) % len(TOPICS)]
    lines = [f"{role.title()} and {topic.title()}: Field Notes {i}", ""]
    for p in range(paragraphs):
        if p % 4 == 0:
            lines += [f"{rng.choice(TOPICS).title()} for the {role.title()} Part {p // 4 + 1}", ""]
        body = " ".join(_sentence(rng, role, i * 100 + p * 10 + s) for s in range(sentences))
        lines += [f"Note {i}-{p}. {body}", ""]
    return "\n".join(lines)


def write_articles(folder: Path, count: int, paragraphs: int = 11, sentences: int = 6) -> list:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"article-{i:04d}.txt"
        path.write_text(article_text(i, paragraphs, sentences), encoding="utf-8")
        paths.append(path)
    return paths
