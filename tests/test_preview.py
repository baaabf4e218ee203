"""`make serve`: Pelican's server with the portal's 404 page, rebuilds when
data/ or schemas/ change, and a taken port reported in Indonesian with a
free one to use."""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
from pathlib import Path

from conftest import ROOT
from kinerja.adapters import preview


def test_missing_page_gets_the_portal_404_page(tmp_path: Path):
    (tmp_path / "404.html").write_text("<h1>Halaman tidak ditemukan</h1>", encoding="utf-8")
    (tmp_path / "hasil").mkdir()
    (tmp_path / "hasil" / "index.html").write_text("hasil", encoding="utf-8")
    httpd = preview.serve(tmp_path, "127.0.0.1", 0)
    try:
        base = f"http://127.0.0.1:{httpd.server_address[1]}"
        assert urllib.request.urlopen(f"{base}/hasil/").read() == b"hasil"
        try:
            urllib.request.urlopen(f"{base}/tidak-ada/")
            raise AssertionError("expected 404")
        except urllib.error.HTTPError as err:
            assert err.code == 404
            assert "Halaman tidak ditemukan" in err.read().decode()
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_taken_port_is_reported_with_a_free_one(capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert not preview.port_free("127.0.0.1", port)
        assert preview.main(["--port", str(port)]) == 1
    text = capsys.readouterr().out
    assert f"Port {port} di 127.0.0.1 sudah dipakai" in text
    suggested = int(text.split("make serve PORT=")[1].split("`")[0])
    assert suggested != port and preview.port_free("127.0.0.1", suggested)
    assert "Traceback" not in text


def test_rebuilds_watch_data_and_schemas():
    watched = preview.watched(ROOT, "pelicanconf.py")
    for name in ("content", "theme", "data", "schemas"):
        assert str(ROOT / name) in watched


def test_make_serve_and_readme():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nserve:", 1)[1].split("\n\n", 1)[0]
    assert "kinerja.adapters.preview --port $(PORT) --bind 127.0.0.1" in recipe
    assert "http.server" not in recipe
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make serve PORT=" in readme
