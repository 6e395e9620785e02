"""Local storage: SQLite database (schema + migrations), blob store, repositories."""

from desktop_app.core.store.blobs import BlobInfo, BlobStore
from desktop_app.core.store.db import Store

__all__ = ["BlobInfo", "BlobStore", "Store"]
