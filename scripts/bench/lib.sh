# Sourced by scripts/bench-*: installs what the benchmarks need, only where
# missing, and gives each run a scratch folder that is removed on exit.
# Run as root (like scripts/setup) when something has to be installed.

bench_need_python() {
    # scikit-learn and gensim are the peers; numpy/scipy come with them.
    if ! python3 -c 'import sklearn, gensim' 2>/dev/null; then
        echo "bench: installing scikit-learn and gensim (pip)" >&2
        python3 -m pip install -q scikit-learn gensim >&2
    fi
}

bench_need_apt() {
    # bench_need_apt COMMAND PACKAGE
    if ! command -v "$1" >/dev/null 2>&1; then
        echo "bench: installing $2 (apt)" >&2
        export DEBIAN_FRONTEND=noninteractive
        # Other jobs may hold the dpkg lock for a while; wait rather than fail.
        apt-get -o DPkg::Lock::Timeout=300 update -qq >/dev/null || true
        apt-get -o DPkg::Lock::Timeout=300 install -y -qq "$2" >/dev/null
        command -v "$1" >/dev/null 2>&1 || { echo "bench: $2 did not provide $1" >&2; exit 2; }
    fi
}

bench_workdir() {
    # Sets BENCH_WORK to a fresh mktemp folder, removed on exit unless
    # BENCH_KEEP=1 (then its path is printed for inspection).
    BENCH_WORK="$(mktemp -d "${TMPDIR:-/tmp}/zhuti-bench.XXXXXX")"
    trap 'bench_cleanup' EXIT
    trap 'bench_stop; exit 130' INT
    trap 'bench_stop; exit 143' TERM
}

bench_run() {
    # Runs the Python driver as a child we can forward signals to: bash runs a
    # trap only after its foreground child ends, so a TERM or Ctrl-C must be
    # passed on for the driver to stop its server and child processes.
    "$@" &
    BENCH_CHILD=$!
    wait "$BENCH_CHILD"
}

bench_stop() {
    if [ -n "${BENCH_CHILD:-}" ] && kill -0 "$BENCH_CHILD" 2>/dev/null; then
        kill -TERM "$BENCH_CHILD" 2>/dev/null || true
        wait "$BENCH_CHILD" 2>/dev/null || true
    fi
}

bench_cleanup() {
    if [ "${BENCH_KEEP:-0}" = 1 ]; then
        echo "bench: kept scratch folder $BENCH_WORK" >&2
    else
        rm -rf "$BENCH_WORK"
    fi
}
