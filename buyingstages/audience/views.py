"""Reading and subscribing: the beacon, votes and survey answers, subscriptions, privacy requests, and
the sales-ready rules as the admin shows them."""

from django.http import HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from django.views.generic import TemplateView
from django_ratelimit.core import is_ratelimited
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.contrib.forms.views import SubmissionsListView

from buyingstages.audience import beacon, event_buffer, privacy, readers, scoring, subscriptions
from buyingstages.audience.forms import PreferencesForm, PrivacyRequestForm, SubscribeForm
from buyingstages.audience.models import (
    AssetVote,
    EventKind,
    ProfilingSettings,
    ReaderSurvey,
    SurveyAnswer,
)
from buyingstages.common.spreadsheets import SafeSpreadsheetExportMixin
from buyingstages.common.throttling import client_address, limit_posts
from buyingstages.library.models import AssetPage

CONSENT_WORDING = "E-mail me new pieces on the topics I chose, at the cadence I chose. I can unsubscribe in one click."


def json_error(message, status):
    return JsonResponse({"error": message}, status=status)


def no_content():
    return HttpResponse(status=204)


@csrf_exempt  # no cookies or session are read; the body carries only an anonymous id
@require_POST
def track(request):
    """POST /t/: record one reading event. 204 when stored or deliberately ignored."""
    try:
        reading, consented = beacon.parse(request.body)
    except beacon.BadEvent as error:
        return json_error(str(error), 400)
    if beacon.opted_out(request.META) or beacon.is_bot(request.META.get("HTTP_USER_AGENT", "")):
        return no_content()
    facts = event_buffer.beacon_facts()
    if facts.consent_required and not consented:
        return no_content()
    if rate_limited(request, "beacon", reading.visitor_id, f"{facts.events_per_minute}/m"):
        return too_many("Too many events; slow down.")
    reading = scoring.with_known_campaign(reading, facts.campaign_ids)
    try:
        if event_buffer.is_on() and reading.kind != EventKind.SHARE_ARRIVAL:
            event_buffer.accept(reading, facts)  # scored moments later by the worker
        else:
            scoring.record(reading, ProfilingSettings.load())
    except scoring.UnknownAsset:
        return json_error('"p" is not a published asset.', 400)
    except scoring.UnknownShareLink:
        return json_error('"c" is not a share link to this asset.', 400)
    return no_content()


@csrf_exempt  # anonymous and cookieless, like the beacon
@require_POST
def reader_id(request):
    """POST /t/id/: the reader id the script sends its events with, signed by the site.

    A browser that holds one gets it back; a new one counts against its address's limit of new readers,
    so ids cannot be rotated to inflate the figures. 204 (no id) for Do Not Track, GPC and bots.
    """
    try:
        held = beacon.parse_held_id(request.body)
    except beacon.BadEvent as error:
        return json_error(str(error), 400)
    if beacon.opted_out(request.META) or beacon.is_bot(request.META.get("HTTP_USER_AGENT", "")):
        return no_content()
    if not readers.is_issued(held):
        if rate_limited(request, "reader", client_address(request), readers.new_readers_rate()):
            return too_many("Too many new readers from this address; try again later.")
        held = readers.issue(held)
    response = JsonResponse({"v": held})
    response["Cache-Control"] = "no-store"
    return response


def rate_limited(request, group, key, rate):
    return is_ratelimited(
        request, group=group, key=lambda group, request: key, rate=rate, increment=True
    )


# Votes and survey answers carry an id the browser makes up, so a made-up crowd is kept small by
# counting what one address answers about one asset or survey.
ANSWERS_PER_ADDRESS = "5/d"


def answers_from_address_over(request, group, about):
    key = f"{client_address(request)} {about}"
    return rate_limited(request, f"{group}:address", key, ANSWERS_PER_ADDRESS)


def too_many(message):
    response = json_error(message, 429)
    response["Retry-After"] = "60"
    return response


@csrf_exempt  # anonymous and cookieless, like the beacon
@require_POST
def vote(request):
    """POST /t/vote/: a reader's answer to "Was this useful?". One answer per reader and asset."""
    try:
        asset_id, voter, useful = beacon.parse_vote(request.body)
    except beacon.BadEvent as error:
        return json_error(str(error), 400)
    if beacon.is_bot(request.headers.get("User-Agent", "")):
        return no_content()
    if rate_limited(request, "vote", voter, "30/m") or answers_from_address_over(
        request, "vote", asset_id
    ):
        return too_many("Too many answers; slow down.")
    if not AssetPage.objects.live().public().filter(pk=asset_id).exists():
        return json_error('"p" is not a published asset.', 400)
    _, created = AssetVote.objects.get_or_create(
        asset_id=asset_id, voter=voter, defaults={"useful": useful}
    )
    if not created:
        return json_error("You have already answered for this asset.", 409)
    return no_content()


@csrf_exempt  # anonymous and cookieless, like the beacon
@require_POST
def survey_answer(request):
    """POST /t/survey/: one reader's answer to a reader survey. One answer per reader and survey."""
    try:
        survey_id, voter, choice = beacon.parse_survey_answer(request.body)
    except beacon.BadEvent as error:
        return json_error(str(error), 400)
    if beacon.is_bot(request.headers.get("User-Agent", "")):
        return no_content()
    if rate_limited(request, "survey", voter, "30/m") or answers_from_address_over(
        request, "survey", survey_id
    ):
        return too_many("Too many answers; slow down.")
    survey = ReaderSurvey.objects.filter(pk=survey_id, active=True).first()
    if survey is None:
        return json_error('"survey" is not an open survey.', 400)
    if choice >= len(survey.choice_list()):
        return json_error('"choice" is not one of the answers.', 400)
    _, created = SurveyAnswer.objects.get_or_create(
        survey=survey, voter=voter, defaults={"choice": choice}
    )
    if not created:
        return json_error("You have already answered this survey.", 409)
    return no_content()


@limit_posts("subscribe", "10/m")
def subscribe(request):
    """/subscribe/: name, e-mail, topics, cadence, consent. Double opt-in by e-mail."""
    form = SubscribeForm(request.POST or None, consent_wording=CONSENT_WORDING)
    if request.method == "POST":
        if form.looks_automated():  # thanked like a person; nothing stored or sent
            return TemplateResponse(
                request, "audience/subscribe_sent.html", {"email": request.POST.get("email", "")}
            )
        if not form.is_valid():
            return TemplateResponse(request, "audience/subscribe.html", {"form": form}, status=400)
        data = form.cleaned_data
        subscriptions.request_subscription(
            name=data["name"],
            email=data["email"],
            topics=data["topics"],
            cadence=data["cadence"],
            consent_text=form.fields["consent"].label,
            visitor_id=data["visitor_id"],
        )
        return TemplateResponse(request, "audience/subscribe_sent.html", {"email": data["email"]})
    return TemplateResponse(request, "audience/subscribe.html", {"form": form})


def link_problem(request, error):
    return TemplateResponse(
        request, "audience/link_problem.html", {"message": str(error)}, status=400
    )


@require_http_methods(["GET", "HEAD", "POST"])
def subscribe_confirm(request, token):
    """The link in the confirmation e-mail opens a button; only its POST confirms, since mail
    scanners fetch every link in an incoming e-mail."""
    try:
        if request.method == "POST":
            subscription, newly = subscriptions.confirm(token)
        else:
            subscription, newly = subscriptions.check_confirm_token(token), False
            if not subscription.confirmed_at:
                return TemplateResponse(
                    request, "audience/subscribe_confirm.html", {"subscription": subscription}
                )
    except subscriptions.BadLink as error:
        return link_problem(request, error)
    return TemplateResponse(
        request,
        "audience/subscribe_confirmed.html",
        {"subscription": subscription, "newly": newly},
    )


