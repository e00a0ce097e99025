/// Where candidate terms occur in texts grouped into classes (themes, topic sides), and
/// what stands beside them: one pass over the texts for all candidates.
///
/// - Document frequency per group: how many of a group's texts contain the candidate.
/// - Accessor variety: how many different characters precede (follow) it, each occurrence
///   next to punctuation, a space or a text edge counting as one more. A term is used in many
///   contexts on both sides (招商引资 after 全力, 推进, “ ...); a fragment of a longer word is
///   held by its neighbour (项目建 is always followed by 设), so one side shows variety 1.
/// - Cut edges: occurrences where the string starts or ends inside a word, judged by how
///   strongly neighbouring characters bond (`bond`, say the corpus frequency of the
///   character pair): at 大力推进, 力推进 starts after 大 although 大力 bonds more strongly than
///   力推, so that occurrence cuts the word 大力; at 推进中国式现代化 the pair 进中 is weaker
///   than 中国 and the edge is a word edge (a tie counts as a cut). A string that starts
///   with 年 or 月 right after a digit (2025年一季度) cuts the date.
/// - Quoted: occurrences enclosed in quotation or title marks (“一号工程”), the way papers
///   mark campaign slogans.
struct TermContexts {
    let candidates: ScalarStringTable
    /// [group][candidate]
    private(set) var documentFrequency: [[Int32]]
    private(set) var occurrences: [Int32]
    private(set) var leftVariety: [Int32]
    private(set) var rightVariety: [Int32]
    private(set) var quoted: [Int32]
    /// Occurrences whose first (last) character bonds more strongly with its outside
    /// neighbour than with the next character inside.
    private(set) var cutAtStart: [Int32]
    private(set) var cutAtEnd: [Int32]
    let groupSizes: [Int]

    /// `groups`: the texts of each group, as scalars. `bond(a, b)`: how strongly the
    /// characters a and b hold together when adjacent (any scale; compared only).
    init(candidates: ScalarStringTable, groups: [[[Unicode.Scalar]]],
         bond: (Unicode.Scalar, Unicode.Scalar) -> Int32) {
        self.candidates = candidates
        let count = candidates.count
        groupSizes = groups.map(\.count)
        var documentFrequency = groups.map { _ in [Int32](repeating: 0, count: count) }
        var occurrences = [Int32](repeating: 0, count: count)
        var left = [Int32](repeating: 0, count: count)
        var right = [Int32](repeating: 0, count: count)
        var quoted = [Int32](repeating: 0, count: count)
        var cutAtStart = [Int32](repeating: 0, count: count)
        var cutAtEnd = [Int32](repeating: 0, count: count)
        if count > 0 {
            var leftContexts = Set<UInt64>()
            var rightContexts = Set<UInt64>()
            let matcher = SeedMatcher(candidates)
            var seenIn = [Int32](repeating: -1, count: count)
            var textNumber: Int32 = 0
            for (group, texts) in groups.enumerated() {
                for scalars in texts {
                    for start in 0..<scalars.count {
                        matcher.forEachMatch(in: scalars, at: start, end: scalars.count) { id, length in
                            occurrences[id] += 1
                            if seenIn[id] != textNumber {
                                seenIn[id] = textNumber
                                documentFrequency[group][id] += 1
                            }
                            let before: Unicode.Scalar? = start > 0 ? scalars[start - 1] : nil
                            let after: Unicode.Scalar? = start + length < scalars.count ? scalars[start + length] : nil
                            if let before, ScalarClass.isHan(before) {
                                leftContexts.insert(UInt64(id) << 32 | UInt64(before.value))
                                if bond(before, scalars[start]) >= bond(scalars[start], scalars[start + 1]) {
                                    cutAtStart[id] += 1
                                }
                            } else {
                                left[id] += 1
                                if let before, TermShape.isDigit(before), TermShape.afterNumbers.contains(scalars[start]) {
                                    cutAtStart[id] += 1
                                }
                            }
                            if let after, ScalarClass.isHan(after) {
                                rightContexts.insert(UInt64(id) << 32 | UInt64(after.value))
                                let last = start + length - 1
                                if bond(scalars[last], after) >= bond(scalars[last - 1], scalars[last]) {
                                    cutAtEnd[id] += 1
                                }
                            } else {
                                right[id] += 1
                            }
                            if let before, let after, TermShape.openingQuotes.contains(before),
                               TermShape.closingQuotes.contains(after) {
                                quoted[id] += 1
                            }
                        }
                    }
                    textNumber += 1
                }
            }
            // Each occurrence at a boundary counted once above; each distinct Han neighbour once here.
            for key in leftContexts { left[Int(key >> 32)] += 1 }
            for key in rightContexts { right[Int(key >> 32)] += 1 }
        }
        self.documentFrequency = documentFrequency
        self.occurrences = occurrences
        self.quoted = quoted
        self.cutAtStart = cutAtStart
        self.cutAtEnd = cutAtEnd
        leftVariety = left
        rightVariety = right
    }

    /// The smaller of the two varieties: 1 means one side is always the same character.
    func variety(_ id: Int) -> Int32 { min(leftVariety[id], rightVariety[id]) }

    /// Whether the candidate reads as a whole word sequence in its texts: varied neighbours
    /// on both sides, and at most a third of its occurrences cutting a word at either end.
    func isWhole(_ id: Int) -> Bool {
        variety(id) >= 2 && 3 * cutAtStart[id] <= occurrences[id] && 3 * cutAtEnd[id] <= occurrences[id]
    }

    /// Share of the group's texts that contain the candidate.
    func coverage(_ id: Int, in group: Int) -> Double {
        groupSizes[group] > 0 ? Double(documentFrequency[group][id]) / Double(groupSizes[group]) : 0
    }
}
