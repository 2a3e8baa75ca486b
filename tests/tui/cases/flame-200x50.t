# At 200x50 names fit whole where the frame is wide enough.
args: -tui_size=200x50
expect: === screen 200x50 ===
expect: ▏mapassign_fa…╎math.Abs
expect: ▏runtime.mapiternext
keys:
F
