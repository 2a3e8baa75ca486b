#!/usr/bin/env python3
"""The loading screen on a real pseudo-terminal: the TUI comes up first and shows the load
(a CPU profile being collected over HTTP, a debuginfod download), Ctrl-C stops it, and the
warnings of the load reach the TUI.

usage: loading.py PVIEW CASE SOURCE_DIR [FETCH_WORKDIR]   (loading.py PVIEW list  prints the cases)

The servers are the tests' own, on loopback ports they pick: tests/fetch/fetchsrv (built by
fetch.build into FETCH_WORKDIR) for the CPU profile, and for debuginfod either a small server
here that speaks its protocol (GET /buildid/ID/debuginfo) and sends the debug file slowly,
so that the download is on screen long enough to be seen, or Debian's debuginfod itself.
Python 3 standard library only.
"""

import http.server
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ptyterm  # noqa: E402
from ptyterm import Failure, Pview, check  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "testdata", "bad"))
import make as profiles  # noqa: E402  (the hand-written protobuf encoder of the bad-input set)

READY = b"q quit"  # end of the key hint on the last line: the TUI's first draw is done
BUILD_ID = "ca06442eedc0457bdafa942cf3e1db51913f21ba"  # testdata/symbolize/inl-pie
DEBUG_FILE = "testdata/symbolize/debug/.build-id/ca/06442eedc0457bdafa942cf3e1db51913f21ba.debug"


def screen_of(p):
    scr = ptyterm.Screen(p.lines, p.cols)
    scr.feed(bytes(p.out))
    return scr.text()


def wait_screen(p, regex, timeout=ptyterm.TIMEOUT):
    """Waits until a line of the screen (as a terminal shows it) matches regex; returns it."""
    deadline = time.monotonic() + timeout
    rx = re.compile(regex)
    while True:
        for row in screen_of(p):
            if rx.search(row):
                return row
        if time.monotonic() > deadline or p.status is not None:
            raise Failure("no line matching /%s/ on the screen:\n%s" % (regex, "\n".join(screen_of(p))))
        p._read(0.05)


# --- servers ------------------------------------------------------------------------------


def start_fetchsrv(ctx):
    srv = os.path.join(ctx["work"] or "", "fetchsrv")
    if not ctx["work"] or not os.access(srv, os.X_OK):
        raise Failure("no %s (fetch.build failed or was not run)" % srv)
    portfile = os.path.join(ctx["home"], "port")
    proc = subprocess.Popen([srv, "-portfile", portfile, "-lifetime", "50s"], stderr=subprocess.DEVNULL)
    ctx["servers"].append(proc)
    for _ in range(100):
        if os.path.exists(portfile) and os.path.getsize(portfile):
            return int(open(portfile).read())
        time.sleep(0.1)
    raise Failure("fetchsrv did not start")


class SlowDebuginfod(http.server.BaseHTTPRequestHandler):
    """GET /buildid/ID/debuginfo: the file of files[ID] in 8 pieces, 0.25 s apart; else 404."""
    files = {}
    requests = []

    def do_GET(self):  # noqa: N802 - the http.server name
        self.requests.append(self.path)
        m = re.fullmatch(r"/buildid/([0-9a-f]+)/debuginfo", self.path)
        data = self.files.get(m.group(1)) if m else None
        if data is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        step = (len(data) + 7) // 8
        try:
            for off in range(0, len(data), step):
                self.wfile.write(data[off:off + step])
                self.wfile.flush()
                time.sleep(0.25)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped the download

    def log_message(self, *args):
        pass


def start_slow_debuginfod(ctx, files):
    SlowDebuginfod.files = files
    SlowDebuginfod.requests = []
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), SlowDebuginfod)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    ctx["httpd"].append(srv)
    return "http://127.0.0.1:%d" % srv.server_address[1]


def start_real_debuginfod(ctx, srvdir):
    """Debian's debuginfod over srvdir, on the first free port of a few, once it serves ID."""
    if not shutil.which("debuginfod"):
        raise Failure("debuginfod not installed (scripts/deps.sh --test)")
    for attempt in range(5):
        port = 20000 + (os.getpid() * 7 + attempt * 131 + 17) % 30000
        log = open(os.path.join(ctx["home"], "debuginfod.log"), "w")
        proc = subprocess.Popen(["debuginfod", "-F", "-d", os.path.join(ctx["home"], "db%d.sqlite" % attempt),
                                 "-p", str(port), "-t", "0", "-g", "0", "-c", "1", srvdir],
                                stdout=log, stderr=log)
        ctx["servers"].append(proc)
        url = "http://127.0.0.1:%d" % port
        for _ in range(100):
            if proc.poll() is not None:
                break
            try:
                with urllib.request.urlopen(url + "/buildid/%s/debuginfo" % BUILD_ID, timeout=1) as r:
                    if r.status == 200:
                        return url
            except OSError:
                pass
            time.sleep(0.2)
        proc.kill()
        proc.wait()
    raise Failure("debuginfod did not start")


