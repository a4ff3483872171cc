"""Service channels: the ways to reach a service (PTV's channel types), shared by services.

A base `ServiceChannel` holds what every channel has (names, description, hours); each
channel type adds its own fields in a child table. Texts are stored per language because one
channel serves the pages of every locale."""

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from portal.models.localized import LocalizedMixin
from portal.opening_hours import HoursKind, HoursRow


class ChannelType(models.TextChoices):
    PHONE = "phone", _("Phone")
    LOCATION = "location", _("Service location")
    ESERVICE = "eservice", _("E-service")
    WEBPAGE = "webpage", _("Web page")
    PRINTABLE_FORM = "printable_form", _("Printable form")


# Channels through which a resident reaches the service itself: a web page or a form to
# print only tells about it.
CONTACT_CHANNEL_TYPES = frozenset({ChannelType.PHONE, ChannelType.LOCATION, ChannelType.ESERVICE})


class ChargeType(models.TextChoices):
    FREE = "free", _("Free of charge")
    CHARGED = "charged", _("Chargeable")
    OTHER = "other", _("Other")


def _localized_panels(name: str, heading) -> MultiFieldPanel:
    return MultiFieldPanel(
        [FieldPanel(f"{name}_fi"), FieldPanel(f"{name}_sv"), FieldPanel(f"{name}_en")],
        heading=heading,
    )


