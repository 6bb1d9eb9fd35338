"""Readers and writers of the formats analysts bring and take away. Streaming, no storage."""