# --- profiles -----------------------------------------------------------------------------


def inl_pie_profile(ctx):
    """An address-only profile of inl-pie (runtime addresses of a PIE mapped at
    0x555555555000), whose mapping names a stripped copy with no debug file anywhere near."""
    bindir = os.path.join(ctx["home"], "bin")
    os.makedirs(bindir, exist_ok=True)
    binary = os.path.join(bindir, "inl-pie")
    shutil.copy(os.path.join(ctx["root"], "testdata/symbolize/inl-pie-stripped"), binary)
    addrs = [int(a, 16) for a in open(os.path.join(ctx["root"], "tests/symbolize/expected/inl-pie.runtime.addrs"))
             .read().split()]
    q = profiles.Prof()
    q.sample_type("samples", "count")
    q.mapping(1, 0x555555555000, 0x555555556000, 0x1000, file=binary, build_id=BUILD_ID)
    for i, a in enumerate(addrs):
        q.location(i + 1, mapping=1, address=a)
        q.sample([i + 1], [10 + i])
    path = os.path.join(ctx["home"], "inl-pie.pb")
    with open(path, "wb") as f:
        f.write(q.encode())
    return path


def debuginfod_env(ctx, url):
    cache = os.path.join(ctx["home"], "cache")
    shutil.rmtree(cache, ignore_errors=True)
    return {"DEBUGINFOD_URLS": url, "DEBUGINFOD_CACHE_PATH": cache, "DEBUGINFOD_TIMEOUT": "10",
            "PPROF_BINARY_PATH": "", "PVIEW_BINARY_PATH": "",
            "PVIEW_TEST_LOADING_LOG": os.path.join(ctx["home"], "loading.log")}


def loading_log(ctx):
    with open(os.path.join(ctx["home"], "loading.log")) as f:
        return f.read().splitlines()


def quit_clean(p):
    p.send(b"q")
    p.wait_exit()
    ptyterm.check_exit(p, code=0)


# --- cases --------------------------------------------------------------------------------


def case_fetch_countdown(ctx):
    """pview -seconds=2 HOST:PORT: the TUI is up while the CPU profile is collected and shows
    pprof's lines and the seconds left; then the top view of the fetched profile; after q, the
    line saying where the profile was saved (as pprof says it), and the file is there."""
    port = start_fetchsrv(ctx)
    saved = os.path.join(ctx["home"], "saved")
    p = Pview(ctx["pview"], ["-seconds=2", "127.0.0.1:%d" % port], env={"PPROF_TMPDIR": saved})
    ctx["procs"].append(p)
    p.wait_for(b"Please wait... (2s)")
    check(ptyterm.SMCUP in bytes(p.out), "the fetch lines are not on the TUI's screen")
    wait_screen(p, r"^pview  loading 127\.0\.0\.1:%d$" % port)
    wait_screen(p, r"Fetching profile over HTTP from http://127\.0\.0\.1:%d/debug/pprof/profile\?seconds=2" % port)
    wait_screen(p, r"collecting the profile: [12] s left")
    p.wait_for(READY, timeout=15)
    rows = screen_of(p)
    check(rows[0].startswith("profile?seconds=2  Type: cpu"), "header: %r" % rows[0])
    check(any("main.spin" in r for r in rows), "no main.spinA/B in the top view:\n%s" % "\n".join(rows))
    quit_clean(p)
    tail = ptyterm.restore_tail(p)
    m = re.fullmatch(rb"Saved profile in (\S+)\r\n", tail)
    check(m is not None, "after the restore, want the Saved profile line, got %r" % tail[:300])
    check(os.path.isfile(m.group(1)) and m.group(1).startswith(saved.encode()),
          "%r is not a file under %s" % (m.group(1), saved))


