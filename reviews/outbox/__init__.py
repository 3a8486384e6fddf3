"""The outbox: every message to the outside world (mail today; chat webhooks later) is a row.

A message is written in the same transaction as the change that causes it, so it exists exactly
when the change does. A job on the task queue (django-q2, see docs/queue.md) delivers it, with
retries and a growing pause between them; one that still fails stays in the outbox as "failed",
where editors see it and can send it again.
"""
