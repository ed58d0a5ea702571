"""Layer 3, the coded data checked against the corpus: the PLOVER codebook, the event ledger, contested
claims, quoted quantities and the public record set beside them."""
