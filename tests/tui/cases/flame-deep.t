# A profile deeper than 100 frames: H jumps to the frame with the most self time under the
# selection and the view scrolls so that it shows; Esc from there still works.
profile: testdata/derived/deep-130.pb.gz
expect: github.com/acme/orderd/internal/auth.(*conn).matchBatch  total 1.18s (29.50% zo…
expect: ▏conn.matchBatch
reject: ▏runtime.goexit
keys:
FH
