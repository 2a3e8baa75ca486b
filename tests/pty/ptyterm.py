"""Runs pview on a real pseudo-terminal, as a job of a tiny shell, and records what it writes.

Python 3 standard library only. The test process becomes a session leader whose controlling
terminal is a new pty; pview runs in its own process group, in the foreground of that
terminal, so Ctrl-C, Ctrl-Z and window-size changes reach it as they would from a shell (a
process that is itself a session leader would ignore Ctrl-Z: its group is orphaned).
"""

import codecs
import errno
import fcntl
import os
import re
import select
import signal
import struct
import sys
import tempfile
import termios
import time

TIMEOUT = 10.0  # seconds for any one wait; a passing test takes far less

SMCUP = b"\x1b[?1049h"
RMCUP = b"\x1b[?1049l"
CNORM = b"\x1b[?25h"
CIVIS = b"\x1b[?25l"
# What ncurses (and pview's crash handler) may write after leaving the alternate screen,
# from xterm-256color's sgr0, rmkx, cnorm, rmcup and the mouse-off XM string.
RESTORE_SEQ = re.compile(rb"\x1b\(B|\x1b\[\??[0-9;]*[A-Za-z]|\x1b[>=]")


class Failure(Exception):
    pass


def check(cond, what):
    if not cond:
        raise Failure(what)


def become_session_leader():
    """Re-runs the rest of the program in a child that is a session leader (setsid fails in
    a process group leader, which is what a test runner usually starts). Returns in the
    child; the parent exits with the child's status."""
    if os.getsid(0) == os.getpid():
        return
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        os.setsid()
        # closing the pty's master hangs up the terminal, which sends SIGHUP to us
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
        return
    while True:
        try:
            _, st = os.waitpid(pid, 0)
            break
        except InterruptedError:
            continue
    code = os.waitstatus_to_exitcode(st)
    sys.exit(code if code >= 0 else 128 - code)


def set_size(fd, lines, cols):
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", lines, cols, 0, 0))


