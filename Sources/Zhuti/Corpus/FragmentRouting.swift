import Foundation

/// Which story each untitled fragment continues where the extraction interleaved the columns of
/// several stories and the layout alone does not say (two columns of one width).
///
/// A reader goes by the layout first and the words second, and so does this. Each candidate
/// story is scored for a fragment by
/// - the layout: a fragment printed full from its first line goes on a sentence a story left
///   open; one set in starts a paragraph, which a story stopped mid-sentence cannot take; a
///   column of another width is unlikely; leaving the story being read costs a little;
/// - the join: where the fragment goes on a sentence, its first ideograph should follow the
///   story's last one as the issue prints that pair elsewhere (`…发` + `生…`);
/// - the vocabulary: the cosine of the fragment's ideograph bigrams with the story's (its
///   headline's and its fragments' so far), weighted by how rare each bigram is among the
///   issue's fragments.
/// The layout rules' own choice stands unless another story scores clearly better (real pages
/// are read well by the layout; the words break its ties), except among stories read in
/// rotation: a story begun when the one before it had been read for a fragment or two and left
/// mid-sentence shows that the extraction is reading across their columns turn by turn, so
/// between those stories leaving the one just read costs nothing and the layout has no margin.
/// The issue's own text is the only model: no dictionary, no segmentation. Weights chosen on
/// generated pages of seed 1998 and the seed issues (scripts/bench-segmentation), reported on
/// seed 7.
struct FragmentRouting {
    struct Fragment {
        var words: HanBigrams
        var first: Unicode.Scalar?
        var last: Unicode.Scalar?
        var endsOpen: Bool
        var measure: ColumnMeasure?
    }

    /// The fragments in reading order and the story each went to; per story, its words (and
    /// their weighted norm, kept as they grow, so that a long story costs no more to compare),
    /// its latest fragment, the column widths it showed and its widest printed line.
    private var fragments: [Fragment] = []
    private var story: [Int] = []
    private var profiles: [Int: HanBigrams] = [:]
    private var normSquared: [Int: Double] = [:]
    private var latest: [Int: Int] = [:]
    private var columns: [Int: StoryColumns] = [:]
    private var widest: [Int: Double] = [:]
    /// The rotation each story read in one belongs to, named by its first story.
    private var rotation: [Int: Int] = [:]

    /// The column widths a story showed, each with the full lines that showed it. Its usual
    /// column is their median by lines, so that one fragment read into it by mistake does not
    /// change it; a story may also go on in a column of another width (real pages continue a
    /// story below in a wider one), so its latest width counts too.
    struct StoryColumns {
        private(set) var seen: [(width: Double, lines: Int)] = []
        private(set) var usual = 0.0
        private(set) var lines = 0

        mutating func add(_ m: ColumnMeasure) {
            seen.append((m.width, m.fullLines))
            lines += m.fullLines
            var counted = 0
            for s in seen.sorted(by: { $0.width < $1.width }) {
                counted += s.lines
                if 2 * counted >= lines { usual = s.width; break }
            }
        }

        var latest: Double { seen.last?.width ?? usual }

        /// A fragment of measure `m` was set in neither the usual nor the latest column: its
        /// measure is apart from theirs, or one of its lines too wide for them.
        func excludes(_ m: ColumnMeasure) -> Bool {
            [usual, latest].allSatisfy { w in
                (m.fullLines >= 2 && !m.sameColumn(w)) || ColumnMeasure.tooWide(m.widest, for: w)
            }
        }
    }

    /// Every fragment the issue holds, in reading order, and its words (counted once).
    private var texts: [[Unicode.Scalar]] = []
    private var textWords: [HanBigrams] = []
    private var idf: [UInt64: Double] = [:]
    private var pairs = HanBigrams()
    private var leading: [UInt32: Int] = [:]
    private var unigrams: [UInt32: Int] = [:]
    private var hanTotal = 0