class ServiceChannel(LocalizedMixin, ClusterableModel):
    channel_type = models.CharField(_("type"), max_length=20, choices=ChannelType.choices)
    name_fi = models.CharField(_("name (Finnish)"), max_length=255)
    name_sv = models.CharField(_("name (Swedish)"), max_length=255, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    description_fi = models.TextField(_("description (Finnish)"), blank=True)
    description_sv = models.TextField(_("description (Swedish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    ptv_id = models.CharField(
        _("PTV id"),
        max_length=64,
        blank=True,
        db_index=True,
        help_text=_("Set by the PTV import; channels with a PTV id are updated by it."),
    )
    ptv_source_hash = models.CharField(max_length=64, blank=True, editable=False)
    ptv_modified = models.DateTimeField(null=True, blank=True, editable=False)

    base_panels = [
        _localized_panels("name", _("Name")),
        _localized_panels("description", _("Description")),
        FieldPanel("email"),
    ]
    hours_panels = [InlinePanel("hours", heading=_("Opening hours"), label=_("Opening hours row"))]

    CHANNEL_TYPE: str = ""  # set by each channel type below

    class Meta:
        verbose_name = _("service channel")
        ordering = ["name_fi"]

    def save(self, *args, **kwargs):
        self.channel_type = self.CHANNEL_TYPE or self.channel_type
        super().save(*args, **kwargs)

    def __str__(self):
        return f"{self.localized('name')} ({self.get_channel_type_display()})"

    @property
    def specific(self) -> "ServiceChannel":
        """The typed channel (phone, location …) behind this base row."""
        for related_name in CHANNEL_SUBTYPE_RELATIONS:
            try:
                return getattr(self, related_name)
            except (ObjectDoesNotExist, AttributeError):  # a missing subtype row
                continue
        return self

    def hours_rows(self) -> list[HoursRow]:
        return [row.as_hours_row() for row in self.hours.all()]


class PhoneChannel(ServiceChannel):
    CHANNEL_TYPE = ChannelType.PHONE
    phone_number = models.CharField(_("phone number"), max_length=40)
    charge_type = models.CharField(
        _("charge"), max_length=10, choices=ChargeType.choices, default=ChargeType.FREE
    )
    charge_info_fi = models.CharField(_("call price (Finnish)"), max_length=255, blank=True)
    charge_info_sv = models.CharField(_("call price (Swedish)"), max_length=255, blank=True)
    charge_info_en = models.CharField(_("call price (English)"), max_length=255, blank=True)

    panels = [
        *ServiceChannel.base_panels,
        FieldRowPanel([FieldPanel("phone_number"), FieldPanel("charge_type")]),
        _localized_panels("charge_info", _("Call price")),
        *ServiceChannel.hours_panels,
    ]

    class Meta:
        verbose_name = _("phone channel")


class LocationChannel(ServiceChannel):
    CHANNEL_TYPE = ChannelType.LOCATION
    street_fi = models.CharField(_("street address (Finnish)"), max_length=255, blank=True)
    street_sv = models.CharField(_("street address (Swedish)"), max_length=255, blank=True)
    street_en = models.CharField(_("street address (English)"), max_length=255, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    post_office_fi = models.CharField(_("post office (Finnish)"), max_length=100, blank=True)
    post_office_sv = models.CharField(_("post office (Swedish)"), max_length=100, blank=True)
    post_office_en = models.CharField(_("post office (English)"), max_length=100, blank=True)
    municipality_code = models.CharField(_("municipality code"), max_length=3, blank=True)
    accessibility_fi = models.TextField(_("accessibility (Finnish)"), blank=True)
    accessibility_sv = models.TextField(_("accessibility (Swedish)"), blank=True)
    accessibility_en = models.TextField(_("accessibility (English)"), blank=True)
    phone_number = models.CharField(_("phone number"), max_length=40, blank=True)

    panels = [
        *ServiceChannel.base_panels,
        _localized_panels("street", _("Street address")),
        FieldRowPanel([FieldPanel("postal_code"), FieldPanel("municipality_code")]),
        _localized_panels("post_office", _("Post office")),
        FieldPanel("phone_number"),
        _localized_panels("accessibility", _("Accessibility")),
        *ServiceChannel.hours_panels,
    ]

    class Meta:
        verbose_name = _("service location")


class _UrlChannel(ServiceChannel):
    url_fi = models.URLField(_("address (Finnish)"), max_length=500, blank=True)
    url_sv = models.URLField(_("address (Swedish)"), max_length=500, blank=True)
    url_en = models.URLField(_("address (English)"), max_length=500, blank=True)

    panels = [
        *ServiceChannel.base_panels,
        _localized_panels("url", _("Web address")),
        *ServiceChannel.hours_panels,
    ]

    class Meta:
        abstract = True


class EServiceChannel(_UrlChannel):
    CHANNEL_TYPE = ChannelType.ESERVICE

    class Meta:
        verbose_name = _("e-service")


class WebPageChannel(_UrlChannel):
    CHANNEL_TYPE = ChannelType.WEBPAGE

    class Meta:
        verbose_name = _("web page")


class PrintableFormChannel(_UrlChannel):
    CHANNEL_TYPE = ChannelType.PRINTABLE_FORM

    class Meta:
        verbose_name = _("printable form")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class ServiceHours(Orderable):
    """One row of opening hours: a kind, a validity range, and one span for a weekday range.
    Evaluated by the pure `portal.opening_hours` module in Europe/Helsinki."""

    channel = ParentalKey(ServiceChannel, on_delete=models.CASCADE, related_name="hours")
    kind = models.CharField(
        _("kind"),
        max_length=20,
        default=HoursKind.WEEKLY,
        choices=[
            (HoursKind.WEEKLY, _("Weekly hours")),
            (HoursKind.EXCEPTION, _("Exception (holiday, closure)")),
            (HoursKind.OVER_MIDNIGHT, _("Over midnight")),
        ],
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    closed = models.BooleanField(_("closed"), default=False)
    always_open = models.BooleanField(_("open 24 hours"), default=False)
    day_from = models.PositiveSmallIntegerField(
        _("from weekday"), choices=Weekday.choices, null=True, blank=True
    )
    day_to = models.PositiveSmallIntegerField(
        _("to weekday"), choices=Weekday.choices, null=True, blank=True
    )
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True)
    note_fi = models.CharField(_("note (Finnish)"), max_length=255, blank=True)
    note_sv = models.CharField(_("note (Swedish)"), max_length=255, blank=True)
    note_en = models.CharField(_("note (English)"), max_length=255, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("valid_from"), FieldPanel("valid_to")]),
        FieldRowPanel(
            [
                FieldPanel("day_from"),
                FieldPanel("day_to"),
                FieldPanel("opens"),
                FieldPanel("closes"),
            ]
        ),
        FieldRowPanel([FieldPanel("closed"), FieldPanel("always_open")]),
        FieldRowPanel([FieldPanel("note_fi"), FieldPanel("note_sv"), FieldPanel("note_en")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")

    def clean(self):
        from django.core.exceptions import ValidationError

        from portal.opening_hours import validate_row

        try:
            validate_row(self.as_hours_row())
        except ValueError as error:
            raise ValidationError(str(error)) from error

    def as_hours_row(self, language: str | None = None) -> HoursRow:
        from portal.models.localized import localized_value

        return HoursRow(
            kind=HoursKind(self.kind),
            valid_from=self.valid_from,
            valid_to=self.valid_to,
            closed=self.closed,
            always_open=self.always_open,
            day_from=self.day_from,
            day_to=self.day_to,
            opens=self.opens,
            closes=self.closes,
            note=localized_value(self, "note", language),
        )


# Reverse one-to-one names from the base row to each typed row ("phonechannel", …), for
# select_related and for `ServiceChannel.specific`.
CHANNEL_SUBTYPE_RELATIONS: tuple[str, ...] = ()

CHANNEL_MODELS_BY_TYPE: dict[str, type[ServiceChannel]] = {
    model.CHANNEL_TYPE: model
    for model in (
        PhoneChannel,
        LocationChannel,
        EServiceChannel,
        WebPageChannel,
        PrintableFormChannel,
    )
}
CHANNEL_SUBTYPE_RELATIONS = tuple(m._meta.model_name for m in CHANNEL_MODELS_BY_TYPE.values())
