"""The site's pages: Markdown with small HTML, one module per page family."""
