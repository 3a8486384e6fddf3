"""Papers, reviews, issue entries, events and assignments, one batch of plan slots at a time."""

import datetime
from dataclasses import dataclass

from digest.models import IssueEntry
from reviews.enums import AssignmentStatus, LinkKind, PaperStatus, ReviewStatus
from reviews.models import Assignment, Paper, PaperLink, Review, ReviewEvent, normalize_title

from . import text
from .bodies import search_document
from .build import COMMENTS, DAY, PATHS, next_ids

S = ReviewStatus
LINKS = [
    (LinkKind.CODE, "GitHub project", "https://github.com/example/{}"),
    (LinkKind.BLOG, "Blog", "https://example.org/blog/{}"),
    (LinkKind.VIDEO, "Video", "https://video.example.org/watch/{}"),
    (LinkKind.PROJECT, "Project page", "https://project.example.org/{}"),
]


@dataclass
class Record:
    """What later slots need to know about an earlier review (translations, shared papers)."""

    paper_id: int
    reviewer: object
    language: str
    review_id: int
    created_at: datetime.datetime


class Rows:
    def __init__(self, builder):
        self.b, self.rng = builder, builder.rng
        self.paper_ids, self.review_ids = next_ids(Paper), next_ids(Review)
        self.link_ids, self.entry_ids = next_ids(PaperLink), next_ids(IssueEntry)
        self.event_ids, self.assignment_ids = next_ids(ReviewEvent), next_ids(Assignment)
        self.arxiv = 0
        self.records, self.used, self.active_papers = [], set(), set()
        self.paper_text = {}  # paper id -> (title, authors): what a review's search document starts with

    def flush(self):
        b = self.b
        b.save(Paper, self.papers)
        b.save(PaperLink, self.links)
        b.save(Paper.topics.through, self.paper_topics)
        b.save(Review, self.reviews)
        b.save(IssueEntry, self.entries)
        b.save(ReviewEvent, self.events)
        b.save(Assignment, self.assignments)

    def start_batch(self):
        self.papers, self.links, self.paper_topics, self.reviews = [], [], [], []
        self.entries, self.events, self.assignments = [], [], []

    def run(self):
        slots = self.b.plan.slots
        with self.b.progress(total=len(slots), desc="reviews", unit="review") as bar:
            for offset in range(0, len(slots), self.b.batch_size):
                self.start_batch()
                for slot in slots[offset : offset + self.b.batch_size]:
                    self.review(slot)
                self.flush()
                bar.update(min(self.b.batch_size, len(slots) - offset))
        self.start_batch()
        for _ in range(len(slots) // 40 + 3):
            self.proposed_paper()
        self.flush()

    # --- papers ------------------------------------------------------------------------------------

    def new_paper(self, created_at, proposer_id, status=PaperStatus.PROPOSED, duplicate_of_id=None):
        rng, pk = self.rng, next(self.paper_ids)
        title, authors = text.paper_title(rng), text.paper_authors(rng)
        self.paper_text[pk] = (title, authors)
        month = self.arxiv % 120
        arxiv_id = f"{15 + month // 12:02d}{month % 12 + 1:02d}.{10000 + self.arxiv // 120:05d}"
        self.arxiv += 1
        year = max(2012, created_at.year - rng.randint(0, 2))
        self.papers.append(
            Paper(
                id=pk, title=title, normalized_title=normalize_title(title), authors=authors,
                affiliations=", ".join({rng.choice(text.AFFILIATIONS) for _ in range(rng.randint(1, 2))} - {""}),
                year=year, arxiv_id=arxiv_id if rng.random() < 0.9 else "",
                original_url=f"https://arxiv.org/abs/{arxiv_id}", status=status, duplicate_of_id=duplicate_of_id,
                proposed_by_id=proposer_id, created_at=created_at, updated_at=created_at,
            )
        )  # fmt: skip
        slug = f"{pk}-{text.TERMS[pk % len(text.TERMS)].lower()}"
        for position, (kind, label, url) in enumerate(rng.sample(LINKS, rng.choice([0, 1, 1, 2, 3]))):
            self.links.append(
                PaperLink(
                    id=next(self.link_ids), paper_id=pk, kind=kind, label=label, url=url.format(slug), position=position
                )  # fmt: skip
            )
        for topic in rng.sample(self.b.topics, rng.randint(1, 3)):
            self.paper_topics.append(Paper.topics.through(paper_id=pk, topic_id=topic.pk))
        return self.papers[-1]

    def proposed_paper(self):
        """A proposed paper nobody has reviewed yet: open, offered, claimed, declined or a rejected duplicate."""
        rng, b = self.rng, self.b
        created = b.moment(b.now - 120 * DAY, b.now - DAY)
        reviewer = b.pick_reviewer(rng.choice(list(b.reviewers)))
        roll = rng.random()
        duplicate = rng.choice(self.records).paper_id if roll < 0.1 and self.records else None
        paper = self.new_paper(created, reviewer.user_id, PaperStatus.REJECTED if duplicate else PaperStatus.PROPOSED,
                               duplicate)  # fmt: skip
        if 0.1 <= roll < 0.6:
            status = rng.choice([AssignmentStatus.OFFERED, AssignmentStatus.ACCEPTED, AssignmentStatus.DECLINED])
            self.assign(paper.pk, reviewer, created + DAY, status)

    def assign(self, paper_id, reviewer, created_at, status):
        if status in {AssignmentStatus.OFFERED, AssignmentStatus.ACCEPTED}:
            if paper_id in self.active_papers:
                return
            self.active_papers.add(paper_id)
        editor = self.rng.choice(self.b.editors)
        self.assignments.append(
            Assignment(
                id=next(self.assignment_ids), paper_id=paper_id, reviewer_id=reviewer.pk,
                assigned_by_id=editor.pk if status != AssignmentStatus.ACCEPTED else reviewer.user_id,
                due_date=(created_at + 14 * DAY).date(), status=status, created_at=created_at, updated_at=created_at,
            )
        )  # fmt: skip

    # --- reviews -----------------------------------------------------------------------------------

    def source_for(self, slot):
        """(paper_id, reviewer, translation_of) for a slot, or None for a fresh paper."""
        rng, b = self.rng, self.b
        if slot.translates is not None and slot.translates < len(self.records):
            source = self.records[slot.translates]
            key = (source.paper_id, source.reviewer.pk, slot.language)
            if source.language != slot.language and key not in self.used:
                return source.paper_id, source.reviewer, source.review_id
        if self.records and rng.random() < 0.06:
            source = self.records[rng.randrange(len(self.records))]
            reviewer = b.pick_reviewer(slot.language)
            if (source.paper_id, reviewer.pk, slot.language) not in self.used:
                return source.paper_id, reviewer, None
        return None

    def timeline(self, slot):
        """created, submitted, decided, published for a review ending in slot.status."""
        rng, b = self.rng, self.b
        if slot.issue is not None and b.issues[slot.issue].published_at:
            published = b.issues[slot.issue].published_at
            created = published - rng.randint(25, 90) * DAY
        elif slot.issue is not None:
            created, published = b.now - rng.randint(25, 60) * DAY, None
        else:
            created = b.moment(b.start, b.now - 45 * DAY)
            published = created + rng.randint(20, 40) * DAY
        submitted = created + rng.randint(3, 12) * DAY
        decided = submitted + rng.randint(1, 8) * DAY
        return created, submitted, decided, published

    def review(self, slot):
        rng, b = self.rng, self.b
        source = self.source_for(slot)
        created, submitted, decided, published = self.timeline(slot)
        if source:
            paper_id, reviewer, translation_of = source
        else:
            reviewer, translation_of = b.pick_reviewer(slot.language), None
            paper_id = self.new_paper(created - rng.randint(1, 30) * DAY, reviewer.user_id).pk
        self.used.add((paper_id, reviewer.pk, slot.language))
        paper = self.paper_text[paper_id]
        body = rng.choice(b.pool[slot.language])
        path = list(PATHS[slot.status])
        if slot.status in {S.APPROVED, S.PUBLISHED} and rng.random() < 0.2:
            path[:1] = [S.SUBMITTED, S.CHANGES_REQUESTED, S.SUBMITTED]
        if slot.status == S.WITHDRAWN and rng.random() < 0.5:
            path = [S.SUBMITTED, S.WITHDRAWN]
        stamps = {
            "submitted_at": submitted if S.SUBMITTED in path else None,
            "decided_at": decided if set(path) & {S.APPROVED, S.CHANGES_REQUESTED, S.REJECTED} else None,
            "published_at": published if slot.status == S.PUBLISHED else None,
        }
        updated = max([created, *[value for value in stamps.values() if value]])
        if slot.status == S.WITHDRAWN:
            updated = (stamps["submitted_at"] or created) + 2 * DAY
        pk = next(self.review_ids)
        self.reviews.append(
            Review(
                id=pk, paper_id=paper_id, reviewer_id=reviewer.pk, language=slot.language, body=body.source,
                body_html=body.html, search_document=search_document(paper[0], paper[1], body),
                status=slot.status, translation_of_id=translation_of, version=rng.randint(1, 6 if path else 3),
                created_at=created, updated_at=updated, **stamps,
            )
        )  # fmt: skip
        self.records.append(Record(paper_id, reviewer, slot.language, pk, created))
        if slot.issue is not None:
            self.entries.append(
                IssueEntry(
                    id=next(self.entry_ids), issue_id=b.issues[slot.issue].pk, review_id=pk, position=slot.position
                )  # fmt: skip
            )
        self.add_events(pk, reviewer, path, created, stamps, updated)
        if translation_of is None and rng.random() < 0.6:
            done = slot.status != S.DRAFT
            status = AssignmentStatus.DONE if done else rng.choice([AssignmentStatus.ACCEPTED] * 3 + ["offered"])
            self.assign(paper_id, reviewer, created - DAY, status)

    def add_events(self, review_id, reviewer, path, created, stamps, updated):
        """One event per move; the last move of each kind carries the review's own timestamp."""
        decisions = [i for i, target in enumerate(path) if target in {S.APPROVED, S.CHANGES_REQUESTED, S.REJECTED}]
        last = {target: i for i, target in enumerate(path)}
        previous = S.DRAFT
        for i, target in enumerate(path):
            at = None
            if decisions and i == decisions[-1]:
                at = stamps["decided_at"]
            elif target == S.SUBMITTED and last[target] == i:
                at = stamps["submitted_at"]
            elif target == S.PUBLISHED:
                at = stamps["published_at"]
            elif target == S.WITHDRAWN:
                at = updated
            by_author = target in {S.SUBMITTED, S.WITHDRAWN}
            self.events.append(
                ReviewEvent(
                    id=next(self.event_ids), review_id=review_id, from_status=previous, to_status=target,
                    actor_id=reviewer.user_id if by_author else self.rng.choice(self.b.editors).pk,
                    comment=COMMENTS.get(target, ""), created_at=at or created + (i + 1) * DAY,
                )
            )  # fmt: skip
            previous = target
