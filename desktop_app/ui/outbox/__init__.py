"""The outbox: send, retry, take back; progress per dossier and per batch."""
