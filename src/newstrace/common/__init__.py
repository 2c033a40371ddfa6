"""Helpers below every stage: sentence spans, content tokens, quantities (`text`) and the TF-IDF cosines and
average-linkage grouping that both the stories stage and the provenance stage use (`grouping`).

Nothing here imports a stage (tests/test_layers.py holds the import direction: ingest → clean → nlp → stories →
compare → provenance → report → web, with `common`, `model`, `registry`, `errors` and `settings` below them).
"""
