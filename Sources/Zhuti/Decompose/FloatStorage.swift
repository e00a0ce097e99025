import Foundation

/// Float storage that is either owned memory (a freshly fitted model, filled in place) or a
/// view into a memory-mapped model file, which it keeps alive.
public final class FloatStorage: @unchecked Sendable {
    // @unchecked: owned memory is written only while the model is being built, before the
    // storage is shared; mapped memory is never written.
    public private(set) var buffer: UnsafeBufferPointer<Float>
    private let owner: AnyObject?
    private let allocated: UnsafeMutableBufferPointer<Float>?

    public convenience init(_ values: [Float]) {
        self.init(capacity: values.count)
        _ = allocated!.initialize(from: values)
    }

    /// Zeroed owned memory of `capacity` floats.
    init(capacity: Int) {
        let memory = UnsafeMutableBufferPointer<Float>.allocate(capacity: max(capacity, 1))
        memory.initialize(repeating: 0)
        buffer = UnsafeBufferPointer(rebasing: memory[0..<capacity])
        allocated = memory
        owner = nil
    }

    public init(mapped buffer: UnsafeBufferPointer<Float>, owner: AnyObject) {
        self.buffer = buffer
        self.owner = owner
        allocated = nil
    }

    /// Owned memory, for filling during a build.
    var mutableBaseAddress: UnsafeMutablePointer<Float> { allocated!.baseAddress! }

    /// Keeps only the first `count` floats visible (the memory stays allocated).
    func shrink(to count: Int) {
        precondition(count <= buffer.count)
        buffer = UnsafeBufferPointer(rebasing: buffer[0..<count])
    }

    deinit { allocated?.deallocate() }
}
