"""The 1200×630 social images."""
