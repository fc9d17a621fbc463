"""The shared cache's table (the database cache is the default): `koers migrate` makes it."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("jobs", "0001_jobs_and_claims")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop, elidable=True)]
