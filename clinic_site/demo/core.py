"""
Demo content for `manage.py load_demo_content`.

The command builds the core's part (home page, clinic details, demo admin) with
the `ensure_*` helpers here, then calls `load(context)` in this package's module
named after each other installed app (`clinic_site.demo.blog` for `blog`), in
INSTALLED_APPS order. The reusable apps carry no demo copy: their demo pages live
here, in the development-only demo app. The helpers below keep every part
idempotent: each creates what is missing and leaves what exists alone, so running
the command twice changes nothing and never overwrites an editor's changes.
"""

import hashlib
import io
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile

from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from clinic_site.models import ClinicSettings, HomePage
from clinic_site.review import assign_clinical_review, record_approval

from .illustrations import draw_scene

DEMO_HOST, DEMO_PORT = "127.0.0.1", 8000

# Portrait backgrounds (disc, clothing, paper) in the site's palette, one per person.
PALETTES = [
    ("#0a5a5c", "#d7ecea", "#faf7f2"),
    ("#23395b", "#dcecf4", "#f3f1ee"),
    ("#8a4f5a", "#f6d5cc", "#faf3f0"),
]


@dataclass
class DemoContext:
    """What each app's `load()` receives: where to build, and how to report."""

    site: Site
    home: Page
    stdout: object
    options: dict = field(default_factory=dict)
    created: list = field(default_factory=list)

    def log_created(self, obj):
        self.created.append(obj)
        self.stdout.write(f"  created {obj._meta.verbose_name}: {obj}")


def _save_image(title, alt_text, img, extension="png"):
    Image = get_image_model()
    buffer = io.BytesIO()
    if extension == "jpg":
        img.save(buffer, "JPEG", quality=85, optimize=True)
    else:
        img.save(buffer, "PNG", optimize=True)
    filename = f"demo-{hashlib.sha256(title.encode()).hexdigest()[:12]}.{extension}"
    image = Image(title=title, description=alt_text)
    image.file = ImageFile(buffer, name=filename)
    image.save()
    return image


def demo_image(title, alt_text, *, scene, variant=0, size=(1200, 800)):
    """
    A flat illustration from `illustrations.SCENES` (drawn with Pillow, so the demo
    needs no download); `alt_text` must describe that drawing. Found again by title
    on later runs.
    """
    existing = get_image_model().objects.filter(title=title).first()
    if existing:
        return existing
    return _save_image(title, alt_text, draw_scene(scene, size, variant), "jpg")


# (skin, hair) pairs for the demo portraits, so the people look different.
PORTRAIT_TONES = [("#c68863", "#2b1d14"), ("#f1c6a5", "#8a5a2b"), ("#7a4a2e", "#141414")]

# How each demo person is drawn: the same avatar on their profile and their bylines.
PORTRAITS = {
    "Dr Ana Silva": {"tone": 0, "palette": 0, "long_hair": True},
    "Dr Ben Okafor": {"tone": 2, "palette": 1, "long_hair": False},
    "Cara Lee": {"tone": 1, "palette": 2, "long_hair": True},
}


def draw_portrait(tone=0, palette=0, size=(800, 800), long_hair=False):
    """
    A friendly flat avatar: head and shoulders on a coloured disc, with simple eyes,
    a smile and a clinic top, drawn large and reduced for smooth edges.
    """
    dark, light, paper = PALETTES[palette % len(PALETTES)]
    skin, hair = PORTRAIT_TONES[tone % len(PORTRAIT_TONES)]
    scale = 2
    width, height = size[0] * scale, size[1] * scale
    img = PILImage.new("RGB", (width, height), paper)
    draw = ImageDraw.Draw(img)
    cx = width // 2

    def box(x0, y0, x1, y1):
        return [cx + x0 * width, y0 * height, cx + x1 * width, y1 * height]

    draw.ellipse([width * 0.06, height * 0.06, width * 0.94, height * 0.94], fill=light)
    if long_hair:
        draw.rounded_rectangle(box(-0.2, 0.26, 0.2, 0.72), radius=int(width * 0.1), fill=hair)
    # Clinic top with a V neck, then the neck and head.
    draw.chord(box(-0.34, 0.66, 0.34, 1.3), 180, 360, fill=dark)
    draw.rectangle(box(-0.06, 0.5, 0.06, 0.7), fill=skin)
    draw.polygon(
        [
            (cx - width * 0.08, height * 0.67),
            (cx, height * 0.79),
            (cx + width * 0.08, height * 0.67),
        ],
        fill=skin,
    )
    draw.ellipse(box(-0.175, 0.18, 0.175, 0.56), fill=hair)
    draw.ellipse(box(-0.19, 0.37, -0.13, 0.47), fill=skin)
    draw.ellipse(box(0.13, 0.37, 0.19, 0.47), fill=skin)
    draw.ellipse(box(-0.145, 0.24, 0.145, 0.6), fill=skin)
    # Hair over the forehead: a side parting.
    draw.chord(box(-0.16, 0.18, 0.16, 0.44), 180, 360, fill=hair)
    draw.pieslice(box(-0.22, 0.2, 0.06, 0.48), 270, 360, fill=hair)
    # Eyes, brows, a smile and a touch of colour on the cheeks.
    eye_y, ink = 0.425, "#1b2630"
    for side in (-1, 1):
        x = side * 0.06
        draw.ellipse(box(x - 0.014, eye_y - 0.016, x + 0.014, eye_y + 0.016), fill=ink)
        draw.arc(
            box(x - 0.035, eye_y - 0.055, x + 0.035, eye_y - 0.015),
            200,
            340,
            fill=hair,
            width=max(2, int(width * 0.008)),
        )
        draw.ellipse(box(x * 1.55 - 0.025, 0.47, x * 1.55 + 0.025, 0.5), fill="#e8a598")
    line = max(2, int(width * 0.009))
    draw.arc(box(-0.05, 0.46, 0.05, 0.53), 20, 160, fill="#8a4f4a", width=line)
    return img.resize(size, PILImage.LANCZOS)


