"""Demo content so that every screen shows something real on first start. Idempotent.

The published issues are the real example posts in digest/demo/, loaded through the importer
(manage.py import_post) like any back catalogue; the demo accounts' own work shows every state of
the workflow, an overdue assignment and a planned issue.
"""

import datetime
import secrets
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from django.utils.text import slugify

from digest import services as issue_services
from digest.importer.load import import_post
from digest.models import Series
from reviews import services
from reviews.enums import ReviewStatus
from reviews.models import Assignment, Paper, Reviewer, Topic

DEMO_POSTS = Path(__file__).resolve().parents[2] / "demo"

SERIES = [
    {"name": "Читаем статьи за вас", "slug": "chitaem-stati-za-vas", "language": "ru",
     "intro": "Привет, Хабр! Продолжаем публиковать рецензии на научные статьи от членов сообщества "
              "Open Data Science из канала #article_essense. Хотите получать их раньше всех — вступайте в сообщество!"},
    {"name": "Reading articles for you", "slug": "reading-articles-for-you", "language": "en",
     "intro": "Hello! We continue to publish reviews of scientific papers by members of the community "
              "from the #article_essense channel. Want them before everyone else? Join the community!",
     "previous_links_count": 3},
]  # fmt: skip

# (file in digest/demo/, series, period when the post names none) — read by the importer, oldest first so
# that later posts link to earlier ones. The 2020 copy lost its title; its papers are from spring 2020.
POSTS = [
    ("ods-2018-02-03-en.html", "reading-articles-for-you", None),
    ("ods-2019-07-09-ru.txt", "chitaem-stati-za-vas", None),
    ("ods-2020-en.txt", "reading-articles-for-you", (datetime.date(2020, 6, 1), datetime.date(2020, 6, 1))),
]

# Topics, given to papers whose title mentions one of the words (the archive filters by topic).
TOPICS = {
    "Computer vision": ["image", "segmentation", "detect", "video", "imagenet", "convolutional", "yolo", "re-identif"],
    "NLP": ["language", "bert", "nlp", "transformer", "attention", "captioning", "memory layers"],
    "Generative models": ["generative", "autoencoder", "prior", "harmonization"],
    "Theory and optimisation": ["generalization", "gradient", "boosting", "forgetting", "reparameterization", "rank"],
    "Neuroscience": ["brain", "perception", "neural-symbolic"],
    "Recommender systems": ["recommendation"],
}

# Papers the demo reviewer works on (none of them is in the example posts).
PAPERS = [
    ("Attention Is All You Need",
     "Ashish Vaswani, Noam Shazeer, Niki Parmar, Jakob Uszkoreit, Llion Jones, Aidan N. Gomez, Łukasz Kaiser, "
     "Illia Polosukhin", "Google Brain, Google Research, University of Toronto", 2017, "1706.03762"),
    ("BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding",
     "Jacob Devlin, Ming-Wei Chang, Kenton Lee, Kristina Toutanova", "Google AI Language", 2018, "1810.04805"),
    ("Deep Image Prior", "Dmitry Ulyanov, Andrea Vedaldi, Victor Lempitsky", "Skoltech, University of Oxford", 2017,
     "1711.10925"),
    ("CornerNet: Detecting Objects as Paired Keypoints", "Hei Law, Jia Deng", "Princeton University", 2018,
     "1808.01244"),
    ("YOLOv3: An Incremental Improvement", "Joseph Redmon, Ali Farhadi", "University of Washington", 2018,
     "1804.02767"),
]  # fmt: skip

BODY = """The authors study **{short}** and report a simple, reproducible effect.

The key quantity is $d = \\alpha^\\phi$, and the training objective is

$$L(\\theta) = \\frac{{1}}{{N}} \\sum_{{i=1}}^N \\ell(f_\\theta(x_i), y_i) + \\lambda \\lVert \\theta \\rVert^2$$

| Model | Params | Top-1 |
|:------|-------:|------:|
| Baseline | 25M | 76.3 |
| Proposed | 19M | 77.1 |

Code is available, and the experiments are easy to reproduce.
"""

# (paper index, status) — with the imported published reviews, every state of the workflow appears.
REVIEWS = [
    (0, ReviewStatus.APPROVED),  # in the pool, waiting for the planned issue
    (1, ReviewStatus.SUBMITTED),
    (2, ReviewStatus.CHANGES_REQUESTED),
    (3, ReviewStatus.DRAFT),
]

