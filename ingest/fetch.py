"""Fetch an http(s) article safely: timeouts, size cap, type check, and no private addresses."""

from __future__ import annotations

import ipaddress
import socket
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from knowledge.errors import IngestError

MAX_REDIRECTS = 3
USER_AGENT = "career-article-assistant/0.1 (ingests articles and the sources they cite)"
ALLOWED_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "txt",
    "text/markdown": "md",
    "text/x-markdown": "md",
    "application/pdf": "pdf",
}
PIECE = 64 * 1024  # decoders hand out at most this many bytes at a time
_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_METADATA = {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")}


@dataclass
class Fetched:
    url: str
    kind: str
    data: bytes
    etag: str = ""
    last_modified: str = ""
    not_modified: bool = False  # a conditional request answered 304: `data` is empty
    charset: str | None = None  # as declared by the Content-Type header


class FetchError(IngestError):
    """A URL that could not be fetched; `status` is the short reason ("HTTP 403", ...)."""

    def __init__(self, message: str, status: str, network: bool = False) -> None:
        super().__init__(message)
        self.status = status
        self.network = network  # the host could not be reached at all
        self.url = ""  # the request (redirects included) that failed, set by `fetch`


def normalize_url(url: str) -> str:
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:  # an IPv6 literal keeps its brackets, or the port would merge into it
        host = f"[{host}]"
    port = f":{parts.port}" if parts.port and parts.port not in (80, 443) else ""
    return urlunsplit((scheme, host + port, parts.path or "/", parts.query, ""))


def _blocked_reason(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if ip in _METADATA:
        return "a cloud metadata address"
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_link_local:
        return "a link-local address"
    if isinstance(ip, ipaddress.IPv4Address) and ip in _CGNAT:
        return "a CGNAT address"
    if ip.is_private or ip.is_reserved or ip.is_multicast or ip.is_unspecified:
        return "a private or reserved address"
    if not ip.is_global:  # benchmarking, documentation and other special-purpose ranges
        return "a non-public address"
    return None


def check_host(url: str, allow_private: bool, allowed_networks: tuple[str, ...] = ()) -> str:
    """Resolve the host and refuse it if any address is internal (unless explicitly allowed).

    Returns the address to connect to, so the connection goes where the check looked (a second
    DNS answer cannot point it somewhere else).
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(
            f"unsupported URL scheme {parts.scheme!r}: only http and https URLs can be ingested",
            f"unsupported URL scheme {parts.scheme!r}",
        )
    host = parts.hostname
    if not host:
        raise FetchError(f"URL has no host: {url}", "URL has no host")
    try:
        infos = socket.getaddrinfo(host, parts.port or 443, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(
            f"cannot resolve host {host!r}: {exc}",
            f"network unreachable (cannot resolve {host})",
            network=True,
        ) from None
    if not infos:
        raise FetchError(
            f"cannot resolve host {host!r}: no addresses",
            f"network unreachable (cannot resolve {host})",
            network=True,
        )
    first = infos[0][4][0].split("%")[0]
    if allow_private:
        return first
    allowed = [ipaddress.ip_network(n, strict=False) for n in allowed_networks]
    for info in infos:
        ip = ipaddress.ip_address(info[4][0].split("%")[0])
        reason = _blocked_reason(ip)
        if reason and not any(ip in net for net in allowed if ip.version == net.version):
            raise FetchError(
                f"refused {url}: {host} resolves to {ip}, {reason}; pass --allow-private-urls "
                "(ASSISTANT_ALLOW_PRIVATE_URLS=1) or list the network in "
                "ASSISTANT_ALLOWED_NETWORKS only if you trust it",
                f"refused: {host} is {reason}",
            )
    return first


def _pinned(url: str, ip: str) -> tuple[str, dict, dict]:
    """The URL aimed at the checked address, with the Host header and TLS name of the original."""
    parts = urlsplit(url)
    host = f"[{ip}]" if ":" in ip else ip
    netloc = f"{host}:{parts.port}" if parts.port else host
    host_header = parts.netloc.rsplit("@", 1)[-1]
    extensions = {"sni_hostname": parts.hostname} if parts.scheme == "https" else {}
    return urlunsplit(parts._replace(netloc=netloc)), {"Host": host_header}, extensions


def fetch(
    url: str,
    *,
    timeout: float,
    max_bytes: int,
    allow_private: bool = False,
    allowed_networks: tuple[str, ...] = (),
    conditional: dict[str, str] | None = None,
    connect_timeout: float | None = None,
    before_request: Callable[[str], None] | None = None,
) -> Fetched:
    """Download one article, following at most three redirects, each checked like the first.

    `conditional` holds If-None-Match / If-Modified-Since headers: a 304 answer returns a
    Fetched with `not_modified` set and no body. `before_request(url)` runs before every
    request, redirects included, once the address is checked; it may wait or raise FetchError.
    """
    current = _valid(url)
    deadline = time.monotonic() + timeout
    limits = httpx.Timeout(timeout, connect=min(timeout, connect_timeout or timeout))
    with httpx.Client(timeout=limits, follow_redirects=False, trust_env=False) as c:
        for _hop in range(MAX_REDIRECTS + 1):
            try:
                ip = check_host(current, allow_private, allowed_networks)
                if before_request is not None:
                    before_request(current)
            except FetchError as exc:
                exc.url = exc.url or current
                raise
            target, headers, extensions = _pinned(current, ip)
            headers["Accept"] = ", ".join(ALLOWED_TYPES)
            headers["User-Agent"] = USER_AGENT
            headers.update(conditional or {})
            try:
                with c.stream("GET", target, headers=headers, extensions=extensions) as r:
                    if r.status_code == 304 and conditional:
                        return Fetched(current, "", b"", not_modified=True)
                    if r.is_redirect:
                        location = r.headers.get("location")
                        if not location:
                            raise FetchError(
                                f"{current} redirected without a Location header",
                                "redirect without a Location header",
                            )
                        current = _valid(urljoin(current, location))
                        continue
                    if r.status_code >= 400:
                        raise FetchError(
                            f"{current} answered HTTP {r.status_code}", f"HTTP {r.status_code}"
                        )
                    ctype = r.headers.get("content-type", "").split(";")[0].strip().lower()
                    kind = ALLOWED_TYPES.get(ctype)
                    if kind is None:
                        raise FetchError(
                            f"{current} has content type {ctype or 'unknown'!r}; "
                            "only HTML, plain text, Markdown and PDF can be ingested",
                            f"not an article (content type {ctype or 'unknown'})",
                        )
                    declared = r.headers.get("content-length")
                    if declared and declared.isdigit() and int(declared) > max_bytes:
                        raise _too_big(current, max_bytes)
                    body = bytearray()
                    for piece in decoded(r.iter_raw(PIECE), r.headers.get("content-encoding")):
                        body.extend(piece)
                        if len(body) > max_bytes:
                            raise _too_big(current, max_bytes)
                        if time.monotonic() > deadline:
                            raise FetchError(
                                f"{current} took longer than {timeout:g}s to send",
                                f"timed out after {timeout:g}s",
                            )
                    return Fetched(
                        current,
                        kind,
                        bytes(body),
                        etag=r.headers.get("etag", "")[:200],
                        last_modified=r.headers.get("last-modified", "")[:100],
                        charset=_charset(r.headers),
                    )
            except httpx.ConnectTimeout:
                raise FetchError(
                    f"could not connect to {current} within {limits.connect:g}s",
                    "network unreachable (connect timed out)",
                    network=True,
                ) from None
            except httpx.TimeoutException:
                raise FetchError(
                    f"{current} timed out after {timeout:g}s", f"timed out after {timeout:g}s"
                ) from None
            except httpx.ConnectError as exc:
                raise FetchError(
                    f"could not fetch {current}: {exc}",
                    "network unreachable (connection failed)",
                    network=True,
                ) from None
            except httpx.HTTPError as exc:
                raise FetchError(
                    f"could not fetch {current}: {exc}", f"fetch failed: {exc}"
                ) from None
    raise FetchError(
        f"{url} redirected more than {MAX_REDIRECTS} times",
        f"redirected more than {MAX_REDIRECTS} times",
    )


def _valid(url: str) -> str:
    try:
        return normalize_url(url)
    except ValueError as exc:  # a port out of range, a malformed IPv6 literal
        raise FetchError(f"{url} is not a valid URL: {exc}", "invalid URL") from None


def decoded(raw: Iterable[bytes], content_encoding: str | None) -> Iterator[bytes]:
    """The body with its Content-Encoding undone, in pieces of at most PIECE bytes.

    Each decoder is asked for a bounded amount of output at a time, so the caller can count
    decompressed bytes as they come: a small response that inflates to gigabytes ("gzip, gzip",
    "br") is stopped at the size cap instead of being expanded in memory first.
    """
    codings = [c.strip().lower() for c in (content_encoding or "").split(",") if c.strip()]
    stream: Iterable[bytes] = raw
    for coding in reversed(codings):  # the last coding applied is undone first
        if coding == "identity":
            continue
        if coding in ("gzip", "x-gzip", "deflate"):
            stream = _inflate(stream, coding)
        elif coding == "br":
            stream = _unbrotli(stream)
        else:
            raise FetchError(
                f"unsupported Content-Encoding {coding!r}; the server must send "
                "identity, gzip, deflate or br",
                f"unsupported Content-Encoding {coding!r}",
            )
    return iter(stream)


def _inflate(stream: Iterable[bytes], coding: str) -> Iterator[bytes]:
    # wbits 47: a gzip or zlib header, detected; deflate may also come raw (no header).
    def new():
        return zlib.decompressobj(47 if coding != "deflate" else 15)

    d, first = new(), True
    for data in stream:
        if first and coding == "deflate" and data and (data[0] & 0x0F) != 8:
            d = zlib.decompressobj(-15)
        first = False
        while data:
            try:
                out = d.decompress(data, PIECE)
            except zlib.error as exc:
                raise FetchError(
                    f"the response is not valid {coding} data ({exc})", f"invalid {coding} data"
                ) from None
            rest = d.unconsumed_tail
            if d.eof:  # a next gzip member may follow; anything else after the end is ignored
                rest = d.unused_data + rest
                if not rest.startswith(b"\x1f\x8b"):
                    rest = b""
                d = new()
            if out:
                yield out
            elif rest == data:
                break  # no progress: wait for more input
            data = rest


def _unbrotli(stream: Iterable[bytes]) -> Iterator[bytes]:
    import brotli

    d = brotli.Decompressor()
    try:
        for data in stream:
            out = d.process(data, output_buffer_limit=PIECE)
            while True:
                if out:
                    yield out
                if d.can_accept_more_data() or d.is_finished():
                    break
                out = d.process(b"", output_buffer_limit=PIECE)
    except brotli.error as exc:
        raise FetchError(f"the response is not valid br data ({exc})", "invalid br data") from None


def _charset(headers) -> str | None:
    for part in headers.get("content-type", "").split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")[:40]
    return None


def _too_big(url: str, max_bytes: int) -> FetchError:
    return FetchError(
        f"{url} is larger than the {max_bytes:,}-byte limit "
        "(raise ASSISTANT_MAX_SOURCE_BYTES to allow it)",
        f"larger than the {max_bytes:,}-byte limit",
    )
