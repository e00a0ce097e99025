/// What a reader would quote as a term: 2-10 Chinese characters whose ends are word ends.
///
/// Labels (themes, topics) are cut from texts by statistics over character n-grams; nothing
/// segments words. The corpus itself tells a term (招商引资, 干部素质提升年) from a fragment
/// (项目建, 离岸科创中心两个创新策源中心建) through `TermContexts`; what it cannot tell is
/// grammar: a string such as 会议还研究了 or 主动对接和 recurs with varied neighbours too, but
/// a reader sees a clause. The character classes here are that grammar, kept small: particles,
/// pronouns and adverbs never sit inside a term, and conjunctions, prepositions and particles
/// never end one.
public enum TermShape {
    public static let lengths = 2...10

    /// Structural particles, aspect markers, pronouns and adverbs: a string holding one is a
    /// clause (会议还研究了, 我们要, 都在), not a name. Characters that are as often part of
    /// a word are left out on purpose: 不 and 一 (不忘初心, 一号工程), 就 and 再 (就业, 再就业),
    /// 才 (人才), 正 (纠正), 便 (便民), 更 (更新), 所 (研究所), 均 (均衡).
    static let notInside: Set<Unicode.Scalar> = Set(
        "的了着吗呢吧啊嘛我你他她它们这那此其该还都也又很最已曾将仍皆却竟被把各".unicodeScalars)

    /// Conjunctions, prepositions and function verbs that lead into what follows: a term
    /// does not start with them (和平 and 为民 are lost; labels rarely want them). 以 and 对
    /// are left out (以旧换新, 对口支援).
    static let notAtStart: Set<Unicode.Scalar> = Set("和与及暨并或而且向从于为在是由给让使即因如若等".unicodeScalars)

    /// Conjunctions, prepositions, numerals and measure words that leave a string hanging:
    /// 推进和, 主动对接与, 第一, 三个 (统一 is lost; 自由 and 导向 are kept: 由 and 向 may end).
    static let notAtEnd: Set<Unicode.Scalar> = Set(
        "和与及并或而且以对从于为在是给让使即因如若等之个次种一二三四五六七八九十百千万亿第几多些".unicodeScalars)

    /// Pronouns and adverbs written with characters that also make other words (自主, 大家庭,
    /// 如何 but 如期): refused as whole words inside a term rather than by character.
    static let notInsideWords: [String] = ["自己", "大家", "人们", "有人", "什么", "怎么", "如何", "这样", "那样", "有些", "一些", "一直", "非常", "已经", "正在"]

    /// Whether the scalars have a term's shape: 2-10 Han characters, no particle, pronoun
    /// or adverb anywhere, no hanging first or last character.
    public static func isWellFormed<C: Collection>(_ scalars: C) -> Bool where C.Element == Unicode.Scalar {
        guard lengths.contains(scalars.count), let first = scalars.first else { return false }
        var last = first
        for scalar in scalars {
            guard ScalarClass.isHan(scalar), !notInside.contains(scalar) else { return false }
            last = scalar
        }
        return !notAtStart.contains(first) && !notAtEnd.contains(last)
    }

    public static func isWellFormed(_ term: String) -> Bool {
        isWellFormed(term.unicodeScalars) && !notInsideWords.contains { term.contains($0) }
    }

    /// Opening and closing marks of a quoted slogan or title (“一号工程”, 《决定》).
    static let openingQuotes: Set<Unicode.Scalar> = Set("“「『《‘\"".unicodeScalars)
    static let closingQuotes: Set<Unicode.Scalar> = Set("”」』》’\"".unicodeScalars)

    /// Characters that follow a number (2025年, 3月, 第5届): after a digit they belong to it.
    static let afterNumbers: Set<Unicode.Scalar> = Set("年月日号时期届次个项家万亿元倍岁名位".unicodeScalars)

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar) || (0xFF10...0xFF19).contains(scalar.value)
    }

    /// Endings of campaign names (干部素质提升年, 清廉荆州建设行动, 一号工程, 攻坚战).
    static let campaignEndings: [String] = ["年", "行动", "工程", "攻势", "攻坚", "攻坚战", "专项", "计划", "战略"]

    static func hasCampaignEnding(_ term: String) -> Bool {
        campaignEndings.contains { term.hasSuffix($0) }
    }
}
