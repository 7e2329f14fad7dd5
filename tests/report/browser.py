#!/usr/bin/env python3
"""Open a page in headless Chromium and tell whether it rendered cleanly:
every image loaded, no console error, no uncaught exception, no failed
load. Standard library only.

Chromium is driven through the DevTools protocol over a pipe
(`--remote-debugging-pipe`: commands on its fd 3, replies and events on
its fd 4, NUL-separated JSON), so nothing listens on a port and nothing is
added to the page. Everything the page logs is seen, including errors
raised before any script of the page could run (a failed image load is a
Log entry and a Network.loadingFailed event).

Usage: browser.py PAGE [--expect-images N]
Prints one JSON object (images, broken, errors); exit 0 when clean, 1 when
not, 2 when Chromium cannot be run (with the reason on stderr).
"""
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time

TIMEOUT = 90.0
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
         "--remote-debugging-pipe"]
IMAGES_JS = ("JSON.stringify(Array.from(document.images).map(function (i) "
             "{ return {src: i.getAttribute('src'), complete: i.complete, "
             "width: i.naturalWidth}; }))")


def chromium():
    """The Chromium executable, or None."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


class Browser:
    """One Chromium process and the protocol over its pipe."""

    def __init__(self, exe, profile):
        to_child_r, self.to_child = os.pipe()
        self.from_child, from_child_w = os.pipe()

        def plumb():
            # Copies first: a pipe end may already be fd 3 or 4, and
            # dup2 onto itself would keep its close-on-exec flag.
            reader, writer = os.dup(to_child_r), os.dup(from_child_w)
            os.dup2(reader, 3)
            os.dup2(writer, 4)
        self.log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(
            [exe] + FLAGS + ["--user-data-dir=" + profile, "about:blank"],
            stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log,
            preexec_fn=plumb, close_fds=False)
        os.close(to_child_r)
        os.close(from_child_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        self.deadline = time.time() + TIMEOUT

    def _read(self):
        """One message from the pipe (blocking up to the deadline)."""
        while b"\0" not in self.buffer:
            left = self.deadline - time.time()
            if left <= 0:
                raise TimeoutError("no answer from chromium in %ds"
                                   % TIMEOUT)
            ready, _, _ = select.select([self.from_child], [], [], left)
            if not ready:
                continue
            chunk = os.read(self.from_child, 65536)
            if not chunk:
                raise EOFError("chromium closed its pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message.decode("utf-8"))

    def call(self, method, params=None, session=None):
        """Send a command and wait for its reply; events are kept."""
        self.next_id += 1
        message = {"id": self.next_id, "method": method,
                   "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_child, json.dumps(message).encode("utf-8") + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError("%s: %s" % (method, reply["error"]))
                return reply.get("result", {})
            self.events.append(reply)

    def wait_event(self, method, session):
        """Wait for an event of this session (kept with the others)."""
        for event in self.events:
            if event.get("method") == method and \
                    event.get("sessionId") == session:
                return event
        while True:
            event = self._read()
            self.events.append(event)
            if event.get("method") == method and \
                    event.get("sessionId") == session:
                return event

    def close(self):
        """Ask politely, then make sure."""
        try:
            self.call("Browser.close")
        except (OSError, EOFError, TimeoutError, RuntimeError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for fd in (self.to_child, self.from_child):
            try:
                os.close(fd)
            except OSError:
                pass


def problems(events):
    """Console errors, exceptions, error log entries and failed loads."""
    found = []
    for event in events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.consoleAPICalled" and \
                params.get("type") in ("error", "assert"):
            found.append("console.%s: %s" % (params["type"], " ".join(
                str(a.get("value", a.get("description", "")))
                for a in params.get("args", []))))
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            found.append("exception: %s" % details.get(
                "exception", {}).get("description", details.get("text")))
        elif method == "Log.entryAdded" and \
                params.get("entry", {}).get("level") == "error":
            entry = params["entry"]
            found.append("log: %s %s" % (entry.get("text"),
                                         entry.get("url", "")))
        elif method == "Network.loadingFailed":
            found.append("load failed: %s" % params.get("errorText"))
    return found


def check(page):
    """{images, broken, errors} of one page."""
    exe = chromium()
    if exe is None:
        raise FileNotFoundError("chromium is not installed (apt-get install "
                                "chromium)")
    url = "file://" + os.path.abspath(page)
    with tempfile.TemporaryDirectory() as profile:
        browser = Browser(exe, profile)
        try:
            target = browser.call("Target.createTarget",
                                  {"url": "about:blank"})["targetId"]
            session = browser.call("Target.attachToTarget",
                                   {"targetId": target,
                                    "flatten": True})["sessionId"]
            for domain in ("Runtime", "Log", "Page", "Network"):
                browser.call(domain + ".enable", session=session)
            browser.call("Page.navigate", {"url": url}, session=session)
            browser.wait_event("Page.loadEventFired", session)
            images = json.loads(browser.call(
                "Runtime.evaluate", {"expression": IMAGES_JS,
                                     "returnByValue": True},
                session=session)["result"]["value"])
            title = browser.call("Runtime.evaluate",
                                 {"expression": "document.title",
                                  "returnByValue": True},
                                 session=session)["result"]["value"]
        finally:
            browser.close()
    broken = [i["src"] for i in images if not i["complete"] or
              not i["width"]]
    return {"page": page, "title": title, "images": len(images),
            "broken": broken, "errors": problems(browser.events)}


def main(argv):
    """Check one page; the exit code says whether it was clean."""
    if not argv:
        print("usage: browser.py PAGE [--expect-images N]", file=sys.stderr)
        return 2
    want = None
    if len(argv) >= 3 and argv[1] == "--expect-images":
        want = int(argv[2])
    try:
        result = check(argv[0])
    except (OSError, EOFError, TimeoutError, RuntimeError) as err:
        print("browser.py: %s" % err, file=sys.stderr)
        return 2
    print(json.dumps(result, indent=1))
    clean = not result["broken"] and not result["errors"] and \
        result["images"] > 0 and (want is None or result["images"] == want)
    return 0 if clean else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
