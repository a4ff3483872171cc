from django.db import models
from django.utils.translation import gettext_lazy as _


class PageFeedback(models.Model):
    """An anonymous "was this page useful?" answer. The comment is scrubbed of identity
    codes, phone numbers and e-mail addresses before it is stored; only the date is kept."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )
    useful = models.BooleanField(_("useful"))
    comment = models.TextField(_("comment"), blank=True, max_length=1000)
    language = models.CharField(_("language"), max_length=5)
    created_on = models.DateField(_("date"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("page feedback")
        verbose_name_plural = _("page feedback")
        ordering = ["-created_on", "-pk"]

    def __str__(self):
        return f"{self.page_id} {'+' if self.useful else '-'} {self.created_on}"
