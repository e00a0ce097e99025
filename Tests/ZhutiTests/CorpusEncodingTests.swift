import Foundation
import Testing
@testable import Zhuti

@Suite struct CorpusEncodingTests {
    static let sample = "本报讯（记者李四）全市今年新建学校十二所，新增学位一万多个，有效缓解了入学难的问题。"

    @Test func utf8WithAndWithoutBOM() throws {
        let plain = Array(Self.sample.utf8)
        #expect(try TextDecoding.decode(plain, file: "a.txt") == Self.sample)
        #expect(try TextDecoding.decode([0xEF, 0xBB, 0xBF] + plain, file: "a.txt") == Self.sample)
    }

    @Test func utf16WithBOM() throws {
        let units = Array(Self.sample.utf16)
        let le: [UInt8] = [0xFF, 0xFE] + units.flatMap { u -> [UInt8] in [UInt8(u & 0xFF), UInt8(u >> 8)] }
        let be: [UInt8] = [0xFE, 0xFF] + units.flatMap { u -> [UInt8] in [UInt8(u >> 8), UInt8(u & 0xFF)] }
        #expect(try TextDecoding.decode(le, file: "le.txt") == Self.sample)
        #expect(try TextDecoding.decode(be, file: "be.txt") == Self.sample)
        // Through the reader the same issue comes out of every encoding.
        let viaLE = try IssueReader.read(bytes: le, name: "le.txt")[0].articles
        let viaUTF8 = try IssueReader.read(bytes: Array(Self.sample.utf8), name: "u.txt")[0].articles
        #expect(viaLE == viaUTF8)
        #expect(viaUTF8.first?.byline == "本报讯（记者李四）")
    }

    @Test func gbkBytesDecode() throws {
        // 你好 in GBK, and a GBK line of an issue: 中国 (D6D0 B9FA), full-width comma (A3AC).
        #expect(try TextDecoding.decode([0xC4, 0xE3, 0xBA, 0xC3], file: "g.txt") == "你好")
        #expect(try TextDecoding.decode([0xD6, 0xD0, 0xB9, 0xFA, 0xA3, 0xAC, 0x0A, 0x41], file: "g.txt") == "中国，\nA")
        // GB18030 proper: A2E3 is €, and the four-byte 95 32 82 36 is U+20000 𠀀.
        #expect(try TextDecoding.decode([0xA2, 0xE3], file: "g.txt") == "€")
        #expect(try TextDecoding.decode([0x95, 0x32, 0x82, 0x36], file: "g.txt") == "\u{20000}")
    }

    @Test func gb18030BuiltWithIconvRoundTrips() throws {
        let text = Self.sample + "\n第二行：ＧＢＫ编码的文字，包括𠀀扩展字。\n"
        let bytes = try encodeGB18030(text)
        #expect(bytes.count != Array(text.utf8).count)
        #expect(try TextDecoding.decode(bytes, file: "gb.txt") == text)
    }

    @Test func truncatedGBKSequenceNamesFileAndLine() {
        // Two lines, the second ends in the first byte of a two-byte character.
        let bytes: [UInt8] = [0xC4, 0xE3, 0xBA, 0xC3, 0x0A, 0xC4, 0xE3, 0xBA]
        let e = zhutiError { _ = try TextDecoding.decode(bytes, file: "cut.txt") }
        #expect(e?.kind == .badInput)
        #expect(e?.file == "cut.txt")
        #expect(e?.line == 2)
        #expect(e?.message == "truncated GBK sequence at byte 7 (line 2)")
        #expect(e?.description == "cut.txt:2: truncated GBK sequence at byte 7 (line 2)")
    }

    @Test func invalidSequenceIsRefused() {
        // 0xFF is never a GB18030 lead byte.
        let e = zhutiError { _ = try TextDecoding.decode([0x41, 0x0A, 0xFF, 0x41, 0x42], file: "bad.txt") }
        #expect(e?.kind == .badInput)
        #expect(e?.line == 2)
        #expect(e?.message.contains("invalid byte sequence at byte 2") == true)
    }

    @Test func binaryFilesAreRefused() {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48]
        let e1 = zhutiError { _ = try IssueReader.read(bytes: png, name: "img.txt") }
        #expect(e1?.kind == .badInput)
        #expect(e1?.file == "img.txt")
        #expect(e1?.message.hasPrefix("binary file") == true)
        // No NULs, but mostly control bytes.
        let controls: [UInt8] = [0x01, 0x02, 0x03, 0x41, 0x04, 0x05, 0x06, 0x07, 0x08]
        let e2 = zhutiError { _ = try IssueReader.read(bytes: controls, name: "ctl.txt") }
        #expect(e2?.message.hasPrefix("binary file") == true)
    }

    @Test func peoplesDailyGBKFileDecodes() throws {
        guard let shared = sharedCorpusURL() else {
            print("skipping: shared corpora not found (set ZHUTI_SHARED or provide <repo>/../shared)")
            return
        }
        let url = shared.appendingPathComponent("corpora/peoples-daily-1998-01/199801.txt")
        let bytes = try [UInt8](Data(contentsOf: url))
        let text = try TextDecoding.decode(bytes, file: url.path)
        #expect(text.hasPrefix("19980101-01-001-001/m  迈向/v  充满/v  希望/n"))
        #expect(text.contains("中共中央/nt  总书记/n"))
    }

    /// GB18030 bytes made by glibc's iconv (the encoder side of what the reader decodes).
    func encodeGB18030(_ text: String) throws -> [UInt8] {
        let cd = iconv_open("GB18030", "UTF-8")
        try #require(cd != iconv_t(bitPattern: -1))
        defer { iconv_close(cd) }
        var input = Array(text.utf8)
        var output = [UInt8](repeating: 0, count: input.count * 2 + 8)
        var written = 0
        let status: Int = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count, outLeft = outBuf.count
                let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                written = outBuf.count - outLeft
                return r
            }
        }
        try #require(status != -1)
        return Array(output[0..<written])
    }
}
