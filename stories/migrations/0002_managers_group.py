"""Creates the Managers group holding the curate_story permission.

Permissions are normally created after migrations run, so this creates the
one it needs itself (get_or_create keeps it idempotent)."""

from django.db import migrations


def create_managers_group(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="stories", model="story")
    permission, _ = Permission.objects.get_or_create(
        codename="curate_story",
        content_type=content_type,
        defaults={"name": "Can tag, feature, hide and review wins"},
    )
    group, _ = Group.objects.get_or_create(name="Managers")
    group.permissions.add(permission)


def remove_managers_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Managers").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_managers_group, remove_managers_group)]
