"""Open Referral HSDS 3 API, included by the root urls under `api/hsds/`."""

from django.urls import path

from portal import views_hsds

app_name = "hsds"

urlpatterns = [
    path("services/", views_hsds.service_list, name="service_list"),
    path("services/<str:service_id>/", views_hsds.service_detail, name="service_detail"),
]
