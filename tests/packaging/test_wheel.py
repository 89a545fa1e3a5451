"""
The apps as a distribution: the wheel builds, installs into a new Wagtail 8 project made by
`wagtail start`, set up exactly as docs/install.md says, and serves every page type there.

Everything is built once per run, whichever test processes run these tests (in the run's shared
folder, under a lock: see `run_folder` in tests/conftest.py). The source is copied there, so the
build leaves nothing in the checkout, and built without a download (`--no-isolation`, with the
pinned setuptools). The wheel goes with `--no-deps` into a new virtual environment that reuses
this environment's installed dependencies through a `.pth` file (`venv --system-site-packages`
would offer the base interpreter's packages, not this environment's). The host project runs in
subprocesses from its own folder, with its own settings and interpreter, so the repository is not
importable there; `test_the_apps_are_imported_from_the_installed_wheel` checks it.
"""

import html
import json
import os
import re
import secrets
import shutil
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from tests.databases import locked

ROOT = Path(__file__).resolve().parents[2]
INSTALL_DOC = ROOT / "docs" / "install.md"
APPS = ("clinic_site", "blog", "treatments", "consultations")
PAGE_TYPES = [
    "home",
    "blog index",
    "blog post",
    "treatment index",
    "treatment",
    "FAQ page",
    "consultation page",
]
# Left out of the copy that is built: version control, environments, local data, build output.
NOT_SOURCE = {".git", ".venv", "node_modules", "media", "static", "build", "dist", "db.sqlite3"}
# The host project keeps its own SQLite database whatever this run's database is, so a second
# pass would build, install and check exactly the same thing again: `make test` runs it once,
# and, since it runs a project in subprocesses on settings of its own, in its PostgreSQL pass.
pytestmark = [pytest.mark.single_pass, pytest.mark.subprocesses]

