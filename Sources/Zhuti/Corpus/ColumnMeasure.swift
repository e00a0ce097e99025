/// The printed width of the column a paragraph fragment was set in, read from where the
/// extraction wrapped it.
///
/// Long-line exports keep each printed line of a fragment as a run between stray spaces;
/// narrow exports keep it as a physical line. Every such segment is a full column line except
/// the paragraph's last one (and its first, set in by the indent), so their typical width is
/// the column's measure. Stories on one page are set in different measures, which is what
/// tells apart two stories whose fragments the extraction interleaved, and a first line
/// printed at full width says the fragment continues a paragraph begun elsewhere.
struct ColumnMeasure: Equatable {
    /// Width of a full line, in ems.
    var width: Double
    /// Width of the fragment's first printed line, and how much wider it may be (its figures).
    var firstLine: Double
    var firstLineFigures = 0.0
    /// How many of its lines are known to be full: one line is weak evidence of a column.
    var fullLines = 1
    /// Its widest printed line: no column narrower than this holds the fragment, which one line
    /// already shows.
    var widest: Double

    /// Segments narrower than this are names, numbers and debris, not column lines.
    static let shortestLine = 6.0

    /// nil when the fragment has no line known to be full. A fragment that opens a story
    /// (`本报讯(记者…)`) starts with a byline, not a column line: its first segment is skipped.
    init?(lines: [[Unicode.Scalar]], endsParagraph: Bool, opensStory: Bool = false) {
        // Each printed line's width, and how much wider it is if its Latin letters and digits
        // were set a full em each (fullwidth figures a normalising extraction made ASCII).
        var segments: [(width: Double, figures: Double)] = []
        for line in lines {
            var current = 0.0, figures = 0.0
            for s in line {
                if ScalarClass.isSpace(s) {
                    if current > 0 { segments.append((current, figures)) }
                    current = 0
                    figures = 0
                } else {
                    current += Self.width(of: s)
                    if ScalarText.isLatinOrDigit(s) { figures += 0.5 }
                }
            }
            if current > 0 { segments.append((current, figures)) }
        }
        if opensStory { segments = Array(segments.dropFirst()) }
        guard let first = segments.first else { return nil }
        let full = (endsParagraph ? segments.dropLast() : segments[...]).filter { $0.width >= Self.shortestLine }
        guard !full.isEmpty else { return nil }
        // Lines with figures are read only where no other line tells the width: whether a page
        // sets figures half an em (the seeds) or a full one is not known.
        let plain = full.filter { $0.figures == 0 }
        let sorted = (plain.isEmpty ? full : plain).map(\.width).sorted()
        // No line is wider than its column, but first lines are set in and a paragraph's last
        // line is short wherever a fragment holds several paragraphs: the width is near the top
        // of what the lines show (the upper quartile; the widest may be a squeezed line).
        width = sorted[sorted.count * 3 / 4]
        firstLine = first.width
        firstLineFigures = first.figures
        widest = segments.map(\.width).max() ?? first.width
        fullLines = full.count
        guard width >= 8 else { return nil }
    }

    init(width: Double, firstLine: Double) {
        self.width = width
        self.firstLine = firstLine
        widest = width
    }

    /// The first line is set in (a paragraph starts here): true; printed full (the fragment
    /// continues a paragraph): false; too close to tell: nil.
    var indented: Bool? {
        if firstLine + firstLineFigures <= width - 1.25 { return true }
        if firstLine >= width - 0.75 { return false }
        return nil
    }

    /// A printed line of this column: as wide as it, or (a paragraph's first line) set in by
    /// up to two ems and a half.
    func holds(line: Double, first: Bool) -> Bool {
        line >= width - (first ? 2.5 : 1) && line <= width + 0.5
    }

    /// Two measures belong to one column: typesetters squeeze punctuation, so a column's
    /// lines vary by an em or two.
    func sameColumn(_ other: Double) -> Bool { Self.sameColumn(width, other) }

    /// A line this wide is not a line of a column `width` wide: wider by more than squeezed
    /// punctuation explains (real 16-em columns print lines of 15 to 18 ems).
    static func tooWide(_ line: Double, for width: Double) -> Bool {
        line > width + max(2, 0.12 * width)
    }

    static func sameColumn(_ a: Double, _ b: Double) -> Bool {
        abs(a - b) <= max(1.5, 0.08 * max(a, b))
    }

    /// Ideographs take an em, and so do fullwidth digits and letters (`１９９８`); ASCII digits and
    /// Latin letters half of one; punctuation half too, since justified Chinese lines squeeze it
    /// (a 17-em column holds 17 ideographs or up to 19 characters with commas). Chosen on the
    /// seeds: counting punctuation as a full em confused neighbouring columns of 15, 17 and 21 ems.
    static func width(of s: Unicode.Scalar) -> Double {
        ScalarClass.isHan(s) || ScalarText.isFullwidthLatinOrDigit(s) ? 1 : 0.5
    }

    /// A printed line's width in ems.
    static func width(of line: some Sequence<Unicode.Scalar>) -> Double {
        line.reduce(0) { $0 + width(of: $1) }
    }
}