PATHS = {
    ReviewStatus.DRAFT: [],
    ReviewStatus.SUBMITTED: [ReviewStatus.SUBMITTED],
    ReviewStatus.CHANGES_REQUESTED: [ReviewStatus.SUBMITTED, ReviewStatus.CHANGES_REQUESTED],
    ReviewStatus.APPROVED: [ReviewStatus.SUBMITTED, ReviewStatus.APPROVED],
}


class Command(BaseCommand):
    help = "Load demo content: an editor and a reviewer account, two series, the example posts, reviews and issues."

    def handle(self, *args, **options):
        # The demo's workflow moves would mail their notifications; keep the console quiet.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"), transaction.atomic():
            editor, editor_password = self._user("editor@example.org", "Elena Editor", staff=True)
            member, member_password = self._user("reviewer@example.org", "Roman Reviewer", staff=False)
            series = {spec["slug"]: self._series(spec) for spec in SERIES}
            english = series["reading-articles-for-you"]
            if english.translation_of_id is None:
                english.translation_of = series["chitaem-stati-za-vas"]
                english.save(update_fields=["translation_of"])
            created = self._posts(series)
            created = self._workflow(editor, member, series["chitaem-stati-za-vas"]) or created
            self._topics()
        for email, password in [("editor@example.org", editor_password), ("reviewer@example.org", member_password)]:
            if password:
                self.stdout.write(f"Demo account {email} — password: {password}  (shown once)")
        if created:
            self.stdout.write(self.style.SUCCESS("Demo content loaded."))
        else:
            self.stdout.write("Demo content already present; nothing to do.")

    def _user(self, email, name, *, staff):
        User = get_user_model()
        user = User.objects.filter(username=email).first()
        password = None
        if user is None:
            password = secrets.token_urlsafe(9)
            first, last = name.split(" ", 1)
            user = User.objects.create_user(email, email, password, first_name=first, last_name=last, is_staff=staff)
            if staff:
                user.groups.add(Group.objects.get(name="Editors"))
        services.reviewer_for_user(user)
        return user, password

    def _series(self, spec):
        series, _ = Series.objects.get_or_create(slug=spec["slug"], defaults=spec)
        return series

    def _posts(self, series):
        """The example posts, published, through the importer (which reuses everything on a second run)."""
        created = False
        for filename, slug, period in POSTS:
            raw = (DEMO_POSTS / filename).read_text(encoding="utf-8")
            report = import_post(raw, series_name=series[slug].name, period=period, source=filename)
            if report.created:
                created = True
                self.stdout.write(f"Imported {filename}: {report.summary()}")
        return created

    def _topics(self):
        for name, words in TOPICS.items():
            topic, _ = Topic.objects.get_or_create(name=name, defaults={"slug": slugify(name)})
            for paper in Paper.objects.filter(topics__isnull=True):
                if any(word in paper.title.casefold() for word in words):
                    paper.topics.add(topic)

    def _workflow(self, editor, member, series):
        if Paper.objects.filter(arxiv_id=PAPERS[0][4]).exists():
            return False
        reviewer = Reviewer.objects.get(user=member)
        reviewer.chat_handle, reviewer.blog_handle = "roman_r", "roman"
        reviewer.save()
        papers = [
            services.propose_paper(
                by=member,
                title=title,
                authors=authors,
                affiliations=affiliations,
                year=year,
                arxiv_id=arxiv_id,
                original_url=f"https://arxiv.org/abs/{arxiv_id}",
                links=[("code", "GitHub project", "https://github.com/example/code")] if index % 2 else [],
            )
            for index, (title, authors, affiliations, year, arxiv_id) in enumerate(PAPERS)
        ]
        for paper_index, status in REVIEWS:
            paper = papers[paper_index]
            review = services.start_review(
                paper=paper,
                reviewer=reviewer,
                by=member,
                language="ru",
                body=BODY.format(short=paper.title.split(":")[0]),
            )
            for step in PATHS[status]:
                comment = "Please add the results table and a link to the code." if step == "changes_requested" else ""
                actor = member if step == ReviewStatus.SUBMITTED else editor
                review = services.transition_review(review, to=step, by=actor, comment=comment)

        today = timezone.localdate()
        issue_services.create_issue(
            series=series, period_start=today.replace(day=1), planned_for=today + datetime.timedelta(days=20)
        )
        Assignment.objects.create(
            paper=papers[4], reviewer=reviewer, assigned_by=editor, due_date=today - datetime.timedelta(days=2),
            status="accepted",
        )  # fmt: skip
        return True
