"""A simulated dashboard viewer: what a phone's browser does with a Voila page, without a browser.

It GETs the page (gzip accepted, as every browser does), then the page's static assets (the list a
real Chromium fetched for the same page, see viewers_bench.chromium_visit), with a browser's cache
rules for a repeat visit (fresh by max-age: no request; else a conditional request), asks for the
kernel, opens the kernel's websocket (offering permessage-deflate, as Chromium does), asks the
widget manager for every widget's state (ipywidgets 8 ``request_states``), reports a view of each
``Play`` widget (as the front end does when it renders one) and then plays them: every
``interval`` ms it sends the next ``value``, as the Play view's timer would. On close it sends
Voila's shutdown request, as the page's ``beforeunload`` does (without an XSRF token, as the page
does).

Used by the viewer benchmarks (bench/arrivals.py, bench/bursts_bench.py) and by the tests of the
viewer bugs (tests/serving/test_viewer_kernels.py).
Only ever talks to 127.0.0.1.
"""

import asyncio
import gzip
import json
import re
import time
import uuid
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from tornado import httpclient, websocket

CONFIG = re.compile(r'<script id="jupyter-config-data" type="application/json">\s*(\{.*?\})\s*</script>', re.S)
BROWSER_CONNECTIONS = 6  # a browser fetches at most six files at once from one host


def _header_bytes(headers):
    return sum(len(k) + len(v) + 4 for k, v in headers.get_all()) + 20


class Cache:
    """A browser's HTTP cache, as far as a repeat visit needs: fresh or revalidate."""

    def __init__(self):
        self.entries = {}

    def lookup(self, url, now):
        entry = self.entries.get(url)
        if entry is None:
            return None, {}
        fresh_until, etag, modified = entry
        if fresh_until and now < fresh_until:
            return "fresh", {}
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        return "stale", headers

    def store(self, url, response, now):
        control = response.headers.get("Cache-Control", "")
        if "no-store" in control:
            return
        fresh_until = 0
        match = re.search(r"max-age=(\d+)", control)
        if match and "no-cache" not in control:
            fresh_until = now + int(match.group(1))
        elif not control and response.headers.get("Last-Modified"):
            # Browsers' heuristic freshness: 10% of the time since the file last changed.
            try:
                age = now - parsedate_to_datetime(response.headers["Last-Modified"]).timestamp()
                fresh_until = now + 0.1 * max(0, age)
            except (TypeError, ValueError):
                pass
        etag, modified = response.headers.get("Etag"), response.headers.get("Last-Modified")
        if fresh_until or etag or modified:
            self.entries[url] = (fresh_until, etag, modified)


@dataclass
class Visit:
    page: str
    started: float = 0.0
    content_at: float = 0.0  # every widget's state received: the page can draw
    page_bytes: int = 0  # the page's HTML, on the wire
    asset_bytes: int = 0  # its static files, on the wire (with headers)
    asset_requests: int = 0
    ws_in: int = 0  # websocket bytes on the wire, received / sent
    ws_out: int = 0
    msgs_in: int = 0
    msgs_out: int = 0
    ws_at_content: int = 0  # websocket bytes (both ways, on the wire) until content
    kernel_id: str = ""
    error: str = ""
    states: dict = field(default_factory=dict)
    seen: dict = field(default_factory=dict)  # marker -> when a widget update carrying it arrived

    @property
    def http_bytes(self):
        return self.page_bytes + self.asset_bytes

    @property
    def content_seconds(self):
        return self.content_at - self.started if self.content_at else None


