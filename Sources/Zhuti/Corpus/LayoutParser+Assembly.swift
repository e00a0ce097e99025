/// From items to articles: which headline belongs to which story, and the final clean-up.
extension LayoutParser {
    struct Draft {
        var title: [[Unicode.Scalar]] = []
        /// Which title line is the headline proper, where the markup says so (markdown `##`).
        var mainTitleLine: Int?
        var byline: String?
        var paras: [[Unicode.Scalar]] = []
        var continuation: String?
        /// No further untitled paragraphs join this story (its headline or a jump marker ended it).
        var closed = false
        var lastComplete = false
        /// Printed page, when a page line named it (a teaser's `第7版`).
        var page: Int?
        /// A front-page teaser: a headline pointing to another page, with its summary.
        var isTeaser = false
        /// Column width of its latest fragment that showed one, and of its first.
        var measure: Double?
        var firstMeasure: Double?
        /// Its first paragraph opened with a dateline (`本报讯…`): a story of its own.
        var opensWithDateline = false
        /// The story read just before its headline came: the one it is a section of, if its
        /// headline is a cross-head.
        var readAfter: Int?
        /// Paragraphs that ended mid-sentence in a fragment and are not continued yet, with the
        /// column they were set in: a later fragment of that column goes on there, which
        /// restores reading order where the extraction interleaved columns.
        var openTails: [(width: Double, para: Int)] = []
        /// The paragraph the latest fragment went into.
        var lastTouched: Int?
        /// Indices of `paras` where a paragraph opened in another column after a finished
        /// sentence: the story may go on there, or an untitled one may begin.
        var columnChanges: [Int] = []

        mutating func append(_ p: Para) {
            if let c = p.continuation { mark(c) }
            var text = p.text
            // `本报讯(记者A 特约记者` … `B)正文`: the byline's bracket closed in another column,
            // and the story's first paragraph begins after it.
            var opensStory = false
            if let b = byline, opens(b), let close = text.prefix(10).firstIndex(where: { $0 == ")" || $0 == "）" }),
               close > 0, !text[..<close].contains(where: { ScalarClass.isSentenceEnd($0) || ScalarClass.isClauseComma($0) }) {
                byline = b + ScalarText.string(text[...close])
                text = Array(text[(close + 1)...])
                opensStory = true
            }
            guard !text.isEmpty else { return }
            if paras.isEmpty { opensWithDateline = p.startsArticle }
            var target: Int?   // the paragraph this fragment goes on with
            if let m = p.measure {
                if let w = measure, !m.sameColumn(w), m.fullLines >= 2, !paras.isEmpty, !endsOpen {
                    columnChanges.append(paras.count)
                }
                if !opensStory, m.indented == false, let k = openTails.lastIndex(where: { m.sameColumn($0.width) }) {
                    target = openTails.remove(at: k).para
                }
                // One full line is weak evidence of a column (a line of names squeezes differently).
                if m.fullLines >= 2 {
                    measure = m.width
                    if firstMeasure == nil { firstMeasure = m.width }
                }
            } else if !opensStory, let t = lastTouched, endsOpen, let k = openTails.lastIndex(where: { $0.para == t }) {
                // No column to go by: the paragraph the last fragment left open.
                target = openTails.remove(at: k).para
            }
            if opensStory {
                paras.insert(text, at: 0)
                for k in openTails.indices { openTails[k].para += 1 }
                columnChanges = columnChanges.map { $0 + 1 }
                target = 0
            } else if let t = target {
                ScalarText.joinWrapped(&paras[t], text)
            } else if let t = lastTouched, !lastComplete, !ScalarText.endsSentence(paras[t]) {
                ScalarText.joinWrapped(&paras[t], text)
                openTails.removeAll { $0.para == t }
                target = t
            } else {
                paras.append(text)
                target = paras.count - 1
            }
            lastTouched = target
            if let m = p.measure, p.endsOpen { openTails.append((m.width, target!)) }
            lastComplete = p.complete
        }

        /// Its text so far stops mid-sentence (where the latest fragment left it).
        var endsOpen: Bool {
            guard let t = lastTouched else { return false }
            return !lastComplete && !ScalarText.endsSentence(paras[t])
        }

