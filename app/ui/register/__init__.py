"""The register window for trustees and officers: who acknowledged what, and who is due."""
