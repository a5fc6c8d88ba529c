"""`xiaopu serve --workers N` on Linux: every worker listens on a socket of its own, all bound to the same address
with SO_REUSEPORT, and the kernel spreads new connections over them by a hash of each connection's addresses.

uvicorn's own way is one listening socket that every worker accepts from: a connection goes to whichever worker
is waiting in accept() first, and a storefront holding its connections open keeps them where they landed. A
client opening 16 keep-alive connections at once was seen with all 16 on one worker of two, which then served
alone (bench/workers.py). uvicorn's supervisor still starts, watches, restarts and stops the workers; only the
socket each worker is handed differs. Where SO_REUSEPORT does not balance connections (outside Linux), the
workers share one socket as uvicorn makes it.

The parent holds the address (bound, never listening, so it takes no connection) for as long as it runs: a port
another program holds is refused at start, before any worker starts."""

from __future__ import annotations

import logging
import socket
import sys
from typing import Any

import uvicorn
from uvicorn.config import STARTUP_FAILURE
from uvicorn.supervisors import Multiprocess

logger = logging.getLogger("uvicorn.error")


def balances_connections() -> bool:
    """Whether sockets bound with SO_REUSEPORT share the connections to their address (Linux)."""
    return sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT")


def _bind(sock: socket.socket, address: tuple[Any, ...]) -> socket.socket:
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind(address)
    sock.set_inheritable(True)
    return sock


def own_socket(family: socket.AddressFamily, address: tuple[Any, ...]) -> socket.socket:
    """In a worker: a socket of its own bound to the workers' address (its server listens on it)."""
    return _bind(socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP), address)


class WorkersAddress(socket.socket):
    """The address the workers listen on, held by the parent: handed to a worker, it arrives as that worker's own
    socket on the same address (`own_socket`), not as a copy of this one."""

    def __reduce_ex__(self, protocol: Any) -> tuple[Any, ...]:
        return own_socket, (self.family, self.getsockname())


def run_workers(config: uvicorn.Config) -> None:
    """Serve `config.workers` workers under uvicorn's supervisor, each on its own socket."""
    family = socket.AF_INET6 if config.host and ":" in config.host else socket.AF_INET
    address = WorkersAddress(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        _bind(address, (config.host, config.port))
    except OSError as exc:
        logger.error(exc)
        sys.exit(STARTUP_FAILURE)
    host, port = address.getsockname()[:2]
    shown = f"[{host}]" if family == socket.AF_INET6 else host
    logger.info("Uvicorn running on http://%s:%d with %d workers, each on its own socket (Press CTRL+C to quit)",
                shown, port, config.workers)
    try:
        Multiprocess(config, sockets=[address]).run()
    except KeyboardInterrupt:
        pass
    finally:
        address.close()
