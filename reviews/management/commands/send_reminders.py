"""Mail reviewers about due and overdue reviews. Meant for cron, once a day (more is harmless)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.formats import date_format

from reviews import reminders


class Command(BaseCommand):
    help = (
        "Remind reviewers whose review is due within N days (once) or overdue (once), "
        "never twice on the same day and never for done, declined or cancelled assignments. "
        "Prints one line per reminder and a summary."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days-before",
            type=int,
            default=settings.DIGEST_REMINDER_DAYS_BEFORE,
            help="Remind this many days before the due date (default: DIGEST_REMINDER_DAYS_BEFORE, %(default)s).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Only print what would be sent.")

    def handle(self, *args, days_before, dry_run, **options):
        if days_before < 0:
            raise CommandError("--days-before cannot be negative.")
        today = timezone.localdate()
        results = reminders.remind_assignments(today=today, days_before=days_before, dry_run=dry_run)
        verb = "Would remind" if dry_run else "Reminded"
        counts = {"upcoming": 0, "overdue": 0}
        for result in results:
            assignment = result.assignment
            what = f"“{assignment.paper.title}”"
            if result.overdue:
                days = (today - assignment.due_date).days
                when = f"overdue since {date_format(assignment.due_date)} ({days} day{'s' if days != 1 else ''})"
            else:
                when = f"due {date_format(assignment.due_date)}"
            if result.problem:
                self.stderr.write(f"Not reminded: {assignment.reviewer} about {what}, {when}: {result.problem}.")
                continue
            counts["overdue" if result.overdue else "upcoming"] += 1
            self.stdout.write(f"{verb} {assignment.reviewer} <{assignment.reviewer.user.email}> about {what}, {when}.")
        total = counts["upcoming"] + counts["overdue"]
        summary = (
            f"{'Would send' if dry_run else 'Sent'} {total} reminder{'s' if total != 1 else ''}: "
            f"{counts['upcoming']} due soon, {counts['overdue']} overdue."
        )
        skipped = sum(1 for result in results if result.problem)
        if skipped:
            summary += f" {skipped} could not be sent (see above)."
        self.stdout.write(self.style.SUCCESS(summary) if not skipped else self.style.WARNING(summary))
