"""Demo content so that every screen shows something real on first start. Idempotent."""

import datetime
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from digest import services as issue_services
from digest.models import Series
from reviews import services
from reviews.enums import ReviewStatus
from reviews.models import Assignment, Paper, Review, Reviewer

SERIES = [
    {"name": "Читаем статьи за вас", "slug": "chitaem-stati-za-vas", "language": "ru",
     "intro": "Привет, Хабр! Продолжаем публиковать рецензии на научные статьи от членов сообщества "
              "Open Data Science из канала #article_essense. Хотите получать их раньше всех — вступайте в сообщество!"},
    {"name": "Reading articles for you", "slug": "reading-articles-for-you", "language": "en",
     "intro": "Hello! We continue to publish reviews of scientific papers by members of the community "
              "from the #article_essense channel. Want them before everyone else? Join the community!"},
]  # fmt: skip

PAPERS = [
    ("Layer rotation: a surprisingly powerful indicator of generalization in deep networks?",
     "Simon Carbonnelle, Christophe De Vleeschouwer", "Université catholique de Louvain, Belgium", 2018, "1806.01603"),
    ("RoBERTa: A Robustly Optimized BERT Pretraining Approach",
     "Yinhan Liu, Myle Ott, Naman Goyal, Jingfei Du, Mandar Joshi, Danqi Chen, Omer Levy, Mike Lewis, "
     "Luke Zettlemoyer, Veselin Stoyanov", "University of Washington, Facebook AI", 2019, "1907.11692"),
    ("EfficientNet: Rethinking Model Scaling for Convolutional Neural Networks",
     "Mingxing Tan, Quoc V. Le", "Google Research", 2019, "1905.11946"),
    ("Large Memory Layers with Product Keys",
     "Guillaume Lample, Alexandre Sablayrolles, Marc'Aurelio Ranzato, Ludovic Denoyer, Hervé Jégou",
     "Facebook AI Research", 2019, "1907.05242"),
    ("Linformer: Self-Attention with Linear Complexity",
     "Sinong Wang, Belinda Z. Li, Madian Khabsa, Han Fang, Hao Ma", "Facebook AI", 2020, "2006.04768"),
    ("Training Generative Adversarial Networks with Limited Data",
     "Tero Karras, Miika Aittala, Janne Hellsten, Samuli Laine, Jaakko Lehtinen, Timo Aila",
     "NVIDIA", 2020, "2006.06676"),
    ("Are we done with ImageNet?",
     "Lucas Beyer, Olivier J. Hénaff, Alexander Kolesnikov, Xiaohua Zhai, Aäron van den Oord",
     "DeepMind", 2020, "2006.07159"),
    ("PointRend: Image Segmentation as Rendering",
     "Alexander Kirillov, Yuxin Wu, Kaiming He, Ross Girshick", "Facebook AI Research", 2019, "1912.08193"),
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

# (paper index, status) — every state of the workflow appears.
REVIEWS = [
    (0, ReviewStatus.PUBLISHED),
    (1, ReviewStatus.PUBLISHED),
    (2, ReviewStatus.PUBLISHED),
    (3, ReviewStatus.APPROVED),
    (4, ReviewStatus.SUBMITTED),
    (5, ReviewStatus.CHANGES_REQUESTED),
    (6, ReviewStatus.DRAFT),
]

PATHS = {
    ReviewStatus.DRAFT: [],
    ReviewStatus.SUBMITTED: [ReviewStatus.SUBMITTED],
    ReviewStatus.CHANGES_REQUESTED: [ReviewStatus.SUBMITTED, ReviewStatus.CHANGES_REQUESTED],
    ReviewStatus.APPROVED: [ReviewStatus.SUBMITTED, ReviewStatus.APPROVED],
    ReviewStatus.PUBLISHED: [ReviewStatus.SUBMITTED, ReviewStatus.APPROVED],
}


class Command(BaseCommand):
    help = "Load demo content: an editor and a reviewer account, two series, papers, reviews and issues."

    def handle(self, *args, **options):
        # The demo's workflow moves would mail their notifications; keep the console quiet.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"), transaction.atomic():
            editor, editor_password = self._user("editor@example.org", "Elena Editor", staff=True)
            member, member_password = self._user("reviewer@example.org", "Roman Reviewer", staff=False)
            series = [self._series(spec) for spec in SERIES]
            series[1].translation_of = series[0]
            series[1].save(update_fields=["translation_of"])
            created = self._content(editor, member, series[0])
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

    def _content(self, editor, member, series):
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
        reviews = {}
        for paper_index, status in REVIEWS:
            paper = papers[paper_index]
            review = Review.objects.create(
                paper=paper, reviewer=reviewer, language="ru", body=BODY.format(short=paper.title.split(":")[0])
            )
            for step in PATHS[status]:
                comment = "Please add the results table and a link to the code." if step == "changes_requested" else ""
                actor = member if step == ReviewStatus.SUBMITTED else editor
                review = services.transition_review(review, to=step, by=actor, comment=comment)
            reviews[paper_index] = (review, status)

        today = timezone.localdate()
        published = issue_services.create_issue(
            series=series, period_start=datetime.date(2019, 7, 1), period_end=datetime.date(2019, 9, 1)
        )
        to_publish = [review for review, status in reviews.values() if status == ReviewStatus.PUBLISHED]
        issue_services.add_reviews_to_issue(published, to_publish, by=editor)
        issue_services.publish_issue(published, by=editor, url="https://habr.com/ru/company/ods/blog/467379/")
        issue_services.create_issue(
            series=series, period_start=today.replace(day=1), planned_for=today + datetime.timedelta(days=20)
        )
        Assignment.objects.create(
            paper=papers[7], reviewer=reviewer, assigned_by=editor, due_date=today - datetime.timedelta(days=2),
            status="accepted",
        )  # fmt: skip
        return True
