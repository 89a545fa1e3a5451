"""
The demo's before-and-after illustrations, patients' reviews and the demo
authorizations behind them. The "photos" are drawn line illustrations, labelled
as such, so nobody mistakes them for real patients; the authorizations carry
demo record numbers only. Idempotent like the rest of the demo: what exists is
left alone.
"""

import datetime
import hashlib
import io

from django.core.files.images import ImageFile

from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Page

from clinic_site.models import PatientAuthorization, Testimonial

SKIN, HAIR, LINE, PAPER, LIP = "#f1d3bd", "#6b4a3a", "#8a5a48", "#eef4f4", "#c76f74"


def demo_authorization(record, *, given_on, expires_on=None, social=False):
    """A demo patient's authorization, found again by its demo record number."""
    authorization, _created = PatientAuthorization.objects.get_or_create(
        patient_record=record,
        defaults={
            "given_on": given_on,
            "expires_on": expires_on,
            "covers_website": True,
            "covers_social": social,
            "notes": "Demo record: no real patient.",
        },
    )
    return authorization


def illustration(title, alt_text, *, subject, stage):
    """
    A face drawn in a few lines: `subject` "forehead" (lines that soften) or
    "lips" (fuller after), at `stage` "before" or "after". Found again by title.
    """
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    width, height = 1200, 900
    img = PILImage.new("RGB", (width, height), PAPER)
    draw = ImageDraw.Draw(img)
    cx = width // 2
    # Hair, face, ears.
    draw.ellipse([cx - 300, 60, cx + 300, 700], fill=HAIR)
    draw.ellipse([cx - 250, 120, cx + 250, 860], fill=SKIN, outline=LINE, width=6)
    draw.ellipse([cx - 285, 420, cx - 235, 540], fill=SKIN, outline=LINE, width=5)
    draw.ellipse([cx + 235, 420, cx + 285, 540], fill=SKIN, outline=LINE, width=5)
    # Brows, eyes, nose.
    for side in (-1, 1):
        x = cx + side * 110
        draw.arc([x - 75, 330, x + 75, 400], 200, 340, fill=HAIR, width=12)
        draw.ellipse([x - 45, 415, x + 45, 455], fill="#ffffff", outline=LINE, width=4)
        draw.ellipse([x - 15, 420, x + 15, 450], fill="#3c6e71")
    draw.line([(cx, 440), (cx - 25, 600), (cx + 10, 610)], fill=LINE, width=5, joint="curve")
    if subject == "forehead":
        lines = 4 if stage == "before" else 1
        for n in range(lines):
            y = 220 + n * 28
            draw.arc([cx - 170, y, cx + 170, y + 60], 200, 340, fill=LINE, width=5)
        if stage == "before":
            draw.line([(cx - 18, 335), (cx - 12, 395)], fill=LINE, width=5)
            draw.line([(cx + 18, 335), (cx + 12, 395)], fill=LINE, width=5)
        draw.arc([cx - 90, 650, cx + 90, 730], 20, 160, fill=LIP, width=14)
    else:
        # Upper and lower lip as half-ellipses meeting at the mouth line.
        mouth, width_, upper, lower = (680, 95, 12, 16) if stage == "before" else (680, 105, 26, 34)
        box = [cx - width_, mouth - upper, cx + width_, mouth + upper]
        draw.chord(box, 180, 360, fill=LIP, outline=LINE, width=3)
        box = [cx - width_, mouth - lower, cx + width_, mouth + lower]
        draw.chord(box, 0, 180, fill=LIP, outline=LINE, width=3)
        draw.line([(cx - width_, mouth), (cx + width_, mouth)], fill=LINE, width=4)
    font = ImageFont.load_default(size=44)
    label = f"Illustration: {stage}"
    draw.rounded_rectangle([30, 30, 470, 110], radius=16, fill="#ffffff", outline=LINE, width=3)
    draw.text((55, 48), label, fill="#1d2630", font=font)
    buffer = io.BytesIO()
    img.save(buffer, "PNG", optimize=True)
    digest = hashlib.sha256(title.encode()).hexdigest()[:12]
    image = Image(title=title, description=alt_text)
    image.file = ImageFile(buffer, name=f"demo-illustration-{digest}.png")
    image.save()
    return image


# (patient record, quote, shown as, treatment slug, source, months ago)
REVIEWS = [
    (
        "DEMO-R01",
        "I was nervous about needles, but every step was explained before it happened and I "
        "never felt hurried. The follow-up call a week later was a kind touch.",
        "Priya",
        "anti-wrinkle-injections",
        "google",
        2,
    ),
    (
        "DEMO-R02",
        "They talked me out of more filler than I needed. The result is subtle and still "
        "looks like me, which is exactly what I asked for.",
        "Hannah M.",
        "lip-filler",
        "clinic",
        4,
    ),
    (
        "DEMO-R03",
        "After years of losing days to migraines, having a plan and a clinician who checks "
        "in every three months has made a real difference.",
        "D. R.",
        "botox-for-migraines",
        "survey",
        5,
    ),
]


def load_reviews(context):
    """Three patients' reviews on the home page (and their treatments' pages)."""
    today = datetime.date.today()
    for record, quote, name, slug, source, months in REVIEWS:
        if Testimonial.objects.filter(quote=quote).exists():
            continue
        given_on = today - datetime.timedelta(days=30 * months)
        review = Testimonial.objects.create(
            quote=quote,
            shown_name=name,
            treatment=Page.objects.filter(slug=slug).first(),
            given_on=given_on,
            source=source,
            authorization=demo_authorization(record, given_on=given_on),
        )
        context.log_created(review)
