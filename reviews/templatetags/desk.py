"""Template tags of the editors' desk in the admin."""

from django import template

from reviews.desk.dashboard import dashboard_for

register = template.Library()


@register.simple_tag(takes_context=True)
def desk_dashboard(context):
    """`{% desk_dashboard as desk %}`: what needs the current user's attention (see desk/dashboard.py)."""
    request = context.get("request")
    if request is None or not request.user.is_active or not request.user.is_staff:
        return {}
    return dashboard_for(request.user)
