"""Export an issue: python manage.py export_issue ISSUE --format {markdown,habr,html,text} [-o FILE] [--site-url URL].

Uploaded images and other site-relative addresses are written from the site's address: --site-url
when given, else DIGEST_SITE_URL (settings.SITE_URL).
"""

import re
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from digest.export.checks import check_post
from digest.export.formats import FORMATS, render_post
from digest.export.post import compile_post
from digest.models import Issue

URL = re.compile(r"^https?://[^/\s?#]+(/[^\s?#]*)?$")


class Command(BaseCommand):
    help = "Export an issue (by id or slug) as Markdown, Habr Markdown, HTML or plain text; stdout by default."

    def add_arguments(self, parser):
        parser.add_argument("issue", help="the issue's id or slug")
        parser.add_argument("--format", choices=list(FORMATS), default="markdown")
        parser.add_argument("-o", "--output", help="write the export to this file instead of stdout")
        parser.add_argument("--standalone", action="store_true", help="with --format html: a whole HTML page")
        parser.add_argument(
            "--site-url",
            help="the site's public address (e.g. https://digest.example.org): uploaded images and other "
            "site-relative addresses are written from it; default DIGEST_SITE_URL",
        )

    def handle(self, *args, issue, format, output, standalone, site_url, **options):
        lookup = {"pk": int(issue)} if issue.isdigit() else {"slug": issue}
        found = Issue.objects.filter(**lookup).first()
        if found is None:
            raise CommandError(f"No issue with the {'id' if issue.isdigit() else 'slug'} “{issue}”.")
        if site_url and not URL.match(site_url):
            raise CommandError(
                f"--site-url must be a web address such as https://digest.example.org, not “{site_url}”."
            )
        post = compile_post(found, site_url=site_url)
        text = render_post(post, format, standalone=standalone)
        for warning in check_post(post):
            self.stderr.write(f"warning: {warning}")
        if output:
            Path(output).write_text(text, encoding="utf-8")
            self.stderr.write(f"Wrote {FORMATS[format].label} of “{post.title}” to {output}.")
        else:
            self.stdout.write(text, ending="")
