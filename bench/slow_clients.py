"""Half-sent requests against ``trucewatch serve``: how many connections are still open after the
header timeout, and does a real request still get through meanwhile? (Issue 18, item 12.)

    .venv/bin/python bench/slow_clients.py --connections 2000 --header-timeout 5

Starts ``trucewatch serve`` on a free port over a throwaway SQLite store, opens ``--connections``
connections that each send half a request line and headers and then nothing, checks that a whole
request is answered while they hang, waits ``--header-timeout`` + 3 s, and counts how many the
server closed. ``--serve-args`` passes more options (e.g. ``--limit-concurrency 100``).
"""

from __future__ import annotations

import argparse
import os
import resource
import selectors
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_up(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not start")


def _get(port: int) -> str:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(b"GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        return conn.recv(64).split(b"\r\n")[0].decode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=2000)
    parser.add_argument("--header-timeout", type=float, default=5.0)
    parser.add_argument("--serve-args", default="", help="more `trucewatch serve` options")
    args = parser.parse_args()
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, args.connections + 256), hard))
    port = _free_port()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "TRUCEWATCH_AUDIT_KEY_FILE": str(Path(tmp) / "audit.key")}
        command = [sys.executable, "-m", "trucewatch.cli", "serve", "--db", f"{tmp}/s.db"]
        command += ["--port", str(port)]
        if args.header_timeout:  # 0: leave serve's option out (to measure a release without it)
            command += ["--header-timeout", str(args.header_timeout)]
        command += args.serve_args.split()
        server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
        try:
            _wait_up(port)
            selector = selectors.DefaultSelector()
            hanging = []
            for _ in range(args.connections):
                conn = socket.create_connection(("127.0.0.1", port))
                conn.sendall(b"GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: sl")
                conn.setblocking(False)
                selector.register(conn, selectors.EVENT_READ)
                hanging.append(conn)
            opened = time.monotonic()
            print(f"{len(hanging)} half-sent requests open; a whole one meanwhile: {_get(port)}")
            closed: set[socket.socket] = set()
            while time.monotonic() - opened < (args.header_timeout or 10) + 3:
                for key, _ in selector.select(timeout=0.5):
                    sock = key.fileobj
                    try:
                        data = sock.recv(1024)
                    except ConnectionError:
                        data = b""
                    if not data:
                        closed.add(sock)
                        selector.unregister(sock)
            waited = time.monotonic() - opened
            print(f"closed by the server after {waited:.1f} s: {len(closed)} of {len(hanging)}")
            for conn in hanging:
                conn.close()
        finally:
            server.terminate()
            server.wait(10)


if __name__ == "__main__":
    main()
