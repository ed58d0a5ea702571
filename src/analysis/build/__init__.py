"""Layer 6, the book's build: what a rebuild redoes (buildcache)."""
