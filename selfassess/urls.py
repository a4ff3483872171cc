"""Public URLs for taking a self-assessment, under the language prefix (/fi/, /sv/, /en/)."""

from django.urls import path

from selfassess import views

app_name = "selfassess"

urlpatterns = [
    path("<int:page_id>/", views.start, name="start"),
    path("<int:page_id>/step/<int:step>/", views.step, name="step"),
    path("<int:page_id>/result/", views.result, name="result"),
    path("<int:page_id>/handover/", views.handover, name="handover"),
    path("<int:page_id>/municipality/", views.municipality, name="municipality"),
    path("<int:page_id>/restart/", views.restart, name="restart"),
    path("<int:page_id>/exit/", views.quick_exit, name="exit"),
]
