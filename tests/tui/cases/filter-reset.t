# R undoes every step at once.
expect: settings reset
expect: no filters
expect: 1/14
keys:
fjiR
