"""Layer 5, presentation, the only layer that draws or builds pages: style, figures, maps, tables,
pages and the printed edition."""
