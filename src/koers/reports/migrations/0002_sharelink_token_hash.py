from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="sharelink",
            name="token_hash",
            field=models.CharField(
                editable=False, max_length=64, null=True, verbose_name="token (hashed)"
            ),
        ),
    ]
