#!/bin/sh
# The package check of CI: makes the Debian package from a configured and built build directory
# (`cpack -G DEB`), runs lintian on it, installs it with dpkg -i, checks the installed program
# (--version, a -top report against its golden, the man page, the TUI's themes from their
# installed place, run outside the checkout), then purges it and checks nothing is left.
#
# usage: sh scripts/package-test.sh [BUILD_DIR]     (default: build)
# Needs root (it installs a package); prints SKIP and exits 0 otherwise, or when a pview not
# installed by this script is already there (it is left alone). No terminal needed.
set -u
cd "$(dirname "$0")/.."
root=$(pwd)
build=${1:-build}
case $build in /*) ;; *) build=$root/$build ;; esac

say() { printf 'package-test: %s\n' "$*"; }
if [ "$(id -u)" != 0 ]; then
    say "SKIP: needs root to install the package (dpkg -i)"
    exit 0
fi
if dpkg-query -W -f='${Status}' pview 2>/dev/null | grep -q installed; then
    say "SKIP: a pview package is already installed; not touching it"
    exit 0
fi
if [ -e /usr/bin/pview ]; then
    say "SKIP: /usr/bin/pview exists and belongs to no package; not overwriting it"
    exit 0
fi
[ -f "$build/CMakeCache.txt" ] || { say "no configured build in $build"; exit 1; }
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")
[ -n "$version" ] || { say "no project version in $build/CMakeCache.txt"; exit 1; }

tmp=$(mktemp -d)
installed=0
fail=0
cleanup() {
    [ -f "$tmp/light.theme.aside" ] && mv "$tmp/light.theme.aside" /usr/share/pview/themes/light.theme
    [ $installed = 1 ] && dpkg --purge pview >/dev/null 2>&1
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM
bad() { say "FAIL: $*"; fail=1; }

# ---- build the package ----
rm -f "$build"/pview_*.deb
(cd "$build" && cpack -G DEB) > "$tmp/cpack.log" 2>&1 || { cat "$tmp/cpack.log"; say "FAIL: cpack"; exit 1; }
deb=$(ls "$build"/pview_"$version"_*.deb 2>/dev/null)
[ -f "$deb" ] || { cat "$tmp/cpack.log"; say "FAIL: no pview_${version}_*.deb in $build"; exit 1; }
say "built $deb"
dpkg-deb -I "$deb" | sed -n 's/^ \(Package\|Version\|Depends\|Section\|Maintainer\|Homepage\):/  &/p'
for field in Depends Section Maintainer Homepage Description; do
    [ -n "$(dpkg-deb -f "$deb" $field)" ] || bad "control field $field is empty"
done
[ "$(dpkg-deb -f "$deb" Section)" = devel ] || bad "Section is not devel"

# ---- lintian: errors and warnings fail; the rest is shown ----
if command -v lintian >/dev/null 2>&1; then
    lintian -EvIL +pedantic "$deb" > "$tmp/lintian" 2>&1
    grep -v '^running with root privileges' "$tmp/lintian" > "$tmp/lintian.tags"
    if [ -s "$tmp/lintian.tags" ]; then sed 's/^/  lintian: /' "$tmp/lintian.tags"
    else say "lintian -EvIL +pedantic: no tags"; fi
    if grep -q '^[EW]: ' "$tmp/lintian"; then bad "lintian reports errors or warnings"; fi
else
    say "lintian not installed: not run"
fi

# ---- install ----
# which paths of the package exist before it is installed (those must survive the purge)
dpkg-deb -c "$deb" | awk '{print $NF}' | sed 's|^\./|/|; s|/$||' | grep -v '^$' > "$tmp/contents"
while IFS= read -r p; do
    [ -e "$p" ] && printf '%s\n' "$p"
done < "$tmp/contents" > "$tmp/preexisting"
dpkg -i "$deb" > "$tmp/dpkg.log" 2>&1 || { cat "$tmp/dpkg.log"; say "FAIL: dpkg -i"; exit 1; }
installed=1
dpkg -L pview > "$tmp/owned"
say "installed: $(wc -l < "$tmp/owned") paths"

# shell completions are in the package when the build generated them
for pair in pview:/usr/share/bash-completion/completions/pview \
            _pview:/usr/share/zsh/vendor-completions/_pview; do
    if [ -f "$build/completions/${pair%%:*}" ]; then
        cmp -s "$build/completions/${pair%%:*}" "${pair#*:}" || bad "completion ${pair#*:} not installed"
    fi
done

# ---- the installed program, run outside the checkout with a clean environment ----
mkdir -p "$tmp/run/home"
profile=testdata/pprof/internal/report/testdata/sample.cpu
cp "$root/$profile" "$tmp/run/sample.cpu"
run() { (cd "$tmp/run" && env -i PATH=/usr/bin:/bin HOME="$tmp/run/home" LANG=C.UTF-8 TZ=UTC "$@"); }

out=$(run pview --version) || bad "pview --version exit status $?"
printf '%s\n' "$out" | sed 's/^/  /'
printf '%s\n' "$out" | sed -n 1p | grep -Eq "^pview $version( \(git [^)]+\))?\$" ||
    bad "--version first line is not 'pview $version [(git ...)]'"
for lib in ncurses zlib protobuf-c elfutils; do
    printf '%s\n' "$out" | grep -Eq "^$lib [0-9][0-9.]* \(built with [0-9][0-9.]*\)\$" ||
        bad "--version has no $lib line"
done
[ "$(run sh -c 'command -v pview')" = /usr/bin/pview ] || bad "pview on PATH is not /usr/bin/pview"

# -top against the golden made by go tool pprof (tests/golden/out/sample-cpu.txt)
bash "$root/tests/golden/run.sh" /usr/bin/pview sample-cpu > "$tmp/golden.log" 2>&1 ||
    { cat "$tmp/golden.log"; bad "/usr/bin/pview -top differs from the golden"; }
[ $fail = 0 ] && say "/usr/bin/pview -top $profile matches its golden"

man_path=$(man -w pview 2>&1) || {
    bad "man -w pview: $man_path"
    grep -hs 'path-exclude.*/usr/share/man' /etc/dpkg/dpkg.cfg.d/* | sed 's/^/  (dpkg excludes man pages here: /; s/$/)/'
}
[ "$man_path" = /usr/share/man/man1/pview.1.gz ] || bad "man -w pview gives '$man_path'"
say "man page: $man_path"

