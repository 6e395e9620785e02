"""Fetch the procedure catalogue into the local cache: a full fetch, then deltas."""

from __future__ import annotations

from desktop_app.core.catalog import CatalogCache, CatalogUpdate
from desktop_app.core.portal.client import PortalClient


def refresh_catalog(client: PortalClient, cache: CatalogCache) -> CatalogUpdate:
    """Bring the cache up to date. The first time (or after a reset) everything is fetched;
    afterwards only procedures changed since the last fetch's ``server_time``, with the
    last ``ETag`` so an unchanged catalogue costs a ``304``."""
    cache.save_agencies(client.agencies())
    cache.save_fields(client.fields())
    since = cache.meta("server_time") if cache.count() else None
    etag = cache.meta("etag") if since else None
    items, new_etag, server_time = client.procedures(updated_since=since, etag=etag)
    if items is None:
        return CatalogUpdate()
    return cache.save_procedures(items, etag=new_etag, server_time=server_time)
