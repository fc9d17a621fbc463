"""Store the SHA-256 of every share link's token instead of the token: links keep working."""

import hashlib

from django.db import migrations


def hash_tokens(apps, schema_editor):
    ShareLink = apps.get_model("reports", "ShareLink")
    for link in ShareLink.objects.all().only("id", "token"):
        link.token_hash = hashlib.sha256(link.token.encode()).hexdigest()
        link.save(update_fields=["token_hash"])


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_sharelink_token_hash"),
    ]

    operations = [
        migrations.RunPython(hash_tokens, migrations.RunPython.noop, elidable=False),
    ]
