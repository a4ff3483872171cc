from django.urls import path

from portal.staff_auth import views

urlpatterns = [
    path("verify/", views.otp_verify, name="staff_otp_verify"),
    path("setup/", views.otp_setup, name="staff_otp_setup"),
]
