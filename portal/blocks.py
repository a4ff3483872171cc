from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class LawLinkBlock(blocks.StructBlock):
    """A law the service is based on, linked to Finlex."""

    name = blocks.CharBlock(label=_("name"))
    url = blocks.URLBlock(label=_("address"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Law")
        template = "components/law_link_block.html"
        preview_value = {
            "name": "Sosiaalihuoltolaki 1301/2014",
            "url": "https://www.finlex.fi/fi/laki/ajantasa/2014/20141301",
        }
