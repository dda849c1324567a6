"""Simple pictures for the demo's easy-read pages, drawn with Pillow when the demo is loaded: our own drawings, no
text in them, one per idea (`::: idea picture-name` in a content file). Each becomes a Wagtail image once, found
again by its title when the demo is loaded again. Editors upload their own pictures in the admin."""

from collections.abc import Callable
from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw

SIZE = 400
SCALE = 2  # drawn twice as large, then made smaller, for smooth edges
INK = (29, 29, 31)
PURPLE = (75, 42, 130)
LILAC = (215, 205, 235)
GREEN = (0, 112, 60)
RED = (190, 30, 45)
SKIN = (233, 190, 150)
BLUE = (60, 120, 200)
PALE_BLUE = (200, 225, 245)
YELLOW = (250, 205, 60)
WHITE = (255, 255, 255)
TITLE_PREFIX = "Easy read picture: "


def _person(draw: ImageDraw.ImageDraw, x: int, y: int, scale: float = 1.0, shirt=PURPLE) -> None:
    r = int(60 * scale)
    draw.ellipse([x - r, y - r, x + r, y + r], fill=SKIN, outline=INK, width=8)
    draw.rounded_rectangle(
        [x - int(110 * scale), y + int(80 * scale), x + int(110 * scale), y + int(330 * scale)],
        radius=int(60 * scale),
        fill=shirt,
        outline=INK,
        width=8,
    )


