#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns the bytes of an issue file into text: UTF-8 (with or without BOM), UTF-16 LE/BE
/// with BOM, or GB18030/GBK (a superset of GB2312), detected in that order. Valid UTF-8
/// wins because a GBK file is almost never valid UTF-8 while the reverse is common.
public enum TextDecoding {
    public static func decode(_ bytes: [UInt8], file: String) throws -> String {
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE {
            return try checkedText(try decodeUTF16(bytes, littleEndian: true, file: file), file: file)
        }
        if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF {
            return try checkedText(try decodeUTF16(bytes, littleEndian: false, file: file), file: file)
        }
        let nul: Int? = bytes.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress, let hit = memchr(base, 0, buf.count) else { return nil }
            return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
        if let nul {
            throw ZhutiError(.badInput, "binary file (NUL byte at byte \(nul))", file: file,
                             line: lineNumber(bytes, offset: nul))
        }
        let start = (bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) ? 3 : 0
        if let text = String(validating: bytes[start...], as: UTF8.self) {
            return try checkedText(text, file: file)
        }
        return try checkedText(try decodeGB18030(bytes, file: file), file: file)
    }

    /// Refuse text that is mostly control characters: a binary file that happened to decode.
    /// A few stray controls (bad OCR, form feeds) are tolerated and stripped later. Counted on
    /// UTF-8 bytes, where every C0 control is its own byte.
    private static func checkedText(_ text: String, file: String) throws -> String {
        var text = text
        try text.withUTF8 { try checkControls($0, file: file) }
        return text
    }

    private static func checkControls(_ buf: UnsafeBufferPointer<UInt8>, file: String) throws {
        var nuls = 0, controls = 0
        for b in buf where b < 0x20 || b == 0x7F {
            if b == 0 { nuls += 1 }
            else if b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0B && b != 0x0C { controls += 1 }
        }
        if nuls > 0 {
            throw ZhutiError(.badInput, "binary file (contains NUL characters)", file: file)
        }
        if controls > 0, controls * 100 > buf.count {
            throw ZhutiError(.badInput, "binary file (\(controls) control characters in \(buf.count) bytes)", file: file)
        }
    }

    /// Where the UTF-8 text of file bytes lies without copying them: the bytes after a BOM
    /// when they are valid UTF-8 text (the usual case, checked in place), else nil and the
    /// caller decodes with `decode`. Refuses what `decode` refuses for binary content.
    static func utf8Range(of bytes: UnsafeBufferPointer<UInt8>, file: String) throws -> Range<Int>? {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { throw ZhutiError(.badInput, "empty file", file: file) }
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) { return nil }
        if let hit = memchr(base, 0, bytes.count) {
            let nul = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            throw ZhutiError(.badInput, "binary file (NUL byte at byte \(nul))", file: file,
                             line: lineNumber(Array(bytes[0..<nul]), offset: nul))
        }
        let start = (bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) ? 3 : 0
        let body = UnsafeBufferPointer(rebasing: bytes[start...])
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = body.makeIterator()
        scan: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid: continue
            case .emptyInput: break scan
            case .error: return nil
            }
        }
        try checkControls(body, file: file)
        return start..<bytes.count
    }

    private static func decodeUTF16(_ bytes: [UInt8], littleEndian: Bool, file: String) throws -> String {
        let body = bytes.count - 2
        if body % 2 != 0 {
            throw ZhutiError(.badInput, "truncated UTF-16 text (odd number of bytes)", file: file)
        }
        var units = [UInt16]()
        units.reserveCapacity(body / 2)
        var i = 2
        while i + 1 < bytes.count {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(littleEndian ? (a | b << 8) : (a << 8 | b))
            i += 2
        }
        guard let text = String(validating: units, as: UTF16.self) else {
            throw ZhutiError(.badInput, "invalid UTF-16 text (unpaired surrogate)", file: file)
        }
        return text
    }

    /// Strict GB18030 decoding through glibc's iconv: an invalid sequence or one cut off at
    /// the end of the file is an error naming the byte and line, never a replacement char.
    private static func decodeGB18030(_ bytes: [UInt8], file: String) throws -> String {
        let cd = iconv_open("UTF-8", "GB18030")
        if cd == iconv_t(bitPattern: -1) {
            throw ZhutiError(.io, "this system's iconv cannot decode GB18030", file: file)
        }
        defer { iconv_close(cd) }
        var input = bytes
        // GB18030 -> UTF-8 grows at most 3/2 (2-byte -> 3-byte); 4-byte sequences map 1:1.
        var output = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
        var failure: (errno: Int32, offset: Int)?
        var written = 0
        input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                guard let inBase = inBuf.baseAddress, let outBase = outBuf.baseAddress else { return }
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBase)
                    .assumingMemoryBound(to: CChar.self)
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBase)
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outLeft = outBuf.count
                let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                if r == -1 {
                    failure = (errno, inBuf.count - inLeft)
                }
                written = outBuf.count - outLeft
            }
        }
        if let failure {
            let line = lineNumber(bytes, offset: failure.offset)
            if failure.errno == EINVAL {
                throw ZhutiError(.badInput, "truncated GBK sequence at byte \(failure.offset) (line \(line))",
                                 file: file, line: line)
            }
            throw ZhutiError(.badInput,
                             "not UTF-8, UTF-16 or GB18030 text (invalid byte sequence at byte \(failure.offset), line \(line))",
                             file: file, line: line)
        }
        guard let text = String(validating: output[0..<written], as: UTF8.self) else {
            throw ZhutiError(.badInput, "GB18030 decoding produced invalid text", file: file)
        }
        return text
    }

    static func lineNumber(_ bytes: [UInt8], offset: Int) -> Int {
        var line = 1
        bytes.withUnsafeBufferPointer { buf in
            for i in 0..<min(offset, buf.count) where buf[i] == 0x0A { line += 1 }
        }
        return line
    }
}
