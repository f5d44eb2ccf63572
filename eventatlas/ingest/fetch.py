"""Fetch a web page or feed over HTTP(S), politely and safely.

httpx with timeouts, a size cap, retries with exponential backoff on network errors and on
429/5xx answers, and a user agent that says who is asking. Private, loopback and link-local
addresses are refused unless ``allow_private``, so a URL list or a feed cannot make the ingest
probe a local network: every redirect hop is checked, and the connection is made to the very
address that was checked (a second DNS answer, as in DNS rebinding, is never used). A feed fetched again by the
same Fetcher (``--follow``) is asked for with its ETag/Last-Modified, so an unchanged feed costs
the server a 304.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urljoin

import httpcore
import httpx

from eventatlas import __version__
from eventatlas.errors import InputError
from eventatlas.ingest.read import MAX_INPUT_BYTES
from eventatlas.ingest.urls import NonPublicAddress, is_url, private_address_reason, public_addresses

USER_AGENT = f"EventAtlas/{__version__} (news event extraction; +https://pypi.org/project/eventatlas/)"
RETRY_STATUSES = {429, 500, 502, 503, 504}
MAX_REDIRECTS = 5
FEED_TYPES = {
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
}
MAX_REMEMBERED_FEED = 2 * 1024 * 1024


@dataclass
class Fetched:
    url: str  # after redirects
    content: bytes
    content_type: str


class Fetcher:
    """One HTTP client for a whole ingest (connections are reused); thread-safe."""

    def __init__(
        self,
        *,
        allow_private: bool = False,
        timeout: float = 15.0,
        max_bytes: int = MAX_INPUT_BYTES,
        retries: int = 3,
        backoff: float = 1.0,
        user_agent: str = USER_AGENT,
    ):
        self.allow_private = allow_private
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.retries = retries
        self.backoff = backoff
        self._feeds: dict[
            str, tuple[str | None, str | None, Fetched]
        ] = {}  # url -> ETag, Last-Modified, body
        self.client = httpx.Client(
            timeout=httpx.Timeout(timeout),
            headers={
                "User-Agent": user_agent,
                "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5",
            },
            follow_redirects=False,  # followed by hand, so each hop's address is checked
            transport=_transport(allow_private),
        )

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def fetch(self, url: str) -> Fetched:
        """The body of ``url``; InputError naming the URL when it cannot be had."""
        if not is_url(url):
            raise InputError(url, "not an http(s) URL")
        attempt = 0
        while True:
            try:
                return self._fetch_following_redirects(url)
            except _Retryable as error:
                attempt += 1
                if attempt > self.retries:
                    raise InputError(url, f"{error.reason} (gave up after {attempt} attempts)") from None
                delay = (
                    error.retry_after if error.retry_after is not None else self.backoff * 2 ** (attempt - 1)
                )
                time.sleep(min(delay, 60.0))

    def _fetch_following_redirects(self, url: str) -> Fetched:
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            if not self.allow_private:
                reason = private_address_reason(current)
                if reason:
                    raise InputError(url, reason)
            cached = self._feeds.get(current)
            headers = {}
            if cached is not None:
                # A feed polled again (--follow): ask only for changes.
                headers = {
                    k: v for k, v in (("If-None-Match", cached[0]), ("If-Modified-Since", cached[1])) if v
                }
            try:
                with self.client.stream("GET", current, headers=headers) as response:
                    if response.status_code == 304 and cached is not None:
                        return cached[2]
                    if response.is_redirect:
                        location = response.headers.get("location")
                        if not location:
                            raise InputError(url, f"HTTP {response.status_code} redirect without a Location")
                        current = urljoin(current, location)
                        continue
                    if response.status_code in RETRY_STATUSES:
                        raise _Retryable(
                            f"HTTP {response.status_code} {response.reason_phrase}", _retry_after(response)
                        )
                    if response.status_code >= 400:
                        raise InputError(url, f"HTTP {response.status_code} {response.reason_phrase}")
                    content = self._read_capped(url, response)
                    fetched = Fetched(
                        url=str(response.url),
                        content=content,
                        content_type=response.headers.get("content-type", ""),
                    )
                    self._remember_feed(current, response, fetched)
                    return fetched
            except NonPublicAddress as error:
                raise InputError(url, str(error)) from None
            except httpx.TimeoutException:
                raise _Retryable(f"timed out after {self.timeout:g} s", None) from None
            except httpx.TransportError as error:
                raise _Retryable(f"network error ({type(error).__name__}: {error})", None) from None
        raise InputError(url, f"more than {MAX_REDIRECTS} redirects")

    def _remember_feed(self, url: str, response: httpx.Response, fetched: Fetched) -> None:
        # Only feeds (small, polled again and again), so memory stays bounded by the feed list.
        validators = (response.headers.get("etag"), response.headers.get("last-modified"))
        kind = fetched.content_type.split(";")[0].strip().lower()
        if any(validators) and kind in FEED_TYPES and len(fetched.content) <= MAX_REMEMBERED_FEED:
            self._feeds[url] = (*validators, fetched)

    def _read_capped(self, url: str, response: httpx.Response) -> bytes:
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            raise InputError(url, f"too large ({int(declared)} bytes; the limit is {self.max_bytes})")
        deadline = time.monotonic() + 4 * self.timeout  # a server dripping bytes cannot hold us forever
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise InputError(url, f"too large (over the limit of {self.max_bytes} bytes)")
            if time.monotonic() > deadline:
                raise _Retryable(f"download took longer than {4 * self.timeout:g} s", None)
            chunks.append(chunk)
        return b"".join(chunks)


class _CheckedAddressBackend(httpcore.SyncBackend):
    """Resolves the host once, refuses it unless every address is public, and connects to one
    of those checked addresses (TLS still verifies the certificate against the host name)."""

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        try:
            addresses = public_addresses(host, port)
        except OSError as error:
            raise httpcore.ConnectError(f"cannot resolve host {host} ({error})") from None
        failure: Exception | None = None
        for address in dict.fromkeys(addresses):
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as error:
                failure = error
        raise failure or httpcore.ConnectError(f"no address for {host}")


def _transport(allow_private: bool) -> httpx.HTTPTransport:
    transport = httpx.HTTPTransport()
    if not allow_private:
        # httpx has no public hook for the network backend; its pool's attribute is the one place.
        transport._pool._network_backend = _CheckedAddressBackend()
    return transport


class _Retryable(Exception):
    def __init__(self, reason: str, retry_after: float | None):
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after", "")
    return float(value) if value.strip().isdigit() else None