def _cross(draw, x: int, y: int, size: int, colour=RED) -> None:
    third = size // 3
    draw.rectangle([x - third // 2, y - size // 2, x + third // 2, y + size // 2], fill=colour)
    draw.rectangle([x - size // 2, y - third // 2, x + size // 2, y + third // 2], fill=colour)


def medicine(draw) -> None:
    """Two tablets and a glass of water."""
    draw.rounded_rectangle([120, 420, 420, 540], radius=60, fill=WHITE, outline=INK, width=10)
    draw.rectangle([270, 425, 415, 535], fill=PURPLE)
    draw.ellipse([140, 580, 300, 740], fill=WHITE, outline=INK, width=10)
    draw.line([160, 660, 280, 660], fill=INK, width=8)
    draw.polygon([(480, 200), (700, 200), (670, 700), (510, 700)], fill=PALE_BLUE, outline=INK)
    draw.line([(480, 200), (510, 700), (670, 700), (700, 200)], fill=INK, width=10)
    draw.polygon([(492, 380), (690, 380), (670, 690), (510, 690)], fill=BLUE)


def drip(draw) -> None:
    """A bag of medicine on a stand, with a tube to a person's arm."""
    draw.line([200, 80, 200, 760], fill=INK, width=14)
    draw.line([120, 760, 280, 760], fill=INK, width=14)
    draw.rounded_rectangle([130, 120, 290, 360], radius=30, fill=PALE_BLUE, outline=INK, width=10)
    draw.rectangle([140, 220, 280, 350], fill=BLUE)
    draw.line([(210, 360), (210, 420), (420, 560), (560, 560)], fill=INK, width=8)
    draw.rounded_rectangle([520, 500, 760, 620], radius=60, fill=SKIN, outline=INK, width=10)
    draw.rectangle([540, 540, 600, 580], fill=WHITE, outline=INK, width=6)


def hospital(draw) -> None:
    """A hospital building with a red cross."""
    draw.rectangle([140, 260, 660, 720], fill=WHITE, outline=INK, width=12)
    draw.rectangle([300, 140, 500, 260], fill=WHITE, outline=INK, width=12)
    _cross(draw, 400, 200, 90)
    for x in (190, 310, 430, 550):
        for y in (320, 440):
            draw.rectangle([x, y, x + 60, y + 70], fill=PALE_BLUE, outline=INK, width=6)
    draw.rectangle([350, 560, 450, 720], fill=PURPLE, outline=INK, width=8)
    draw.line([60, 720, 740, 720], fill=INK, width=12)


def nurse(draw) -> None:
    """A nurse talking with a person: two people, a speech bubble between them."""
    _person(draw, 230, 300, 1.0, shirt=BLUE)
    _cross(draw, 230, 500, 70, colour=WHITE)
    _person(draw, 580, 360, 0.85, shirt=PURPLE)
    draw.rounded_rectangle([300, 80, 560, 210], radius=40, fill=LILAC, outline=INK, width=8)
    draw.polygon([(340, 205), (380, 205), (320, 260)], fill=LILAC, outline=INK)


def tired(draw) -> None:
    """A person asleep in bed."""
    draw.rectangle([80, 480, 720, 560], fill=PURPLE, outline=INK, width=10)
    draw.line([100, 560, 100, 680], fill=INK, width=14)
    draw.line([700, 560, 700, 680], fill=INK, width=14)
    draw.ellipse([120, 360, 260, 480], fill=SKIN, outline=INK, width=8)
    draw.rounded_rectangle([250, 400, 700, 500], radius=40, fill=LILAC, outline=INK, width=8)
    draw.arc([150, 400, 200, 440], 20, 160, fill=INK, width=6)
    for i, (x, y) in enumerate([(330, 260), (430, 180), (540, 110)]):
        s = 40 + i * 15
        draw.line([(x, y), (x + s, y), (x, y + s), (x + s, y + s)], fill=BLUE, width=10)


def sick(draw) -> None:
    """A person with a hand on their tummy, feeling sick."""
    _person(draw, 400, 220, 1.1, shirt=GREEN)
    draw.ellipse([330, 520, 470, 600], fill=SKIN, outline=INK, width=8)
    draw.arc([370, 230, 430, 270], 200, 340, fill=INK, width=6)


def thermometer(draw) -> None:
    """A thermometer showing a high temperature."""
    draw.rounded_rectangle([340, 100, 460, 600], radius=60, fill=WHITE, outline=INK, width=12)
    draw.ellipse([300, 540, 500, 740], fill=RED, outline=INK, width=12)
    draw.rectangle([380, 220, 420, 600], fill=RED)
    for y in range(160, 560, 60):
        draw.line([460, y, 520, y], fill=INK, width=8)


def phone(draw) -> None:
    """A mobile phone ringing."""
    draw.rounded_rectangle([280, 120, 520, 680], radius=40, fill=INK)
    draw.rectangle([305, 180, 495, 590], fill=PALE_BLUE)
    draw.ellipse([375, 610, 425, 660], fill=WHITE)
    for r in (80, 140):
        draw.arc([520 - r, 300 - r, 520 + r, 300 + r], -50, 50, fill=GREEN, width=14)
        draw.arc([280 - r, 300 - r, 280 + r, 300 + r], 130, 230, fill=GREEN, width=14)


def calendar(draw) -> None:
    """A calendar with some days ticked."""
    draw.rectangle([130, 160, 670, 680], fill=WHITE, outline=INK, width=12)
    draw.rectangle([130, 160, 670, 270], fill=PURPLE, outline=INK, width=12)
    for x in (230, 570):
        draw.rounded_rectangle([x - 15, 110, x + 15, 210], radius=12, fill=INK)
    for row in range(3):
        for col in range(4):
            x, y = 180 + col * 120, 310 + row * 120
            draw.rectangle([x, y, x + 80, y + 80], outline=INK, width=6)
            if (row + col) % 3 == 0:
                draw.line([(x + 15, y + 40), (x + 35, y + 65), (x + 70, y + 15)], fill=GREEN, width=12)


def feelings(draw) -> None:
    """Two people hugging, with a heart."""
    _person(draw, 290, 330, 0.95, shirt=BLUE)
    _person(draw, 510, 330, 0.95, shirt=PURPLE)
    draw.line([300, 480, 500, 480], fill=SKIN, width=30)
    draw.ellipse([340, 70, 410, 140], fill=RED)
    draw.ellipse([390, 70, 460, 140], fill=RED)
    draw.polygon([(344, 120), (456, 120), (400, 190)], fill=RED)


DRAWINGS: dict[str, Callable] = {
    "medicine": medicine,
    "drip": drip,
    "hospital": hospital,
    "nurse": nurse,
    "tired": tired,
    "sick": sick,
    "thermometer": thermometer,
    "phone": phone,
    "calendar": calendar,
    "feelings": feelings,
}


def draw_png(name: str) -> bytes:
    """The picture as a PNG, 400 pixels square."""
    try:
        drawing = DRAWINGS[name]
    except KeyError:
        raise KeyError(f"no demo picture called {name!r}: one of {', '.join(sorted(DRAWINGS))}") from None
    canvas = PILImage.new("RGB", (SIZE * SCALE, SIZE * SCALE), WHITE)
    drawing(ImageDraw.Draw(canvas))
    out = BytesIO()
    canvas.resize((SIZE, SIZE), PILImage.Resampling.LANCZOS).save(out, format="PNG", optimize=True)
    return out.getvalue()


def demo_picture(name: str):
    """The Wagtail image of a demo picture, made the first time it is asked for."""
    from wagtail.images import get_image_model

    image_model = get_image_model()
    title = TITLE_PREFIX + name
    existing = image_model.objects.filter(title=title).first()
    if existing is not None:
        return existing
    image = image_model(title=title, file=ImageFile(BytesIO(draw_png(name)), name=f"easy-read-{name}.png"))
    image.save()
    return image
