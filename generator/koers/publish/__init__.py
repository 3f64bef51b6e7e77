"""Writing outputs, the atomic swap, the site-engine adapter and the poster exports."""
