"""Introspection: run a server in a sandbox and ask it ``tools/list``, the ground truth static extraction is
measured against. One concept per module: target, install, entry, environment, sandbox, transport, ask, reasons,
remote; ``introspect`` ties them together."""

from crawler.introspect.introspection import introspect
from crawler.introspect.outcome import ANSWERED, REASONS, Outcome
from crawler.introspect.target import Target, parse_target

__all__ = ["ANSWERED", "REASONS", "Outcome", "Target", "introspect", "parse_target"]