        /// Its headline may be a cross-head (小标题) of another story: no byline or dateline under
        /// it, no author's name in it, and no date a speech was given on.
        var mayBeCrossHead: Bool {
            !title.isEmpty && !opensWithDateline && byline == nil && !title.dropFirst().contains(where: isAuthorLine)
                && !title.contains(where: DateText.isBracketedDate)
        }

        /// How much `section`, whose headline may be a cross-head, shares with this story, when
        /// this story is still open, set in the same column and shares enough to go on under it.
        func cohesion(withSection section: Draft, atLeast threshold: Double = unrelatedCohesion) -> Double? {
            let sameColumn = measure.flatMap { w in section.firstMeasure.map { ColumnMeasure.sameColumn(w, $0) } } ?? true
            guard !closed, sameColumn,
                  let c = LexicalCohesion.cosine(Array(paras.joined()), Array(section.paras.joined())),
                  c >= threshold else { return nil }
            return c
        }

        /// The story goes on under `section`'s headline, a cross-head, which stays in the text one
        /// line per printed part.
        mutating func goOn(under section: Draft) {
            let head = section.title.flatMap { ScalarText.collapsedSpaces($0).split(separator: " ").map(Array.init) }
            paras += head + section.paras
            measure = section.measure ?? measure
            if let c = section.continuation { mark(c) }
        }

        mutating func mark(_ continuation: String) {
            self.continuation = continuation
            if continuation.hasPrefix("下转") || continuation.hasPrefix("转") { closed = true }
        }

        private func opens(_ b: String) -> Bool {
            var depth = 0
            for s in b.unicodeScalars {
                if s == "(" || s == "（" { depth += 1 }
                if s == ")" || s == "）" { depth -= 1 }
            }
            return depth > 0
        }
    }

    /// Headlines printed before their stories (front pages, markdown exports).
    ///
    /// Untitled fragments go to the story being read, except where the extraction
    /// interleaved columns: a fragment whose first line is printed full continues a sentence
    /// left open in its own column (`ColumnMeasure`), which may belong to an earlier story, and
    /// where columns of one width leave a choice, `FragmentRouting` reads the words.
    /// Where the markup marks headlines (`headlinesMarked`), a story's blocks are printed
    /// together (no columns to interleave) and a cross-head is a paragraph, not a headline.
    static func assembleTitlesBefore(_ items: [Item], headlinesMarked marked: Bool) -> [Draft] {
        let texts = items.compactMap { item -> [Unicode.Scalar]? in
            if case .para(let p) = item { return p.text } else { return nil }
        }
        var routing = FragmentRouting(texts: texts)
        var drafts: [Draft] = []
        var current: Int?
        var pending = Draft()
        // A headline with `第7版` under it and no story yet: a front-page teaser, whose
        // summary may be printed apart from it.
        var teaser: Draft?
        // Stories by their latest fragment, latest first.
        var recent: [Int] = []
        // A teaser whose summary never came is its headline alone: its text is its printed lines.
        func keepTeaser() {
            guard var t = teaser else { return }
            t.paras = t.title.map(ScalarText.collapsedSpaces)
            t.closed = true
            drafts.append(t)
            teaser = nil
        }
        for item in items {
            switch item {
            case .reset:
                if current == nil && drafts.isEmpty { pending = Draft() }
            case .pageRef(let page):
                if !pending.title.isEmpty {
                    keepTeaser()
                    teaser = pending
                    teaser?.page = page
                    teaser?.isTeaser = true
                }
                pending = Draft()
            case .heading(let lines, let byline, _, let main):
                current = nil
                // A teaser's summary is printed before the next headline, if at all.
                keepTeaser()
                if let main { pending.mainTitleLine = pending.title.count + main }
                pending.title += lines
                if pending.byline == nil { pending.byline = byline }
            case .byline(let b):
                if pending.title.isEmpty, let c = current, !drafts[c].paras.isEmpty, drafts[c].byline == nil {
                    drafts[c].byline = b
                } else if pending.byline == nil {
                    pending.byline = b
                }
            case .para(let p):
                var others: [Int] = []
                if let c = current, !p.startsArticle, !drafts[c].closed {
                    // A marked export prints each story's blocks together: no earlier story to go back to.
                    switch destination(of: p, in: drafts, current: c, recent: marked ? [] : recent, teaserWaiting: teaser != nil) {
                    case .story(let d):
                        current = d
                        if p.measure != nil, !marked {
                            // Any story still open and read lately may be the one this continues.
                            others = recent.filter { $0 != d && !drafts[$0].closed }
                        }
                    case .teaser:
                        drafts.append(teaser!)
                        teaser = nil
                        current = drafts.count - 1
                    }
                } else {
                    var story = Draft(title: pending.title, byline: p.byline ?? pending.byline)
                    story.mainTitleLine = pending.mainTitleLine
                    story.readAfter = recent.first
                    drafts.append(story)
                    pending = Draft()
                    current = drafts.count - 1
                    routing.begin(story: current!, title: Array(story.title.joined(separator: [" "])))
                }
                current = routing.read(p.text, endsOpen: p.endsOpen, measure: p.measure, layout: current!, others: others)
                drafts[current!].append(p)
                recent.removeAll { $0 == current! }
                recent.insert(current!, at: 0)
                if recent.count > interleavedStories + 1 { recent.removeLast() }
            case .marker(let c):
                if let k = current { drafts[k].mark(c) }
            }
        }
        keepTeaser()
        // A marked export prints each story's blocks together under its marked headline: a change
        // of column inside them is the story's, not an untitled one's.
        if marked { return drafts }
        return joinCrossHeadsAndScraps(joinCrossHeads(drafts).flatMap(splitAtUnrelatedColumns))
    }

