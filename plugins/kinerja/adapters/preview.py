"""`make serve`: the portal on this computer, rebuilt whenever something changes.

Pelican's own development server (its request handler and server class, as
`pelican --listen --autoreload` uses) serves output/; a missing page gets
the portal's own 404 page with status 404. Pelican's autoreload watches
only content/, theme/ and the settings, so this loop watches data/ and
schemas/ (and the engine's code) too: an imported record or an edited
schema shows up on the next reload. One process, threads only, so it also
runs where multiprocessing cannot fork (Windows).

Run: python -m kinerja.adapters.preview [--port 8000] [--bind 127.0.0.1]
"""

from __future__ import annotations

import argparse
import errno
import socket
import sys
import threading
from collections.abc import Iterable
from pathlib import Path

ROOT_FILES = ("content", "theme", "data", "schemas", "plugins")

# how many changed files one log line names (a console cap, not policy)
NAMES_SHOWN = 5


def port_free(bind: str, port: int) -> bool:
    """True when a server could listen on (bind, port) now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((bind, port))
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EACCES, getattr(errno, "WSAEADDRINUSE", -1)):
                return False
            raise
    return True


def free_port(bind: str, start: int, tries: int = 50) -> int | None:
    for port in range(start + 1, min(start + 1 + tries, 65536)):
        if port_free(bind, port):
            return port
    return None


def port_taken_message(bind: str, port: int, suggestion: int | None) -> str:
    text = (
        f"Port {port} di {bind} sudah dipakai program lain (mungkin `make serve` yang masih "
        "berjalan di jendela lain; hentikan dengan Ctrl+C)."
    )
    if suggestion is not None:
        text += f" Port {suggestion} bebas: jalankan `make serve PORT={suggestion}`."
    return text


def handler_class(output: Path):
    """Pelican's request handler, answering a missing page with the portal's 404 page."""
    from pelican.server import ComplexHTTPRequestHandler

    class Handler(ComplexHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            original = self.path
            if self.get_path_that_exists(original.split("?", 1)[0]) is None:
                self.not_found()
                return
            self.path = original
            super().do_GET()

        def not_found(self) -> None:
            page = output / "404.html"
            body = page.read_bytes() if page.is_file() else b"<h1>404: halaman tidak ada</h1>"
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, fmt: str, *args) -> None:  # type: ignore[no-untyped-def]
            return  # quiet: the terminal shows rebuilds, not every request

    return Handler


def serve(output: Path, bind: str, port: int):
    from pelican.server import RootedHTTPServer

    RootedHTTPServer.allow_reuse_address = True
    httpd = RootedHTTPServer(str(output), (bind, port), handler_class(output))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    return httpd


def build(settings_file: str) -> bool:
    """One Pelican build; False (and the reason, in Indonesian) when it failed."""
    from pelican import Pelican
    from pelican.settings import read_settings

    try:
        Pelican(read_settings(settings_file)).run()
    except Exception as exc:  # noqa: BLE001 - a broken edit must not stop the preview
        print(f"Pembangunan gagal: {exc}. Perbaiki berkasnya; portal dibangun lagi saat disimpan.")
        return False
    return True


def watched(root: Path, settings_file: str) -> list[str]:
    paths: Iterable[Path] = (root / name for name in ROOT_FILES)
    return [str(p) for p in paths if p.exists()] + [str(root / settings_file)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make serve")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--bind", default="127.0.0.1")
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--output", default="output")
    parser.add_argument("--sekali", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not port_free(args.bind, args.port):
        print(port_taken_message(args.bind, args.port, free_port(args.bind, args.port)))
        return 1
    root = Path.cwd()
    build(args.settings)
    httpd = serve(root / args.output, args.bind, args.port)
    print(
        f"Portal tersaji di http://{args.bind}:{args.port}/ — dibangun ulang otomatis saat "
        "content/, theme/, data/ atau schemas/ berubah. Berhenti: Ctrl+C."
    )
    if args.sekali:
        httpd.shutdown()
        return 0
    return _watch(root, args.settings, httpd)


def _watch(root: Path, settings_file: str, httpd) -> int:  # type: ignore[no-untyped-def]
    import watchfiles
    from pelican.utils import FileChangeFilter

    try:
        for changes in watchfiles.watch(
            *watched(root, settings_file), watch_filter=FileChangeFilter(ignore_file_patterns=set())
        ):
            names = sorted({str(Path(p).relative_to(root)) for _, p in changes})
            shown = ", ".join(names[:NAMES_SHOWN]) + (" …" if len(names) > NAMES_SHOWN else "")
            print(f"Berubah: {shown}; membangun ulang…")
            if build(settings_file):
                print("Selesai; muat ulang halaman di peramban.")
    except KeyboardInterrupt:
        print("\nPratinjau dihentikan.")
    finally:
        httpd.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
