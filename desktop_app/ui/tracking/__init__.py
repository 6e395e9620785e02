"""The dossier page: timeline, receipt, supplement answer, results."""
