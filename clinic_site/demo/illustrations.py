"""
The demo's pictures: flat illustrations drawn with Pillow in the site's own palette,
so the demo needs no download and no picture pretends to be a photograph. Each
scene is drawn on a 300 x 200 grid (3:2, the shape of the site's heroes and cards),
scaled to the requested size with twice the pixels and reduced, for smooth edges.
Every scene's subject sits in the middle third, so the wide crop used for sharing
(1.9:1) and the square crop keep it.

`SCENES` maps a scene's name to its drawing; the demo's alt texts describe these
drawings, so change both together.
"""

import math

from PIL import Image, ImageDraw

# The site's palette (clinic_site/css/site.css), plus a few accents for objects.
TEAL_900, TEAL_700, TEAL_600 = "#06393b", "#0a5a5c", "#0d6e70"
TEAL_300, TEAL_100, TEAL_50 = "#8cc5c0", "#d7ecea", "#eef6f5"
SAND_300, SAND_100, SAND_50 = "#e3cfb4", "#f3ece1", "#faf7f2"
CORAL, CORAL_LIGHT, SKY, WOOD, WHITE = "#e39a8a", "#f6d5cc", "#bcd8e6", "#c39a72", "#ffffff"
INK = "#1b2630"

SUPERSAMPLE = 2


class Canvas:
    """Pillow drawing in the 300 x 200 design grid, whatever the output size."""

    def __init__(self, size, background):
        self.size = size
        width, height = size[0] * SUPERSAMPLE, size[1] * SUPERSAMPLE
        self.image = Image.new("RGB", (width, height), background)
        self.draw = ImageDraw.Draw(self.image)
        # The grid fills the picture's width; a squarer picture keeps the middle.
        self.unit = width / 300
        self.dy = (height - 200 * self.unit) / 2

    def _box(self, x0, y0, x1, y1):
        u = self.unit
        return [x0 * u, y0 * u + self.dy, x1 * u, y1 * u + self.dy]

    def _points(self, points):
        return [(x * self.unit, y * self.unit + self.dy) for x, y in points]

    def rect(self, x0, y0, x1, y1, fill, radius=0, outline=None, width=0):
        self.draw.rounded_rectangle(
            self._box(x0, y0, x1, y1),
            radius=radius * self.unit,
            fill=fill,
            outline=outline,
            width=round(width * self.unit),
        )

    def ellipse(self, x0, y0, x1, y1, fill=None, outline=None, width=0):
        self.draw.ellipse(
            self._box(x0, y0, x1, y1), fill=fill, outline=outline, width=round(width * self.unit)
        )

    def circle(self, cx, cy, r, fill=None, outline=None, width=0):
        self.ellipse(cx - r, cy - r, cx + r, cy + r, fill, outline, width)

    def polygon(self, points, fill):
        self.draw.polygon(self._points(points), fill=fill)

    def line(self, points, fill, width):
        width = round(width * self.unit)
        self.draw.line(self._points(points), fill=fill, width=width, joint="curve")

    def arc(self, x0, y0, x1, y1, start, end, fill, width):
        width = round(width * self.unit)
        self.draw.arc(self._box(x0, y0, x1, y1), start, end, fill=fill, width=width)

    def chord(self, x0, y0, x1, y1, start, end, fill):
        self.draw.chord(self._box(x0, y0, x1, y1), start, end, fill=fill)

    def result(self):
        return self.image.resize(self.size, Image.Resampling.LANCZOS)


def _backdrop(c, wall=SAND_50, floor=SAND_100, horizon=150):
    c.rect(-10, -200, 310, horizon, wall)
    c.rect(-10, horizon, 310, 400, floor)


def _plant(c, x, base, scale=1.0):
    s = scale
    for dx, dy, w in ((-14, -44, 9), (10, -50, 9), (-2, -62, 10), (-20, -26, 8), (16, -30, 8)):
        left, right = x + (dx - w) * s, x + (dx + w) * s
        c.ellipse(left, base + (dy - 16) * s, right, base + (dy + 16) * s, TEAL_600)
    c.line([(x, base - 8 * s), (x, base - 50 * s)], TEAL_700, 2 * s)
    c.polygon(
        [
            (x - 14 * s, base - 10 * s),
            (x + 14 * s, base - 10 * s),
            (x + 10 * s, base + 14 * s),
            (x - 10 * s, base + 14 * s),
        ],
        CORAL,
    )


