#!/bin/sh
# Compiler launcher of the header check: runs the compile command it is given with
# -fsyntax-only (parsing, templates instantiated, every front-end warning, no code generated),
# then creates the empty object file the build expects, so that the check is redone only when
# a header changes. Generating code for a header alone checks nothing more and cost half of
# the check's time (docs/decisions.md).
out=
prev=
for arg in "$@"; do
  if [ "$prev" = "-o" ]; then out="$arg"; fi
  prev="$arg"
done
"$@" -fsyntax-only || exit $?
if [ -n "$out" ]; then : > "$out"; fi
