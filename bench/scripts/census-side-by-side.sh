#!/usr/bin/env bash
# Runs the census benchmark of two builds side by side, alternating, and prints the median of each measure.
#
#   bench/scripts/census-side-by-side.sh BEFORE.dll AFTER.dll OUT_FOLDER [runs=3] [batches="256 1024"]
#
# BEFORE.dll and AFTER.dll are RecSharp.Bench.dll of two Release builds (e.g. the main branch's and this one's).
# Each run is one process (PLE defaults, one epoch, THREADS libtorch threads, default 2); its JSON goes to
# OUT_FOLDER/<label>-b<batch>-<run>.json and the medians, with the load average of every run, to OUT_FOLDER/summary.md.
# On a shared machine, compare the rows per CPU second at THREADS=1: wall-time rates there measure the other processes.
set -euo pipefail
before=$1 after=$2 out=$3 runs=${4:-3} batches=${5:-"256 1024"} threads=${THREADS:-2}
data=${CENSUS_DATA:-$(dirname "$0")/../../../shared/data/census-income.test.gz}
mkdir -p "$out"
for batch in $batches; do
  for run in $(seq 1 "$runs"); do
    for label in before after; do
      dll=$before; [ "$label" = after ] && dll=$after
      json="$out/$label-b$batch-$run.json"
      dotnet "$dll" census --data "$data" --model ple --epochs 1 --batch "$batch" --threads "$threads" --json \
        2>/dev/null | sed -n 1p > "$json"
      echo "$label batch $batch run $run: $(jq -r '.training.rows_per_second | floor' "$json") rows/s" >&2
    done
  done
done

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
measure() { # label batch jq-expression
  for f in "$out/$1-b$2-"*.json; do jq -r "$3" "$f"; done | median
}
{
  echo "| measure (median of $runs, $threads threads) | batch | before | after |"
  echo "| --- | --- | --- | --- |"
  for batch in $batches; do
    for row in "training rows/s (steady state)|.training.rows_per_second" \
               "training rows/s (whole Fit)|.data.train_rows / .training.fit_seconds" \
               "whole Fit / steady state|(.data.train_rows / .training.fit_seconds) / .training.rows_per_second" \
               "training MFU|.training.mfu" \
               "training rows per CPU second|.training.rows_per_cpu_second" \
               "prediction MFU (batch 1024)|.prediction.mfu" \
               "single-row p50 ms|.prediction.latency_p50_ms" \
               "matmul peak GFLOP/s|.flops.peak_gflops" \
               "income AUC|.test_metrics.income.auc" \
               "marital AUC|.test_metrics.marital.auc"; do
      name=${row%%|*} expression=${row#*|}
      printf '| %s | %s | %.4g | %.4g |\n' "$name" "$batch" "$(measure before "$batch" "$expression")" \
        "$(measure after "$batch" "$expression")"
    done
  done
  echo
  echo "Load average (1, 5, 15 min) at each run's end:"
  for f in "$out"/*.json; do echo "- $(basename "$f" .json): $(jq -r '.machine.load_average' "$f")"; done
} > "$out/summary.md"
cat "$out/summary.md"