def _window(c, x0, y0, x1, y1):
    c.rect(x0 - 3, y0 - 3, x1 + 3, y1 + 3, WHITE, radius=3)
    c.rect(x0, y0, x1, y1, SKY, radius=2)
    c.circle(x1 - 16, y0 + 16, 8, "#fbe7b5")
    c.ellipse(x0 + 6, y1 - 22, x0 + 40, y1 - 8, WHITE)
    c.line([((x0 + x1) / 2, y0), ((x0 + x1) / 2, y1)], WHITE, 2.5)
    c.line([(x0, (y0 + y1) / 2), (x1, (y0 + y1) / 2)], WHITE, 2.5)


def treatment_room(c, variant=0):
    """A treatment chair beside a window, a side trolley and a plant."""
    _backdrop(c, wall=TEAL_50 if variant else SAND_50)
    _window(c, 40, 30, 120, 110)
    # The reclining treatment chair.
    c.rect(118, 112, 238, 130, TEAL_700, radius=8)
    c.polygon([(118, 126), (134, 124), (112, 72), (98, 76)], TEAL_700)
    c.rect(220, 118, 262, 130, TEAL_600, radius=6)
    c.rect(170, 130, 180, 160, "#9fb2b8")
    c.rect(150, 158, 200, 164, "#9fb2b8", radius=3)
    c.rect(122, 108, 232, 114, WHITE, radius=3)
    # A trolley with a tray.
    c.rect(246, 88, 290, 93, WHITE, radius=2)
    c.line([(252, 93), (252, 160)], "#9fb2b8", 2)
    c.line([(284, 93), (284, 160)], "#9fb2b8", 2)
    c.rect(248, 124, 288, 128, WHITE, radius=2)
    c.circle(258, 84, 4, CORAL_LIGHT)
    c.rect(266, 78, 272, 88, TEAL_300, radius=1.5)
    _plant(c, 30, 150 if variant else 148, 1.1)
    # A lamp hanging from the ceiling.
    c.line([(190, 0), (190, 34)], TEAL_900, 1.2)
    c.chord(172, 28, 208, 64, 180, 360, TEAL_900)


def waiting_area(c, variant=0):
    """Two soft armchairs, a low table with a water jug, a plant and a framed print."""
    _backdrop(c)
    c.rect(118, 34, 182, 86, WHITE, radius=2)
    c.rect(124, 40, 176, 80, TEAL_100)
    c.circle(150, 60, 12, TEAL_300)
    c.chord(124, 56, 176, 104, 180, 360, TEAL_600)
    for x in (58, 196):
        c.rect(x, 104, x + 52, 150, TEAL_700, radius=12)
        c.rect(x + 6, 124, x + 46, 142, TEAL_600, radius=6)
        c.rect(x - 4, 118, x + 8, 152, TEAL_700, radius=5)
        c.rect(x + 44, 118, x + 56, 152, TEAL_700, radius=5)
        c.line([(x + 6, 152), (x + 4, 162)], TEAL_900, 2)
        c.line([(x + 46, 152), (x + 48, 162)], TEAL_900, 2)
    c.ellipse(126, 132, 174, 142, WOOD)
    c.line([(150, 140), (150, 162)], WOOD, 3)
    c.rect(140, 114, 152, 136, SKY, radius=2)
    c.circle(161, 133, 4, WHITE)
    _plant(c, 274, 150, 1.2)


def syringe_and_vial(c, variant=0):
    """A syringe lying beside a small medicine vial on a soft disc."""
    c.rect(-10, -200, 310, 400, TEAL_50 if variant == 0 else SAND_50)
    c.circle(150, 100, 78, TEAL_100 if variant == 0 else SAND_100)
    # The vial.
    c.rect(170, 64, 212, 150, WHITE, radius=6, outline=TEAL_700, width=2)
    c.rect(172, 100, 210, 148, CORAL_LIGHT if variant else TEAL_300, radius=5)
    c.rect(174, 50, 208, 66, TEAL_700, radius=3)
    c.rect(178, 112, 204, 132, WHITE, radius=2)
    c.line([(183, 119), (199, 119)], TEAL_700, 1.5)
    c.line([(183, 125), (195, 125)], TEAL_700, 1.5)
    # The syringe, at an angle: barrel, plunger, needle.
    c.polygon([(70, 140), (150, 84), (158, 96), (78, 152)], WHITE)
    c.polygon([(96, 122), (150, 84), (158, 96), (104, 134)], CORAL if variant else TEAL_600)
    c.polygon([(66, 134), (72, 130), (84, 148), (78, 152)], TEAL_700)
    c.line([(72, 146), (48, 163)], TEAL_700, 3)
    c.polygon([(40, 160), (56, 149), (60, 156), (44, 167)], TEAL_700)
    c.line([(154, 90), (178, 73)], "#6b7785", 1.2)
    for n in range(4):
        x, y = 112 + n * 10, 118 - n * 7
        c.line([(x, y), (x + 4, y + 6)], TEAL_900, 1)
    # Sparkles, for a clean and calm feel.
    for x, y, r in ((96, 60, 4), (226, 150, 3), (238, 70, 5)):
        c.polygon([(x, y - r * 2), (x + r / 2, y), (x, y + r * 2), (x - r / 2, y)], TEAL_700)
        c.polygon([(x - r * 2, y), (x, y - r / 2), (x + r * 2, y), (x, y + r / 2)], TEAL_700)


