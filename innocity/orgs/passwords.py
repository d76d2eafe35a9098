"""Passwords under 等保2.0 level 2: they mix character classes, and are changed when set by an
administrator and when they grow old (the rule itself is in innocity.core.password_age)."""

import string

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from innocity.core.password_age import PasswordStatus, password_status

CHARACTER_CLASSES = (string.ascii_uppercase, string.ascii_lowercase, string.digits)


def character_classes(password: str) -> int:
    """How many of upper case, lower case, digits and other characters a password uses."""
    used = sum(any(c in chars for c in password) for chars in CHARACTER_CLASSES)
    other = any(not any(c in chars for chars in CHARACTER_CLASSES) for c in password)
    return used + other


class CharacterClassValidator:
    def __init__(self, min_classes: int = 3):
        self.min_classes = min_classes

    def validate(self, password: str, user=None) -> None:
        if character_classes(password) < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self) -> str:
        return _(
            "Your password must use at least %(n)d of: upper-case letters, lower-case letters, digits, "
            "other characters."
        ) % {"n": self.min_classes}


def password_state(user) -> PasswordStatus:
    """Where a user's password stands today, under the site's maximum age."""
    return password_status(user.password_changed_at, timezone.now(), max_age_days=settings.PASSWORD_MAX_AGE_DAYS,
                           set_by_admin=user.must_change_password)

