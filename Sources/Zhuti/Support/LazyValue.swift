/// A value computed on first use, once, safely from any thread; a failure is not cached,
/// so the next use tries again.
final class LazyValue<Value: Sendable>: Sendable {
    private let value = Locked<Value?>(nil)
    private let make: @Sendable () throws -> Value

    init(_ make: @escaping @Sendable () throws -> Value) {
        self.make = make
    }

    func get() throws -> Value {
        try value.withLock { value in
            if let value { return value }
            let made = try make()
            value = made
            return made
        }
    }
}
