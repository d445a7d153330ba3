"""Tags are unique by their matching key (0012 computed it and merged
duplicates); the case-insensitive name constraint it replaces goes."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("stories", "0012_tag_keys")]
    operations = [
        migrations.RemoveConstraint(model_name="tag", name="tag_name_unique_ci"),
        migrations.AddConstraint(
            model_name="tag",
            constraint=models.UniqueConstraint(fields=("key",), name="tag_key_unique"),
        ),
    ]