    /// A headline with no byline or dateline under it, set in the column of the story read just
    /// before it (or of the one begun just before it) and about the same things, is that story's
    /// cross-head (小标题): the story goes on under it. Where columns interleave, the story read
    /// just before a headline is often not the one begun just before it. Headlines with their
    /// author's name under them head stories.
    static func joinCrossHeads(_ drafts: [Draft]) -> [Draft] {
        var drafts = drafts
        var into = Array(drafts.indices)   // the draft each one went into
        for k in drafts.indices {
            let d = drafts[k]
            guard k > 0, d.mayBeCrossHead else { continue }
            // How much the section shares with the page's other stories, asked only where it
            // shares less than one story's parts usually do with the story it may go on.
            lazy var elsewhere = drafts.indices.filter { $0 != k && into[$0] == $0 }.map { o in
                (story: o, cohesion: LexicalCohesion.cosine(Array(drafts[o].paras.joined()), Array(d.paras.joined())) ?? 0)
            }
            var best: (story: Int, cohesion: Double)?
            for candidate in Set([d.readAfter ?? k - 1, k - 1]) where candidate < k {
                var t = candidate
                while into[t] != t { t = into[t] }
                guard let c = drafts[t].cohesion(withSection: d, atLeast: relatedCohesion), c >= (best?.cohesion ?? 0),
                      c >= unrelatedCohesion || c >= sectionLead * (elsewhere.filter { $0.story != t }.map(\.cohesion).max() ?? 0)
                else { continue }
                best = (t, c)
            }
            guard let t = best?.story else { continue }
            drafts[t].goOn(under: d)
            into[k] = t
        }
        return drafts.indices.filter { into[$0] == $0 }.map { drafts[$0] }
    }

    /// A section sharing less than `unrelatedCohesion` with the story read before it (a feature's
    /// parts about different places and people) still goes on under it when it shares at least
    /// this much, and `sectionLead` times more than with any other story of the page. Chosen on
    /// generated pages of seeds 1998, 11 and 12 (scripts/bench-segmentation).
    static let relatedCohesion = 0.12
    static let sectionLead = 1.5

    /// Above this bigram cosine an untitled piece is a displaced part of an earlier story.
    static let displacedCohesion = 0.3

