"""Reading and checking content/: strict YAML, documents, schema, validation, the frozen model."""