class Viewer:
    """One phone. ``await viewer.open()`` loads the page until it has content; the widget ticks
    then run in the background until ``await viewer.close()``."""

    def __init__(self, base, page, token, assets=(), cache=None, markers=(), ws_compression=True, timeout=300):
        self.base, self.page, self.token = base.rstrip("/"), page, token
        self.assets, self.cache = list(assets), cache
        self.markers = list(markers)
        self.ws_compression, self.timeout = ws_compression, timeout
        self.http = httpclient.AsyncHTTPClient(force_instance=True, max_clients=BROWSER_CONNECTIONS)
        self.visit = Visit(page)
        self.ws = None
        self._tasks = []
        self._plays = {}  # comm id -> state of a Play widget
        self._states_event = asyncio.Event()
        self.session = uuid.uuid4().hex

    @staticmethod
    def kernel_id_of(body):
        match = CONFIG.search(body.decode("utf-8", "replace"))
        if not match:
            raise RuntimeError("no kernel in the page")
        return json.loads(match.group(1))["kernelId"]

    def url(self, path):
        sep = "&" if "?" in path else "?"
        return f"{self.base}{path}{sep}token={self.token}"

    async def _get(self, path, cacheable=True):
        """GET as a browser would; returns (status, body bytes decoded, wire bytes)."""
        url = self.url(path)
        headers = {"Accept-Encoding": "gzip, deflate"}
        now = time.time()
        if cacheable and self.cache is not None:
            state, conditional = self.cache.lookup(path, now)
            if state == "fresh":
                return 200, b"", 0
            headers.update(conditional)
        response = await self.http.fetch(
            url,
            headers=headers,
            decompress_response=False,
            raise_error=False,
            request_timeout=self.timeout,
            connect_timeout=self.timeout,  # a browser waits minutes for a busy server, not tornado's 20 s
        )
        wire = len(response.body or b"") + _header_bytes(response.headers)
        body = response.body or b""
        if response.headers.get("Content-Encoding") == "gzip" and body:
            body = gzip.decompress(body)
        if cacheable and self.cache is not None and response.code in (200, 304):
            self.cache.store(path, response, now)
        return response.code, body, wire

    async def open(self):
        v = self.visit
        v.started = time.monotonic()
        try:
            code, body, wire = await self._get(f"/voila/render/{self.page}", cacheable=False)
            v.page_bytes = wire
            if code != 200:
                raise RuntimeError(f"page answered {code}")
            v.kernel_id = self.kernel_id_of(body)
            await self._fetch_assets()
            await self._get(f"/api/kernels/{v.kernel_id}?{int(time.time() * 1000)}", cacheable=False)
            await self._connect()
            await asyncio.wait_for(self._states_event.wait(), self.timeout)
            v.content_at = time.monotonic()
            v.ws_at_content = sum(self.wire_bytes())
            self._report_views()
        except Exception as err:  # noqa: BLE001 - a viewer's failure is a measurement
            v.error = f"{type(err).__name__}: {err}"
        return v

    async def _fetch_assets(self):
        queue = asyncio.Queue()
        for path in self.assets:
            queue.put_nowait(path)

        async def worker():
            while not queue.empty():
                path = queue.get_nowait()
                _, _, wire = await self._get(path)
                if wire:
                    self.visit.asset_bytes += wire
                    self.visit.asset_requests += 1

        await asyncio.gather(*(worker() for _ in range(BROWSER_CONNECTIONS)))

    async def _connect(self):
        base = urlsplit(self.base)
        url = (
            f"ws://{base.netloc}/api/kernels/{self.visit.kernel_id}/channels"
            f"?session_id={self.session}&token={self.token}"
        )
        # The upgrade request waits as long as the page did (tornado's default is 20 s; a browser
        # waits minutes for a busy server).
        request = httpclient.HTTPRequest(url, connect_timeout=self.timeout, request_timeout=self.timeout)
        self.ws = await websocket.websocket_connect(request, compression_options={} if self.ws_compression else None)
        self._tasks.append(asyncio.ensure_future(self._read()))
        self._send("shell", "kernel_info_request", {})
        self.control = uuid.uuid4().hex
        self._send(
            "shell",
            "comm_open",
            {"comm_id": self.control, "target_name": "jupyter.widget.control", "data": {}},
            metadata={"version": "1.0.0"},
        )
        self._send("shell", "comm_msg", {"comm_id": self.control, "data": {"method": "request_states"}})

    def _send(self, channel, msg_type, content, metadata=None):
        msg = {
            "header": {
                "msg_id": uuid.uuid4().hex,
                "msg_type": msg_type,
                "username": "viewer",
                "session": self.session,
                "date": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime()),
                "version": "5.3",
            },
            "parent_header": {},
            "metadata": metadata or {},
            "content": content,
            "channel": channel,
            "buffers": [],
        }
        self.ws.write_message(json.dumps(msg))
        self.visit.msgs_out += 1

    def _update(self, comm_id, state):
        self._send(
            "shell", "comm_msg", {"comm_id": comm_id, "data": {"method": "update", "state": state, "buffer_paths": []}}
        )

    async def _read(self):
        while True:
            raw = await self.ws.read_message()
            if raw is None:
                return
            self.visit.msgs_in += 1
            if isinstance(raw, bytes):
                continue
            msg = json.loads(raw)
            if msg.get("msg_type") != "comm_msg":
                continue
            data = msg["content"].get("data", {})
            method = data.get("method")
            if method == "update_states":
                self.visit.states = data.get("states", {})
                for comm_id, model in self.visit.states.items():
                    if model.get("model_name") == "PlayModel":
                        self._plays[comm_id] = dict(model.get("state", {}))
                self._states_event.set()
            elif method in ("update", "echo_update"):
                state = data.get("state", {})
                comm_id = msg["content"]["comm_id"]
                if comm_id in self._plays and method == "update":
                    self._plays[comm_id].update(state)
                if self.markers:
                    text = json.dumps(state)
                    for marker in self.markers:
                        if marker in text and marker not in self.visit.seen:
                            self.visit.seen[marker] = time.monotonic()

    def _report_views(self):
        for comm_id, state in self._plays.items():
            if state.get("_view_count") is not None:
                self._update(comm_id, {"_view_count": 1})
            self._tasks.append(asyncio.ensure_future(self._play(comm_id)))

    async def _play(self, comm_id):
        """The Play view's timer: while ``playing``, the next value every ``interval`` ms."""
        while True:
            state = self._plays[comm_id]
            await asyncio.sleep(max(0.05, state.get("interval", 1000) / 1000))
            state = self._plays[comm_id]
            if state.get("playing") and self.ws is not None:
                value = state.get("value", 0) + state.get("step", 1)
                if value > state.get("max", 100):
                    value = state.get("min", 0) if state.get("repeat") else state.get("max", 100)
                state["value"] = value
                self._update(comm_id, {"value": value})

    def wire_bytes(self):
        if self.ws is None or self.ws.protocol is None:
            return self.visit.ws_in, self.visit.ws_out
        return self.ws.protocol._wire_bytes_in, self.ws.protocol._wire_bytes_out

    async def close(self, shutdown=True):
        if self.ws is not None:
            self.visit.ws_in, self.visit.ws_out = self.wire_bytes()
        for task in self._tasks:
            task.cancel()
        if self.ws is not None:
            self.ws.close()
            self.ws = None
        if shutdown and self.visit.kernel_id:
            try:
                await self.http.fetch(
                    self.url(f"/voila/api/shutdown/{self.visit.kernel_id}"),
                    method="POST",
                    body=b"",
                    raise_error=False,
                    request_timeout=30,
                )
            except Exception:  # noqa: BLE001 - the page is gone either way
                pass
        self.http.close()
