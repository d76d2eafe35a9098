"""Demo accounts for every role, created only in the demo database (settings.DEMO_MODE).

The enterprise and the bank are fictitious and marked as demo data (示例数据).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from innocity.orgs.models import Organisation, OrganisationType, Role, User
from innocity.orgs.services import consent_grant, user_create

DEMO_PASSWORD = "Xinxiang@2022"

DEMO_ORGANISATIONS = [
    {"code": "demo-enterprise", "type": OrganisationType.ENTERPRISE,
     "name": "新乡市示例科技有限公司(示例数据)", "short_name": "示例科技公司"},
    {"code": "demo-enterprise-2", "type": OrganisationType.ENTERPRISE,
     "name": "新乡市示例新材料有限公司(示例数据)", "short_name": "示例新材料公司"},
    {"code": "demo-bank", "type": OrganisationType.BANK,
     "name": "示例银行新乡分行(示例数据)", "short_name": "示例银行"},
]


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    organisation: str  # organisation code
    roles: tuple[str, ...]


DEMO_ACCOUNTS = [
    DemoAccount("admin", "系统管理员", "kjj", (Role.ADMIN,)),
    DemoAccount("office", "市科技局规划办", "kjj", (Role.PLAN_OFFICE,)),
    DemoAccount("reporter", "市工信局填报员", "gxj", (Role.REPORTER,)),
    DemoAccount("reviewer", "市工信局审核员", "gxj", (Role.REVIEWER,)),
    DemoAccount("leader", "市政府领导", "xx-gov", (Role.LEADER,)),
    DemoAccount("enterprise", "示例科技公司填报人", "demo-enterprise", (Role.ENTERPRISE,)),
    DemoAccount("bank", "示例银行客户经理", "demo-bank", (Role.BANK,)),
]


@transaction.atomic
def demo_load() -> list[DemoAccount]:
    """Create the demo organisations, a consent of the first demo enterprise to the demo bank,
    and one account per role. Idempotent: existing accounts are left as they are."""
    position = Organisation.objects.count()
    for offset, values in enumerate(DEMO_ORGANISATIONS, start=1):
        Organisation.objects.get_or_create(
            code=values["code"], defaults={**values, "is_demo": True, "position": position + offset}
        )
    consent_grant(Organisation.objects.get(code="demo-enterprise"), Organisation.objects.get(code="demo-bank"))
    for account in DEMO_ACCOUNTS:
        if not User.objects.filter(username=account.username).exists():
            user_create(
                account.username, DEMO_PASSWORD,
                organisation=Organisation.objects.get(code=account.organisation),
                roles=list(account.roles), full_name=account.full_name,
                # The demo password is printed for everyone to try: forcing a change would only hide it.
                must_change_password=False,
            )
    return DEMO_ACCOUNTS
