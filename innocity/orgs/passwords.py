"""Password rule of 等保2.0 level 2: passwords mix character classes."""

import string

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

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
