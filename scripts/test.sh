#!/usr/bin/env bash
# The test command: installs what the tests need to read our output independently
# (LibreOffice headless, poppler's pdftoppm, python-docx), then runs every test of the workspace.
# Safe to run again: installs are skipped when already present.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v soffice >/dev/null 2>&1 || need_apt+=(libreoffice-writer-nogui)
command -v pdftoppm >/dev/null 2>&1 || need_apt+=(poppler-utils)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "test.sh: installing ${need_apt[*]} (Debian packages)" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    "${need_apt[@]}" fonts-dejavu-core >/dev/null
fi

PY=${PYTHON:-python3}
if ! "$PY" -c 'import docx' >/dev/null 2>&1; then
  echo "test.sh: installing python-docx (PyPI)" >&2
  "$PY" -m pip install -q 'python-docx==1.2.0'
fi
export SUPPORTPLAN_PYTHON="$PY"

cargo test --workspace --all-targets "$@"
cargo test --workspace --doc
