"""chromadb and wordfreq imported the cheaper way give the same modules: each in a fresh
interpreter (both may already be imported in this one), against the plain import."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO_ROOT

CHROMA = """
import hashlib, sys
import overrides
real = overrides.override
if sys.argv[1] == "quick":
    from knowledge.quick_imports import unchecked_overrides
    with unchecked_overrides():
        import chromadb
    assert overrides.override is real and overrides.overrides is not None  # put back
else:
    import chromadb
from chromadb.api.rust import RustBindingsAPI
from chromadb.config import Component
marked = sorted(
    f"{cls.__module__}.{cls.__qualname__}.{name}"
    for mod in list(sys.modules.values()) if getattr(mod, "__name__", "").startswith("chromadb")
    for cls in vars(mod).values() if isinstance(cls, type) and cls.__module__ == mod.__name__
    for name, value in vars(cls).items() if getattr(value, "__override__", False)
)
assert RustBindingsAPI.get_collection.__override__
# EnforceOverrides still refuses an override left unmarked, with or without the checks.
try:
    class Shift(Component):
        def start(self):
            return None
except TypeError:
    refused = True
else:
    refused = False
print(len(marked), hashlib.sha256("\\n".join(marked).encode()).hexdigest(), refused)
"""


def _python(code: str, *args: str) -> str:
    out = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    return out.stdout


def test_chromadb_imported_without_override_checks_marks_the_same_methods():
    quick, plain = (_python(CHROMA, mode) for mode in ("quick", "plain"))
    assert quick == plain
    count = int(quick.split()[0])
    assert count > 50 and quick.split()[-1] == "True"


WORDFREQ = """
import sys
import locate
real = locate.this_dir
if sys.argv[1] == "quick":
    from knowledge.quick_imports import import_wordfreq
    wordfreq = import_wordfreq()
    assert locate.this_dir is real  # put back
    assert import_wordfreq() is wordfreq  # once imported, handed back as it is
else:
    import wordfreq
words = ["the", "nurse", "triage", "sous-chef", "curriculum", "mle", "zzqx"]
print(wordfreq.DATA_PATH, [wordfreq.zipf_frequency(w, "en") for w in words])
"""


def test_wordfreq_imported_without_the_stack_walk_finds_the_same_data():
    quick, plain = (_python(WORDFREQ, mode) for mode in ("quick", "plain"))
    assert quick == plain
    assert "wordfreq" in quick and "data" in quick


EXPORTER = """
import sys, tempfile
from knowledge.quick_imports import OTLP_EXPORTER, unchecked_overrides
with unchecked_overrides():
    import chromadb
    chromadb.PersistentClient(path=tempfile.mkdtemp())
print("grpc" in sys.modules, OTLP_EXPORTER in sys.modules)
import chromadb.telemetry.opentelemetry as tracing
from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter
print(type(sys.modules[OTLP_EXPORTER]).__name__, OTLPSpanExporter.__module__ == OTLP_EXPORTER)
made = tracing.OTLPSpanExporter(endpoint="http://127.0.0.1:9", headers={})
print(type(made) is OTLPSpanExporter)
"""


def test_chromadb_imported_without_its_trace_exporter_makes_the_real_one_if_asked():
    """The client is made without importing gRPC (the OTLP exporter is imported only when one
    is made); the exporter's module imports as usual after, and a made exporter is real."""
    assert _python(EXPORTER).split() == ["False", "False", "module", "True", "True"]