@never_cache  # it shows the subscriber's address and choices
@limit_posts("preferences", "10/m")
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe_preferences(request, token):
    """/subscribe/preferences/<token>/: a subscriber's topics and cadence, by the signed link in every
    e-mail they get; no sign-in."""
    try:
        subscription = subscriptions.check_preferences_token(token)
    except subscriptions.BadLink as error:
        return link_problem(request, error)
    form = PreferencesForm(request.POST or None, initial=subscriptions.preferences(subscription))
    if request.method == "POST":
        if not form.looks_automated():  # a bot is answered like a person, and nothing is written
            if not form.is_valid():
                return preferences_page(request, subscription, form, status=400)
            subscriptions.change_preferences(subscription, **form.cleaned_data)
        form = PreferencesForm(initial=subscriptions.preferences(subscription))
    return preferences_page(request, subscription, form, saved=request.method == "POST")


def preferences_page(request, subscription, form, saved=False, status=200):
    unsubscribe_url = reverse("unsubscribe", args=[subscriptions.unsubscribe_token(subscription)])
    context = {
        "subscription": subscription,
        "form": form,
        "saved": saved,
        "unsubscribe_url": unsubscribe_url,
    }
    return TemplateResponse(request, "audience/subscribe_preferences.html", context, status=status)


@csrf_exempt  # RFC 8058 one-click: mail clients POST without a CSRF token; the signed link authenticates
def unsubscribe(request, token):
    if request.method not in ("GET", "POST"):
        return HttpResponse(status=405)
    try:
        if request.method == "GET":
            subscriptions.check_unsubscribe_token(token)
            return TemplateResponse(request, "audience/unsubscribe.html", {"done": False})
        subscriptions.unsubscribe(token)
    except subscriptions.BadLink as error:
        return link_problem(request, error)
    return TemplateResponse(request, "audience/unsubscribe.html", {"done": True})


@limit_posts("privacy", "5/m")
def privacy_request(request):
    """/privacy/: ask for a copy of your data or its erasure; we confirm by e-mail first."""
    form = PrivacyRequestForm(request.POST or None)
    if request.method == "POST":
        if form.looks_automated():  # answered like a person; nothing sent
            return TemplateResponse(request, "audience/privacy.html", {"sent": True})
        if not form.is_valid():
            context = {"form": form, "rules": ProfilingSettings.load()}
            return TemplateResponse(request, "audience/privacy.html", context, status=400)
        privacy.request_link(form.cleaned_data["email"], form.cleaned_data["action"])
        return TemplateResponse(request, "audience/privacy.html", {"sent": True})
    context = {"form": form, "rules": ProfilingSettings.load()}
    return TemplateResponse(request, "audience/privacy.html", context)


def privacy_export(request, token):
    try:
        lead = privacy.lead_for(token, "export")
    except privacy.BadLink as error:
        return TemplateResponse(
            request, "audience/link_problem.html", {"message": str(error)}, status=400
        )
    response = JsonResponse(
        privacy.export(lead), json_dumps_params={"indent": 2, "ensure_ascii": False}
    )
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    response["Cache-Control"] = "no-store"
    return response


def privacy_erase(request, token):
    try:
        lead = privacy.lead_for(token, "erase")
    except privacy.BadLink as error:
        return TemplateResponse(
            request, "audience/link_problem.html", {"message": str(error)}, status=400
        )
    if request.method == "POST":
        privacy.erase(lead)
        return TemplateResponse(request, "audience/privacy.html", {"erased": True})
    return TemplateResponse(request, "audience/privacy_erase.html", {"lead": lead})


class SalesReadyRulesView(WagtailAdminTemplateMixin, TemplateView):
    """The agreed definition of "sales-ready", readable by marketing and sales alike."""

    page_title = "Sales-ready rules"
    header_icon = "pick"
    template_name = "audience/sales_ready_rules.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rules"] = ProfilingSettings.load(request_or_site=self.request)
        context["signals"] = (
            AssetPage.objects.live().filter(signal_weight__gt=0).order_by("-signal_weight")
        )
        context["can_edit"] = self.request.user.has_perm("audience.change_profilingsettings")
        return context


class SafeSubmissionsListView(SafeSpreadsheetExportMixin, SubmissionsListView):
    """Wagtail's list of a minimal form's submissions, whose CSV export is safe in a spreadsheet."""
