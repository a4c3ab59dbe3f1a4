"""Indexes for the events table at millions of rows, and the rollup's watermark.

On PostgreSQL the new indexes are built with CREATE INDEX CONCURRENTLY and the replaced ones dropped with
DROP INDEX CONCURRENTLY, so beacon writes go on during the migration (which is therefore not atomic).
The foreign keys keep their constraints: only Django's plain one-column indexes on them go, as the
composite indexes cover them. Other databases get the same indexes the ordinary way.
"""

import django.db.models.deletion
from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models

TABLE = "buyingstages_contentevent"
REPLACED = ("profile_id", "asset_id", "share_link_id")  # covered by the composite or partial indexes
NEW = ("contentevent_asset_kind", "contentevent_share_link")


def concurrently(schema_editor):
    return " CONCURRENTLY" if schema_editor.connection.vendor == "postgresql" else ""


class AddIndexWithoutLocking(AddIndexConcurrently):
    """AddIndexConcurrently on PostgreSQL, a plain AddIndex elsewhere (SQLite has no CONCURRENTLY)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            return super().database_forwards(app_label, schema_editor, from_state, to_state)
        return migrations.AddIndex.database_forwards(
            self, app_label, schema_editor, from_state, to_state
        )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            return super().database_backwards(app_label, schema_editor, from_state, to_state)
        return migrations.AddIndex.database_backwards(
            self, app_label, schema_editor, from_state, to_state
        )


def drop_plain_foreign_key_indexes(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, TABLE)
    for name, info in constraints.items():
        plain = info["index"] and not info["unique"] and not info["primary_key"]
        if plain and name not in NEW and len(info["columns"]) == 1 and info["columns"][0] in REPLACED:
            quoted = schema_editor.quote_name(name)
            schema_editor.execute(f"DROP INDEX{concurrently(schema_editor)} IF EXISTS {quoted}")


def create_plain_foreign_key_indexes(apps, schema_editor):
    for column in REPLACED:
        name = schema_editor.quote_name(f"{TABLE}_{column}_plain")
        schema_editor.execute(
            f"CREATE INDEX{concurrently(schema_editor)} {name} ON {TABLE} ({column})"
        )


class Migration(migrations.Migration):
    atomic = False  # CREATE/DROP INDEX CONCURRENTLY cannot run in a transaction

    dependencies = [
        ("buyingstages", "0009_survey_permissions"),
    ]

    operations = [
        migrations.CreateModel(
            name="RollupWatermark",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "last_event_id",
                    models.BigIntegerField(
                        default=0, help_text="Every event up to this id is counted in the rollup."
                    ),
                ),
                ("refreshed_at", models.DateTimeField(blank=True, null=True)),
            ],
            options={
                "verbose_name": "rollup watermark",
            },
        ),
        AddIndexWithoutLocking(
            model_name="contentevent",
            index=models.Index(fields=["asset", "kind"], name="contentevent_asset_kind"),
        ),
        AddIndexWithoutLocking(
            model_name="contentevent",
            index=models.Index(
                condition=models.Q(("share_link__isnull", False)),
                fields=["share_link"],
                name="contentevent_share_link",
            ),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="contentevent",
                    name="asset",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="events",
                        to="buyingstages.assetpage",
                    ),
                ),
                migrations.AlterField(
                    model_name="contentevent",
                    name="profile",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="events",
                        to="buyingstages.visitorprofile",
                    ),
                ),
                migrations.AlterField(
                    model_name="contentevent",
                    name="share_link",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        help_text="For arrivals: whose link brought them.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="arrivals",
                        to="buyingstages.sharelink",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunPython(
                    drop_plain_foreign_key_indexes, create_plain_foreign_key_indexes
                ),
            ],
        ),
    ]
