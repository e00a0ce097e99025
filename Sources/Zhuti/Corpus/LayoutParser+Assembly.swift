/// From items to articles: which headline belongs to which story, and the final clean-up.
extension LayoutParser {
    struct Draft {
        var title: [[Unicode.Scalar]] = []
        var byline: String?
        var paras: [[Unicode.Scalar]] = []
        var continuation: String?
        /// No further untitled paragraphs join this story (its headline or a jump marker ended it).
        var closed = false
        var lastComplete = false

        mutating func append(_ p: Para) {
            if let c = p.continuation { mark(c) }
            var text = p.text
            // `本报讯(记者A 特约记者` … `B)正文`: the byline's bracket closed in another column.
            if let b = byline, opens(b), let close = text.prefix(10).firstIndex(where: { $0 == ")" || $0 == "）" }),
               close > 0, !text[..<close].contains(where: { ScalarClass.isSentenceEnd($0) || ScalarClass.isClauseComma($0) }) {
                byline = b + ScalarText.string(text[...close])
                text = Array(text[(close + 1)...])
            }
            guard !text.isEmpty else { return }
            if let last = paras.last, !lastComplete, !ScalarText.endsSentence(last) {
                ScalarText.joinWrapped(&paras[paras.count - 1], text)
            } else {
                paras.append(text)
            }
            lastComplete = p.complete
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
    static func assembleTitlesBefore(_ items: [Item]) -> [Draft] {
        var out: [Draft] = []
        var current: Draft?
        var pending = Draft()
        func close() {
            if let c = current { out.append(c) }
            current = nil
        }
        for item in items {
            switch item {
            case .reset:
                if current == nil && out.isEmpty { pending = Draft() }
            case .pageRef:
                // `第7版` under a headline: a front-page pointer to a story printed elsewhere.
                pending = Draft()
            case .heading(let lines, let byline, _):
                close()
                pending.title += lines
                if pending.byline == nil { pending.byline = byline }
            case .byline(let b):
                if pending.title.isEmpty, let c = current, !c.paras.isEmpty, c.byline == nil {
                    current?.byline = b
                } else if pending.byline == nil {
                    pending.byline = b
                }
            case .para(let p):
                if current == nil || p.startsArticle || current!.closed {
                    close()
                    current = Draft(title: pending.title, byline: p.byline ?? pending.byline)
                    pending = Draft()
                }
                current!.append(p)
            case .marker(let c):
                current?.mark(c)
            }
        }
        close()
        return out
    }

    /// Headlines printed after their stories (narrow-column extractions). A headline names the
    /// untitled story before it; a second headline block with its own byline opens the next one.
    static func assembleTitlesAfter(_ items: [Item]) -> [Draft] {
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
            case .heading(let lines, let byline, _):
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
        return out
    }

    /// Narrow columns without masthead or markdown, whose text opens with a story rather than a
    /// headline, are extractions that emit each story's headline after its body.
    static func headlinesFollowStories(items: [Item], lines: [LayoutLine], meta: Metadata) -> Bool {
        if lines.contains(where: { $0.markdownLevel != nil }) { return false }
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

    static func finish(_ drafts: [Draft], defaultPage: Int?) -> [ParsedArticle] {
        var articles: [ParsedArticle] = []
        for d in drafts {
            let body = d.paras.map { ScalarText.string(ScalarText.trimmed($0)) }.filter { !$0.isEmpty }
            let han = body.reduce(0) { $0 + ScalarText.hanCount($1.unicodeScalars) }
            if han == 0 { continue }
            let text = body.joined(separator: "\n")
            var title = headline(d.title)
            if title.isEmpty {
                // An untitled scrap (a photo caption, a column's tail) belongs to the story before it.
                if han < minimumUntitledHan {
                    if !articles.isEmpty {
                        articles[articles.count - 1].text += "\n" + text
                    } else if drafts.count == 1 {
                        articles.append(ParsedArticle(title: ScalarText.fallbackTitle(from: text), byline: d.byline,
                                                      text: text, page: defaultPage, continuation: d.continuation))
                    }
                    continue
                }
                title = ScalarText.fallbackTitle(from: text)
            } else if han < minimumBodyHan {
                continue
            }
            articles.append(ParsedArticle(title: title, byline: d.byline, text: text, page: defaultPage,
                                          continuation: d.continuation))
        }
        return articles
    }

    /// Join a headline group into one title: a subtitle (`-从…`, `——…`, `·…`) joins the line
    /// before it; of a long stack, the last three units (kicker, main, sub) are the story's own.
    static func headline(_ lines: [[Unicode.Scalar]]) -> String {
        var units: [[Unicode.Scalar]] = []
        for raw in lines {
            let l = ScalarText.collapsedSpaces(raw)
            guard !l.isEmpty else { continue }
            let dashes: Set<Unicode.Scalar> = ["-", "—", "－", "―", "–"]
            if let f = l.first, !units.isEmpty, dashes.contains(f) || f == "·" {
                var rest = l
                while let r = rest.first, dashes.contains(r) || ScalarClass.isSpace(r) { rest.removeFirst() }
                if dashes.contains(f) { units[units.count - 1] += Array("——".unicodeScalars) + rest }
                else { units[units.count - 1] += [" "] + rest }
            } else if let last = units.last?.last, last == "—" || last == "-" {
                units[units.count - 1] += l
            } else {
                units.append(l)
            }
        }
        if units.count > 1 {
            let short = units.filter { ScalarText.visibleCount($0) <= 40 }
            if !short.isEmpty { units = short }
        }
        if units.count > 3 { units = Array(units.suffix(3)) }
        return units.map { ScalarText.string($0) }.joined(separator: " ")
    }
}
