"""Fetching services and their channels from the PTV open API (v11). Standard library only.

The list endpoint (`…/api/v11/Service?page=N`, optionally filtered, e.g. by organizationId or
by `date` for changes since a day) returns pages of ids; details come from `…/Service/list`
and `…/ServiceChannel/list` in batches. The fetched documents are parsed exactly like files.
"""

import json
import urllib.parse
import urllib.request
from collections.abc import Callable
from typing import Any

from portal.ptv.parsing import ParseResult, parse_payloads

BATCH_SIZE = 100  # PTV's limit for ?guids=
MAX_PAGES = 1000
TIMEOUT_SECONDS = 30


class PtvFetchError(RuntimeError):
    """The API could not be read; the message says which URL and why."""


def get_json(url: str) -> Any:
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise PtvFetchError(f"{url}: only http and https addresses can be fetched")
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            return json.load(response)
    except (OSError, ValueError) as error:
        raise PtvFetchError(f"{url}: {error}") from error


def fetch_source(url: str, *, fetch: Callable[[str], Any] = get_json) -> ParseResult:
    """All services the list URL names, with their channels, parsed into a ParseResult."""
    parts = urllib.parse.urlsplit(url)
    service_base = parts.path.rstrip("/")
    if not service_base.endswith("/Service"):
        raise PtvFetchError(f"{url}: expected a PTV list address ending in /api/v11/Service")
    query = urllib.parse.parse_qs(parts.query)

    def address(path: str, **params) -> str:
        merged = {**query, **{k: [str(v)] for k, v in params.items()}}
        return urllib.parse.urlunsplit(
            (parts.scheme, parts.netloc, path, urllib.parse.urlencode(merged, doseq=True), "")
        )

    service_ids: list[str] = []
    page, page_count = 1, 1
    while page <= min(page_count, MAX_PAGES):
        listing = fetch(address(service_base, page=page))
        if not isinstance(listing, dict) or not isinstance(listing.get("itemList"), list):
            raise PtvFetchError(f"{url}: page {page} is not a PTV list (no itemList)")
        service_ids += [item["id"] for item in listing["itemList"] if item.get("id")]
        page_count = int(listing.get("pageCount") or 1)
        page += 1

    payloads: list[tuple[str, Any]] = []
    channel_ids: list[str] = []
    for batch in _batches(service_ids):
        services = fetch(_list_address(parts, f"{service_base}/list", batch))
        payloads.append((f"{url} services", services))
        for service in services if isinstance(services, list) else []:
            for link in service.get("serviceChannels") or []:
                channel_id = (link.get("serviceChannel") or {}).get("id")
                if channel_id and channel_id not in channel_ids:
                    channel_ids.append(channel_id)
    channel_base = service_base.removesuffix("/Service") + "/ServiceChannel"
    for batch in _batches(channel_ids):
        payloads.append(
            (f"{url} channels", fetch(_list_address(parts, f"{channel_base}/list", batch)))
        )
    return parse_payloads(payloads)


def _list_address(parts, path: str, ids: list[str]) -> str:
    query = urllib.parse.urlencode({"guids": ",".join(ids)})
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, query, ""))


def _batches(ids: list[str]) -> list[list[str]]:
    return [ids[i : i + BATCH_SIZE] for i in range(0, len(ids), BATCH_SIZE)]
