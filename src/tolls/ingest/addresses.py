"""Which hosts a URL fetch may reach: every address a host resolves to must be public.

Private (10/8, 172.16/12, 192.168/16, fc00::/7), loopback (127/8, ::1), link-local
(169.254/16 with the cloud metadata endpoint, fe80::/10), multicast, reserved and unspecified
addresses are refused unless ``allow_private_addresses`` is set; an IPv4 address mapped into IPv6
(``::ffff:127.0.0.1``) is judged as the IPv4 address it carries.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Sequence

from tolls.errors import ErrorCode, IngestError

__all__ = ["Resolver", "check_host", "is_public", "resolve_host"]

Resolver = Callable[[str, int], Sequence[str]]
"""``(host, port) -> addresses``: how a host name becomes IP addresses (injectable for tests)."""


def resolve_host(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to, through the system resolver."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 form carries, which a router may reach on its behalf: mapped
    (::ffff:a.b.c.d), 6to4 (2002:aabb:ccdd::), Teredo (2001::/32, server and client), NAT64."""
    out: list[ipaddress.IPv4Address] = []
    if ip.ipv4_mapped is not None:
        out.append(ip.ipv4_mapped)
    if ip.sixtofour is not None:
        out.append(ip.sixtofour)
    if ip.teredo is not None:
        out.extend(ip.teredo)
    if ip in _NAT64:
        out.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return out


def _global(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_unspecified)


def is_public(address: str) -> bool:
    """True when ``address`` is a global unicast address and, for an IPv6 form that embeds an IPv4
    address (mapped, 6to4, Teredo, NAT64), when every embedded address is global too."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(ip)
        if embedded:
            return all(_global(v4) for v4 in embedded)
    return _global(ip)


def check_host(host: str, port: int, *, source: str, allow_private: bool, resolver: Resolver) -> list[str]:
    """The addresses of ``host`` after checking each; raises E315 (refused) or E316 (unresolvable)."""
    literal = True
    try:
        addresses = [str(ipaddress.ip_address(host))]
    except ValueError:
        literal = False
        try:
            addresses = list(resolver(host, port))
        except (OSError, UnicodeError) as exc:
            raise IngestError(
                ErrorCode.E316, source=source, reason=f"cannot resolve {host!r}: {exc}"
            ) from exc
    if not addresses:
        raise IngestError(ErrorCode.E316, source=source, reason=f"{host!r} resolves to no address")
    if not allow_private:
        for address in addresses:
            if not is_public(address):
                # A name's resolved address is not shown: the error can reach readers of the API
                # (a watch source's last error), and internal addresses are nobody's business.
                shown = f" ({address})" if literal else ""
                raise IngestError(ErrorCode.E315, source=source, address=shown)
    return addresses
