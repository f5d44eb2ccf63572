"""Canonical URLs (one spelling per page, so the same article fetched twice is stored once) and
the address check that keeps the fetcher away from private networks."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that only track the reader; removing them leaves the same page.
_TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "hsa_")
_TRACKING_NAMES = {
    "fbclid",
    "gclid",
    "dclid",
    "msclkid",
    "yclid",
    "igshid",
    "ref_src",
    "cmpid",
    "ocid",
    "at_medium",
    "at_campaign",
}
_DEFAULT_PORTS = {"http": 80, "https": 443}
_NEVER_IN_URLS = ("\x00", "\n", "\r", "\t", " ")  # a URL with these is damaged, not a page
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
# Local-use NAT64 (RFC 8215) translates to addresses of the operator's own network, wherever in
# the address the IPv4 part sits: never a public destination.
_LOCAL_NAT64 = ipaddress.ip_network("64:ff9b:1::/48")


def is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def canonical_url(url: str | None) -> str | None:
    """Lower-case scheme and host, no default port, no fragment, no tracking parameters, the
    remaining parameters sorted, no trailing slash on a non-root path. None for anything that is
    not a well-formed http(s) URL: ``javascript:``, ``data:`` or ``http://[::1`` is never stored."""
    if not url or not url.strip():
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
        hostname = parts.hostname
    except ValueError:  # an unclosed IPv6 bracket, a bad port
        return None
    if parts.scheme.lower() not in _DEFAULT_PORTS or not hostname or any(c in url for c in _NEVER_IN_URLS):
        return None
    scheme = parts.scheme.lower()
    host = hostname.lower().rstrip(".")
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    query = urlencode(
        sorted(
            (key, value)
            for key, value in parse_qsl(parts.query, keep_blank_values=True)
            if not key.lower().startswith(_TRACKING_PREFIXES) and key.lower() not in _TRACKING_NAMES
        )
    )
    path = parts.path or "/"
    if len(path) > 1 and path.endswith("/"):
        path = path.rstrip("/") or "/"
    return urlunsplit((scheme, netloc, path, query, ""))


def is_public_address(address: str) -> bool:
    """True for an address on the public internet. Shared address space (100.64.0.0/10, where
    some clouds keep their metadata service), and IPv6 addresses that embed a non-public IPv4
    one (IPv4-mapped, 6to4, Teredo, NAT64), are not public."""
    ip = ipaddress.ip_address(address)
    if not ip.is_global or ip.is_multicast or ip in _LOCAL_NAT64:
        return False
    return all(is_public_address(str(inner)) for inner in _embedded_ipv4(ip))


def _embedded_ipv4(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    if not isinstance(ip, ipaddress.IPv6Address):
        return []
    embedded = [ip.ipv4_mapped, ip.sixtofour, *(ip.teredo or ())]
    if ip in _NAT64:
        embedded.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return [inner for inner in embedded if inner is not None]


def public_addresses(host: str, port: int | None = None) -> list[str]:
    """Every address ``host`` resolves to, after checking that all are public: raises
    ``NonPublicAddress`` naming the first that is not, ``OSError`` when the name does not resolve."""
    infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    addresses = [info[4][0].split("%", 1)[0] for info in infos]
    for address in addresses:
        if not is_public_address(address):
            raise NonPublicAddress(host, address)
    return addresses


class NonPublicAddress(Exception):
    def __init__(self, host: str, address: str):
        super().__init__(
            f"refusing to fetch {host}: it resolves to the non-public address {address} (use --allow-private)"
        )
        self.host = host
        self.address = address


def private_address_reason(url: str) -> str | None:
    """Why fetching ``url`` would reach a private, loopback or link-local address (None if it
    would not). Every address the host resolves to is checked, since any may be used."""
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return "malformed URL"
    if not host:
        return "no host in URL"
    try:
        public_addresses(host)
    except NonPublicAddress as error:
        return str(error)
    except OSError as error:
        return f"cannot resolve host {host} ({getattr(error, 'strerror', None) or error})"
    return None
