"""Writes the knowledge base: load -> clean -> split -> embed -> store."""