    /// Two repairs by vocabulary, where the layout misled:
    /// - a headline with no byline or dateline under it, set in the column of the story just
    ///   before and about the same things, is that story's cross-head (小标题): the story goes
    ///   on under it (not where the markup marks headlines: there a cross-head is a paragraph).
    ///   `joinCrossHeads` asks this first of the stories as read; this asks it again once
    ///   stories were split at unrelated columns;
    /// - an untitled piece that shares its vocabulary with one earlier story (a lead the
    ///   extraction printed after the rest) belongs to it.
    static func joinCrossHeadsAndScraps(_ drafts: [Draft], headlinesMarked: Bool = false) -> [Draft] {
        var out: [Draft] = []
        for d in drafts {
            guard let previous = out.last, !d.opensWithDateline, d.byline == nil else { out.append(d); continue }
            let text = Array(d.paras.joined())
            if !d.title.isEmpty {
                // Marked headlines, and headlines with their author's name under them, head stories.
                if !headlinesMarked, d.mayBeCrossHead, previous.cohesion(withSection: d) != nil {
                    out[out.count - 1].goOn(under: d)
                    continue
                }
            } else {
                var best: (index: Int, cohesion: Double)?
                for (i, earlier) in out.enumerated() {
                    guard let c = LexicalCohesion.cosine(Array(earlier.paras.joined()), text) else { continue }
                    if c > (best?.cohesion ?? displacedCohesion) { best = (i, c) }
                }
                if let best {
                    out[best.index].paras += d.paras
                    continue
                }
            }
            out.append(d)
        }
        return out
    }

    /// Below this bigram cosine the text after a column change shares almost no vocabulary
    /// with the story before it (stories of one page: 0.07-0.16; one story's parts: above 0.5).
    static let unrelatedCohesion = 0.2

    /// Splits a story where a paragraph opened in another column and what follows is about
    /// something else: an untitled story whose headline the extraction lost or misplaced.
    static func splitAtUnrelatedColumns(_ draft: Draft) -> [Draft] {
        guard !draft.columnChanges.isEmpty else { return [draft] }
        var pieces = [draft]
        pieces[0].paras = []
        var start = 0
        for (n, change) in (draft.columnChanges + [draft.paras.count]).enumerated() {
            let head = Array(draft.paras[start..<change])
            if n == 0 {
                pieces[0].paras = head
            } else {
                let before = pieces[pieces.count - 1].paras.flatMap { $0 }
                if let cohesion = LexicalCohesion.cosine(before, Array(draft.paras[start...].joined())),
                   cohesion < unrelatedCohesion {
                    var untitled = Draft()
                    untitled.paras = head
                    untitled.continuation = draft.continuation
                    pieces.append(untitled)
                } else {
                    pieces[pieces.count - 1].paras += head
                }
            }
            start = change
        }
        return pieces
    }

    enum Destination: Equatable {
        case story(Int)
        /// The waiting teaser's summary: a new story under the teaser's headline.
        case teaser
    }

    /// A story is continued by a later fragment only while no more than this many others were
    /// read since its latest fragment (the seeds' pages resume a story after three at most).
    static let interleavedStories = 3

    /// Where an untitled fragment belongs when `current` is the story being read.
    static func destination(of p: Para, in drafts: [Draft], current c: Int, recent: [Int], teaserWaiting: Bool) -> Destination {
        guard let m = p.measure else { return .story(c) }
        if m.indented == false {
            // Only a story stopped mid-sentence in another column hands the fragment on: after
            // a finished sentence, a full first line may just be where the line broke.
            guard drafts[c].endsOpen, !drafts[c].openTails.contains(where: { m.sameColumn($0.width) }) else { return .story(c) }
            let earlier = recent.filter { $0 != c }
            if let d = earlier.first(where: { !drafts[$0].closed && drafts[$0].openTails.contains(where: { m.sameColumn($0.width) }) }) {
                return .story(d)
            }
            return .story(c)
        }
        // A paragraph opening in another column than the story's, while a front-page teaser
        // waits for its summary, is that summary.
        if m.indented == true, teaserWaiting, let w = drafts[c].measure, !m.sameColumn(w) { return .teaser }
        return .story(c)
    }

