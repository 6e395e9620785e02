"""Thanh toán: fees of sent dossiers (the full flow comes with the second UI issue)."""
