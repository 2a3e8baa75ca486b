# The screen follows resizes: wider, smaller, then too small, then back.
expect: === screen 120x30 ===
expect: === screen 60x12 ===
expect: pview needs 60x12 or more (now 50x10)
expect: === screen 80x24 ===
keys:
j<Resize 120x30><Dump><Resize 60x12><Dump><Resize 50x10><Dump><Resize 80x24><Dump>