def skin_layers(c, variant=0):
    """A cross-section of skin: the outer layer, the dermis with fibres, and fat below."""
    c.rect(-10, -200, 310, 400, SAND_50)
    c.rect(30, 40, 270, 168, WHITE, radius=10)
    top = 60
    c.rect(40, top, 260, top + 10, CORAL_LIGHT)
    c.rect(40, top + 10, 260, top + 18, "#f0c0b2")
    c.rect(40, top + 18, 260, top + 62, "#f7e3da")
    c.rect(40, top + 62, 260, top + 98, "#fbeec7", radius=0)
    for n in range(9):
        x = 54 + n * 24
        c.circle(x, top + 80, 10, "#f6dd9f")
    for n in range(7):
        x = 52 + n * 30
        c.arc(x, top + 26, x + 30, top + 50, 200, 340, CORAL, 1.6)
        c.arc(x + 15, top + 36, x + 45, top + 58, 20, 160, "#d98a7a", 1.2)
    # A hair follicle and a fine vessel.
    c.line([(120, top - 14), (124, top + 48)], "#6b4a3a", 2)
    c.ellipse(119, top + 44, 131, top + 56, "#d98a7a")
    c.line([(44, top + 58), (120, top + 54), (200, top + 60), (256, top + 56)], CORAL, 2.4)
    # A peel's fresh layer lifting at the corner (variant 0), labels as tabs.
    if variant == 0:
        c.polygon([(210, top), (260, top), (260, top - 16)], TEAL_300)
    for y, colour in ((top + 5, TEAL_700), (top + 40, TEAL_600), (top + 80, TEAL_900)):
        c.rect(262, y - 4, 282, y + 4, colour, radius=3)


def face_profile(c, variant=0):
    """A calm face in profile, drawn in one line, with soft lines on the forehead."""
    c.rect(-10, -200, 310, 400, TEAL_50)
    c.circle(150, 100, 80, WHITE)
    outline = [
        (170, 30),
        (150, 32),
        (134, 42),
        (130, 56),
        (128, 70),
        (122, 84),
        (126, 88),
        (124, 100),
        (118, 108),
        (126, 112),
        (124, 122),
        (130, 126),
        (128, 134),
        (136, 144),
        (150, 148),
        (160, 160),
        (166, 178),
    ]
    c.line(outline, TEAL_700, 3)
    c.arc(150, 10, 230, 110, 200, 320, TEAL_700, 3)
    c.line([(142, 84), (152, 85)], TEAL_700, 2.2)
    c.arc(138, 68, 158, 80, 200, 330, TEAL_700, 2)
    for n in range(3):
        c.arc(132 + n, 44 + n * 6, 160, 56 + n * 6, 200, 260, TEAL_300, 1.6)
    c.circle(148, 118, 3, CORAL)
    for x, y in ((96, 54), (210, 150), (218, 44)):
        c.circle(x, y, 5, TEAL_300)


