import Foundation
import Testing
@testable import Zhuti

/// Terms as labels take them: shape, corpus contexts, and the labeller's choice.
@Suite struct TermsTests {
    @Test func shapeRefusesClausesAndHangingEnds() {
        for term in ["招商引资", "项目建设", "干部素质提升年", "社会工作和志愿服务", "一号工程", "再就业", "人才", "以旧换新"] {
            #expect(TermShape.isWellFormed(term), "\(term)")
        }
        for fragment in ["会议还研究了", "我们", "自己", "主动对接和", "第一次", "委员会第一次", "和平", "项", "离岸科创中心两个创新策源中心", "A股市场", "的发展"] {
            #expect(!TermShape.isWellFormed(fragment), "\(fragment)")
        }
    }

    private func contexts(_ candidates: [String], _ texts: [String]) -> (TermContexts, [String: Int]) {
        var table = ScalarStringTable()
        var ids: [String: Int] = [:]
        for candidate in candidates {
            let scalars = Array(candidate.unicodeScalars)
            ids[candidate] = table.insert(scalars, from: 0, count: scalars.count).id
        }
        var pairs: [String: Int32] = [:]
        for text in texts {
            let scalars = Array(text.unicodeScalars)
            for i in 1..<scalars.count { pairs[String(scalars[i - 1]) + String(scalars[i]), default: 0] += 1 }
        }
        let contexts = TermContexts(candidates: table, groups: [texts.map { Array($0.unicodeScalars) }]) { a, b in
            pairs[String(a) + String(b)] ?? 0
        }
        return (contexts, ids)
    }

    @Test func contextsTellTermsFromFragments() throws {
        let texts = ["全力推进项目建设，抓招商引资。", "重大项目建设加快，“一号工程”落地。", "项目建设提速，招商引资见效。",
                     "大力推进改革，“一号工程”开工。", "大力发展经济，全力以赴。"]
        let (contexts, id) = contexts(["项目建设", "项目建", "招商引资", "一号工程", "力推进"], texts)
        let term = try #require(id["项目建设"]), fragment = try #require(id["项目建"])
        // 项目建设: after 进, 大, and a text start; before 加, 提, and a comma.
        #expect(contexts.leftVariety[term] == 3 && contexts.rightVariety[term] == 3)
        #expect(contexts.isWhole(term))
        // 项目建 is always followed by 设.
        #expect(contexts.rightVariety[fragment] == 1 && !contexts.isWhole(fragment))
        // 力推进 starts inside 全力 and 大力, which bond at least as strongly as 力推 (twice each).
        let cut = try #require(id["力推进"])
        #expect(contexts.cutAtStart[cut] == 2 && !contexts.isWhole(cut))
        let slogan = try #require(id["一号工程"])
        #expect(contexts.quoted[slogan] == 2 && contexts.occurrences[slogan] == 2)
        #expect(contexts.documentFrequency[0][try #require(id["招商引资"])] == 2)
        #expect(contexts.coverage(term, in: 0) == 0.6)
    }

    @Test func labelsAreWholeDistinctiveTermsAndNeverFormulas() {
        // Three campaigns; every story also carries the same meeting formula.
        let formula = "会议指出，要深入学习贯彻重要讲话精神。"
        let campaigns = [
            ["全市招商引资工作推进会召开，招商引资签约项目十个。", "招商引资“秋季攻势”启动，招商引资成效明显。",
             "我区招商引资再创佳绩，新签招商引资项目。", "各地招商引资热情高涨，以商招商。"],
            ["开展“干部素质提升年”活动，锤炼过硬本领。", "干部素质提升年活动推进会召开。",
             "以干部素质提升年为抓手，提升能力。", "深化“干部素质提升年”成果，强化培训。"],
            ["洪湖流域治理取得成效，水质持续改善。", "推进洪湖流域治理，退垸还湖。",
             "洪湖流域治理三年行动启动，生态修复。", "洪湖流域治理再发力，湿地恢复。"],
        ]
        var texts: [String] = []
        var members: [[Int]] = []
        for stories in campaigns {
            members.append(Array(texts.count..<(texts.count + stories.count)))
            texts += stories.map { $0 + formula }
        }
        let labels = ThemeLabeler().label(texts: texts, members: members)
        #expect(labels[0].phrases.first == "招商引资")
        #expect(labels[1].phrases.first == "干部素质提升年")
        #expect(labels[2].phrases.first == "洪湖流域治理")
        for label in labels {
            for phrase in label.phrases {
                #expect(TermShape.isWellFormed(phrase), "\(phrase)")
                #expect(!"会议指出，要深入学习贯彻重要讲话精神".contains(phrase), "formula \(phrase) in \(label.label)")
            }
        }
    }
}

/// `zhuti topics` on the seeds: whole terms, read back in the articles.
@Suite struct TopicTermsTests {
    @Test func topicsListWholeTermsAndNgramsOnRequest() throws {
        guard CLIRun.binary != nil else {
            print("skipping: no built zhuti binary next to the tests")
            return
        }
        let home = try CLITests.shared.get()
        let articles = try home.run("articles", "--format", "jsonl").jsonLines()
        let corpus = articles.map { ($0["title"] as? String ?? "") + "\n" + ($0["text"] as? String ?? "") }.joined(separator: "\n")
        func terms(_ extra: String...) throws -> [String] {
            let result = try home.run(["topics", "--format", "json", "--limit", "8"] + extra)
            #expect(result.status == 0, "\(result.stderr)")
            let topics = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
            #expect(topics.count == 8)
            return topics.flatMap { ($0["positive"] as? [String] ?? []) + ($0["negative"] as? [String] ?? []) }
        }
        let whole = try terms()
        #expect(whole.count >= 80)
        for term in whole {
            #expect(TermShape.isWellFormed(term), "\(term)")
            #expect(corpus.contains(term), "\(term) is not verbatim in the seeds")
        }
        // The model's own n-grams include pieces of words (项目建 for 项目建设); the terms do not.
        let ngrams = try terms("--ngrams")
        #expect(ngrams.contains { !TermShape.isWellFormed($0) })
        // A campaign the seeds run (招商引资, 项目建设) is among the whole terms.
        #expect(whole.contains("招商引资") || whole.contains("项目建设") || whole.contains("重大项目建设"))
    }
}
