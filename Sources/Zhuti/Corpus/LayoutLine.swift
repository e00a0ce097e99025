/// What one physical line of an issue text is, as far as the line alone can tell.
enum LineKind: Equatable {
    case blank
    /// Not article text: mastheads, editor lists, addresses, hotlines, page counters, teasers,
    /// vertical-headline debris.
    case junk
    /// A masthead line (its metadata already taken): resets headlines seen before it.
    case masthead
    /// `#`-prefixed heading (level 2...6) or a headline decided by layout.
    case heading
    /// A possible headline: short, no sentence inside; the block around it decides.
    case candidate
    /// `□ 记者 王大玲 通讯员 …`: names, no sentence.
    case byline
    /// Starts an article: `本报讯（记者…）`, `新华社北京4月22日电`.
    case dateline
    case body
    /// A standalone jump marker `（下转第3版）`.
    case marker
    /// A standalone page line `第7版`.
    case pageRef
}

struct LayoutLine {
    var text: [Unicode.Scalar]
    var kind: LineKind
    /// Markdown heading level when the source marked it with `#`s.
    var markdownLevel: Int? = nil
    /// A jump marker found (and removed) on this line, e.g. `下转第3版`.
    var continuation: String? = nil
    var page: Int? = nil
    /// Ends its paragraph though it ends without punctuation: a cross-head (小标题) set as a
    /// paragraph of its own.
    var endsParagraph = false
}

/// Newspaper vocabulary the line classifier recognises. Generic to Chinese newspapers; nothing
/// here names a particular paper.
enum NewsVocabulary {
    /// Keys of editor lists and contact lines: `责任编辑：杨 枫`, `新闻热线:0716-…`.
    static let staffKeys = ["责任编辑", "美术编辑", "值班总编", "本周值班", "值班编委", "值班主任", "版式",
                            "校对", "编辑", "主编", "总编辑", "组版", "照排", "审校", "审读", "地址", "邮编",
                            "邮箱", "电话", "传真", "新闻热线", "热线", "网址", "发行", "广告", "印刷", "投稿",
                            "值班", "定价", "零售价"]
    /// Words that only occur in mastheads and imprint lines.
    static let mastheadMarks = ["机关报", "社出版", "社主办", "出版物号", "邮发代号", "国内统一连续", "广告许可证"]
    /// Roles that open a byline.
    static let bylineRoles = ["本报特约评论员", "本报评论员", "评论员", "本报记者", "见习记者", "特约记者",
                              "特约通讯员", "记者", "通讯员", "摄影", "文/图", "文/", "图/", "文图/"]
    /// Openings of a dateline, which starts an article.
    static let datelineAgencies = ["本报", "新华社", "中新社", "人民日报", "央视网", "人民网", "据新华社"]
    static func isBullet(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "□", "■", "◇", "◆", "●", "○", "★", "☆": return true
        default: return false
        }
    }

    static func isTeaserMark(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "▶", "►", "▷", "➤": return true
        default: return false
        }
    }
}
