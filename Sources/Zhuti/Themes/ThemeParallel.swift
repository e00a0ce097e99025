import Dispatch

/// Carries a value the compiler cannot prove Sendable into `concurrentPerform`.
struct ThemeUncheckedBox<Value>: @unchecked Sendable {
    let value: Value
}

/// Runs `body(i)` for every i in 0..<count, spread over the cores, and returns when all
/// are done. Callers guarantee that different i touch disjoint memory (each iteration
/// writes its own rows/slot), which is what makes the unchecked hand-over sound.
func themeParallelFor(_ count: Int, _ body: (Int) -> Void) {
    guard count > 1 else {
        if count == 1 { body(0) }
        return
    }
    withoutActuallyEscaping(body) { escapable in
        let box = ThemeUncheckedBox(value: escapable)
        DispatchQueue.concurrentPerform(iterations: count) { box.value($0) }
    }
}
