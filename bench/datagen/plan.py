"""What to generate, decided up front from the seed: series, their issues, and one slot per review.

A slot says which issue (if any) a review goes into and in which state it ends, so that the
builder can create papers, reviews, entries, events and assignments in batches without ever
reading back from the database.
"""

import datetime
from dataclasses import dataclass, field

from reviews.enums import ReviewStatus

S = ReviewStatus

LANGUAGE_WEIGHTS = {"ru": 40, "en": 30, "es": 12, "hi": 9, "zh": 9}

# name, slug, language, share of the issues, translation of (index), intro
SERIES = [
    ("Читаем статьи за вас", "chitaem-stati-za-vas", "ru", 26, None,
     "Привет, Хабр! Продолжаем публиковать рецензии на научные статьи от членов сообщества."),
    ("Reading articles for you", "reading-articles-for-you", "en", 18, 0,
     "Hello! We continue to publish reviews of scientific papers by members of the community."),
    ("Leemos artículos por ti", "leemos-articulos-por-ti", "es", 10, 0,
     "¡Hola! Seguimos publicando reseñas de artículos científicos de la comunidad."),
    ("आपके लिए लेख", "aapke-liye-lekh", "hi", 8, 0, "नमस्ते! हम समुदाय के सदस्यों की समीक्षाएँ प्रकाशित करते रहते हैं।"),
    ("为你读论文", "wei-ni-du-lunwen", "zh", 12, None, "你好！我们继续发布社区成员撰写的论文评论。"),
    ("Обзоры статей по NLP", "obzory-nlp", "ru", 12, None, "Разбираем свежие статьи по обработке естественного языка."),
    ("ML papers monthly", "ml-papers-monthly", "en", 9, None, "A monthly digest of machine-learning papers."),
    ("Visión por computador", "vision-por-computador", "es", 5, None, "Reseñas de artículos de visión."),
]  # fmt: skip

# The end states of reviews that are not in an issue, by weight. Published ones outside issues
# stand for a back catalogue published before the community used issues.
FREE_STATES = {
    S.PUBLISHED: 44,
    S.APPROVED: 5,
    S.SUBMITTED: 8,
    S.CHANGES_REQUESTED: 5,
    S.DRAFT: 17,
    S.REJECTED: 7,
    S.WITHDRAWN: 8,
}

EXPORT_ISSUE_ENTRIES = 50  # one published issue this large: what `make bench` exports


@dataclass
class IssuePlan:
    series: int
    start: datetime.date
    end: datetime.date
    part: int | None
    published: bool
    entries: int = 0
    translation_of: int | None = None  # index into the plan's issues
    index: int = 0


@dataclass
class Slot:
    status: str
    language: str
    issue: int | None = None  # index into the plan's issues
    position: int = 0
    translates: int | None = None  # index of the slot this review translates (same paper and reviewer)


@dataclass
class Plan:
    issues: list = field(default_factory=list)
    slots: list = field(default_factory=list)


def month_add(day, months):
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def series_periods(rng, count, anchor):
    """`count` (start, end, part) periods walking back from the month after `anchor`, newest first.

    The newest one or two are still planned; a series of one or two issues has only published ones.
    """
    periods, month = [], month_add(anchor, 1 if count >= 3 else -1)
    while len(periods) < count:
        roll = rng.random()
        if roll < 0.15:
            for part in (2, 1):
                periods.append((month, month, part))
            month = month_add(month, -1)
        elif roll < 0.30:
            periods.append((month_add(month, -2), month, None))
            month = month_add(month, -3)
        else:
            periods.append((month, month, None))
            month = month_add(month, -1)
    return periods[:count]


def issue_counts(total):
    weights = [spec[3] for spec in SERIES]
    counts = [max(1, total * weight // sum(weights)) for weight in weights]
    counts[0] += total - sum(counts)
    while counts[0] < 1:  # tiny totals: take from the largest others
        donor = counts.index(max(counts[1:]), 1)
        counts[donor] -= 1
        counts[0] += 1
    return counts


def plan_issues(rng, total, anchor):
    counts = issue_counts(total) if total >= len(SERIES) else [total] + [0] * (len(SERIES) - 1)
    issues, by_period = [], {}
    for index, spec in enumerate(SERIES):
        source = spec[4]
        if source is not None and counts[source] and counts[index]:
            periods = [(p.start, p.end, p.part) for p in issues if p.series == source][: counts[index]]
        else:
            periods = series_periods(rng, counts[index], anchor)
        for start, end, part in periods:
            plan = IssuePlan(series=index, start=start, end=end, part=part, published=end < anchor.replace(day=1))
            if source is not None:
                plan.translation_of = by_period.get((source, start, end, part))
            plan.index = len(issues)
            by_period[(index, start, end, part)] = plan.index
            issues.append(plan)
    return issues


def plan(rng, *, reviews, issues, anchor):
    """The whole data set's shape: issues with their entry counts, and `reviews` slots."""
    result = Plan(issues=plan_issues(rng, issues, anchor))
    published = [issue for issue in result.issues if issue.published and issue.translation_of is None]
    for issue in result.issues:
        issue.entries = rng.randint(8, 12) if issue.published else rng.randint(0, 10)
    if published:
        newest_ru = max((i for i in published if i.series == 0), key=lambda i: i.start, default=published[0])
        newest_ru.entries = EXPORT_ISSUE_ENTRIES
    for issue in result.issues:  # a translated issue holds translations of its source's entries
        if issue.translation_of is not None:
            issue.entries = min(issue.entries, result.issues[issue.translation_of].entries)
    scheduled = sum(issue.entries for issue in result.issues)
    budget = reviews * 3 // 5  # at most 60% of the reviews sit in issues
    if scheduled > budget:
        scale = budget / scheduled
        for issue in result.issues:
            issue.entries = int(issue.entries * scale) if issue.entries != EXPORT_ISSUE_ENTRIES else issue.entries
        for issue in result.issues:
            if issue.translation_of is not None:
                issue.entries = min(issue.entries, result.issues[issue.translation_of].entries)
    first_slot = {}
    for issue in result.issues:
        language = SERIES[issue.series][2]
        status = S.PUBLISHED if issue.published else S.APPROVED
        first_slot[issue.index] = len(result.slots)
        for position in range(1, issue.entries + 1):
            if len(result.slots) >= reviews:
                break
            translates = None
            if issue.translation_of is not None:
                translates = first_slot[issue.translation_of] + position - 1
            result.slots.append(Slot(status, language, issue.index, position, translates))
    languages, weights = list(LANGUAGE_WEIGHTS), list(LANGUAGE_WEIGHTS.values())
    states, state_weights = list(FREE_STATES), list(FREE_STATES.values())
    free = reviews - len(result.slots)
    for language, status in zip(
        rng.choices(languages, weights, k=free), rng.choices(states, state_weights, k=free), strict=True
    ):
        translates = None
        if result.slots and rng.random() < 0.05:
            translates = rng.randrange(len(result.slots))
        result.slots.append(Slot(status, language, translates=translates))
    # Tiny data sets still show every state of the workflow.
    free_slots = [slot for slot in result.slots if slot.issue is None]
    for slot, status in zip(free_slots, states, strict=False):
        slot.status = status
    return result
