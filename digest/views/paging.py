"""Pages of a list without counting the whole list.

Django's Paginator runs COUNT(*) on every page; over the archive (100,000 reviews, any filter,
a text search) that count costs more than the page itself. A page here reads one row more than
it shows to know whether there is a next one, and offers "newer" and "older" links.
"""

from django.http import Http404

PER_PAGE = 20


class Page:
    def __init__(self, rows, number, per_page):
        self.object_list = rows[:per_page]
        self.number = number
        self._has_next = len(rows) > per_page

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    def has_next(self):
        return self._has_next

    def has_previous(self):
        return self.number > 1

    def has_other_pages(self):
        return self.has_next() or self.has_previous()

    def next_page_number(self):
        return self.number + 1

    def previous_page_number(self):
        return self.number - 1


def page_of(queryset, page_param, per_page=PER_PAGE):
    """Page `page_param` (1 when absent) of an ordered queryset; 404 past the end or on nonsense."""
    try:
        number = int(page_param or 1)
    except (TypeError, ValueError):
        raise Http404("No such page.")
    if number < 1:
        raise Http404("No such page.")
    start = (number - 1) * per_page
    page = Page(list(queryset[start : start + per_page + 1]), number, per_page)
    if number > 1 and not page.object_list:
        raise Http404("No such page.")
    return page
