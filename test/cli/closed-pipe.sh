#!/bin/sh
# gene writing into a pipe whose reader has gone must end with status 1, not a signal.
GENE=$1
( "$GENE" run "$(dirname "$0")/endless-output.gene"; echo "status=$?" >&2 ) | head -1