def case_fetch_ctrl_c(ctx):
    """Ctrl-C while the CPU profile is collected: the fetch stops at once, pview exits 130 with
    one line saying what it stopped, the terminal restored, nothing saved."""
    port = start_fetchsrv(ctx)
    saved = os.path.join(ctx["home"], "saved")
    p = Pview(ctx["pview"], ["-seconds=5", "127.0.0.1:%d" % port], env={"PPROF_TMPDIR": saved})
    ctx["procs"].append(p)
    wait_screen(p, r"collecting the profile: [1-5] s left")
    t0 = time.monotonic()
    p.send(b"\x03")
    p.wait_exit()
    took = time.monotonic() - t0
    ptyterm.check_exit(p, code=130)
    check(took < 1.5, "pview took %.1fs to stop the fetch" % took)
    tail = ptyterm.restore_tail(p)
    want = b"pview: stopped loading 127.0.0.1:%d\r\n" % port
    check(tail == want, "after the restore, want %r, got %r" % (want, tail[:300]))
    check(not os.path.isdir(saved) or not os.listdir(saved), "a profile was saved")


def case_fetch_q(ctx):
    """q on the loading screen stops the fetch too, and so does Esc: exit 1, the same line."""
    port = start_fetchsrv(ctx)
    for key in (b"q", b"\x1b"):
        p = Pview(ctx["pview"], ["-seconds=5", "127.0.0.1:%d" % port],
                  env={"PPROF_TMPDIR": os.path.join(ctx["home"], "saved")})
        ctx["procs"].append(p)
        wait_screen(p, r"collecting the profile: [1-5] s left")
        p.send(key)
        p.wait_exit()
        ptyterm.check_exit(p, code=1)
        tail = ptyterm.restore_tail(p)
        check(tail == b"pview: stopped loading 127.0.0.1:%d\r\n" % port, "%r: after the restore: %r" % (key, tail[:300]))


def case_fail_file(ctx):
    """A source that cannot be read: the loading screen goes, the terminal is restored, and
    the one line of the error follows, with exit status 1 (as before the TUI existed)."""
    missing = os.path.join(ctx["home"], "no-such.pb")
    p = Pview(ctx["pview"], [missing])
    ctx["procs"].append(p)
    p.wait_exit()
    ptyterm.check_exit(p, code=1)
    tail = ptyterm.restore_tail(p)
    want = b"pview: " + missing.encode() + b": No such file or directory\r\n"
    check(tail == want, "after the restore, want %r, got %r" % (want, tail[:300]))


def case_fail_fetch(ctx):
    """A URL the server answers with 404: the same, with pprof's line naming the source."""
    port = start_fetchsrv(ctx)
    src = "http://127.0.0.1:%d/404" % port
    p = Pview(ctx["pview"], [src], env={"PPROF_TMPDIR": os.path.join(ctx["home"], "saved")})
    ctx["procs"].append(p)
    p.wait_exit()
    ptyterm.check_exit(p, code=1)
    tail = ptyterm.restore_tail(p)
    check(re.fullmatch(rb"pview: %s: server response: 404 Not Found[^\r\n]*\r\n" % re.escape(src.encode()), tail),
          "after the restore: %r" % tail[:300])
    batch = subprocess.run([ctx["pview"], "-top", src], capture_output=True,
                           env={"PATH": "/usr/bin:/bin", "HOME": ctx["home"]})
    check(batch.stderr.splitlines()[-1] == tail.rstrip(b"\r\n"),
          "not the batch line: %r vs %r" % (batch.stderr, tail))


def case_debuginfod_progress(ctx):
    """The stripped binary's debug file comes from a debuginfod server that sends it slowly:
    the loading screen shows the download (bytes done of the total), the log of what the
    screen was given ends at the whole file, and the TUI then opens on symbolized names."""
    data = open(os.path.join(ctx["root"], DEBUG_FILE), "rb").read()
    url = start_slow_debuginfod(ctx, {BUILD_ID: data})
    prof = inl_pie_profile(ctx)
    p = Pview(ctx["pview"], [prof], env=debuginfod_env(ctx, url), cols=160)
    ctx["procs"].append(p)
    row = wait_screen(p, r"downloading [0-9.]+ (B|KiB) of 7\.1 KiB \([0-9]+%%\): debuginfod: debug information "
                      r"of build id %s$" % BUILD_ID)
    check("(100%)" not in row, "the download was not seen under way: %r" % row)
    p.wait_for(READY, timeout=15)
    p.wait_quiet()  # the rows come first, their "(inline)" marks with the next draw
    rows = screen_of(p)
    for name in ("leaf", "middle", "outer"):  # inlined frames: names only DWARF knows
        check(any(re.search(r"  %s \(inline\)$" % name, r) for r in rows),
              "%s not in the top view:\n%s" % (name, "\n".join(rows)))
    check(not any("warning" in r for r in rows), "a warning:\n%s" % "\n".join(rows))
    quit_clean(p)
    ptyterm.check_clean_tail(p)
    log = loading_log(ctx)
    dl = [line for line in log if line.startswith("downloading ")]
    check(len(dl) >= 3, "fewer than 3 progress lines in the log: %r" % log)
    check(dl[-1] == "downloading 7.1 KiB of 7.1 KiB (100%%): debuginfod: debug information of build id %s" % BUILD_ID,
          "the last progress line: %r" % dl[-1])
    check(SlowDebuginfod.requests == ["/buildid/%s/debuginfo" % BUILD_ID],
          "requests: %r" % SlowDebuginfod.requests)


