"""The shared knowledge layer: settings, errors, the stored schema, the Chroma store,
embeddings and text utilities. Both `ingest` (writes) and `assistant` (reads) import it;
it imports neither."""
