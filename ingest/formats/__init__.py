"""One module per source format: Markdown, HTML, PDF, text (charsets), and their metadata."""
