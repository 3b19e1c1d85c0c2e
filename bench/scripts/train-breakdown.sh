#!/usr/bin/env bash
# Times `recsharp train` on the census example by phase, from the moments its output lines appear, and prints the
# median of each phase over the runs (default 3), with the load average.
#
#   bench/scripts/train-breakdown.sh path/to/RecSharp.Cli [runs=3] [config=examples/census/experiment.yaml]
#
# Phases: start-up (the median wall time of `recsharp --help`), data (CSV read, split, preprocessing fit and encoding:
# until the "Training" line, less the start-up), training (report.json's timings_seconds.train: model build and Fit),
# evaluation (from the epoch line to the test metrics table), writing (model, curves.png and report, until "Wrote"),
# exit (the rest), against the total from process start to exit.
set -euo pipefail
cli=$1 runs=${2:-3} config=${3:-examples/census/experiment.yaml}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
now() { date +%s.%N; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

for run in $(seq 1 "$runs"); do
  start=$(now); "$cli" --help > /dev/null; echo "$(now) - $start" | bc >> "$work/startup"
done
for run in $(seq 1 "$runs"); do
  out="$work/run$run"
  start=$(now)
  "$cli" train --config "$config" --out "$out" 2>&1 | while IFS= read -r line; do
    echo "$(echo "$(now) - $start" | bc) $line"
  done > "$work/lines$run"
  echo "$(now) - $start" | bc > "$work/total$run"
  at() { awk -v pattern="$1" '$0 ~ pattern { print $1; exit }' "$work/lines$run"; }
  training=$(at ' Training '); epoch=$(at ' Epoch [0-9]+/'); table=$(at '^[0-9.]+ test +[a-z]'); wrote=$(at ' Wrote ')
  train=$(jq -r '.timings_seconds.train' "$out/report.json")
  total=$(cat "$work/total$run")
  evaluation=$(echo "$table - $epoch" | bc) writing=$(echo "$wrote - $table" | bc) exit=$(echo "$total - $wrote" | bc)
  echo "$training $train $evaluation $writing $exit $total" >> "$work/phases"
  echo "run $run: $(tail -n 1 "$work/phases") · load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  rm -rf "$out" "$out.checkpoint.safetensors"
done

startup=$(median < "$work/startup")
column() { awk -v c="$1" '{ print $c }' "$work/phases" | median; }
data=$(echo "$(column 1) - $startup" | bc)
echo "| phase (median of $runs) | seconds |"
echo "| --- | --- |"
printf '| start-up (`recsharp --help`) | %.2f |\n' "$startup"
printf '| CSV read, preprocessing fit, encoding | %.2f |\n' "$data"
printf '| training (model build and Fit) | %.2f |\n' "$(column 2)"
printf '| evaluation (test rows) | %.2f |\n' "$(column 3)"
printf '| model, curves.png and report written | %.2f |\n' "$(column 4)"
printf '| exit | %.2f |\n' "$(column 5)"
printf '| total, process start to exit | %.2f |\n' "$(column 6)"
printf '| total / training | %.2f |\n' "$(echo "$(column 6) / $(column 2)" | bc -l)"
echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
