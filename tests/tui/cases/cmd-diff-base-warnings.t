# :diff_base=FILE whose binaries cannot be found: the reload's warnings (binary not found)
# are kept with the startup ones: the first new one on the message line, all of them in
# :options, none on stderr (a terminal would draw it over the screen). The table is then the
# difference, with the base's unsymbolized frames negative.
profile: testdata/symbolize/e2e/shapes.pb.gz
args: -tui_size=150x30 -symbolize=local
env: PPROF_BINARY_PATH=
env: PVIEW_BINARY_PATH=
expect: symbolize: could not find /tmp/pview-e2e-run/sorter (build id 06e8210232c71bbeb79966b9df206ff3fffafea3); set PPROF_BINARY_PATH
expect: diff_base=testdata/symbolize/e2e/sorter.pb.gz
expect: Warnings while loading
expect:   symbolize: could not find /tmp/pview-e2e-run/libsortlib.so;
keys:
<Dump>:diff_base=testdata/symbolize/e2e/sorter.pb.gz<Enter><Dump>:options<Enter>G<Dump>