def demo_portrait(title, alt_text, *, tone=0, palette=0, long_hair=False, size=(800, 800)):
    """
    A flat illustrated avatar on a coloured disc: clearly a drawing standing in for
    a photo, so nobody mistakes it for a real clinician. Found again by title.
    """
    existing = get_image_model().objects.filter(title=title).first()
    if existing:
        return existing
    return _save_image(title, alt_text, draw_portrait(tone, palette, size, long_hair))


def portrait_of(name):
    """The demo person's avatar, the same image on their profile and their bylines."""
    return demo_portrait(
        f"Illustrated portrait of {name}",
        f"Flat illustration of {name}: a smiling head-and-shoulders avatar in a clinic top",
        **PORTRAITS.get(name, {}),
    )


def child_page(parent, model, slug, **fields):
    """
    Return the child of `parent` with this slug, creating and publishing it as a
    `model` with `fields` when missing. An existing page is left as it is. A health
    page given a `reviewer` and `last_reviewed` is published as that clinician's
    past clinical review (`publish_reviewed`).
    """
    existing = parent.get_children().filter(slug=slug).first()
    if existing:
        return existing.specific, False
    reviewer, reviewed_on = fields.pop("reviewer", None), fields.pop("last_reviewed", None)
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    publish_reviewed(page, reviewer, reviewed_on)
    return page, True


def publish_reviewed(page, reviewer=None, reviewed_on=None):
    """
    Publish a page the demo has just built. With a `reviewer`, it is published as
    the "Clinical review" task publishes an approval (`record_approval`), dated
    `reviewed_on`: the demo clinic's past reviews, so its pages show who reviewed
    them and some are already due for another review.
    """
    revision = page.save_revision()
    if reviewer is not None:
        revision = record_approval(page, reviewer, on=reviewed_on)
    revision.publish()


def health_section(page):
    """Send the health pages under `page` through the clinical review (if it has no workflow)."""
    assign_clinical_review(page)
    return page


def ensure_home_page(stdout):
    """
    Make the default site's root a `HomePage`. A fresh Wagtail database has a
    placeholder "Welcome" page there; it is replaced while it has no children.
    """
    site = Site.objects.filter(is_default_site=True).first()
    if site and isinstance(site.root_page.specific, HomePage):
        return site, site.root_page.specific

    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        placeholder = root.get_children().filter(slug="home").first()
        if placeholder and type(placeholder.specific) is Page and not placeholder.get_children():
            # Sites cascade with their root page: move them off it first.
            Site.objects.filter(root_page=placeholder).update(root_page=root)
            placeholder.delete()
            site = Site.objects.filter(is_default_site=True).first()
        home = HomePage(
            title="Harbour Aesthetics & Wellness",
            slug="home",
            hero_heading="Evidence-based aesthetic and medical treatments",
            intro=(
                "Clear advice, qualified clinicians and treatments planned around you. "
                "Read about what we offer, or ask us a question in a free consultation."
            ),
            hero_cta_label="Book a free consultation",
            featured_heading="Our treatments",
            latest_posts_heading="Latest articles",
        )
        home.hero_image = demo_image(
            "Home hero",
            "Flat illustration of a treatment chair beside a sunny window, with a plant "
            "and a small trolley",
            scene="treatment_room",
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        stdout.write(f"  created home page: {home}")

    if site is None:
        site = Site(is_default_site=True, hostname=DEMO_HOST, port=DEMO_PORT)
    elif (site.hostname, site.port) == ("localhost", 80):
        # Wagtail's untouched default: point it where `make run` serves, so
        # canonical URLs, the sitemap and feeds link to the running demo.
        site.hostname, site.port = DEMO_HOST, DEMO_PORT
    site.root_page = home
    site.site_name = site.site_name or "Harbour Aesthetics & Wellness"
    site.save()
    return site, home


def ensure_clinic_settings(site, stdout):
    clinic = ClinicSettings.for_site(site)
    if clinic.phone:  # already filled in: leave the editor's values alone
        return clinic
    clinic.clinic_name = "Harbour Aesthetics & Wellness"
    clinic.phone = "+44 20 7946 0321"
    clinic.email = "hello@harbour-clinic.example"
    clinic.address = "12 Quay Street\nHarbourside\nBristol BS1 4XX\nUnited Kingdom"
    clinic.opening_hours = (
        "Monday to Friday: 9:00 to 19:00\nSaturday: 10:00 to 16:00\nSunday: closed"
    )
    clinic.social_links = [
        (
            "link",
            {"platform": "instagram", "url": "https://www.instagram.com/example", "label": ""},
        ),
        ("link", {"platform": "facebook", "url": "https://www.facebook.com/example", "label": ""}),
    ]
    clinic.medical_disclaimer = (
        "<p>The articles on this site are general information, not medical advice. "
        "Whether a treatment suits you is decided with a clinician who has examined you. "
        "In an emergency, call 999.</p>"
    )
    clinic.save()
    stdout.write("  filled in clinic details")
    return clinic


def ensure_demo_admin(settings_value, stdout):
    """Create the development admin named by the DEMO_ADMIN setting; never in production."""
    if not settings_value:
        return None
    User = get_user_model()
    user = User.objects.filter(username=settings_value["username"]).first()
    if user is None:
        user = User.objects.create_superuser(
            username=settings_value["username"],
            email=settings_value.get("email", ""),
            password=settings_value["password"],
        )
        stdout.write("  created demo admin account")
    return user