    /// Headlines printed after their stories (narrow-column extractions). A headline names the
    /// untitled story before it; a second headline block with its own byline opens the next one.
    static func assembleTitlesAfter(_ items: [Item]) -> [Draft] {
        let items = twoPartHeadlines(items)
        var out: [Draft] = []
        var current: Draft?
        var forward = Draft()
        var attached = false
        func close() {
            if let c = current { out.append(c) }
            current = nil
        }
        for item in items {
            switch item {
            case .reset:
                if current == nil { forward = Draft() }
                attached = false
            case .pageRef:
                forward = Draft()
                attached = false
            case .heading(let lines, let byline, _, _):
                if let c = current, c.title.isEmpty, !c.paras.isEmpty, forward.title.isEmpty {
                    current!.title = lines
                    if c.byline == nil { current!.byline = byline }
                    current!.closed = true
                    attached = true
                } else if attached, byline == nil, current != nil {
                    current!.title += lines
                } else {
                    forward.title += lines
                    if forward.byline == nil { forward.byline = byline }
                    current?.closed = true
                    attached = false
                }
            case .byline(let b):
                if attached, current?.byline == nil {
                    current!.byline = b
                } else if !forward.title.isEmpty {
                    if forward.byline == nil { forward.byline = b }
                } else if let c = current, !c.paras.isEmpty {
                    if c.byline == nil { current!.byline = b }
                    current!.closed = true
                } else if forward.byline == nil {
                    forward.byline = b
                }
                attached = false
            case .para(let p):
                if current == nil || p.startsArticle || current!.closed {
                    close()
                    current = Draft(title: forward.title, byline: p.byline ?? forward.byline)
                    forward = Draft()
                }
                current!.append(p)
                attached = false
            case .marker(let c):
                current?.mark(c)
            }
        }
        close()
        return joinCrossHeadsAfter(out)
    }

    /// Narrow columns end each paragraph with its sentence: a line visibly shorter than the
    /// column after a finished paragraph, its two parts parted by a comma and no sentence end, is
    /// a headline (`塞纳河，女人河`); a line nearly as wide as the column is a paragraph's first,
    /// cut off by a blank line (`提升干部素质，本质上是一场刀刃`, the letter-spaced `通 知 加 强 重
    /// 点 支 持 ，在 每 人 每`). Only here: in long lines such a line is as often a sentence the
    /// extraction cut off.
    static func twoPartHeadlines(_ items: [Item]) -> [Item] {
        var items = items
        for i in items.indices.dropFirst() {
            guard case .para(let p) = items[i], !p.startsArticle, case .para(let previous) = items[i - 1], !previous.endsOpen,
                  let column = previous.measure?.width else { continue }
            let t = ScalarText.trimmed(p.text)
            guard ColumnMeasure.width(of: t) < column - 4, let last = t.last, !ScalarClass.isClauseComma(last),
                  !ScalarText.endsSentence(t), !ScalarText.isBracketedNote(t),
                  t.filter(ScalarClass.isClauseComma).count == 1 else { continue }
            items[i] = .heading(lines: [t], byline: nil, markdown: false, main: nil)
        }
        return items
    }

    /// Where headlines follow their stories, a cross-head (小标题) inside a story looks like the
    /// headline of the text above it. A one-line headline with no byline, between two stretches
    /// about the same things, the second not opening with a dateline, is a cross-head: the
    /// story goes on under it to the headline after it. What the line names tells the two apart
    /// where neighbouring stories share their topic: a headline names its story, above it; a
    /// cross-head names the section it opens, below it.
    static func joinCrossHeadsAfter(_ drafts: [Draft]) -> [Draft] {
        var out: [Draft] = []
        for d in drafts {
            guard var previous = out.last, previous.byline == nil, !d.opensWithDateline,
                  isCrossHead(previous.title, between: previous.paras, setIn: previous.measure, and: d) else {
                out.append(d); continue
            }
            // The story goes on under the cross-head printed above `d`, to `d`'s headline; a
            // narrow column wrapped the cross-head, which is one line of the text.
            var section = d
            section.title = [unwrapped(previous.title)]
            previous.goOn(under: section)
            previous.title = d.title
            previous.byline = d.byline
            out[out.count - 1] = previous
        }
        return out
    }

    /// Whether a headline printed after `above`, with no byline, is a cross-head of the story
    /// that goes on in `below`: a numbered section heading (`二、…`) always is, where a headline
    /// follows (`below` has one); a one-line headline, or one the column wrapped, is between two
    /// stretches about the same things when it does not name the text above it more than the text
    /// below it.
    static func isCrossHead(_ title: [[Unicode.Scalar]], between above: [[Unicode.Scalar]], setIn width: Double?,
                            and below: Draft) -> Bool {
        guard let first = title.first else { return false }
        if isSectionNumber(first) { return !below.title.isEmpty }
        // A narrow column (`width` ems, the text above's) wraps a cross-head too: every line but
        // its last printed full (`“网络版为我学习十五大提供极大` / `方便”`). A short line over
        // another is a headline over its author (`对素质教育的思考` / `华南师范大学吴颖民`).
        guard title.count == 1 || title.dropLast().allSatisfy({ l in
            width.map { ColumnMeasure.width(of: ScalarText.trimmed(l)) >= $0 - 1.5 } ?? false
        }) else { return false }
        let line = unwrapped(title)
        guard ScalarText.visibleCount(line) <= crossHeadLength,
              let cohesion = LexicalCohesion.cosine(Array(above.joined()), Array(below.paras.joined())) else { return false }
        let named = wordsNamed(by: line, above: above, below: below.paras)
        return named.above <= named.below && cohesion >= (named.below > named.above ? sectionCohesion : unrelatedCohesion)
    }

