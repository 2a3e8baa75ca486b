# SIGTERM ends pview cleanly with status 143 (128+15); no keys are read after it.
status: 143
expect: 1/14
reject: 2/14
keys:
<Dump><Signal TERM>j<Dump>
