"""Store access: one writer per store folder, and a shared Chroma server via CHROMA_HOST."""

from __future__ import annotations

import pytest

from knowledge.errors import StoreError
from knowledge.store import make_client, open_knowledge_base
from tests.conftest import free_port
from tests.ingest.helpers import clean_env, run_cli, run_cli_json

ARTICLE = "Contract Work\n\nContractors bill by the day. They cover their own benefits.\n"


def test_second_writer_gets_a_clear_store_error(tmp_path, make_settings, run_ingest):
    (tmp_path / "contract.txt").write_text(ARTICLE)
    settings = make_settings()
    report, kb = run_ingest([tmp_path / "contract.txt"], settings=settings)
    assert report.ok
    (tmp_path / "other.txt").write_text(ARTICLE.replace("Contract Work", "Other Work"))

    with kb.writing():
        proc = run_cli("--store", str(settings.store), str(tmp_path / "other.txt"))
        assert proc.returncode == 2, proc.stdout + proc.stderr
        assert "another process is writing to the store" in proc.stderr
        assert "CHROMA_HOST" in proc.stderr  # the message names the fix
        # Reading while someone writes is fine.
        code, listed = run_cli_json("--store", str(settings.store), "--list")
        assert code == 0 and len(listed["sources"]) == 1

    assert list(kb.records()) == [str((tmp_path / "contract.txt").resolve())]
    # Once the writer is done, the same command succeeds.
    proc = run_cli("--store", str(settings.store), str(tmp_path / "other.txt"))
    assert proc.returncode == 0, proc.stderr
    assert len(kb.records()) == 2


def test_writer_lock_is_released_after_an_error(make_settings):
    kb = open_knowledge_base(make_settings())
    with pytest.raises(RuntimeError, match="boom"), kb.writing():
        raise RuntimeError("boom")
    with kb.writing():  # would raise StoreError if the lock had leaked
        pass


def test_chroma_host_switches_to_the_http_client(
    tmp_path, make_settings, run_ingest, chroma_server
):
    host, port, _ = chroma_server
    settings = make_settings(chroma_host=host, chroma_port=port)
    client_settings = make_client(settings).get_settings()
    assert client_settings.chroma_api_impl == "chromadb.api.fastapi.FastAPI"
    assert (client_settings.chroma_server_host, client_settings.chroma_server_http_port) == (
        host,
        port,
    )
    (tmp_path / "contract.txt").write_text(ARTICLE)

    report, kb = run_ingest([tmp_path / "contract.txt"], settings=settings)
    assert report.ok, report.as_dict()
    assert not settings.store.exists()  # nothing was written to the local store folder

    # A fresh client reads back what the first one wrote, through the server.
    reader = open_knowledge_base(make_settings(chroma_host=host, chroma_port=port))
    assert reader.records() == kb.records()
    _ids, docs, _metas = reader.read_chunks()
    assert any("Contractors bill by the day." in d for d in docs)

    # The CLI picks the server up from the environment.
    env = clean_env(CHROMA_HOST=host, CHROMA_PORT=str(port))
    code, report = run_cli_json(str(tmp_path / "contract.txt"), env=env)
    assert code == 0 and report["totals"]["unchanged"] == 1
    code, listed = run_cli_json("--list", env=env)
    assert code == 0 and [m["title"] for m in listed["sources"]] == ["Contract Work"]


def test_unreachable_chroma_server_is_a_store_error(make_settings, tmp_path):
    settings = make_settings(chroma_host="127.0.0.1", chroma_port=free_port())
    with pytest.raises(StoreError, match="cannot reach the Chroma server.*unset CHROMA_HOST"):
        open_knowledge_base(settings)
    proc = run_cli(
        "--list", env=clean_env(CHROMA_HOST="127.0.0.1", CHROMA_PORT=str(settings.chroma_port))
    )
    assert proc.returncode == 2
    assert "chroma run" in proc.stderr


def test_a_store_path_that_is_a_file_gets_a_clear_error(tmp_path, make_settings):
    store = tmp_path / "store"
    store.write_text("not a folder")
    with pytest.raises(StoreError, match="is a file, not a folder"):
        make_client(make_settings(store=store))
    assert store.read_text() == "not a folder"  # nothing written over it
    done = run_cli("--list", "--store", str(store))
    assert done.returncode == 2 and "is a file, not a folder" in done.stderr
