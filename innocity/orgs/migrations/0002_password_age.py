from django.db import migrations, models
from django.utils import timezone


def date_existing_passwords(apps, schema_editor):
    """Existing passwords start their age on the day of the upgrade: nobody is locked out at once."""
    apps.get_model("orgs", "User").objects.filter(password_changed_at__isnull=True).update(
        password_changed_at=timezone.now())


class Migration(migrations.Migration):

    dependencies = [
        ('orgs', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicaluser',
            name='must_change_password',
            field=models.BooleanField(default=False, verbose_name='must change password'),
        ),
        migrations.AddField(
            model_name='historicaluser',
            name='password_changed_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='password changed'),
        ),
        migrations.AddField(
            model_name='user',
            name='must_change_password',
            field=models.BooleanField(default=False, verbose_name='must change password'),
        ),
        migrations.AddField(
            model_name='user',
            name='password_changed_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='password changed'),
        ),
        migrations.RunPython(date_existing_passwords, migrations.RunPython.noop),
    ]
