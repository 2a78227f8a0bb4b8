#!/usr/bin/env bash
# Analyse the Aloners seeds with the builtin engine into outputs/aloners/ (installs what it needs).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
python3 -m narrative analyze seeds/aloners --out outputs/aloners --engine builtin
