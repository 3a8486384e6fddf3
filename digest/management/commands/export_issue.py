"""Export an issue: python manage.py export_issue ISSUE --format {markdown,habr,html,text} [-o FILE]."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from digest.export.checks import check_post
from digest.export.formats import FORMATS, render_post
from digest.export.post import compile_post
from digest.models import Issue


class Command(BaseCommand):
    help = "Export an issue (by id or slug) as Markdown, Habr Markdown, HTML or plain text; stdout by default."

    def add_arguments(self, parser):
        parser.add_argument("issue", help="the issue's id or slug")
        parser.add_argument("--format", choices=list(FORMATS), default="markdown")
        parser.add_argument("-o", "--output", help="write the export to this file instead of stdout")
        parser.add_argument("--standalone", action="store_true", help="with --format html: a whole HTML page")

    def handle(self, *args, issue, format, output, standalone, **options):
        lookup = {"pk": int(issue)} if issue.isdigit() else {"slug": issue}
        found = Issue.objects.filter(**lookup).first()
        if found is None:
            raise CommandError(f"No issue with the {'id' if issue.isdigit() else 'slug'} “{issue}”.")
        post = compile_post(found)
        text = render_post(post, format, standalone=standalone)
        for warning in check_post(post):
            self.stderr.write(f"warning: {warning}")
        if output:
            Path(output).write_text(text, encoding="utf-8")
            self.stderr.write(f"Wrote {FORMATS[format].label} of “{post.title}” to {output}.")
        else:
            self.stdout.write(text, ending="")
