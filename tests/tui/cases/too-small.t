# Below 60x12 pview says so instead of drawing.
args: -tui_size=40x8
expect: pview needs 60x12 or more (now 40x8)
keys:

