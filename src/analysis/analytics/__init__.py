"""Layer 4, computations returning frames: periods and dyads (timeline), the border belt, analysis of
competing hypotheses and the key judgments."""
