"""The shared core every layer may import: tool definitions, server records, verdicts, the taxonomy, settings and
errors. Standard library only, and it imports nothing else of mcprisk."""
