"""
Driving Debian's Chromium with Playwright, and checking pages with axe-core.

Shared by the browser tests and `bench/lighthouse.py`. Playwright's own browser
downloads are never used: the system Chromium is launched by path.
"""

import os
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROME_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
AXE_PATH = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
ARTIFACTS = ROOT / "tests" / "e2e" / "artifacts"

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# The commonest laptop screen: the reviewers' desktop screenshots are taken at it.
LAPTOP = {"width": 1366, "height": 768}
NARROW = {"width": 320, "height": 640}


def missing_requirements():
    """Why the browser tests cannot run here, or None when they can."""
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "Playwright is not installed: run `make dev-install`."
    if not Path(CHROMIUM).exists():
        return "Chromium is not installed: run `apt-get install chromium` (Debian) to enable them."
    if not AXE_PATH.exists():
        return "axe-core is not installed: run `npm ci` in the repository root to enable them."
    return None


def axe_violations(page, within="document"):
    """
    Run axe-core on the page as it is now (or on the part matched by the CSS
    selector `within`); return its violations (WCAG 2.2 A/AA rules).
    """
    # Evaluated through the DevTools protocol, so the page's Content-Security-Policy
    # (no inline scripts) stays in force for everything else the test sees.
    page.evaluate(AXE_PATH.read_text() + "\n;void 0")
    result = page.evaluate(
        "async ([context, tags]) => await axe.run("
        "context === 'document' ? document : context, {runOnly: {type: 'tag', values: tags}})",
        [within, AXE_TAGS],
    )
    return result["violations"]


def describe_violations(violations):
    lines = []
    for violation in violations:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:5]]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} -> {targets}")
    return "\n".join(lines)


def screenshot(page, name):
    """Save a full-page screenshot for reviewers (not committed), lazy images loaded."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    # Evaluated through the DevTools protocol, as axe is: the page's CSP forbids eval.
    page.evaluate(
        """async () => {
            const images = [...document.images];
            images.forEach(image => { image.loading = "eager"; });
            await Promise.all(images.filter(image => !image.complete).map(
                image => new Promise(done => { image.onload = image.onerror = done; })));
        }"""
    )
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