    /// A heading's printed lines as the one line a narrow column wrapped.
    static func unwrapped(_ lines: [[Unicode.Scalar]]) -> [Unicode.Scalar] {
        var line: [Unicode.Scalar] = []
        for l in lines { ScalarText.joinWrapped(&line, ScalarText.trimmed(l)) }
        return line
    }

    /// A line opening with a section number: `一、`…`十二、`, `(三)`, `（三）`.
    static func isSectionNumber(_ line: [Unicode.Scalar]) -> Bool {
        let numerals = "一二三四五六七八九十".unicodeScalars
        let t = ScalarText.trimmed(line)
        var i = 0
        let bracketed = i < t.count && (t[i] == "(" || t[i] == "（")
        if bracketed { i += 1 }
        let start = i
        while i < t.count, numerals.contains(t[i]) { i += 1 }
        guard i > start, i - start <= 3, i < t.count else { return false }
        return bracketed ? (t[i] == ")" || t[i] == "）") : t[i] == "、"
    }

    /// Below the line's own words saying it opens the text below, this much shared vocabulary
    /// makes the two stretches one story (two stories of one page: 0.07-0.16).
    static let sectionCohesion = 0.1

    /// How many of a headline line's ideograph bigrams occur in the text above it and in the
    /// text below it.
    static func wordsNamed(by line: [Unicode.Scalar], above: [[Unicode.Scalar]], below: [[Unicode.Scalar]]) -> (above: Int, below: Int) {
        let words = HanBigrams(line).counts.keys
        let a = HanBigrams(above.joined()), b = HanBigrams(below.joined())
        return (words.filter { a.counts[$0] != nil }.count, words.filter { b.counts[$0] != nil }.count)
    }

    /// Longer lines are headlines, not cross-heads.
    static let crossHeadLength = 20

    /// Narrow columns without masthead or markdown, whose text opens with a story rather than a
    /// headline, are extractions that emit each story's headline after its body.
    /// (A markdown export, which marks its headlines, is never one: the caller asks first.)
    static func headlinesFollowStories(items: [Item], lines: [LayoutLine], meta: Metadata) -> Bool {
        if meta.paper != nil || meta.date != nil || meta.number != nil || meta.lunarDate != nil { return false }
        for item in items {
            if case .heading = item { return false }
            if case .para = item { break }
        }
        var widths = lines.filter { $0.kind == .body || $0.kind == .dateline }.map { ScalarText.visibleCount($0.text) }
        guard !widths.isEmpty else { return false }
        widths.sort()
        return widths[widths.count / 2] <= 30
    }

    // MARK: finishing

    static let minimumBodyHan = 20
    static let minimumUntitledHan = 60