def case_debuginfod_ctrl_c(ctx):
    """Ctrl-C while the debug file downloads: the download is canceled at once (the progress
    hook says so), pview exits 130 with its one line, terminal restored; the next run
    downloads the file and symbolizes."""
    data = open(os.path.join(ctx["root"], DEBUG_FILE), "rb").read()
    url = start_slow_debuginfod(ctx, {BUILD_ID: data})
    prof = inl_pie_profile(ctx)
    env = debuginfod_env(ctx, url)
    p = Pview(ctx["pview"], [prof], env=env, cols=160)  # wide: the download's line whole
    ctx["procs"].append(p)
    wait_screen(p, r"downloading .* of 7\.1 KiB \((12|25|37|50)%\): debuginfod")
    t0 = time.monotonic()
    p.send(b"\x03")
    p.wait_exit()
    took = time.monotonic() - t0
    ptyterm.check_exit(p, code=130)
    check(took < 1.5, "pview took %.1fs to stop the download" % took)
    tail = ptyterm.restore_tail(p)
    want = b"pview: stopped loading " + prof.encode() + b"\r\n"
    check(tail == want, "after the restore, want %r, got %r" % (want, tail[:300]))
    # the canceled download left nothing that stops the next run from downloading the file
    SlowDebuginfod.requests = []
    p2 = Pview(ctx["pview"], [prof], env=env, cols=160)
    ctx["procs"].append(p2)
    p2.wait_for(READY, timeout=15)
    p2.wait_quiet()  # the rows come first, their "(inline)" marks with the next draw
    rows = screen_of(p2)
    check(any(r.endswith("  leaf (inline)") for r in rows), "leaf not in the top view:\n%s" % "\n".join(rows))
    check(len(SlowDebuginfod.requests) == 1, "requests of the second run: %r" % SlowDebuginfod.requests)
    quit_clean(p2)


def case_debuginfod_server(ctx):
    """The same through Debian's debuginfod (a real server over a directory holding the debug
    file): the download is too fast to catch on screen, so the check is the log of the
    progress lines the loading screen was given; the TUI then shows symbolized names."""
    srvdir = os.path.join(ctx["home"], "srv")
    os.makedirs(srvdir)
    shutil.copy(os.path.join(ctx["root"], DEBUG_FILE), srvdir)
    url = start_real_debuginfod(ctx, srvdir)
    prof = inl_pie_profile(ctx)
    p = Pview(ctx["pview"], [prof], env=debuginfod_env(ctx, url))
    ctx["procs"].append(p)
    p.wait_for(READY, timeout=20)
    p.wait_quiet()  # the rows come first, their "(inline)" marks with the next draw
    rows = screen_of(p)
    check(any(r.endswith("  leaf (inline)") for r in rows), "leaf not in the top view:\n%s" % "\n".join(rows))
    quit_clean(p)
    ptyterm.check_clean_tail(p)
    log = loading_log(ctx)
    want = "downloading 7.1 KiB of 7.1 KiB (100%%): debuginfod: debug information of build id %s" % BUILD_ID
    check(want in log, "want %r in the log: %r" % (want, log))


