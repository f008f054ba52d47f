"""Judges every tool: capability category, risk, rationale and evidence, integrity findings, policy."""
