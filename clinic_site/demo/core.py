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
import random
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile

from PIL import Image as PILImage
from PIL import ImageDraw, ImageFilter
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from clinic_site.models import ClinicSettings, HomePage
from clinic_site.review import assign_clinical_review, record_approval

DEMO_HOST, DEMO_PORT = "127.0.0.1", 8000

PALETTES = [
    ("#0a5a5c", "#7fc8c2", "#f4efe6"),
    ("#23395b", "#8ea8c3", "#f3f1ee"),
    ("#5b3a5e", "#d6a2ad", "#faf3f0"),
    ("#3d5a40", "#a3c4a0", "#f5f5ee"),
    ("#7a4b2a", "#e3b58c", "#fbf6ef"),
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


def demo_image(title, alt_text, *, seed=None, size=(1600, 900)):
    """
    A generated illustration (soft shapes on a gradient), made with Pillow so the
    demo needs no download; found again by title on later runs.
    """
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    seed = seed if seed is not None else int(hashlib.sha256(title.encode()).hexdigest()[:8], 16)
    rng = random.Random(seed)  # noqa: S311 - decoration, not security
    dark, light, paper = PALETTES[seed % len(PALETTES)]
    width, height = size
    img = PILImage.new("RGB", size, paper)
    draw = ImageDraw.Draw(img)
    for _ in range(9):
        radius = rng.randint(height // 6, height // 2)
        x, y = rng.randint(0, width), rng.randint(0, height)
        colour = rng.choice([dark, light, light])
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=colour)
    img = img.filter(ImageFilter.GaussianBlur(radius=height // 12))
    buffer = io.BytesIO()
    img.save(buffer, "JPEG", quality=82, optimize=True)
    filename = f"demo-{hashlib.sha256(title.encode()).hexdigest()[:12]}.jpg"
    image = Image(title=title, description=alt_text)
    image.file = ImageFile(buffer, name=filename)
    image.save()
    return image


# (skin, hair) pairs for the demo portraits, so the three people look different.
PORTRAIT_TONES = [("#c68863", "#2b1d14"), ("#f1c6a5", "#8a5a2b"), ("#7a4a2e", "#141414")]


def draw_portrait(tone=0, palette=0, size=(800, 800), long_hair=False):
    """The demo portrait's drawing (see `demo_portrait`), as a Pillow image."""
    dark, light, paper = PALETTES[palette % len(PALETTES)]
    skin, hair = PORTRAIT_TONES[tone % len(PORTRAIT_TONES)]
    scale = 4  # drawn large and scaled down, for smooth edges
    width, height = size[0] * scale, size[1] * scale
    img = PILImage.new("RGB", (width, height), paper)
    draw = ImageDraw.Draw(img)
    cx = width // 2
    draw.ellipse([width * 0.08, height * 0.08, width * 0.92, height * 0.92], fill=light)
    # Shoulders and a clinic top with a collar.
    draw.ellipse([width * 0.18, height * 0.66, width * 0.82, height * 1.25], fill=dark)
    draw.polygon(
        [
            (cx - width * 0.09, height * 0.66),
            (cx, height * 0.78),
            (cx + width * 0.09, height * 0.66),
        ],
        fill=paper,
    )
    if long_hair:
        draw.rounded_rectangle(
            [cx - width * 0.175, height * 0.3, cx + width * 0.175, height * 0.7],
            radius=int(width * 0.08),
            fill=hair,
        )
    # Neck, hair behind the head, head, then the fringe.
    draw.rectangle(
        [cx - width * 0.055, height * 0.52, cx + width * 0.055, height * 0.69], fill=skin
    )
    draw.ellipse([cx - width * 0.17, height * 0.2, cx + width * 0.17, height * 0.58], fill=hair)
    draw.ellipse([cx - width * 0.135, height * 0.26, cx + width * 0.135, height * 0.6], fill=skin)
    draw.chord(
        [cx - width * 0.145, height * 0.2, cx + width * 0.145, height * 0.46], 180, 360, fill=hair
    )
    img = img.resize(size, PILImage.LANCZOS)
    return img


def demo_portrait(title, alt_text, *, tone=0, palette=0, long_hair=False, size=(800, 800)):
    """
    A flat, illustrated head-and-shoulders figure (no face) on a coloured disc:
    clearly a drawing standing in for a photo, so nobody mistakes it for a real
    clinician. Found again by title on later runs.
    """
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    img = draw_portrait(tone, palette, size, long_hair)
    buffer = io.BytesIO()
    img.save(buffer, "PNG", optimize=True)
    filename = f"demo-{hashlib.sha256(title.encode()).hexdigest()[:12]}.png"
    image = Image(title=title, description=alt_text)
    image.file = ImageFile(buffer, name=filename)
    image.save()
    return image


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
            "A bright, calm treatment room with soft daylight",
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
