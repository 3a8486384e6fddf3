"""Exports of an issue: Markdown, Habr, HTML and plain text.

formats.export_issue(issue, fmt) is the entry point; post.py gathers the issue once, one module per
target writes it, checks.py lists what an editor should fix first. The post's labels per language
live beside the titles, in digest/labels.py.
"""
