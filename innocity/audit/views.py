from django.shortcuts import render

from innocity.audit import selectors
from innocity.orgs import permissions


@permissions.guard(permissions.can_view_security_log)
def security_log(request):
    context = {
        "logins": selectors.logins(),
        "failed_logins": selectors.failed_logins(),
        "changes": selectors.changes(),
    }
    return render(request, "audit/log.html", context)
