"""What the community hears about in its chat: a paper open to claim, a claim, a reminder.

The reviews app only says what happened, inside the transaction of the change; whoever listens
(digest.chat: the chat channels of each series) writes its messages to the outbox in that same
transaction, so a rolled-back change announces nothing. reviews never imports digest.
"""

from django.dispatch import Signal

PAPER_PROPOSED = "paper_proposed"
PAPER_CLAIMED = "paper_claimed"
ASSIGNMENT_REMINDER = "assignment_reminder"

happened = Signal()  # sender: the event's name; keyword arguments: the ids it is about


def announce(event, **ids):
    happened.send(sender=event, **ids)
