"""Where `corridor serve` may listen: checked before the server starts, so that a bad host or a
port in use is a clear message (exit 2), never a traceback from inside the web framework."""

from __future__ import annotations

import errno
import ipaddress
import socket
from typing import Any

from game.errors import CorridorError, Diagnostic

Listen = tuple[int, tuple[Any, ...]]  # (address family, socket address) for bind()


class AddressError(CorridorError):
    """A host or port the web server cannot listen on."""


def _error(where: str, message: str, hint: str) -> AddressError:
    return AddressError([Diagnostic(file=where, message=message, hint=hint)])


def listen_addresses(host: str, port: int) -> list[Listen]:
    """The (family, socket address) pairs `host` names on this machine; `AddressError` if the
    name does not resolve."""
    try:
        found = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP, flags=socket.AI_PASSIVE
        )
    except (socket.gaierror, UnicodeError) as error:
        reason = error.strerror if isinstance(error, socket.gaierror) else str(error)
        raise _error(
            f"--host {host}",
            f"not an address this machine can listen on ({reason})",
            "give an IP address of this machine: 127.0.0.1 (this computer only, the default) "
            "or 0.0.0.0 (every network interface)",
        ) from None
    pairs: list[Listen] = []
    for family, _type, _proto, _name, sockaddr in found:
        if (family, sockaddr) not in pairs:
            pairs.append((family, sockaddr))
    return pairs


def is_loopback(host: str) -> bool:
    """True when `host` reaches this computer only (127.0.0.0/8, ::1, a name that resolves to
    loopback addresses only)."""
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        pass
    try:
        pairs = listen_addresses(host, 0)
    except AddressError:
        return False
    return bool(pairs) and all(ipaddress.ip_address(addr[0]).is_loopback for _f, addr in pairs)


def check_listen_address(host: str, port: int) -> None:
    """Bind `host`:`port` once and let go, so that the usual failures are reported by name: an
    unknown host, an address that is not this machine's, a port in use or reserved."""
    where = f"{host}:{port}"
    for family, sockaddr in listen_addresses(host, port):
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            # The server sets SO_REUSEADDR too, so a port left in TIME_WAIT is not "in use".
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(sockaddr)
            except OSError as error:
                raise bind_error(where, error) from None


def bind_error(where: str, error: OSError) -> AddressError:
    """The message for a failed bind of `where` (also used if the server's own bind fails)."""
    if error.errno == errno.EADDRINUSE:
        return _error(
            where,
            "the port is already in use (another program, or another `corridor serve`)",
            "stop that program, or choose another port with --port (for example --port 8001)",
        )
    if error.errno == errno.EADDRNOTAVAIL:
        return _error(
            where,
            "this address does not belong to this machine",
            "use 127.0.0.1 (this computer only) or an address of one of this machine's "
            "network interfaces, or 0.0.0.0 for all of them",
        )
    if error.errno == errno.EACCES:
        return _error(
            where,
            "permission denied: ports below 1024 need administrator rights",
            "choose a port of 1024 or above with --port (the default is 8000)",
        )
    return _error(where, f"cannot listen here: {error.strerror or error}", "try another --port")
