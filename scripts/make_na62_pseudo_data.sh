#!/usr/bin/env bash
# Regenerates data/kaon/na62_invisible_2015_pseudo_data.csv: background-only pseudo-data (not a
# measurement) for the invisible-2015 exposure of experiments/na62.toml, in its fixed m_miss^2
# binning. The scenario invisible-2015-pseudo-data reads it as its observed histogram.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --release -q -p muforce_cli -- pseudo-data experiments/na62.toml \
  --scenario invisible-2015 --seed 2015 --out data/kaon/na62_invisible_2015_pseudo_data.csv
