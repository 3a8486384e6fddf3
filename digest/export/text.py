"""The post as plain text, laid out like the published posts (links as "label (URL)")."""

from .bodies import markdown_block, review_bodies


def link(post_link):
    return f"{post_link.label} ({post_link.url})" if post_link.url else post_link.label


def render(post):
    labels = post.labels
    parts = [post.title]
    if intro := markdown_block(post.intro, "text", post.site_url):
        parts.append(intro)
    if post.entries:
        parts.append(labels["toc_heading"])
        parts.append("\n".join(f"{entry.number}. {entry.toc_line}" for entry in post.entries))
    if post.previous:
        parts.append(labels["previous_heading"])
        parts.append("\n".join(f"- {link(previous)}" for previous in post.previous))
    for entry, body in zip(post.entries, review_bodies(post.entries, "text", post.site_url), strict=True):
        parts.append(f"{entry.number}. {entry.title}")
        header = [post.authors_line(entry), post.links_line(entry, link), post.reviewer_line(entry)]
        parts.append("\n".join(line for line in header if line))
        if body:
            parts.append(body)
    if outro := markdown_block(post.outro, "text", post.site_url):
        parts.append(outro)
    return "\n\n".join(parts) + "\n"
