"""Rate limits count each visitor, also behind proxies, and never one visitor for another."""

from django.test import RequestFactory

from portal.rate_limit import client_address, rate_limit_exceeded


def _request(remote="10.0.0.1", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_proxies_the_connection_is_the_visitor(settings):
    settings.TRUSTED_PROXY_HOPS = 0
    # A visitor cannot pick another identity by sending the header themselves.
    assert client_address(_request("198.51.100.7", "203.0.113.9")) == "198.51.100.7"


def test_behind_one_proxy_the_visitor_is_what_the_proxy_saw(settings):
    settings.TRUSTED_PROXY_HOPS = 1
    # The leftmost entry is whatever the client claimed; the proxy appended the real one.
    assert client_address(_request("10.0.0.1", "203.0.113.9, 198.51.100.7")) == "198.51.100.7"
    assert client_address(_request("10.0.0.1")) == "10.0.0.1"  # no header: the connection


def test_visitors_behind_one_proxy_do_not_share_a_limit(settings):
    settings.TRUSTED_PROXY_HOPS = 1
    first, second = _request(forwarded="198.51.100.7"), _request(forwarded="198.51.100.8")
    assert not rate_limit_exceeded(first, scope="t", limit=1, window_seconds=60)
    assert rate_limit_exceeded(first, scope="t", limit=1, window_seconds=60)
    assert not rate_limit_exceeded(second, scope="t", limit=1, window_seconds=60)
