"""factory_boy factories for staff users and their devices (tests and local fixtures)."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal import roles


class StaffUserFactory(factory.django.DjangoModelFactory):
    """A staff member in one role (Editor by default) with a known password."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get(name=extracted or roles.EDITOR))
            self.save()


class TOTPDeviceFactory(factory.django.DjangoModelFactory):
    """A confirmed authenticator app."""

    class Meta:
        model = TOTPDevice

    user = factory.SubFactory(StaffUserFactory)
    name = "Authenticator app"
    confirmed = True
