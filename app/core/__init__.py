"""The domain in plain Python: packs, sessions, rules. Never imports Qt."""