def head_map(c, variant=0):
    """A simple head and shoulders from behind and the side, with dots where injections go."""
    c.rect(-10, -200, 310, 400, SAND_50 if variant else TEAL_50)
    c.circle(150, 100, 82, WHITE)
    c.rect(88, 150, 212, 210, TEAL_300, radius=30)
    c.rect(136, 128, 164, 160, SAND_300)
    c.ellipse(112, 36, 188, 136, SAND_100, outline=TEAL_700, width=2.5)
    c.chord(110, 32, 190, 100, 180, 360, TEAL_700)
    c.ellipse(106, 80, 118, 100, SAND_100, outline=TEAL_700, width=2)
    c.ellipse(182, 80, 194, 100, SAND_100, outline=TEAL_700, width=2)
    points = [
        (136, 62),
        (150, 58),
        (164, 62),
        (118, 74),
        (182, 74),
        (124, 120),
        (176, 120),
        (140, 148),
        (160, 148),
        (110, 166),
        (190, 166),
    ]
    for x, y in points:
        c.circle(x, y, 4.5, CORAL, outline=WHITE, width=1.2)
    c.arc(128, 88, 146, 98, 200, 340, TEAL_700, 2)
    c.arc(154, 88, 172, 98, 200, 340, TEAL_700, 2)
    c.arc(138, 106, 162, 122, 20, 160, TEAL_700, 2)


def notebook_and_tea(c, variant=0):
    """An open notebook with a pen, beside a cup of tea, on a desk seen from above."""
    c.rect(-10, -200, 310, 400, SAND_100)
    c.rect(56, 40, 196, 160, WHITE, radius=4)
    c.line([(126, 40), (126, 160)], "#c9d2d8", 1.5)
    for n in range(8):
        y = 58 + n * 12
        c.line([(66, y), (116, y)], TEAL_100, 2)
        c.line([(136, y), (186 - (n % 3) * 12, y)], TEAL_100, 2)
    c.circle(90, 78, 10, CORAL_LIGHT)
    c.line([(70, 120), (92, 104), (104, 114), (118, 96)], TEAL_600, 2)
    c.line([(200, 150), (160, 100)], TEAL_700, 4)
    c.polygon([(158, 98), (162, 94), (156, 92)], INK)
    c.circle(236, 76, 26, WHITE)
    c.circle(236, 76, 20, WOOD)
    c.circle(236, 76, 14, "#d6b08a")
    c.arc(256, 64, 276, 88, 270, 90, WHITE, 4)
    _plant(c, 246, 160, 0.8)


def clipboard(c, variant=0):
    """A clipboard with a checklist and a pen."""
    c.rect(-10, -200, 310, 400, TEAL_50)
    c.circle(150, 100, 74, TEAL_100)
    c.rect(104, 30, 196, 172, TEAL_700, radius=8)
    c.rect(112, 40, 188, 164, WHITE, radius=3)
    c.rect(134, 24, 166, 40, "#9fb2b8", radius=4)
    for n in range(5):
        y = 60 + n * 20
        c.rect(120, y - 5, 130, y + 5, WHITE, radius=2, outline=TEAL_600, width=1.5)
        if n < 3:
            c.line([(122, y), (125, y + 3), (130, y - 4)], CORAL, 2)
        c.line([(138, y), (178 - (n % 2) * 14, y)], "#c9d2d8", 2.5)
    c.line([(214, 150), (190, 70)], CORAL, 5)
    c.polygon([(188, 66), (193, 69), (187, 58)], INK)


def sunscreen(c, variant=0):
    """A tube of sunscreen and a sun hat beneath a bright sun."""
    c.rect(-10, -200, 310, 400, "#fdf3e1")
    c.rect(-10, 140, 310, 400, SAND_100)
    c.circle(220, 54, 22, "#f6c667")
    for n in range(12):
        angle = n * math.pi / 6
        x0, y0 = 220 + 30 * math.cos(angle), 54 + 30 * math.sin(angle)
        x1, y1 = 220 + 38 * math.cos(angle), 54 + 38 * math.sin(angle)
        c.line([(x0, y0), (x1, y1)], "#f6c667", 3)
    c.polygon([(120, 60), (160, 60), (168, 150), (112, 150)], WHITE)
    c.rect(112, 146, 168, 160, TEAL_700, radius=3)
    c.rect(118, 86, 162, 120, TEAL_100, radius=3)
    c.circle(140, 103, 9, "#f6c667")
    c.rect(126, 54, 154, 62, CORAL, radius=2)
    c.ellipse(180, 130, 270, 160, CORAL)
    c.chord(200, 110, 250, 160, 180, 360, CORAL)
    c.rect(200, 132, 250, 138, TEAL_700)
    c.ellipse(40, 136, 96, 156, TEAL_300)
    c.line([(52, 146), (84, 146)], WHITE, 2)


