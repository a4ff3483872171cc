"""Security headers and production settings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_public_pages_send_strict_security_headers(client, demo_site):
    response = client.get("/fi/", secure=True)
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_staff_pages_get_the_relaxed_policy_only_there(client):
    csp = client.get("/admin/login/")["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in csp


def test_robots_keep_crawlers_out_of_staff_pages(client):
    assert "Disallow: /admin/" in client.get("/robots.txt").content.decode()


def test_robots_keep_crawlers_out_of_search_results(client):
    robots = client.get("/robots.txt").content.decode()
    for path in ("/fi/haku/", "/sv/sok/", "/en/search/"):
        assert f"Disallow: {path}" in robots


PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.base",
    "SECRET_KEY": "x7!kq" + "a9Zp2-Lm4#Rt8vWy6Bn3Hc5Jd1Fg0Xe7Qs" * 2,
    "ALLOWED_HOSTS": "palveluneuvonta.example.fi",
    "DATABASE_URL": "sqlite:///:memory:",
}


def _manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={"PATH": os.environ.get("PATH", ""), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_production_environment():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr
