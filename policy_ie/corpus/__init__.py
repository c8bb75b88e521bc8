"""Gold corpus: record format, drafts, importers, validation and splits."""
