from django.db import migrations, models


def inbox_leads_were_told(apps, schema_editor):
    """Sales-ready leads already in the inbox were e-mailed when they arrived there."""
    Lead = apps.get_model("audience", "Lead")
    Lead.objects.filter(state="sales_ready", shown_on_organisation=False).update(
        sales_told_at=models.F("sales_ready_at")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("audience", "0010_organisation_domain_normalised"),
    ]

    operations = [
        migrations.AddField(
            model_name="lead",
            name="sales_told_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(inbox_leads_were_told, migrations.RunPython.noop),
    ]
