"""The formats a thought-leadership asset can take."""

from django.db import models


class AssetFormat(models.TextChoices):
    ARTICLE = "article", "Article"
    WHITE_PAPER = "white_paper", "White paper"
    RESEARCH_REPORT = "research_report", "Research report"
    CASE_STUDY = "case_study", "Case study"
    WEBINAR = "webinar", "Webinar / video"
    TALK = "talk", "Talk"
    INFOGRAPHIC = "infographic", "Infographic"
    PRODUCT_OVERVIEW = "product_overview", "Product overview"
    TECHNICAL_BRIEF = "technical_brief", "Technical brief"
    FIRST_90_DAYS = "first_90_days", "First 90 days guide"
    FAQ = "faq", "FAQ"
