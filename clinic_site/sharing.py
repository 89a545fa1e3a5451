"""
Share links: plain links to each network's own share form, made from a page's
canonical address and title.

No script, widget or counter is loaded from the networks, so a page that offers
sharing makes no request to them and sets no cookie of theirs until a reader
chooses to share. Each link opens in a new tab (except e-mail, which opens the
reader's mail program), and its accessible name says so.
"""

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ShareLink:
    network: str  # a short name for styling and tests: "email", "whatsapp", ...
    label: str  # what the link says, e.g. "LinkedIn"
    accessible_name: str  # what a screen reader says, e.g. "Share on LinkedIn (opens in new tab)"
    url: str
    new_tab: bool = True


def share_links(url, title):
    """The share links for a page at `url` (its canonical, absolute address) called `title`."""
    if not url:
        return []
    text = f"{title} {url}"
    links = [
        (
            "email",
            _("E-mail"),
            _("Share by e-mail"),
            "mailto:?" + urlencode({"subject": title, "body": url}, quote_via=quote),
            False,
        ),
        ("whatsapp", "WhatsApp", None, "https://wa.me/?" + urlencode({"text": text}), True),
        (
            "facebook",
            "Facebook",
            None,
            "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}),
            True,
        ),
        (
            "x",
            "X",
            None,
            "https://x.com/intent/post?" + urlencode({"text": title, "url": url}),
            True,
        ),
        (
            "linkedin",
            "LinkedIn",
            None,
            "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url}),
            True,
        ),
    ]
    return [
        ShareLink(
            network=network,
            label=str(label),
            accessible_name=str(
                name or _("Share on %(network)s (opens in new tab)") % {"network": label}
            ),
            url=share_url,
            new_tab=new_tab,
        )
        for network, label, name, share_url, new_tab in links
    ]
