"""
The shared request protection: one client address for every app, and one rate
limiter that counts in the cache by keyed hash and never fails a request.
"""

import logging

from django.core.cache import cache
from django.test import RequestFactory, override_settings

import pytest

from clinic_site.protection import client_ip, hit
from tests import caches

factory = RequestFactory()


def address_of(**meta):
    return client_ip(factory.get("/", **meta))


def test_without_a_proxy_the_client_is_the_connection_and_a_forged_header_changes_nothing():
    assert address_of(REMOTE_ADDR="203.0.113.9") == "203.0.113.9"
    assert (
        address_of(REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="198.51.100.1") == "203.0.113.9"
    )


@override_settings(CLINIC_PROXY_COUNT=1)
def test_behind_one_proxy_the_client_is_the_address_the_proxy_appended():
    # nginx: proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    assert address_of(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7") == (
        "198.51.100.7"
    )
    # Whatever the client wrote itself stays on the left and is ignored.
    forged = "1.2.3.4, not-an-address, 198.51.100.7"
    assert address_of(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forged) == "198.51.100.7"
    assert address_of(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="[2001:db8::5]:4431") == (
        "2001:db8::5"
    )


@override_settings(CLINIC_PROXY_COUNT=1)
def test_behind_a_proxy_a_request_without_the_header_counts_as_its_connection():
    assert address_of(REMOTE_ADDR="10.0.0.2") == "10.0.0.2"


@override_settings(CLINIC_PROXY_COUNT=2)
def test_behind_two_proxies_the_outer_proxys_entry_is_the_client():
    chain = "1.2.3.4, 198.51.100.7, 10.0.0.9"  # forged, client, outer proxy

    assert address_of(REMOTE_ADDR="10.0.0.3", HTTP_X_FORWARDED_FOR=chain) == "198.51.100.7"


@override_settings(CLINIC_PROXY_COUNT=1, CLINIC_TRUSTED_PROXIES=["10.0.0.0/24"])
def test_with_trusted_proxies_the_header_counts_only_on_their_connections():
    assert address_of(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7") == (
        "198.51.100.7"
    )
    # Someone reaching the site past the proxy cannot choose their address.
    assert address_of(REMOTE_ADDR="203.0.113.50", HTTP_X_FORWARDED_FOR="198.51.100.7") == (
        "203.0.113.50"
    )


@override_settings(CLINIC_PROXY_COUNT=1, CLINIC_TRUSTED_PROXIES="10.0.0.2")
def test_misconfigured_trusted_proxies_fall_back_to_the_connection(caplog):
    with caplog.at_level(logging.ERROR, logger="clinic_site.protection"):
        found = address_of(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")

    assert found == "10.0.0.2"
    assert "CLINIC_TRUSTED_PROXIES" in caplog.text


def test_hit_counts_per_key_and_refuses_past_the_limit():
    results = [hit("tests.scope", "198.51.100.7", limit=3, period=60) for _ in range(4)]

    assert results == [False, False, False, True]
    assert hit("tests.scope", "198.51.100.8", limit=3, period=60) is False
    assert hit("tests.other", "198.51.100.7", limit=3, period=60) is False


@pytest.mark.redis
def test_hit_stores_keyed_hashes_never_the_address_or_email():
    hit("tests.scope", "198.51.100.7", limit=3, period=60)
    hit("tests.scope", "patient@example.com", limit=3, period=60)

    keys = [key.decode() for key in caches.own_keys(cache)]
    assert len(keys) == 2
    assert not any("198.51.100.7" in key or "patient" in key for key in keys)


@pytest.mark.redis
def test_hit_counts_expire_after_the_period():
    hit("tests.scope", "198.51.100.7", limit=3, period=60)

    client = cache.client.get_client()
    [key] = caches.own_keys(cache)
    assert 0 < client.ttl(key) <= 60


def test_hit_lets_the_request_through_and_logs_when_the_cache_fails(monkeypatch, caplog):
    def down(*args, **kwargs):
        raise ConnectionError("Error 111 connecting to 10.1.2.3:6379. Connection refused.")

    monkeypatch.setattr(cache, "add", down)
    with caplog.at_level(logging.WARNING, logger="clinic_site.protection"):
        results = [hit("tests.scope", "198.51.100.7", limit=1, period=60) for _ in range(3)]

    assert results == [False, False, False]
    assert "Rate limit tests.scope skipped" in caplog.text
    assert "198.51.100.7" not in caplog.text
