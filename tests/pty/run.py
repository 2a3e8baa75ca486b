#!/usr/bin/env python3
"""Real-terminal tests: pview on a pseudo-terminal, checked for exit status and for handing
the terminal back (rmcup and cnorm after the last drawing, ECHO and ICANON on again).

usage: run.py PVIEW CASE SOURCE_DIR      (run.py PVIEW list  prints the cases)
"""

import os
import random
import signal
import sys
import termios
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ptyterm  # noqa: E402
from ptyterm import Failure, Pview, check  # noqa: E402

CPU = "testdata/pprof/internal/report/testdata/sample.cpu"
LARGE = "testdata/pprof/internal/proftest/testdata/large.cpu"
HOSTILE = "tests/tui/hostile.pb"
READY = b"q quit"  # end of the key hint on the last line: the first draw is done


def start(ctx, profile=CPU, env=None, lines=30, cols=100, args=()):
    path = profile if os.path.isabs(profile) else os.path.join(ctx["root"], profile)
    p = Pview(ctx["pview"], ["-symbolize=none"] + list(args) + [path],
              env=env, lines=lines, cols=cols)
    ctx["procs"].append(p)
    return p


def quit_with_key(ctx, key, code):
    p = start(ctx)
    p.wait_for(READY)
    p.send(key)
    p.wait_exit()
    ptyterm.check_exit(p, code=code)
    ptyterm.check_clean_tail(p)


def case_q(ctx):
    """q quits with status 0 and restores the terminal."""
    quit_with_key(ctx, b"q", 0)


def case_ctrl_c(ctx):
    """Ctrl-C (the terminal's SIGINT) ends pview with 130, terminal restored."""
    quit_with_key(ctx, b"\x03", 130)


def signal_case(ctx, sig):
    p = start(ctx)
    p.wait_for(READY)
    os.kill(p.pid, sig)
    p.wait_exit()
    ptyterm.check_exit(p, code=128 + sig)
    ptyterm.check_clean_tail(p)


def case_sigterm(ctx):
    """kill -TERM: status 143, terminal restored."""
    signal_case(ctx, signal.SIGTERM)


def case_sighup(ctx):
    """kill -HUP: status 129, terminal restored."""
    signal_case(ctx, signal.SIGHUP)


def case_sigint(ctx):
    """kill -INT: status 130, terminal restored."""
    signal_case(ctx, signal.SIGINT)


def case_crash(ctx):
    """A crash (PVIEW_TEST_CRASH=1 raises SIGSEGV after the first draw): pview dies of
    SIGSEGV after restoring the terminal, and after the restore writes one line only."""
    p = start(ctx, env={"PVIEW_TEST_CRASH": "1"})
    p.wait_exit()
    ptyterm.check_exit(p, sig=signal.SIGSEGV)
    check(READY in p.out, "pview crashed before its first draw")
    tail = ptyterm.restore_tail(p)
    check(tail == b"pview: crashed with SIGSEGV\r\n",
          "after the restore, want the one-line message only, got %r" % tail[:300])


def case_ctrl_z(ctx):
    """Ctrl-Z stops pview with the terminal restored; SIGCONT brings it back: it redraws,
    takes keys and quits cleanly."""
    p = start(ctx)
    p.wait_for(READY)
    mark = len(p.out)
    p.send(b"\x1a")
    sig = p.wait_stopped()
    check(sig == signal.SIGTSTP, "stopped by %s, want SIGTSTP" % signal.Signals(sig).name)
    p.pump()
    check(p.out.find(ptyterm.RMCUP, mark) >= 0, "no rmcup before stopping")
    lflag = p.modes()
    check(lflag & termios.ECHO and lflag & termios.ICANON, "ECHO/ICANON off while stopped")
    mark = len(p.out)
    os.kill(p.pid, signal.SIGCONT)
    p.wait_for(ptyterm.SMCUP, mark)
    p.wait_for(READY, mark)  # the whole screen again, not just what changed
    mark = len(p.out)
    p.send(b"j")
    p.wait_for(b"main.busyLoop", mark)  # the status line follows the selection
    p.send(b"q")
    p.wait_exit()
    ptyterm.check_exit(p, code=0)
    ptyterm.check_clean_tail(p)


def storm(p, rng, n=200):
    for _ in range(n):
        p.resize(rng.randint(5, 60), rng.randint(20, 220))
        p.pump()


def check_fits(p, name):
    """After the storm: a full repaint (Ctrl-L) at the last size stays inside it, and the
    layout is that of the last size (header on top, key hint on the last line)."""
    p.wait_quiet()
    mark = len(p.out)
    p.send(b"\x0c")
    p.wait_quiet()
    seg = bytes(p.out[mark:])
    clear = seg.rfind(b"\x1b[H\x1b[2J")
    check(clear >= 0, "Ctrl-L did not repaint the whole screen: %r" % seg[:200])
    scr = ptyterm.Screen(p.lines, p.cols)
    scr.feed(seg[clear:])
    check(not scr.outside, "drawn outside %dx%d: %r" % (p.cols, p.lines, scr.outside[:5]))
    rows = scr.text()
    check(rows[0].startswith(name), "line 1 is not the header: %r" % rows[0])
    check(rows[-1].startswith("? help"), "last line is not the key hint: %r" % rows[-1])
    check(any("1/" in r for r in rows[-3:-1]), "no status line above the hint: %r" % rows[-3:])
    p.send(b"q")
    p.wait_exit()
    ptyterm.check_exit(p, code=0)
    ptyterm.check_clean_tail(p)


