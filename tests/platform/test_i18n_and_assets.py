"""Chinese by default, English on request; nothing loaded from outside the server."""

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXTERNAL = re.compile(r"""(?:src|href|action)\s*=\s*["']\s*(?:https?:)?//|@import\s+(?:url\()?["']?(?:https?:)?//|url\(\s*["']?(?:https?:)?//""", re.I)


@pytest.mark.django_db
def test_pages_are_chinese_even_for_an_english_browser(client):
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "登录您的账户" in page and 'lang="zh-hans"' in page


@pytest.mark.django_db
def test_english_can_be_chosen(client_as):
    client = client_as("reporter")
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    page = client.get("/").content.decode()
    assert "Welcome," in page and 'lang="en"' in page
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    assert "欢迎" in client.get("/").content.decode()


def _own_files():
    for folder in ("templates", "static"):
        for path in (REPO / "innocity").rglob(f"{folder}/**/*"):
            if path.is_file() and path.suffix in {".html", ".css", ".js", ".svg"}:
                yield path


def test_no_template_or_static_file_loads_from_another_server():
    offenders = [str(p.relative_to(REPO)) for p in _own_files()
                 if EXTERNAL.search(p.read_text("utf-8", errors="replace"))]
    assert not offenders


def test_the_vendored_assets_are_present_and_listed():
    import json

    listing = json.loads((REPO / "frontend" / "vendor.json").read_text("utf-8"))["files"]
    vendor = REPO / "innocity" / "platform" / "static" / "vendor"
    assert {"tabler/tabler.min.css", "echarts/echarts.min.js", "htmx/htmx.min.js"} <= set(listing)
    assert all((vendor / name).stat().st_size > 1000 for name in listing)


@pytest.mark.django_db
def test_rendered_pages_reference_only_this_server(client_as, plan):
    client = client_as("plan_office")
    for url in ["/", f"/plans/{plan.pk}/", "/orgs/", "/orgs/kjj/", "/api/docs"]:
        page = client.get(url).content.decode()
        assert not EXTERNAL.search(page), url
