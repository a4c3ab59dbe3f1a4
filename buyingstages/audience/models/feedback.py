"""What readers and sales make of each asset: a rollup the worker refreshes, and reader surveys."""

from django.db import models


class AssetStats(models.Model):
    """Per-asset reading figures, aggregated from events by the database (see buyingstages/audience/stats.py)."""

    asset = models.OneToOneField(
        "library.AssetPage", on_delete=models.CASCADE, primary_key=True, related_name="stats"
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
        "library.AssetPage",
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


class AssetVote(models.Model):
    """A reader's anonymous answer to "Was this useful?": one per reader and asset."""

    asset = models.ForeignKey("library.AssetPage", on_delete=models.CASCADE, related_name="votes")
    # A random id kept by the reader's browser for votes only; never joined to a reading profile.
    voter = models.UUIDField()
    useful = models.BooleanField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["asset", "voter"], name="one_vote_per_reader")
        ]

    def __str__(self):
        return f"{self.asset}: {'useful' if self.useful else 'not useful'}"