# The TUI's theme lookup finds themes/light.theme in /usr/share/pview/themes, with no checkout:
# light.theme draws the selection white on blue (the built-in default: black on cyan).
printf '<DumpRoles>\n' > "$tmp/keys"
tui() { # OUT: runs the TUI test mode with -theme=light from $tmp/run
    run TERM=xterm-256color LINES=24 COLUMNS=80 /usr/bin/pview -symbolize=none -theme=light \
        -tui_keys "$tmp/keys" -tui_dump "$1" -tui_size 80x24 sample.cpu > "$1.err" 2>&1 < /dev/null
}
tui "$tmp/light" || { cat "$tmp/light.err"; bad "TUI test mode failed"; }
if grep -q "not found" "$tmp/light" "$tmp/light.err" 2>/dev/null; then
    bad "theme lookup: $(grep -h "not found" "$tmp/light" "$tmp/light.err" | head -1)"
fi
grep -q '^S selection  fg=white bg=blue$' "$tmp/light" || bad "TUI did not draw with the light theme"
# and without the installed file it says so (the theme came from there, not from elsewhere)
mv /usr/share/pview/themes/light.theme "$tmp/light.theme.aside"
tui "$tmp/nolight"
mv "$tmp/light.theme.aside" /usr/share/pview/themes/light.theme
grep -q "theme light: not found" "$tmp/nolight" ||
    bad "with /usr/share/pview/themes/light.theme removed, no 'not found' warning: lookup went elsewhere"
[ $fail = 0 ] && say "TUI found the light theme in /usr/share/pview/themes"

# ---- purge: everything the package owned is gone, except paths that existed before ----
dpkg --purge pview > "$tmp/purge.log" 2>&1 || { cat "$tmp/purge.log"; bad "dpkg --purge"; }
installed=0
if dpkg-query -W -f='${Status}' pview 2>/dev/null | grep -q installed; then
    bad "pview still known to dpkg after purge"
fi
left=0
while IFS= read -r p; do
    [ "$p" = /. ] && continue
    grep -qxF "$p" "$tmp/preexisting" && continue
    if [ -e "$p" ] || [ -L "$p" ]; then
        say "left behind: $p"
        left=$((left + 1))
    fi
done < "$tmp/owned"
[ $left = 0 ] || bad "$left path(s) left after dpkg --purge"
[ -e /usr/share/pview ] && bad "/usr/share/pview left after purge"
[ -e /usr/share/doc/pview ] && bad "/usr/share/doc/pview left after purge"

if [ $fail = 0 ]; then say "PASS"; else say "FAILED"; fi
exit $fail
