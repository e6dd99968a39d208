#!/bin/sh
# Grade a class in 4 shards on one machine (or over ssh with --sshlogin)
# with GNU parallel, then merge. Usage: grade-parallel.sh ASSIGNMENT SUBMISSIONS_DIR
set -eu
assignment=$1
subs=$2
shards=4
# Every shard gets the same list, in the same order.
ls -d "$subs"/*/ | sort > submissions.txt
seq 1 "$shards" | parallel --halt now,fail=1 \
  'weft grade --quiet --shard {}/'"$shards"' --assignment '"$assignment"' --out shard{} $(cat submissions.txt)'
weft grade merge --out graded $(seq -f 'shard%g' 1 "$shards")