# Variables of this test run that must not reach the host project.
NOT_FOR_HOST = {"DJANGO_SETTINGS_MODULE", "PYTHONPATH", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def run(*args, cwd, env=None):
    result = subprocess.run(  # noqa: S603 - our own commands on files this test made
        [str(arg) for arg in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, f"{args} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def copy_source(destination):
    def ignore(folder, names):
        at_root = Path(folder) == ROOT
        generated = {name for name in names if name == "__pycache__" or name.endswith(".egg-info")}
        return generated | (set(names) & NOT_SOURCE if at_root else set())

    shutil.copytree(ROOT, destination, ignore=ignore)


def install_doc_block(language, first_line):
    """The code block of docs/install.md in `language` that starts with `first_line`."""
    pattern = rf"^```{language}\n(.*?)^```"
    blocks = re.findall(pattern, INSTALL_DOC.read_text(), flags=re.M | re.S)
    matching = [block for block in blocks if block.startswith(first_line)]
    assert len(matching) == 1, f"docs/install.md needs one {language} block starting {first_line!r}"
    return matching[0]


@pytest.fixture(scope="module")
def wheel(run_folder):
    """The wheel, built once per run: the first test process that asks builds it."""
    dist = run_folder / "wheel-dist"
    with locked(run_folder / "wheel.lock"):
        if not list(dist.glob("*.whl")):
            source = run_folder / "wheel-source" / "clinic"
            shutil.rmtree(source.parent, ignore_errors=True)  # what a failed build left
            copy_source(source)
            build = (sys.executable, "-m", "build", "--no-isolation", "--outdir", dist, source)
            run(*build, cwd=source)
    (built,) = dist.glob("*.whl")
    return built


@pytest.fixture(scope="module")
def host(wheel, run_folder):
    """
    What the host project reports (see host_check.py), made once per run: the first test
    process that asks sets the project up and runs the check, the others read its report.
    """
    report_file = run_folder / "wheel-host.json"
    with locked(run_folder / "wheel-host.lock"):
        if not report_file.exists():
            report_file.write_text(json.dumps(set_up_host(wheel, run_folder / "wheel-host")))
    report = json.loads(report_file.read_text())
    return {**report, "venv_packages": Path(report["venv_packages"])}


def set_up_host(wheel, base):
    """A `wagtail start` project with the wheel installed and set up as docs/install.md says."""
    shutil.rmtree(base, ignore_errors=True)  # what a process that failed before left
    base.mkdir()
    venv = base / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=base)
    python = venv / "bin" / "python"
    purelib = run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", cwd=base)
    venv_packages = Path(purelib.strip())
    (venv_packages / "reused_dependencies.pth").write_text("\n".join(site.getsitepackages()))
    pip = (sys.executable, "-m", "pip", "--python", python)
    run(*pip, "install", "--no-deps", "--no-index", "--quiet", wheel, cwd=base)

    project = base / "project"
    project.mkdir()
    run(python, "-m", "wagtail.bin.wagtail", "start", "hostsite", project, cwd=base)
    settings_file = project / "hostsite" / "settings" / "base.py"
    urls_file = project / "hostsite" / "urls.py"
    settings = install_doc_block("python", "# settings:")
    urls = install_doc_block("python", "# urls:")
    # The project's own author model, as docs/install.md shows it.
    author_settings = install_doc_block("python", "# author settings:")
    settings_file.write_text(f"{settings_file.read_text()}\n{settings}\n{author_settings}")
    (project / "people").mkdir()
    (project / "people" / "__init__.py").write_text("")
    (project / "people" / "models.py").write_text(install_doc_block("python", "# people/models.py"))
    urls_file.write_text(f"{urls_file.read_text()}\n{urls}")
    # The replacement base template of docs/install.md, in a folder the check adds to DIRS
    # for its second round of pages.
    own_layout = base / "own_layout"
    (own_layout / "clinic_site").mkdir(parents=True)
    own_base = install_doc_block("django", "{# templates/clinic_site/base.html")
    (own_layout / "clinic_site" / "base.html").write_text(own_base)
    shutil.copy(Path(__file__).with_name("host_check.py"), project)

    env = {key: value for key, value in os.environ.items() if key not in NOT_FOR_HOST}
    env["DJANGO_SETTINGS_MODULE"] = "hostsite.settings.dev"
    # The secrets docs/install.md asks for, as an operator would set them.
    env["CLINIC_ENCRYPTION_KEYS"] = Fernet.generate_key().decode()
    env["CLINIC_BLIND_INDEX_KEY"] = secrets.token_urlsafe(32)
    run(python, "manage.py", "makemigrations", "people", cwd=project, env=env)
    run(python, "manage.py", "migrate", "--noinput", cwd=project, env=env)
    report = json.loads(run(python, "host_check.py", own_layout, cwd=project, env=env))
    return {**report, "venv_packages": str(venv_packages)}


def test_the_wheel_holds_the_apps_and_none_of_the_demo_project(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    packages = {name.split("/")[0] for name in names if ".dist-info/" not in name}
    project_packages = ("clinic_site/settings/", "clinic_site/demo/")

    assert packages == set(APPS)
    assert not [name for name in names if name.startswith(project_packages)]
    assert not {"clinic_site/urls.py", "clinic_site/wsgi.py", "clinic_site/asgi.py"} & names
    assert not [name for name in names if name.endswith(("/demo.py", "load_demo_content.py"))]
    assert not [name for name in names if name.endswith(("/404.html", "/500.html"))]


@pytest.mark.parametrize("app", APPS)
def test_the_wheel_carries_every_template_static_file_and_migration_of_the_app(wheel, app):
    names = set(zipfile.ZipFile(wheel).namelist())
    in_checkout = {
        path.relative_to(ROOT).as_posix()
        for folder in ("templates", "static", "migrations")
        for path in (ROOT / app / folder).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }

    assert in_checkout
    assert in_checkout <= names, sorted(in_checkout - names)


def test_the_apps_are_imported_from_the_installed_wheel(host):
    for module, location in host["modules"].items():
        assert Path(location).is_relative_to(host["venv_packages"]), (module, location)
        assert not Path(location).is_relative_to(ROOT), (module, location)


def test_the_new_project_needs_no_migrations_of_its_own_for_the_apps(host):
    assert host["missing migrations"] is False


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_every_page_type_renders_in_a_new_wagtail_project(host, kind):
    page = host["pages"][kind]
    response = page["page"]

    assert response["status"] == 200, response["content"][:2000]
    title = html.escape(page["title"])
    main = response["content"].split("<main", 1)[-1].split("</main>", 1)[0]
    assert f"<title>{title}" in response["content"]
    assert title in main


@pytest.mark.parametrize("api", ["api_v2", "api_v3"])
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_every_page_type_reads_through_both_content_apis(host, kind, api):
    page = host["pages"][kind]
    response = page[api]

    assert response["status"] == 200, response["content"]
    assert response["content"]["title"] == page["title"]
    assert response["content"]["meta"]["type"] == page["type"]


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_a_replacement_base_template_shows_every_page_type_in_the_projects_layout(host, kind):
    title = html.escape(host["pages"][kind]["title"])
    response = host["in own layout"][kind]

    assert response["status"] == 200, response["content"][:2000]
    assert "css/hostsite.css" in response["content"]  # the `wagtail start` project's stylesheet
    assert "clinic_site/css/site.css" in response["content"]
    assert 'type="application/ld+json"' in response["content"]
    assert title in response["content"]


def test_the_apps_stylesheets_are_found_as_static_files(host):
    assert host["stylesheets"] == dict.fromkeys(host["stylesheets"], True)
    assert len(host["stylesheets"]) == len(APPS)


def test_the_projects_own_author_model_signs_articles(host):
    post = host["pages"]["blog post"]
    byline = post["page"]["content"].split("<main", 1)[-1]
    authors = post["api_v2"]["content"]["authors"]

    assert host["author model"] == "people.Person"
    assert "Dr Mei Tan" in byline
    assert [author["name"] for author in authors] == ["Dr Mei Tan"]
    # The reviewer is shown only once a clinician approves the article (clinical review).


def test_migrating_creates_the_front_desk_group(host):
    assert "Front desk" in host["groups"]
