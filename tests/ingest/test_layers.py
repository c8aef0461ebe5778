"""`ingest` writes the knowledge base and must never depend on `assistant`, which reads it."""

import ast
from pathlib import Path

import ingest


def test_ingest_never_imports_assistant():
    for path in Path(ingest.__file__).parent.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            assert not any(n == "assistant" or n.startswith("assistant.") for n in names), path
