"""Import and export: dossier packages and CSV batches, with a preview."""
