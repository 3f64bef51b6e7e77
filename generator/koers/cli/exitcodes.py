"""The exit codes of every koers command, defined once."""

EXIT_OK = 0  # in order
EXIT_CONTENT = 1  # the content (or a build) has errors
EXIT_USAGE = 2  # the command was used wrongly
EXIT_INTERRUPTED = 130  # Ctrl+C
