"""Cài đặt: portal, province profile, signing, language and sending."""
