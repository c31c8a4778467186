"""Whether an address to listen on is this machine alone: what ``serve`` warns about and the
server checks pages against, in one place both import."""

from __future__ import annotations

import ipaddress


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