def case_winch_idle(ctx):
    """200 fast size changes (TIOCSWINSZ + SIGWINCH) while idle: no crash, and the screen
    then fits the last size."""
    rng = random.Random(1)
    p = start(ctx, profile=LARGE)
    p.wait_for(READY)
    storm(p, rng)
    p.resize(31, 97)
    check_fits(p, "large.cpu")


def case_winch_load(ctx):
    """The same storm from the moment pview starts, while it loads a big profile."""
    rng = random.Random(2)
    p = start(ctx, profile=LARGE)
    storm(p, rng)
    p.resize(27, 83)
    p.wait_for(READY)
    check_fits(p, "large.cpu")


def case_ctrl_c_load(ctx):
    """A load that takes a while shows the loading screen (the TUI is up first: the source,
    elapsed time, a spinner); Ctrl-C stops it: pview exits 130 with one line saying what it
    stopped, terminal restored (a file being read cannot be stopped half-way: pview leaves
    within about a second, without waiting for the read)."""
    genprof = os.path.join(os.path.dirname(ctx["pview"]), "bench", "genprof")
    if not os.path.exists(genprof):
        raise Failure("no genprof next to pview (%s): build the bench target" % genprof)
    big = os.path.join(ctx["home"], "big.pb.gz")
    import subprocess
    # genprof is a bench tool: in the sanitizer build its leaks at exit are not the test's
    env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0")
    subprocess.run([genprof, "-n", "1500000", "-o", big], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, env=env)
    p = start(ctx, profile=big)
    p.wait_for(b"loading " + big.encode())
    p.wait_for(b"q, Esc or Ctrl-C stops loading")
    check(ptyterm.SMCUP in bytes(p.out), "the loading screen is not on the alternate screen")
    t0 = time.monotonic()
    p.send(b"\x03")
    p.wait_exit()
    took = time.monotonic() - t0
    ptyterm.check_exit(p, code=130)
    check(took < 3, "pview took %.1fs to stop" % took)
    tail = ptyterm.restore_tail(p)
    want = b"pview: stopped loading " + big.encode() + b"\r\n"
    check(tail == want, "after the restore, want %r, got %r" % (want, tail[:300]))


def case_hostile_names(ctx):
    """Names, file names, a comment, the sample type and the profile's own file name holding
    ESC, BEL, OSC, CSI and C1 controls: none reaches the terminal raw, whatever the view (table,
    status line, peek, files, search, completion, options, help)."""
    src = os.path.join(ctx["root"], HOSTILE)
    evil = os.path.join(ctx["home"].encode(), b"evil\x1b]0;pwned\x07\x9b.pb")
    with open(src, "rb") as f, open(evil, "wb") as g:
        g.write(f.read())
    p = start(ctx, profile=evil)
    p.wait_for(READY)
    keys = [b"j", b"\r", b"\x1b"] * 11  # every row on the status line and in peek
    keys += [b"/clip\r", b":granularity=files\r", b"u", b":focus=osc\t", b"\x1b",
             b":options\r", b"G", b"q", b"?", b"q", b"q"]
    for k in keys:  # one at a time, so that Esc is not read as Alt with the next key
        p.send(k)
        p.wait_quiet(0.06)
    p.wait_exit()
    ptyterm.check_exit(p, code=0)
    ptyterm.check_clean_tail(p)
    ptyterm.no_raw_controls(p, b"\x1b]0;pwned", b"\x1b]52;", b"\x1b[2J\x1b[Hgone", b"\x1b\\")
    for shown in (b"evil\\x1b]0;pwned\\x07\\x9b.pb", b"osc.title\\x1b]0;pwned\\x07done",
                  b"comment\\x1b]0;pwned\\x07", b"/src/\\x1b]0;pwned\\x07title.c"):
        check(shown in p.out, "%r was not drawn escaped" % shown)


def case_truecolor(ctx):
    """A #rrggbb theme: with COLORTERM=truecolor and xterm-direct available the header is drawn
    with a 24-bit SGR; without COLORTERM, with the nearest 256-colour entry."""
    dirs = os.path.join(ctx["root"], "tests/tui/terminfo") + ":"
    for env, want in (({"COLORTERM": "truecolor", "TERMINFO_DIRS": dirs}, b"38:2::248:248:242"),
                      ({"TERMINFO_DIRS": dirs}, b"38;5;231")):
        p = start(ctx, env=env, args=["-theme", "truecolor"])
        p.wait_for(READY)
        check(want in p.out, "with %s no %r in the output" % (env, want))
        p.send(b"q")
        p.wait_exit()
        ptyterm.check_exit(p, code=0)
        ptyterm.check_clean_tail(p)


CASES = {name[5:].replace("_", "-"): fn for name, fn in sorted(globals().items())
         if name.startswith("case_")}


def main():
    return ptyterm.run_main(CASES, "run.py PVIEW CASE SOURCE_DIR")


if __name__ == "__main__":
    sys.exit(main())
