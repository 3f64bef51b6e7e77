"""Git access and comparing two versions of a strategy."""