    static func finish(_ drafts: [Draft], defaultPage: Int?, frontPage: Bool = false) -> [ParsedArticle] {
        var articles: [ParsedArticle] = []
        func caption(_ text: String, page: Int?) -> ParsedArticle {
            ParsedArticle(title: ScalarText.fallbackTitle(from: text), text: text, page: page ?? defaultPage,
                          kind: ArticleKind.caption.rawValue)
        }
        for var d in drafts {
            // A photo caption printed inside a story's column is an item of its own.
            var captions: [String] = []
            if d.paras.count > 1 {
                d.paras.removeAll { para in
                    let text = ScalarText.string(ScalarText.trimmed(para))
                    guard ArticleKind.isCaption(text) else { return false }
                    captions.append(text)
                    return true
                }
            }
            defer { articles += captions.map { caption($0, page: d.page) } }
            let body = d.paras.map { ScalarText.string(ScalarText.trimmed($0)) }.filter { !$0.isEmpty }
            let han = body.reduce(0) { $0 + ScalarText.hanCount($1.unicodeScalars) }
            if han == 0 { continue }
            let text = body.joined(separator: "\n")
            let head = headline(d.title, main: d.mainTitleLine)
            var title = head.title
            if title.isEmpty, ArticleKind.isCaption(text) {
                // A photo caption is an item of its own, not the end of the story beside it.
                articles.append(caption(text, page: d.page))
                continue
            }
            if title.isEmpty {
                // An untitled scrap (a column's tail) belongs to the story before it.
                if han < minimumUntitledHan {
                    if !articles.isEmpty {
                        articles[articles.count - 1].text += "\n" + text
                    } else if drafts.count == 1 {
                        articles.append(ParsedArticle(title: ScalarText.fallbackTitle(from: text), byline: d.byline,
                                                      text: text, page: d.page ?? defaultPage, continuation: d.continuation,
                                                      kind: ArticleKind.brief.rawValue))
                    }
                    continue
                }
                title = ScalarText.fallbackTitle(from: text)
            } else if han < minimumBodyHan, !d.isTeaser {
                continue
            }
            // A front page's teasers (导读), printed as headlines stacked over the lead story, are
            // items of their own: a headline (and subtitle) pointing inside, with no text.
            if frontPage, !articles.contains(where: { $0.kind != ArticleKind.teaser.rawValue }) {
                for t in head.stackedAbove {
                    // Its text is its printed lines, one per line.
                    let lines = t.title.split(separator: " ").map(String.init) + (t.subtitle.map { [$0] } ?? [])
                    articles.append(ParsedArticle(title: t.title, text: lines.joined(separator: "\n"),
                                                  page: defaultPage, kind: ArticleKind.teaser.rawValue, subtitle: t.subtitle))
                }
            }
            // The kind reads the whole headline group (`评论员文章` may be the kicker).
            let wholeHeadline = [head.kicker, title, head.subtitle].compactMap { $0 }.joined(separator: " ")
            let kind = ArticleKind.of(title: wholeHeadline, byline: d.byline, text: text,
                                      opensWithDateline: d.opensWithDateline, isTeaser: d.isTeaser)
            articles.append(ParsedArticle(title: title, byline: d.byline, text: text, page: d.page ?? defaultPage,
                                          continuation: d.continuation, kind: kind.rawValue,
                                          kicker: head.kicker, subtitle: head.subtitle))
        }
        return articles
    }

    /// A headline group read as the page sets it: the headline, and the kicker above it and
    /// subtitle under it where the typography marks them.
    struct Headline: Equatable {
        var kicker: String?
        var title: String
        var subtitle: String?
        /// Headlines stacked above the story's own: on a front page, the teasers (导读) printed
        /// over the lead story; elsewhere a section banner.
        var stackedAbove: [Headline] = []
    }

    /// Dashes that open a subtitle line (`——…`, `-从…`).
    static let headlineDashes: Set<Unicode.Scalar> = ["-", "—", "－", "―", "–"]

    /// A headline line as the page printed it, where the extraction ran two lines into one: a
    /// kicker ending in a colon before a space (`…局长施金方： 开展专项行动…`), and a subtitle after a
    /// space and its dash or dot (`关键时期的关键抉择 ·以习近平…`), come apart.
    static func printedLines(_ line: [Unicode.Scalar]) -> [[Unicode.Scalar]] {
        let dashes = headlineDashes
        guard !line.isEmpty else { return [] }
        for i in line.indices.dropFirst().dropLast() where ScalarClass.isSpace(line[i]) {
            let before = line[i - 1], after = line[i + 1]
            if before == ":" || before == "：", i <= 40 {
                return [Array(line[..<i])] + printedLines(Array(line[(i + 1)...]))
            }
            if after == "·" || (dashes.contains(after) && i + 2 < line.count && dashes.contains(line[i + 2])) {
                return [Array(line[..<i]), Array(line[(i + 1)...])]
            }
        }
        return [line]
    }