    /// Weight of the vocabulary's cosine (0...1) and of the join's log-odds.
    static let vocabularyWeight = 20.0
    static let joinWeight = 1.0
    /// Log-odds against a story for a fragment printed full from its first line after the
    /// story finished a sentence; for a paragraph opening after the story stopped mid-sentence;
    /// for a column of another width; for leaving the story just read.
    static let sentenceBreakPenalty = 2.0
    static let midSentencePenalty = 3.0
    static let columnPenalty = 6.0
    static let switchPenalty = 3.0
    /// How much better another story must score than the layout's choice to take the fragment.
    static let layoutMargin = 3.0
    /// Full lines a story's column must rest on before it may overrule the layout's choice.
    static let columnEvidence = 3
    /// A story begun when the one read before it had no more fragments than this, and stopped
    /// mid-sentence, is read in rotation with it. Chosen on generated pages (1, 2, 3, 4 tried;
    /// also without the mid-sentence condition, which cost the seeds).
    static let rotationOpening = 2

    /// `texts`: every fragment of the issue in reading order, as `read` will be given them: how
    /// rare each bigram is and which pairs the issue prints are counted on them.
    init(texts: [[Unicode.Scalar]]) {
        var df: [UInt64: Int] = [:]
        for t in texts {
            // Each text alone: the joins the extraction printed are what is in question.
            let words = HanBigrams(t)
            self.texts.append(t)
            textWords.append(words)
            for (key, n) in words.counts {
                df[key, default: 0] += 1
                leading[UInt32(key >> 32), default: 0] += n
            }
            pairs.add(words)
            for s in t where ScalarClass.isHan(s) { unigrams[s.value, default: 0] += 1 }
        }
        hanTotal = pairs.han
        let n = Double(max(texts.count, 1))
        for (key, d) in df { idf[key] = log(1 + n / Double(d)) }
    }

    /// A story begins under `title`: its words are the first the story is known by, before its
    /// first fragment (which may be short) is read.
    mutating func begin(story d: Int, title: [Unicode.Scalar]) {
        guard profiles[d] == nil else { return }
        add(HanBigrams(title), to: d)
    }

    /// Records the next fragment, in reading order, and returns its story: `layout`, the story
    /// the layout rules chose, or with `others`, whichever of them it continues best.
    mutating func read(_ text: [Unicode.Scalar], endsOpen: Bool, measure: ColumnMeasure?, layout: Int,
                       others: [Int] = []) -> Int {
        let n = fragments.count
        let words = n < texts.count && texts[n] == text ? textWords[n] : HanBigrams(text)
        fragments.append(Fragment(words: words, first: text.first(where: ScalarClass.isHan),
                                  last: text.last(where: ScalarClass.isHan), endsOpen: endsOpen, measure: measure))
        let i = fragments.count - 1
        if latest[layout] == nil, i > 0 {
            let previous = story[i - 1]
            if fragments[latest[previous]!].endsOpen, story.lazy.filter({ $0 == previous }).count <= Self.rotationOpening {
                rotation[previous] = rotation[previous] ?? previous
                rotation[layout] = rotation[previous]
            }
        }
        let chosen = others.isEmpty ? layout : best(i, among: [layout] + others)
        story.append(chosen)
        add(words, to: chosen)
        latest[chosen] = i
        if let m = measure, m.fullLines >= 2 { columns[chosen, default: StoryColumns()].add(m) }
        if let m = measure { widest[chosen] = max(widest[chosen] ?? 0, m.widest) }
        return chosen
    }

    /// Adds `words` to story `d`'s, keeping their weighted norm as they grow.
    private mutating func add(_ words: HanBigrams, to d: Int) {
        var profile = profiles[d] ?? HanBigrams()
        var norm = normSquared[d] ?? 0
        for (key, n) in words.counts {
            let w = idf[key] ?? 0, c = Double(profile.counts[key] ?? 0)
            norm += ((c + Double(n)) * (c + Double(n)) - c * c) * w * w
        }
        profile.add(words)
        profiles[d] = profile
        normSquared[d] = norm
    }

