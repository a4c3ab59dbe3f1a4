"""Entry types: what kind of work an entry plans (asset page, webinar, social post…) and what
each kind needs; editors may add their own."""

import django.db.models.deletion
from django.db import migrations, models

TYPES = [
    # slug, name, needs
    ("asset-page", "Asset page", {"makes_asset_page": True}),
    ("other-page", "Other page", {"needs_page": True}),
    ("webinar", "Webinar", {"needs_start_time": True, "needs_registration_page": True}),
    ("event", "Event", {"needs_start_time": True}),
    ("email", "E-mail", {}),
    ("social-post", "Social post", {"needs_network": True, "needs_post_text": True}),
]


def add_types(apps, schema_editor):
    EntryType = apps.get_model("calendar", "EntryType")
    for order, (slug, name, needs) in enumerate(TYPES):
        EntryType.objects.get_or_create(
            slug=slug, defaults={"name": name, "sort_order": order * 10, **needs}
        )
    from publishing.calendar.migrations import _grants  # noqa: PLC0415

    _grants.grant(apps, "entrytype")


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("calendar", "0003_feed_token_validators"),
    ]

    operations = [
        migrations.CreateModel(
            name="EntryType",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=60, unique=True)),
                ("slug", models.SlugField(max_length=60, unique=True)),
                ("sort_order", models.PositiveSmallIntegerField(default=0, help_text="Lower comes first.")),
                ("makes_asset_page", models.BooleanField(default=False, help_text="“Create draft page” makes an asset page for entries of this type.")),
                ("needs_page", models.BooleanField(default=False, help_text="Links to an existing page.")),
                ("needs_start_time", models.BooleanField(default=False)),
                ("needs_registration_page", models.BooleanField(default=False)),
                ("needs_network", models.BooleanField(default=False)),
                ("needs_post_text", models.BooleanField(default=False)),
            ],
            options={"verbose_name": "entry type", "ordering": ["sort_order", "pk"]},
        ),
        migrations.AddField(
            model_name="calendarentry",
            name="entry_type",
            field=models.ForeignKey(blank=True, help_text="What kind of work this is. Empty: an asset page.", null=True, on_delete=django.db.models.deletion.PROTECT, related_name="entries", to="calendar.entrytype", verbose_name="type"),
        ),
        migrations.AddField(
            model_name="calendarentry",
            name="start_time",
            field=models.TimeField(blank=True, help_text="For webinars and events: when it starts, that day.", null=True),
        ),
        migrations.AddField(
            model_name="calendarentry",
            name="registration_url",
            field=models.URLField(blank=True, help_text="Where people sign up.", verbose_name="registration page"),
        ),
        migrations.AddField(
            model_name="calendarentry",
            name="network",
            field=models.CharField(blank=True, choices=[("linkedin", "LinkedIn"), ("x", "X"), ("mastodon", "Mastodon"), ("bluesky", "Bluesky"), ("facebook", "Facebook"), ("instagram", "Instagram")], max_length=20),
        ),
        migrations.AddField(
            model_name="calendarentry",
            name="post_text",
            field=models.TextField(blank=True, help_text="The post as it goes out.", max_length=5000),
        ),
        migrations.RunPython(add_types, migrations.RunPython.noop),
    ]
