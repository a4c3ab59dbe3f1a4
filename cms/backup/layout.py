"""Bringing a database made before the apps were split (one app per top-level package) forward.

Masthead's models once lived in three apps, ``buyingstages``, ``publishing`` and ``cms``; they now live
in small apps named by domain (``library``, ``audience``, ``calendar``…). Nothing about the models
changed, only their app, so a database from before is moved, not rebuilt: each table is renamed to its
new app's name, each content type is relabelled in place (so its id, and everything that points at it
— pages, revisions, log entries, permissions, the reference index — is kept), the new apps'
migrations are recorded as applied, and work still queued for the worker is pointed at its task's new
home. All of it happens in one transaction: all or nothing.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django_tasks_db.models import DBTaskResult

# The apps before the split, and the last migration each had.
PREVIOUS_APPS = {
    "buyingstages": "0011_bufferedevent",
    "publishing": "0006_message_permissions",
    "cms": "0003_home_story",
}
# Where each new app's models used to live.
PREVIOUS_APP_OF = {
    "taxonomy": "buyingstages",
    "library": "buyingstages",
    "audience": "buyingstages",
    "sales": "buyingstages",
    "crm": "buyingstages",
    "calendar": "publishing",
    "messaging": "publishing",
    "home": "cms",
}
# The new apps' migrations as they were at the split: the move brings a database to exactly here, and
# `migrate` then applies whatever came after, as for any other database (the role groups' migration
# among them, which comes after every app's latest and only adds what is missing).
AT_THE_SPLIT = {
    "taxonomy": "0001_initial",
    "library": "0002_initial",
    "audience": "0001_initial",
    "sales": "0001_initial",
    "crm": "0001_initial",
    "calendar": "0002_initial",
    "messaging": "0001_initial",
    "home": "0002_initial",
}
# Background work queued before the move, and where its task lives now.
TASKS_NOW = {
    "buyingstages.tasks.notify_sales_ready": "buyingstages.sales.tasks.notify_sales_ready",
    "buyingstages.tasks.deliver_webhook": "buyingstages.crm.tasks.deliver_webhook",
    "buyingstages.tasks.fold_buffered_events": (
        "buyingstages.audience.event_buffer.fold_buffered_events"
    ),
    **{
        f"publishing.tasks.{name}": f"publishing.messaging.tasks.{name}"
        for name in (
            "release_message",
            "withdraw_message_schedule",
            "render_deck",
            "render_all_decks",
        )
    },
}


class LayoutError(Exception):
    pass


def applied():
    return MigrationRecorder(connection).applied_migrations()


def needs_upgrade():
    """True for a database from before the split that has not been moved yet."""
    done = applied()
    return any(app == "buyingstages" for app, _ in done) and ("library", "0001_initial") not in done


def split_state(loader):
    """The models as the new apps' migrations had them at the split (not as they are now)."""
    return loader.project_state(nodes=list(AT_THE_SPLIT.items()), at_end=True).apps


def moves(models_at_split):
    """(model, table before, table now) for every table the new apps owned at the split, through
    tables included."""
    for label, previous in PREVIOUS_APP_OF.items():
        for model in models_at_split.get_app_config(label).get_models(include_auto_created=True):
            if model._meta.proxy or not model._meta.managed:
                continue
            table = model._meta.db_table
            yield model, previous + table[len(label) :], table


def migrations_at_split(loader):
    """The new apps' migrations up to the split, to be recorded as applied."""
    return sorted(
        {
            (app, name)
            for node in AT_THE_SPLIT.items()
            for app, name in loader.graph.forwards_plan(node)
            if app in AT_THE_SPLIT
        }
    )


def upgrade():
    """Move the database forward; returns how many tables were renamed."""
    done = applied()
    for app, last in PREVIOUS_APPS.items():
        if (app, last) not in done:
            raise LayoutError(
                f"This database stops before {app} {last}: run `manage.py migrate` with the release "
                "that made it first, then upgrade."
            )
    loader = MigrationLoader(None, ignore_no_migrations=True)
    models_at_split = split_state(loader)
    existing = set(connection.introspection.table_names())
    planned = list(moves(models_at_split))
    missing = sorted(before for _, before, _ in planned if before not in existing)
    clashing = sorted(now for _, _, now in planned if now in existing)
    if missing or clashing:
        raise LayoutError(
            "This database does not look like one from before the split "
            f"(missing: {', '.join(missing) or 'none'}; already present: {', '.join(clashing) or 'none'})."
        )
    recorder = MigrationRecorder(connection)
    with connection.schema_editor() as editor:
        for model, before, now in planned:
            editor.alter_db_table(model, before, now)
        for label, previous in PREVIOUS_APP_OF.items():
            names = [
                model._meta.model_name
                for model in models_at_split.get_app_config(label).get_models()
            ]
            ContentType.objects.filter(app_label=previous, model__in=names).update(app_label=label)
        for app, name in migrations_at_split(loader):
            recorder.record_applied(app, name)
        recorder.migration_qs.filter(app__in=PREVIOUS_APPS).delete()
        for before, now in TASKS_NOW.items():
            DBTaskResult.objects.filter(task_path=before).update(task_path=now)
    ContentType.objects.clear_cache()
    return len(planned)
