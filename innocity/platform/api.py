"""The API (django-ninja, OpenAPI at /api/docs): session or token authentication, and the same
permission module as the pages."""

from django.core.exceptions import PermissionDenied
from ninja import NinjaAPI
from ninja.security import HttpBearer, django_auth

from innocity.orgs import permissions
from innocity.orgs.api import router as organisations_router
from innocity.orgs.services import api_token_authenticate
from innocity.plans.api import router as plans_router


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`; tokens come from `innocity token create USER`."""

    def authenticate(self, request, token):
        user = api_token_authenticate(token)
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(
    title="innocity API",
    version="1",
    description="新乡市创新型城市建设行动方案平台 API。登录后的会话或 Bearer 令牌均可访问。",
    urls_namespace="api",
    auth=[django_auth, TokenAuth()],
    docs_decorator=permissions.guard(permissions.is_government_user),
)
api.add_router("/plans", plans_router)
api.add_router("/organisations", organisations_router)


@api.exception_handler(PermissionDenied)
def permission_denied(request, exc):
    return api.create_response(request, {"detail": "无权访问 / forbidden"}, status=403)
