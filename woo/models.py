"""Woo metadata, requests and redaction marks (issue 16)."""
