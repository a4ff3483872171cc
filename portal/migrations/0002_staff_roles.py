"""Creates the staff roles as groups. Editors and admins get their Wagtail permissions here;
the consoles for advisers, guides, team leads and managers grant theirs when they arrive.
Wagtail's own "Editors" group is replaced by the role "Editor" so there is one of each."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = ["Editor", "Adviser", "Service guide", "Team lead", "Manager", "Admin"]

PAGE_PERMISSIONS = {
    "Editor": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    "Admin": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page",
              "bulk_delete_page"],
}
COLLECTION_PERMISSIONS = {
    "Editor": ["add_image", "change_image", "choose_image",
               "add_document", "change_document", "choose_document"],
    "Admin": ["add_image", "change_image", "delete_image", "choose_image",
              "add_document", "change_document", "delete_document", "choose_document"],
}
MODEL_PERMISSIONS = {
    "Editor": [("wagtailadmin", "access_admin"), ("portal", "change_sitesettings"),
               ("wagtailredirects", "add_redirect"), ("wagtailredirects", "change_redirect"),
               ("wagtailredirects", "delete_redirect")],
    "Admin": [("wagtailadmin", "access_admin"), ("portal", "change_sitesettings"),
              ("auth", "add_user"), ("auth", "change_user"), ("auth", "delete_user"),
              ("auth", "change_group"), ("wagtailcore", "add_site"), ("wagtailcore", "change_site"),
              ("wagtailcore", "add_locale"), ("wagtailcore", "change_locale"),
              ("wagtailredirects", "add_redirect"), ("wagtailredirects", "change_redirect"),
              ("wagtailredirects", "delete_redirect")],
    "Manager": [("wagtailadmin", "access_admin")],
}


def create_roles(apps, schema_editor):
    # On a fresh database Django creates permissions only after all migrations; make them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    Group.objects.filter(name="Editors").delete()
    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()

    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role)
        for app_label, codename in MODEL_PERMISSIONS.get(role, []):
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        for codename in PAGE_PERMISSIONS.get(role, []):
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=root_page,
                permission=Permission.objects.get(content_type__app_label="wagtailcore",
                                                  codename=codename),
            )
        for codename in COLLECTION_PERMISSIONS.get(role, []):
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=root_collection,
                permission=Permission.objects.get(codename=codename),
            )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "__first__"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
