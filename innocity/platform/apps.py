from django.apps import AppConfig


class PlatformConfig(AppConfig):
    name = "innocity.platform"
    label = "platform"
    verbose_name = "innocity"

