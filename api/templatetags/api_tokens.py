"""{% personal_tokens user %}: the token section of the profile page (reviews never imports api)."""

from django import template

from ..models import PersonalToken
from ..views import TokenForm

register = template.Library()


@register.inclusion_tag("api/_tokens.html", takes_context=True)
def personal_tokens(context, user):
    return {
        "tokens": list(PersonalToken.objects.live().filter(user=user)),
        "form": TokenForm(),
        "csrf_token": context.get("csrf_token"),
    }
