"""Signing: personal keys, the organisation root, PAdES signatures and their verification."""
