#!/bin/sh
# A NUL byte and invalid UTF-8 inside strings pass through unchanged.
GENE=$1
printf '(println "a\000b")\n(println "\377\376")\n' | "$GENE" run | od -An -c | tr -s ' '
