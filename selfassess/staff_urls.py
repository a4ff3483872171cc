"""Staff URLs (under /staff/, so two-factor applies)."""

from django.urls import path

from selfassess import staff_views

app_name = "selfassess_staff"

urlpatterns = [path("handover/", staff_views.handover_lookup, name="handover_lookup")]
