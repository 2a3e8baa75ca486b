# At 200x50 whole names fit and every row shows.
profile: heap
args: -tui_size=200x50
expect: === screen 200x50 ===
expect: github.com/prometheus/client_golang/prometheus.(*Registry).Gather
reject: …
keys:

