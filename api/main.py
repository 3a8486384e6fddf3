"""The API's one NinjaAPI: its routers, its OpenAPI description (/api/v1/openapi.json), and how
errors answer: a JSON body {"detail": …, "errors": {field: [messages]}}.

Why django-ninja rather than Django REST framework: README, "The JSON API".
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotModified
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError

from reviews.services import EditConflict, NotAllowed, WorkflowError

from . import editors, members, public
from .access import RateLimited


class DigestAPI(NinjaAPI):
    def create_response(self, request, data, *, status=None, temporal_response=None):
        response = super().create_response(request, data, status=status, temporal_response=temporal_response)
        if getattr(request, "api_etag", None) and response.status_code == 200:
            response["ETag"] = request.api_etag  # public answers (public.cached)
        return response


api = DigestAPI(
    title="Digest API",
    version="1",
    description="Published issues and reviews for everyone; members' and editors' work with a personal token "
    "(Authorization: Bearer dgst_…), created on the profile page.",
    urls_namespace="api",
    docs_url=None,  # Swagger UI would load scripts from a CDN, which our Content-Security-Policy refuses
)
api.add_router("", public.router)
api.add_router("", members.router)
api.add_router("", editors.router)


def problem(request, status, detail, errors=None):
    return api.create_response(request, {"detail": str(detail), "errors": errors}, status=status)


def _errors(error):
    if hasattr(error, "error_dict"):
        return {field: [str(m) for m in messages] for field, messages in error.message_dict.items()}
    return {"__all__": [str(m) for m in error.messages]}


@api.exception_handler(ValidationError)
def invalid(request, error):
    if isinstance(error, NotAllowed):
        return problem(request, 403, error.messages[0])
    if isinstance(error, EditConflict):
        return problem(request, 409, error.messages[0], {"version": [str(error.current.version)]})
    if isinstance(error, WorkflowError):
        return problem(request, 409, error.messages[0])
    return problem(request, 400, _("The request is not valid."), _errors(error))


@api.exception_handler(PermissionDenied)
def forbidden(request, error):
    return problem(request, 403, str(error) or "Forbidden.")


@api.exception_handler(AuthenticationError)
def unauthenticated(request, error):
    return problem(request, 401, "A valid personal token is needed: Authorization: Bearer dgst_…")


@api.exception_handler(RateLimited)
def rate_limited(request, error):
    response = problem(request, 429, "Too many requests: wait a minute.")
    response["Retry-After"] = "60"
    return response


@api.exception_handler(public.FilterError)
def bad_filter(request, error):
    return problem(request, 400, "The filters are not valid.", error.errors)


@api.exception_handler(public.NotModified)
def not_modified(request, error):
    response = HttpResponseNotModified()
    response["ETag"] = request.api_etag
    return response
