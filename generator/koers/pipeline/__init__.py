"""The only code that sequences stages: check, build, serve, poster, diff."""