def calendar_and_water(c, variant=0):
    """A wall calendar with a few days ticked, and a glass of water."""
    c.rect(-10, -200, 310, 400, TEAL_50)
    c.rect(60, 36, 190, 170, WHITE, radius=8)
    c.rect(60, 36, 190, 64, TEAL_700, radius=8)
    c.rect(60, 56, 190, 64, TEAL_700)
    for x in (84, 166):
        c.rect(x - 3, 28, x + 3, 44, "#9fb2b8", radius=2)
    for row in range(4):
        for col in range(5):
            x, y = 76 + col * 24, 78 + row * 22
            day = row * 5 + col
            c.rect(x - 8, y - 7, x + 8, y + 7, TEAL_50 if day % 6 else CORAL_LIGHT, radius=3)
            if day in (2, 8, 11, 17):
                c.line([(x - 4, y), (x - 1, y + 4), (x + 5, y - 4)], TEAL_700, 2)
    c.polygon([(212, 86), (248, 86), (244, 168), (216, 168)], "#dcecf4")
    c.polygon([(214, 110), (246, 110), (244, 168), (216, 168)], SKY)
    c.line([(212, 86), (216, 168), (244, 168), (248, 86)], TEAL_600, 1.5)
    c.ellipse(214, 106, 246, 114, "#cfe4ee")


def clinic_front(c, variant=0):
    """A clinic's shop front: a door, two windows with blinds, and a sign above."""
    sky, wall = (SKY, SAND_100) if variant == 0 else ("#dcecf4", "#efe3d3")
    c.rect(-10, -200, 310, 400, sky)
    c.ellipse(20, 30, 90, 54, WHITE)
    c.ellipse(200, 20, 260, 42, WHITE)
    c.rect(50, 50, 250, 176, wall)
    if variant == 0:
        for x in (60, 120, 180):
            c.rect(x, 58, x + 44, 86, WHITE, radius=2)
            c.rect(x + 3, 61, x + 41, 83, "#cfe4ee")
    else:
        c.polygon([(44, 54), (150, 20), (256, 54)], "#b7a08a")
        c.rect(134, 30, 166, 50, WHITE, radius=16)
    c.rect(56, 92, 244, 108, TEAL_700, radius=3)
    c.rect(120, 97, 180, 103, WHITE, radius=2)
    c.rect(66, 116, 126, 168, "#cfe4ee", radius=2, outline=WHITE, width=3)
    c.rect(174, 116, 234, 168, "#cfe4ee", radius=2, outline=WHITE, width=3)
    for x in (66, 174):
        c.rect(x, 116, x + 60, 130, TEAL_100)
    c.rect(136, 116, 164, 176, TEAL_600, radius=2)
    c.circle(158, 148, 2, "#f6c667")
    c.rect(-10, 176, 310, 400, "#c9d2d8")
    if variant == 0:
        c.chord(0, 160, 60, 200, 180, 360, TEAL_300)
        c.line([(20, 170), (28, 130)], WOOD, 2)
        c.polygon([(29, 128), (29, 164), (46, 164)], WHITE)
    _plant(c, 272, 176, 0.7)


def clinic_logo(c, variant=0):
    """The demo clinic's mark: a wave under a rising sun, in a teal rounded square."""
    c.rect(-10, -200, 310, 400, WHITE)
    c.rect(80, 30, 220, 170, TEAL_700, radius=34)
    c.circle(150, 92, 28, "#f6c667")
    c.rect(80, 100, 220, 170, TEAL_700, radius=34)
    c.rect(80, 100, 220, 130, TEAL_700)
    for n, colour in enumerate((WHITE, TEAL_300)):
        y = 108 + n * 18
        c.arc(96, y, 128, y + 16, 180, 360, colour, 5)
        c.arc(128, y, 160, y + 16, 0, 180, colour, 5)
        c.arc(160, y, 192, y + 16, 180, 360, colour, 5)
        c.arc(192, y - 2, 206, y + 14, 90, 180, colour, 5)


SCENES = {
    "treatment_room": treatment_room,
    "waiting_area": waiting_area,
    "syringe_and_vial": syringe_and_vial,
    "skin_layers": skin_layers,
    "face_profile": face_profile,
    "head_map": head_map,
    "notebook_and_tea": notebook_and_tea,
    "clipboard": clipboard,
    "sunscreen": sunscreen,
    "calendar_and_water": calendar_and_water,
    "clinic_front": clinic_front,
    "clinic_logo": clinic_logo,
}


def draw_scene(scene, size=(1500, 1000), variant=0):
    """The named scene as a Pillow image of `size`."""
    canvas = Canvas(size, WHITE)
    SCENES[scene](canvas, variant)
    return canvas.result()