    /// Reads a headline group. A line opening with a dash or a dot (`——…`, `-从…`, `·…`) is the
    /// subtitle of the line before it; of a long stack, the last three units are the story's own;
    /// a unit ending in a colon (`市发改委:`) is the kicker, and what is stacked above it (a
    /// section banner) is dropped. Where nothing marks them (two plain lines), kicker, headline
    /// and subtitle cannot be told apart from the text: they stay together in `title`, unless
    /// the markup names the headline proper (`main`, a markdown `##` line): then what is above
    /// it is the kicker and what is under it the subtitle.
    static func headline(_ lines: [[Unicode.Scalar]], main: Int? = nil) -> Headline {
        var units: [[Unicode.Scalar]] = []
        var subtitles: [Int: [Unicode.Scalar]] = [:]   // unit index → its subtitle
        let dashes = headlineDashes
        var mainUnit: Int?
        for (index, line) in lines.enumerated() {
            for l in printedLines(ScalarText.collapsedSpaces(line)) {
                if let f = l.first, !units.isEmpty, dashes.contains(f) || f == "·" {
                    var rest = l
                    while let r = rest.first, dashes.contains(r) || r == "·" || ScalarClass.isSpace(r) { rest.removeFirst() }
                    guard !rest.isEmpty else { continue }
                    let k = units.count - 1
                    subtitles[k] = subtitles[k].map { $0 + [" "] + rest } ?? rest
                } else if let last = units.last?.last, last == "—" || last == "-" {
                    units[units.count - 1] += l
                } else {
                    units.append(l)
                }
                if index == main, mainUnit == nil, !units.isEmpty { mainUnit = units.count - 1 }
            }
        }
        // A stray dot the extraction left after the last character (`…高质量发展·`).
        for k in units.indices { while let last = units[k].last, last == "·" { units[k].removeLast() } }
        var kept = Array(units.indices)
        if kept.count > 1 {
            let short = kept.filter { ScalarText.visibleCount(units[$0]) <= 40 }
            if !short.isEmpty { kept = short }
        }
        var kicker: [Unicode.Scalar]?
        var above: [Int] = []
        if let k = kept.dropLast().lastIndex(where: { units[$0].last == ":" || units[$0].last == "：" }) {
            kicker = units[kept[k]]
            above = Array(kept[..<k])
            kept.removeFirst(k + 1)
        }
        if kept.count > 3 {
            above += kept.dropLast(3)
            kept = Array(kept.suffix(3))
        }
        // What is stacked above: a headline with its marked subtitle is one; plain lines in a
        // row are one headline whose parts the text cannot tell apart.
        var stacked: [Headline] = []
        var plain: [String] = []
        func flushPlain() {
            if !plain.isEmpty { stacked.append(Headline(title: plain.joined(separator: " "))) }
            plain = []
        }
        for k in above {
            if let sub = subtitles[k] {
                flushPlain()
                stacked.append(Headline(title: ScalarText.string(units[k]), subtitle: ScalarText.string(sub)))
            } else {
                plain.append(ScalarText.string(units[k]))
            }
        }
        flushPlain()
        // A unit with its subtitle kept inline, where the subtitle is not the headline's.
        let inline = { (k: Int) in ScalarText.string(units[k] + (subtitles[k].map { [" "] + $0 } ?? [])) }
        // The markup names the headline proper: kicker above it, subtitle under it.
        if kicker == nil, let mu = mainUnit, let at = kept.firstIndex(of: mu), kept.count > 1 {
            let before = kept[..<at].map(inline), after = kept[(at + 1)...].map(inline)
            let sub = subtitles[mu].map { [ScalarText.string($0)] + after } ?? after
            return Headline(kicker: before.isEmpty ? nil : before.joined(separator: " "), title: ScalarText.string(units[mu]),
                            subtitle: sub.isEmpty ? nil : sub.joined(separator: " "), stackedAbove: stacked)
        }
        // A subtitle under the last unit is the headline's; one under an earlier unit stays inline.
        var subtitle: [Unicode.Scalar]?
        var parts: [String] = []
        for (n, k) in kept.enumerated() {
            if n == kept.count - 1, let sub = subtitles[k] {
                subtitle = sub
                parts.append(ScalarText.string(units[k]))
            } else {
                parts.append(inline(k))
            }
        }
        if parts.isEmpty, let k = kicker {
            // A colon line alone is the headline, not a kicker of nothing.
            return Headline(kicker: nil, title: ScalarText.string(k), subtitle: subtitle.map(ScalarText.string),
                            stackedAbove: stacked)
        }
        return Headline(kicker: kicker.map(ScalarText.string), title: parts.joined(separator: " "),
                        subtitle: subtitle.map(ScalarText.string), stackedAbove: stacked)
    }
}