class Pview:
    """pview on a pty. out holds every byte it wrote; status is set once it has exited."""

    def __init__(self, pview, args, env=None, lines=30, cols=100, cwd=None):
        self.lines, self.cols = lines, cols
        self.out = bytearray()
        self.status = None
        self.eof = False
        signal.signal(signal.SIGTTOU, signal.SIG_IGN)  # we change the foreground group
        master, slave = os.openpty()
        set_size(master, lines, cols)
        try:  # give up the terminal of an earlier run: a session has one at a time
            fd = os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY)
            fcntl.ioctl(fd, termios.TIOCNOTTY)
            os.close(fd)
        except OSError:
            pass
        fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
        base = {"PATH": "/usr/bin:/bin", "TERM": "xterm-256color", "LANG": "C.UTF-8",
                "TZ": "UTC", "HOME": os.environ.get("PTY_TEST_HOME", "/nonexistent")}
        base.update(env or {})
        argv = [pview] + list(args)
        pid = os.fork()
        if pid == 0:
            try:
                os.setpgid(0, 0)
                os.tcsetpgrp(slave, os.getpid())
                for sig in (signal.SIGTTOU, signal.SIGHUP, signal.SIGPIPE, signal.SIGINT, signal.SIGTSTP,
                            signal.SIGTTIN, signal.SIGCHLD):
                    signal.signal(sig, signal.SIG_DFL)
                os.dup2(slave, 0)
                os.dup2(slave, 1)
                os.dup2(slave, 2)
                os.close(master)
                if slave > 2:
                    os.close(slave)
                if cwd:
                    os.chdir(cwd)
                os.execve(pview, argv, base)
            except BaseException as e:  # noqa: BLE001 - the child must not return
                os.write(2, ("exec %s: %s\n" % (pview, e)).encode())
            os._exit(127)
        try:
            os.setpgid(pid, pid)
        except OSError:
            pass  # the child got there first
        try:
            os.tcsetpgrp(slave, pid)
        except OSError:
            pass
        os.close(slave)  # end of output shows as EIO once pview is gone
        self.pid, self.master = pid, master
        os.set_blocking(master, False)

    # --- output ---------------------------------------------------------------------

    def _read(self, timeout):
        """Reads what is there, waiting up to timeout for the first byte. False at EOF."""
        if self.eof:
            return False
        r, _, _ = select.select([self.master], [], [], timeout)
        if not r:
            return True
        while True:
            try:
                data = os.read(self.master, 65536)
            except BlockingIOError:
                return True
            except OSError as e:
                if e.errno == errno.EIO:
                    self.eof = True
                    return False
                raise
            if not data:
                self.eof = True
                return False
            self.out += data

    def pump(self):
        """Reads without waiting (keeps pview from blocking on a full pty)."""
        self._read(0)

    def wait_for(self, pattern, since=0, timeout=TIMEOUT):
        """Reads until pattern (bytes) appears in out[since:]; returns its offset."""
        deadline = time.monotonic() + timeout
        while True:
            i = self.out.find(pattern, since)
            if i >= 0:
                return i
            left = deadline - time.monotonic()
            if left <= 0 or not self._read(min(left, 0.1)):
                i = self.out.find(pattern, since)
                if i >= 0:
                    return i
                raise Failure("no %r in the output after %.1fs; tail: %r"
                              % (pattern, timeout, bytes(self.out[-300:])))

    def wait_quiet(self, quiet=0.3, timeout=TIMEOUT):
        """Reads until nothing arrives for quiet seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            n = len(self.out)
            if not self._read(quiet) or len(self.out) == n:
                return
        raise Failure("pview kept writing for %.1fs" % timeout)

    def send(self, data):
        os.write(self.master, data)

    def resize(self, lines, cols, signal_too=True):
        set_size(self.master, lines, cols)
        self.lines, self.cols = lines, cols
        if signal_too:
            os.kill(self.pid, signal.SIGWINCH)

    # --- process --------------------------------------------------------------------

    def wait_stopped(self, timeout=TIMEOUT):
        """Waits until pview is stopped (waitpid WUNTRACED); returns the stop signal."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pid, st = os.waitpid(self.pid, os.WNOHANG | os.WUNTRACED)
            if pid:
                check(os.WIFSTOPPED(st), "pview ended instead of stopping: %s" % describe(st))
                return os.WSTOPSIG(st)
            self._read(0.05)
        raise Failure("pview did not stop within %.1fs" % timeout)

    def wait_exit(self, timeout=TIMEOUT):
        """Waits for pview to end and reads the rest of its output; returns the wait status."""
        deadline = time.monotonic() + timeout
        while self.status is None:
            pid, st = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = st
                break
            if time.monotonic() > deadline:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
                raise Failure("pview did not exit within %.1fs" % timeout)
            self._read(0.05)
        while self._read(0.5) and time.monotonic() < deadline + 1:
            pass
        return self.status

    def modes(self):
        """The terminal's local modes (the slave's, read through the master)."""
        return termios.tcgetattr(self.master)[3]

    def close(self):
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except OSError:
                pass
        os.close(self.master)


def describe(st):
    if os.WIFEXITED(st):
        return "exit %d" % os.WEXITSTATUS(st)
    if os.WIFSIGNALED(st):
        return "killed by %s" % signal.Signals(os.WTERMSIG(st)).name
    if os.WIFSTOPPED(st):
        return "stopped by %s" % signal.Signals(os.WSTOPSIG(st)).name
    return "status %#x" % st


# --- checks ---------------------------------------------------------------------------


def check_exit(p, code=None, sig=None):
    st = p.status
    if sig is not None:
        check(os.WIFSIGNALED(st) and os.WTERMSIG(st) == sig,
              "want killed by %s, got %s" % (signal.Signals(sig).name, describe(st)))
    else:
        check(os.WIFEXITED(st) and os.WEXITSTATUS(st) == code,
              "want exit %d, got %s" % (code, describe(st)))


