"""Every write to organisations, users, roles, consents and tokens: one use case per function,
each in one transaction, named <noun>_<verb>."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.utils import timezone
from simple_history.utils import update_change_reason

from innocity.core.datafile import DataFileError, Problem
from innocity.core.orgdata import Registry
from innocity.core.orgnames import normalise_name
from innocity.orgs.models import (
    ApiToken,
    Consent,
    Organisation,
    OrganisationGroup,
    OrganisationType,
    Role,
    RoleGrant,
    User,
)


@dataclass(frozen=True)
class RegistryLoadResult:
    created: int
    updated: int
    unchanged: int
    groups: int


def _conflicts(registry: Registry, source: str) -> list[Problem]:
    """Names that the registry gives one code and the database another: refuse, never overwrite."""
    problems = []
    codes = {o.code for o in registry.organisations}
    stored = Organisation.objects.exclude(code__in=codes).values_list("code", "name", "short_name")
    taken = {normalise_name(n): code for code, *names in stored for n in names}
    for org in registry.organisations:
        for name in (org.name, org.short):
            owner = taken.get(normalise_name(name))
            if owner:
                problems.append(Problem(source, org.line, f"名称 {name} 已被组织 {owner} 使用"))
    return problems


@transaction.atomic
def registry_load(registry: Registry, *, source: str) -> RegistryLoadResult:
    """Create or update organisations and groups by code from a validated registry.

    Nothing is deleted: an organisation missing from the file stays (it may carry history and
    responsibilities). A name conflict with a stored organisation refuses the whole file.
    """
    problems = _conflicts(registry, source)
    if problems:
        raise DataFileError(problems)
    existing = {o.code: o for o in Organisation.objects.all()}
    created = updated = unchanged = 0
    reason = f"loaded from {source}"
    for position, record in enumerate(registry.organisations, start=1):
        values = {
            "type": record.type, "name": record.name, "short_name": record.short,
            "aliases": list(record.aliases), "position": position,
        }
        org = existing.get(record.code)
        if org is None:
            org = Organisation(code=record.code, **values)
            org._change_reason = reason
            org.save()
            existing[record.code] = org
            created += 1
        elif any(getattr(org, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(org, key, value)
            org._change_reason = reason
            org.save()
            updated += 1
        else:
            unchanged += 1
    for record in registry.organisations:
        org = existing[record.code]
        parent = existing[record.parent] if record.parent else None
        if org.parent_id != (parent.pk if parent else None):
            org.parent = parent
            org._change_reason = reason
            org.save(update_fields=["parent"])
    for record in registry.groups:
        group, _ = OrganisationGroup.objects.update_or_create(
            code=record.code, defaults={"name": record.name, "aliases": list(record.aliases)}
        )
        update_change_reason(group, reason)
        group.members.set([existing[m] for m in record.members])
    return RegistryLoadResult(created, updated, unchanged, len(registry.groups))


@transaction.atomic
def user_create(
    username: str,
    password: str,
    *,
    organisation: Organisation | None,
    roles: list[str],
    full_name: str = "",
    must_change_password: bool = True,
) -> User:
    """Create a user with roles; the password must pass the password rules.

    The password is an initial one, known to whoever created the account: the user must change it
    at the first login, unless `must_change_password` is False (the demo accounts)."""
    unknown = set(roles) - set(Role.values)
    if unknown:
        raise ValueError(f"未知角色: {', '.join(sorted(unknown))}")
    if set(roles) & {Role.REPORTER, Role.REVIEWER, Role.ENTERPRISE, Role.BANK} and organisation is None:
        raise ValueError("填报员、审核员、企业和银行用户必须属于一个组织")
    user = User(username=username, organisation=organisation, full_name=full_name,
                must_change_password=must_change_password)
    validate_password(password, user)
    user.set_password(password)
    user.save()
    for role in roles:
        RoleGrant.objects.create(user=user, role=role)
    return user


@transaction.atomic
def password_change(user: User, new_password: str) -> User:
    """The user's own change of password (rules checked by the form): it is the user's alone now."""
    user.set_password(new_password)
    user.must_change_password = False
    user._change_reason = "password changed by the user"
    user.save(update_fields=["password", "password_changed_at", "must_change_password"])
    return user


@transaction.atomic
def consent_grant(enterprise: Organisation, bank: Organisation) -> Consent:
    if enterprise.type != OrganisationType.ENTERPRISE or bank.type != OrganisationType.BANK:
        raise ValueError("授权须由企业授予银行")
    active = Consent.objects.filter(enterprise=enterprise, bank=bank, revoked_at__isnull=True).first()
    return active or Consent.objects.create(enterprise=enterprise, bank=bank, granted_at=timezone.now())


@transaction.atomic
def consent_revoke(consent: Consent) -> Consent:
    if consent.revoked_at is None:
        consent.revoked_at = timezone.now()
        consent.save(update_fields=["revoked_at"])
    return consent


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


@transaction.atomic
def api_token_create(user: User, name: str) -> tuple[str, ApiToken]:
    """Create an API token; returns the token text (shown once) and its record."""
    token = secrets.token_urlsafe(32)
    record = ApiToken.objects.create(user=user, name=name, prefix=token[:8], digest=_digest(token))
    return token, record


def api_token_authenticate(token: str) -> User | None:
    """The active user a token belongs to, or None; records when the token was last used."""
    record = (
        ApiToken.objects.select_related("user")
        .filter(digest=_digest(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if record is None:
        return None
    ApiToken.objects.filter(pk=record.pk).update(last_used_at=timezone.now())
    return record.user


@transaction.atomic
def api_token_revoke(record: ApiToken) -> None:
    record.revoked_at = timezone.now()
    record.save(update_fields=["revoked_at"])
