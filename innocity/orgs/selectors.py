"""Reads of the organisation registry shared by pages, the API and the document importer."""

from __future__ import annotations

from innocity.core.orgnames import GroupEntry, OrgDirectory, OrgEntry
from innocity.orgs.models import Organisation, OrganisationGroup, OrganisationType

GOVERNMENT_SUFFIX = "人民政府"


def organisation_directory() -> OrgDirectory:
    """The registry as a name directory (keys are short names, as plans write them).

    Documents write the city's own departments as 新乡市财政局 as well as 市财政局: the city
    government's name without 人民政府 is taken as a prefix that stands for 市.
    """
    orgs = list(Organisation.objects.values_list("short_name", "name", "aliases"))
    entries = [OrgEntry(short, (name, short, *aliases)) for short, name, aliases in orgs]
    groups = [
        GroupEntry(group.code, (group.name, *group.aliases), tuple(m.short_name for m in group.members.all()))
        for group in OrganisationGroup.objects.prefetch_related("members")
    ]
    prefixes = {
        name.removesuffix(GOVERNMENT_SUFFIX): "市"
        for name in Organisation.objects.filter(type=OrganisationType.GOVERNMENT).values_list("name", flat=True)
        if name.endswith(GOVERNMENT_SUFFIX) and name.removesuffix(GOVERNMENT_SUFFIX).endswith("市")
    }
    return OrgDirectory(entries, groups, prefixes)


def short_names() -> set[str]:
    return set(Organisation.objects.values_list("short_name", flat=True))