def restore_tail(p):
    """Checks the terminal was handed back: rmcup and cnorm come after the last drawing, and
    the modes have ECHO and ICANON again. Returns the bytes after the restore sequences."""
    out = bytes(p.out)
    rm = out.rfind(RMCUP)
    check(rm >= 0, "no rmcup (%r) in the output" % RMCUP)
    check(out.rfind(SMCUP) < rm, "the alternate screen was entered again after rmcup")
    cn = out.rfind(CNORM)
    check(cn >= 0, "no cnorm (%r) in the output" % CNORM)
    check(out.rfind(CIVIS) < cn, "the cursor was hidden again after cnorm")
    # after the first restore sequence, only more restore sequences and blanks, then the tail
    start = min(rm, cn)
    pos = start
    while True:
        m = RESTORE_SEQ.match(out, pos)
        if m:
            pos = m.end()
        elif pos < len(out) and out[pos:pos + 1] in (b"\r", b"\n", b" "):
            pos += 1
        else:
            break
    lflag = p.modes()
    check(lflag & termios.ECHO, "ECHO is still off after pview ended")
    check(lflag & termios.ICANON, "ICANON is still off after pview ended")
    return out[pos:]


def check_clean_tail(p):
    tail = restore_tail(p)
    check(tail.strip() == b"", "pview wrote after restoring the terminal: %r" % tail[:200])


def no_raw_controls(p, *forbidden):
    """The output is valid UTF-8, holds no C1 control characters (U+0080-U+009F, which a
    terminal may take as CSI or OSC), no BEL, and none of the forbidden byte strings."""
    out = bytes(p.out)
    for f in forbidden:
        i = out.find(f)
        check(i < 0, "raw %r reached the terminal at byte %d: %r" % (f, i, out[max(0, i - 40):i + 40]))
    i = out.find(b"\x07")
    check(i < 0, "a BEL reached the terminal at byte %d: %r" % (i, out[max(0, i - 40):i + 40]))
    try:
        text = codecs.decode(out, "utf-8")
    except UnicodeDecodeError as e:
        raise Failure("output is not UTF-8 at byte %d: %r" % (e.start, out[max(0, e.start - 40):e.start + 40]))
    c1 = [c for c in text if 0x80 <= ord(c) <= 0x9f]
    check(not c1, "C1 control characters reached the terminal: %r" % c1[:5])


# --- a small terminal emulator, enough for a full repaint by ncurses on xterm -------------


