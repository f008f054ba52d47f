"""Corpora served or stored without the live sources: the bundled sample (``sample/``) served on loopback as the real
upstreams answer, synthetic corpora of any size for benchmarks and crash tests, and saved registry snapshots."""
