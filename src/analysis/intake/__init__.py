"""Layer 5, bringing articles in: adding a seed, extracting candidate events, the review file and its
acceptance, and validating the whole ledger."""
