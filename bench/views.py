"""The reference: a bare Django view rendering a small template (25 items), no database."""

from django.http import HttpResponse
from django.template import engines

TEMPLATE = engines["django"].from_string(
    """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body><h1>{{ title }}</h1>
<ul>{% for item in items %}
<li><a href="/items/{{ item.number }}/">{{ item.name }}</a> — {{ item.value|floatformat:2 }}</li>{% endfor %}
</ul>
</body></html>"""
)


def bare(request):
    items = [{"number": n, "name": f"Item number {n}", "value": n * 1.5} for n in range(25)]
    return HttpResponse(TEMPLATE.render({"title": "Bare view", "items": items}, request))
