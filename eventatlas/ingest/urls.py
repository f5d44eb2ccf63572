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


def is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def canonical_url(url: str | None) -> str | None:
    """Lower-case scheme and host, no default port, no fragment, no tracking parameters, the
    remaining parameters sorted, no trailing slash on a non-root path. Not a URL: returned stripped."""
    if not url or not url.strip():
        return None
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in _DEFAULT_PORTS or not parts.hostname:
        return url
    scheme = parts.scheme.lower()
    host = parts.hostname.lower().rstrip(".")
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
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )


def private_address_reason(url: str) -> str | None:
    """Why fetching ``url`` would reach a private, loopback or link-local address (None if it
    would not). Every address the host resolves to is checked, since any may be used."""
    host = urlsplit(url).hostname
    if not host:
        return "no host in URL"
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except socket.gaierror as error:
        return f"cannot resolve host {host} ({error.strerror or error})"
    for info in infos:
        address = info[4][0].split("%", 1)[0]
        if not is_public_address(address):
            return f"refusing to fetch {host}: it resolves to the non-public address {address} (use --allow-private)"
    return None
