"""API: the organisation registry, filtered by the permission module."""

from __future__ import annotations

from ninja import Router, Schema

from innocity.orgs import permissions
from innocity.orgs.models import Organisation

router = Router(tags=["organisations"])


class OrganisationOut(Schema):
    id: int
    code: str
    type: str
    name: str
    short_name: str
    aliases: list[str]
    parent: str | None
    groups: list[str]

    @staticmethod
    def resolve_parent(obj: Organisation) -> str | None:
        return obj.parent.code if obj.parent_id else None

    @staticmethod
    def resolve_groups(obj: Organisation) -> list[str]:
        return [g.code for g in obj.groups.all()]


@router.get("", response=list[OrganisationOut], summary="Organisations visible to the caller")
def organisation_list(request, type: str | None = None):  # the API's parameter name
    permissions.authorize(request.auth, permissions.is_signed_in)
    orgs = permissions.visible_organisations(
        request.auth, Organisation.objects.select_related("parent").prefetch_related("groups")
    )
    if type:
        orgs = orgs.filter(type=type)
    return orgs
