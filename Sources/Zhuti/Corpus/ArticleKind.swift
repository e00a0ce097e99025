/// What a piece of a page is printed as. Themes and related search can weigh the kinds, or
/// leave some out, knowingly, instead of meeting captions merged into stories.
public enum ArticleKind: String, Sendable, CaseIterable {
    /// A story: headline and body.
    case article
    /// A short titled item (under 150 ideographs).
    case brief
    /// A photo caption: `图为…`, `…（张三 摄）`.
    case caption
    /// A front-page pointer to a story printed on another page (`第7版` under it), with the
    /// summary the front page prints.
    case teaser
    /// An opinion piece: by a 评论员, headed as 评论/短评/时评/社论, or a story with no dateline
    /// and no reporter that speaks as 我们 outside quotations.
    case commentary

    static let briefHan = 150

    /// Decided from what the layout reader knows of a piece.
    static func of(title: String, byline: String?, text: String, opensWithDateline: Bool, isTeaser: Bool) -> ArticleKind {
        if isTeaser { return .teaser }
        if isCaption(text) { return .caption }
        if let byline, byline.contains("评论员") { return .commentary }
        if ["评论", "短评", "时评", "社论", "述评", "论评", "编者按"].contains(where: title.contains) { return .commentary }
        if !opensWithDateline, byline == nil, speaksAsWe(text) { return .commentary }
        let han = ScalarText.hanCount(text.unicodeScalars)
        return han < briefHan ? .brief : .article
    }

    /// A short text that shows a photo: it opens with 图为 or ends with a photographer's credit
    /// `（…摄）`.
    static func isCaption(_ text: String) -> Bool {
        let han = ScalarText.hanCount(text.unicodeScalars)
        guard han <= 200 else { return false }
        if text.hasPrefix("图为") || text.hasPrefix("图:") || text.hasPrefix("图：") { return true }
        var tail = Substring(text)
        while let last = tail.last, last.isWhitespace { tail = tail.dropLast() }
        guard let last = tail.last, last == ")" || last == "）" else { return false }
        tail = tail.dropLast()
        while let last = tail.last, last.isWhitespace { tail = tail.dropLast() }
        return tail.hasSuffix("摄") || tail.hasSuffix("摄影")
    }

    /// 我们 in the writer's own voice: outside quotation marks.
    static func speaksAsWe(_ text: String) -> Bool {
        var depth = 0
        var previous: Character?
        for c in text {
            switch c {
            case "“", "「", "『": depth += 1
            case "”", "」", "』": depth = max(0, depth - 1)
            case "\"": depth = depth > 0 ? depth - 1 : 1
            case "\n": depth = 0  // a quotation lost in extraction ends with its paragraph
            case "们" where previous == "我" && depth == 0: return true
            default: break
            }
            previous = c
        }
        return false
    }
}
