import CLinearAlgebra

/// OpenBLAS's own threads, switched off while Zhuti splits BLAS work over the cores itself.
///
/// With OpenBLAS's pthread build, every `sgemm` wakes its worker threads, which then spin
/// (sched_yield) for a while after the call returns; in the all-pairs search, which runs
/// one `sgemm` per slice of rows on each core and scans the scores in between, those
/// spinners took a core from the scans. Scopes nest and may overlap across threads: the
/// pool is set to one thread by the first and restored by the last.
public enum BLASThreads {
    private static let state = Locked((active: 0, saved: Int32(-1)))

    /// For a query server: requests already run in parallel, and OpenBLAS's threads for
    /// each small per-request `sgemv` only contend with them (seen as `exec_blas_async`
    /// high in a profile under load). Not for processes that also build models.
    public static func useOneThreadFromNowOn() {
        state.withLock { state in
            state.saved = 1
            zhuti_set_openblas_threads(1)
        }
    }

    /// Runs `body` with OpenBLAS's pool at one thread, for work Zhuti splits itself.
    public static func singleThreaded<T>(_ body: () throws -> T) rethrows -> T {
        state.withLock { state in
            if state.active == 0 {
                state.saved = zhuti_openblas_threads()
                if state.saved > 1 { zhuti_set_openblas_threads(1) }
            }
            state.active += 1
        }
        defer {
            state.withLock { state in
                state.active -= 1
                if state.active == 0 && state.saved > 1 { zhuti_set_openblas_threads(state.saved) }
            }
        }
        return try body()
    }
}
