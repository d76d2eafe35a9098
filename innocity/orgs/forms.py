"""Forms of the accounts pages."""

from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from innocity.orgs.services import password_change


class OwnPasswordChangeForm(PasswordChangeForm):
    """Django's form (old password, new password twice, the password rules), and one rule more: the
    new password is not the old one, or a periodic change would change nothing."""

    def clean_new_password1(self):
        new = self.cleaned_data.get("new_password1")
        if new and self.user.check_password(new):
            raise ValidationError(_("The new password must differ from the current one."),
                                  code="password_unchanged")
        return new

    def save(self, commit=True):
        return password_change(self.user, self.cleaned_data["new_password1"])
