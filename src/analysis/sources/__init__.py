"""Layer 2, the loaders of what the report reads: the seed corpus and its catalogue, actors, places
(gazetteer) and the glossary."""
