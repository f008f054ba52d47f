"""Downloader middlewares: conditional requests from stored validators, and waiting out rate limits."""