class Screen:
    """Replays output on a grid of lines x cols; records anything drawn outside it."""

    CSI = re.compile(rb"\x1b\[([?>=]?)([0-9;:]*)([ -/]*)([@-~])")

    def __init__(self, lines, cols):
        self.lines, self.cols = lines, cols
        self.grid = [[" "] * cols for _ in range(lines)]
        self.y = self.x = 0
        self.outside = []

    def _put(self, ch):
        if self.x >= self.cols:  # pending wrap
            self.x = 0
            self.y += 1
        if not (0 <= self.y < self.lines and 0 <= self.x < self.cols):
            self.outside.append((self.y, self.x, ch))
            self.x += 1
            return
        self.grid[self.y][self.x] = ch
        self.x += 1

    def _move(self, y, x):
        if not (0 <= y < self.lines and 0 <= x < self.cols):
            self.outside.append((y, x, "move"))
        self.y, self.x = y, x

    def feed(self, data):
        i = 0
        n = len(data)
        while i < n:
            b = data[i]
            if b == 0x1b:
                m = self.CSI.match(data, i)
                if m:
                    self._csi(m.group(1), m.group(2), m.group(4))
                    i = m.end()
                    continue
                if data[i + 1:i + 2] == b"]":  # OSC: skip to BEL or ST
                    j = data.find(b"\x07", i)
                    k = data.find(b"\x1b\\", i)
                    ends = [e for e in (j + 1 if j >= 0 else -1, k + 2 if k >= 0 else -1) if e > 0]
                    i = min(ends) if ends else n
                    continue
                i += 3 if data[i + 1:i + 2] in (b"(", b")", b"#") else 2
                continue
            if b == 0x0d:
                self.x = 0
            elif b == 0x0a:
                self._move(self.y + 1, self.x if self.x < self.cols else self.cols - 1)
            elif b == 0x08:
                self.x = max(0, self.x - 1)
            elif b < 0x20:
                pass
            else:
                j = i
                while j < n and data[j] >= 0x20 and data[j] != 0x7f and data[j] != 0x1b:
                    j += 1
                for ch in data[i:j].decode("utf-8", "replace"):
                    self._put(ch)
                i = j
                continue
            i += 1

    def _csi(self, priv, params, final):
        if priv:
            return  # modes
        ps = [int(p) if p else 0 for p in params.decode().replace(":", ";").split(";")] if params else []

        def arg(k, default=1):
            return ps[k] if len(ps) > k and ps[k] else default

        f = final
        if f in (b"H", b"f"):
            self._move(arg(0) - 1, arg(1) - 1)
        elif f == b"A":
            self._move(self.y - arg(0), self.x)
        elif f == b"B":
            self._move(self.y + arg(0), self.x)
        elif f == b"C":
            self._move(self.y, self.x + arg(0))
        elif f == b"D":
            self._move(self.y, max(0, self.x - arg(0)))
        elif f == b"G":
            self._move(self.y, arg(0) - 1)
        elif f == b"d":
            self._move(arg(0) - 1, self.x)
        elif f == b"K":
            mode = ps[0] if ps else 0
            if 0 <= self.y < self.lines:
                row = self.grid[self.y]
                lo, hi = {0: (self.x, self.cols), 1: (0, self.x + 1), 2: (0, self.cols)}.get(mode, (0, 0))
                for k in range(max(0, lo), min(self.cols, hi)):
                    row[k] = " "
        elif f == b"J":
            mode = ps[0] if ps else 0
            if mode == 2 or (mode == 0 and self.y == 0 and self.x == 0):
                self.grid = [[" "] * self.cols for _ in range(self.lines)]
            elif mode == 0 and 0 <= self.y < self.lines:
                for k in range(self.x, self.cols):
                    self.grid[self.y][k] = " "
                for r in range(self.y + 1, self.lines):
                    self.grid[r] = [" "] * self.cols
        elif f == b"X":
            for k in range(self.x, min(self.cols, self.x + arg(0))):
                if 0 <= self.y < self.lines:
                    self.grid[self.y][k] = " "
        elif f == b"b":  # REP: repeat the last character
            last = self.grid[self.y][self.x - 1] if 0 < self.x <= self.cols and 0 <= self.y < self.lines else " "
            for _ in range(arg(0)):
                self._put(last)
        # SGR (m), scroll regions and the rest do not move text in a full repaint

    def text(self):
        return ["".join(r).rstrip() for r in self.grid]


def run_main(cases, usage, extra=(), cleanup=None):
    """The runners' main: ARGV is PVIEW CASE SOURCE_DIR, then the optional extra arguments
    named in extra (each lands in ctx under its name, as an absolute path, or None), or
    PVIEW list. Runs the case as a session leader with HOME-like scratch in a temporary
    directory ($PTY_TEST_HOME, ctx["home"]); the Pview processes a case puts in ctx["procs"]
    are closed after it, then cleanup(ctx) runs. Returns the exit status."""
    argv = sys.argv
    if len(argv) == 3 and argv[2] == "list":
        print("\n".join(cases))
        return 0
    if not 4 <= len(argv) <= 4 + len(extra) or argv[2] not in cases:
        sys.stderr.write("usage: %s; cases: %s\n" % (usage, " ".join(cases)))
        return 2
    pview, name, root = os.path.abspath(argv[1]), argv[2], argv[3]
    become_session_leader()
    with tempfile.TemporaryDirectory() as home:
        os.environ["PTY_TEST_HOME"] = home
        ctx = {"pview": pview, "root": root, "home": home, "procs": []}
        for i, key in enumerate(extra):
            ctx[key] = os.path.abspath(argv[4 + i]) if len(argv) > 4 + i else None
        t0 = time.monotonic()
        try:
            cases[name](ctx)
        except Failure as e:
            sys.stderr.write("pty/%s: FAIL: %s\n" % (name, e))
            for p in ctx["procs"]:
                sys.stderr.write("--- output tail (%d bytes in all): %r\n" % (len(p.out), bytes(p.out[-400:])))
            return 1
        finally:
            for p in ctx["procs"]:
                p.close()
            if cleanup:
                cleanup(ctx)
        print("pty/%s: ok (%.2fs)" % (name, time.monotonic() - t0))
    return 0