def check_alert_stays(p, build_id, why):
    """The failed download's warning is the header's third line and stays there while the
    user works (moves, sorts, opens and closes the options view), when the message line has
    long moved on; :options lists it among the load's warnings."""
    alert = "warning: symbolize: debuginfod: no debug information for "
    rows = screen_of(p)
    check(rows[2].startswith(alert) and build_id in rows[2] and rows[2].rstrip().endswith(why),
          "line 3 is not the download's warning: %r" % rows[2])
    check(rows[3].lstrip().startswith("flat  flat%"), "the table's title is not under the warning: %r" % rows[3])
    first = rows[4]
    for keys, what in ((b"j", "a move"), (b"s", "a sort"), (b"u", "an undo"), (b"\x1b", "Esc")):
        p.send(keys)
        p.wait_quiet()
        rows = screen_of(p)
        check(rows[2].startswith(alert) and build_id in rows[2], "after %s the warning left line 3: %r" % (what, rows[2]))
    check(rows[4] == first, "after s then u the first row is not back: %r, was %r" % (rows[4], first))
    check(not rows[-1].startswith("symbolize:"), "the message line still holds the warning: %r" % rows[-1])
    p.send(b":options\r")
    p.wait_quiet()
    rows = screen_of(p)
    at = [i for i, r in enumerate(rows) if r.strip() == "Warnings while loading"]
    if not at:  # below the settings: page down to it
        p.send(b"G")
        p.wait_quiet()
        rows = screen_of(p)
        at = [i for i, r in enumerate(rows) if r.strip() == "Warnings while loading"]
    check(at and any(r.strip().startswith("symbolize: debuginfod: ") and build_id in r for r in rows[at[0]:]),
          ":options does not list the warning:\n%s" % "\n".join(rows))
    check(rows[2].startswith(alert), "the options view lost the header's warning: %r" % rows[2])
    p.send(b"q")  # back to the table
    p.wait_quiet()
    rows = screen_of(p)
    check(rows[3].lstrip().startswith("flat  flat%") and rows[2].startswith(alert), "not back at the table:\n%s"
          % "\n".join(rows))


def case_debuginfod_down(ctx):
    """DEBUGINFOD_URLS names a server that is down (a loopback port nobody listens on): the
    load goes on, frames stay unsymbolized, and the header keeps the warning."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens there now
    prof = inl_pie_profile(ctx)
    p = Pview(ctx["pview"], [prof], env=debuginfod_env(ctx, "http://127.0.0.1:%d" % port), cols=200)
    ctx["procs"].append(p)
    wait_screen(p, r"^symbolize: debuginfod: no debug information for ", timeout=15)
    p.wait_quiet()
    rows = screen_of(p)
    check(not any("(inline)" in r for r in rows), "inlined frames without debug information:\n%s" % "\n".join(rows))
    check_alert_stays(p, BUILD_ID, "Connection refused")
    quit_clean(p)
    ptyterm.check_clean_tail(p)


def case_debuginfod_missing(ctx):
    """A debuginfod server that lacks the file: the load goes on, the loading screen was given
    the warning, and once the TUI opens its message line says it (stderr is behind the screen);
    :options lists it."""
    url = start_slow_debuginfod(ctx, {})
    prof = inl_pie_profile(ctx)
    p = Pview(ctx["pview"], [prof], env=debuginfod_env(ctx, url), cols=200)
    ctx["procs"].append(p)
    wait_screen(p, r"^symbolize: debuginfod: no debug information for ", timeout=15)
    p.wait_quiet()
    rows = screen_of(p)
    check(rows[0].startswith("inl-pie.pb  Type: samples"), "not the TUI's header: %r" % rows[0])
    check(rows[-1].startswith("symbolize: debuginfod: no debug information for ") and BUILD_ID in rows[-1],
          "the message line does not name the failed download: %r" % rows[-1])
    check_alert_stays(p, BUILD_ID, "No such file or directory")  # a 404
    quit_clean(p)
    ptyterm.check_clean_tail(p)
    log = loading_log(ctx)
    check(any(line.startswith("warning: ") and "debuginfod" in line and BUILD_ID in line for line in log),
          "no warning about the download in the log: %r" % log)
    check(SlowDebuginfod.requests and all(BUILD_ID in r for r in SlowDebuginfod.requests),
          "requests: %r" % SlowDebuginfod.requests)


CASES = {name[5:].replace("_", "-"): fn for name, fn in sorted(globals().items())
         if name.startswith("case_")}


def stop_servers(ctx):
    for s in ctx.get("servers", []):
        s.kill()
        s.wait()
    for h in ctx.get("httpd", []):
        h.shutdown()


def case(fn):
    """A case with room in ctx for the servers it starts (stopped after it)."""
    def run(ctx):
        ctx.setdefault("servers", [])
        ctx.setdefault("httpd", [])
        fn(ctx)
    return run


def main():
    return ptyterm.run_main({k: case(v) for k, v in CASES.items()}, "loading.py PVIEW CASE SOURCE_DIR [FETCH_WORKDIR]",
                            extra=("work",), cleanup=stop_servers)


if __name__ == "__main__":
    sys.exit(main())
