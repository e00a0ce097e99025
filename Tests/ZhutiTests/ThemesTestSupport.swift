@testable import Zhuti

/// Synthetic unit vectors: `groups` clusters around orthogonal axes e0, e1, ... in `dims`
/// dimensions, `perGroup` points each, seeded Gaussian noise of `noise` per coordinate.
/// Rows are ordered group by group; returns the vectors and the true group of each row.
func themesSyntheticGroups(groups: Int, perGroup: Int, dims: Int, noise: Double, seed: UInt64) -> (vectors: [Float], labels: [Int]) {
    var rng = SplitMix64(seed: seed)
    var vectors: [Float] = []
    var labels: [Int] = []
    for g in 0..<groups {
        for _ in 0..<perGroup {
            var row = [Double](repeating: 0, count: dims)
            row[g] = 1
            for j in 0..<dims { row[j] += noise * themesGaussian(&rng) }
            vectors += themesUnit(row)
            labels.append(g)
        }
    }
    return (vectors, labels)
}

func themesUnit(_ row: [Double]) -> [Float] {
    let norm = row.reduce(0) { $0 + $1 * $1 }.squareRoot()
    return row.map { Float($0 / norm) }
}

/// Box-Muller from the seeded generator.
func themesGaussian(_ rng: inout SplitMix64) -> Double {
    let u1 = max(rng.nextUnit(), 1e-12)
    let u2 = rng.nextUnit()
    return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
}

#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Three small hand-written campaigns (3 articles each, in 3 issues), every article
/// mentioning 习近平总书记, with vectors that place each campaign on its own axis.
func themesCampaignFixture() -> (vectors: [Float], articles: [ThemeArticle], dims: Int) {
    // The campaign name is in every member; other phrases in two of three.
    let texts: [(String, String)] = [
        ("招商引资推进会召开", "县委召开招商引资推进会。习近平总书记强调高质量发展。会议要求优化营商环境，全力招商引资，签约项目十二个。"),
        ("招商引资取得新进展", "我市招商引资工作取得新进展，习近平总书记指出要扩大开放。今年新签约项目三十个。"),
        ("开发区招商引资", "开发区举行招商引资仪式，习近平总书记关心企业发展。总投资五十亿元，营商环境获得好评。"),
        ("加强生态治理", "全面加强生态治理，习近平总书记强调绿水青山就是金山银山。河道清淤和植树造林同步推进。"),
        ("生态治理成效明显", "我县生态治理成效明显。习近平总书记指出要保护生态环境。今年完成植树造林八千亩。"),
        ("生态治理攻坚行动", "生态治理攻坚行动启动，落实习近平总书记要求，加强河道清淤工作。"),
        ("巡视整改专题会议", "市委召开巡视整改专题会议，学习习近平总书记重要讲话。对巡视反馈问题逐条整改，压实主体责任。"),
        ("巡视整改推进会", "巡视整改工作推进会召开，习近平总书记强调全面从严治党。巡视反馈问题已整改到位。"),
        ("扎实做好巡视整改", "扎实做好巡视整改，深入贯彻习近平总书记指示，建立问题台账，压实主体责任。"),
    ]
    let issues = [("2025-03-01", "i1"), ("2025-03-02", "i2"), ("2025-03-03", "i3")]
    let dims = 8
    var rng = SplitMix64(seed: 7)
    var vectors: [Float] = []
    var articles: [ThemeArticle] = []
    for (index, (title, text)) in texts.enumerated() {
        let campaign = index / 3
        // Article j of each campaign goes to issue j, so every issue has one of each.
        let (date, issue) = issues[index % 3]
        var row = [Double](repeating: 0, count: dims)
        row[campaign] = 1
        for j in 0..<dims { row[j] += 0.05 * themesGaussian(&rng) }
        vectors += themesUnit(row)
        articles.append(ThemeArticle(id: "a\(index + 1)", issue: issue, date: date, title: title, text: text))
    }
    return (vectors, articles, dims)
}
