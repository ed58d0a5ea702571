"""Layer 1, conventions every other layer shares: where the inputs live (paths), errors, paragraph keys,
text normalisation, date mentions and intervals, table schemas and the build's identity."""