    /// The best-scoring candidate; the layout's own choice (the first) gives way only to a
    /// clearly better one, or to a better one read in rotation with it.
    private func best(_ i: Int, among: [Int]) -> Int {
        // The layout's choice has no claim to be kept when it is a story whose column (shown by
        // three full lines or more) cannot have held the fragment while another story's can.
        let excluded = (columns[among[0]]?.lines ?? 0) >= Self.columnEvidence && columnConflict(i, story: among[0])
            && among.dropFirst().contains { !columnConflict(i, story: $0) }
        let margin = excluded ? 0 : Self.layoutMargin
        let layoutScore = score(i, story: among[0])
        var best = among[0], top = -Double.infinity
        for d in among.dropFirst() {
            let s = score(i, story: d)
            if s > layoutScore + (inRotation(d, among[0]) ? 0 : margin), s > top { (best, top) = (d, s) }
        }
        return best
    }

    /// How well the latest fragment `i` continues story `d`, given the stories of those before it.
    func score(_ i: Int, story d: Int) -> Double {
        let f = fragments[i]
        var total = Self.vocabularyWeight * cosine(f.words, d)
        let previous = latest[d].map { fragments[$0] }
        if i > 0, story[i - 1] != d, !inRotation(d, story[i - 1]) { total -= Self.switchPenalty }
        guard let m = f.measure else { return total }
        if let prev = previous {
            switch m.indented {
            case false?:
                if prev.endsOpen {
                    total += Self.joinWeight * join(prev.last, f.first)
                } else {
                    total -= Self.sentenceBreakPenalty
                }
            case true?:
                if prev.endsOpen { total -= Self.midSentencePenalty }
            case nil:
                break
            }
        }
        if columnConflict(i, story: d) { total -= Self.columnPenalty }
        return total
    }

    /// Stories `a` and `b` are read turn by turn: begun in one rotation.
    private func inRotation(_ a: Int, _ b: Int) -> Bool {
        rotation[a] != nil && rotation[a] == rotation[b]
    }

    /// Fragment `i` was set in another column than story `d`'s: apart from the columns it showed,
    /// or, where it showed none, a line of the story too wide for the fragment's column.
    private func columnConflict(_ i: Int, story d: Int) -> Bool {
        guard let m = fragments[i].measure else { return false }
        if let c = columns[d] { return c.excludes(m) }
        if m.fullLines >= 2, let w = widest[d] { return ColumnMeasure.tooWide(w, for: m.width) }
        return false
    }

    /// How much likelier `b` is after `a` than anywhere, when the issue prints the pair
    /// elsewhere; a pair it never prints says nothing (most pairs of any text are rare).
    private func join(_ a: Unicode.Scalar?, _ b: Unicode.Scalar?) -> Double {
        guard let a, let b else { return 0 }
        let pair = pairs.count(a, b)
        guard pair > 0 else { return 0 }
        let pb = Double(unigrams[b.value] ?? 0) / Double(max(hanTotal, 1))
        let p = Double(pair) / Double(max(leading[a.value] ?? 0, 1))
        return max(0, log(p / pb))
    }

    /// The idf-weighted cosine of a fragment's bigrams with story `d`'s.
    private func cosine(_ x: HanBigrams, _ d: Int) -> Double {
        guard let y = profiles[d], let ny = normSquared[d], ny > 0 else { return 0 }
        var dot = 0.0, nx = 0.0
        for (key, c) in x.counts {
            let w = idf[key] ?? 0
            nx += Double(c * c) * w * w
            if let n = y.counts[key] { dot += Double(c * n) * w * w }
        }
        return nx > 0 && dot > 0 ? dot / (nx * ny).squareRoot() : 0
    }
}
