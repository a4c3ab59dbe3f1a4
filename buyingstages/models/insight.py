"""What readers and sales make of each asset: a rollup the worker refreshes, and reader surveys."""

from django.db import models

from ..content_version import PerVersion


class AssetStats(models.Model):
    """Per-asset reading figures, aggregated from events by the database (see buyingstages/insight.py)."""

    asset = models.OneToOneField(
        "buyingstages.AssetPage", on_delete=models.CASCADE, primary_key=True, related_name="stats"
    )
    views = models.PositiveIntegerField(default=0)
    viewers = models.PositiveIntegerField(default=0, help_text="Distinct visitors who viewed it.")
    readers_through = models.PositiveIntegerField(
        default=0, help_text="Distinct visitors who saw most of its sections."
    )
    downloads = models.PositiveIntegerField(default=0)
    leads_influenced = models.PositiveIntegerField(
        default=0, help_text="Leads who read it before they became sales-ready."
    )
    refreshed_at = models.DateTimeField()

    class Meta:
        verbose_name = "asset statistics"
        verbose_name_plural = "asset statistics"

    def __str__(self):
        return f"Statistics for {self.asset_id}"

    @property
    def read_through(self):
        """Share of visitors who saw most sections, 0..1 (None with no visitors)."""
        return self.readers_through / self.viewers if self.viewers else None


class ReaderSurvey(models.Model):
    """One multiple-choice question asked in place of the subscribe prompt on chosen assets."""

    question = models.CharField(max_length=200)
    choices = models.TextField(help_text="One answer per line, 2 to 8 answers.")
    pages = models.ManyToManyField(
        "buyingstages.AssetPage",
        related_name="surveys",
        help_text="The assets whose readers are asked.",
    )
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "reader survey"

    def __str__(self):
        return self.question

    def choice_list(self):
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    @classmethod
    def asked_on(cls, page):
        """The newest active survey on this asset, or None; known per content version (surveys
        replace it when they change), so an asset page asks no query for it."""
        return _active_survey_by_page.get().get(page.pk)

    def clean(self):
        from django.core.exceptions import ValidationError

        if not 2 <= len(self.choice_list()) <= 8:
            raise ValidationError({"choices": "Give between 2 and 8 answers, one per line."})

    def results(self):
        """[(answer, count)] in the order the answers are offered, from one GROUP BY."""
        counts = dict(
            self.answers.values("choice")
            .annotate(count=models.Count("pk"))
            .values_list("choice", "count")
        )
        return [(label, counts.get(index, 0)) for index, label in enumerate(self.choice_list())]


def _newest_active_survey_by_page():
    surveys = {survey.pk: survey for survey in ReaderSurvey.objects.filter(active=True)}
    by_page = {}
    links = ReaderSurvey.pages.through.objects.filter(readersurvey_id__in=surveys)
    for page_id, survey_id in links.values_list("assetpage_id", "readersurvey_id"):
        survey, shown = surveys[survey_id], by_page.get(page_id)
        if shown is None or (survey.created_at, survey.pk) > (shown.created_at, shown.pk):
            by_page[page_id] = survey
    return by_page


_active_survey_by_page = PerVersion(_newest_active_survey_by_page)


class SurveyAnswer(models.Model):
    """An anonymous answer: one per reader and survey, with a random id that is never joined to reading."""

    survey = models.ForeignKey(ReaderSurvey, on_delete=models.CASCADE, related_name="answers")
    choice = models.PositiveSmallIntegerField()
    voter = models.UUIDField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "voter"], name="one_answer_per_reader")
        ]

    def __str__(self):
        return f"{self.survey_id}: {self.choice}"
