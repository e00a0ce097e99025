import Foundation
import Zhuti

/// Everything one request needs to answer queries, never changed once built. A model swap or
/// a posted article builds a new state and replaces the store's reference to it; requests
/// already holding the old one finish on it.
final class QueryState: Sendable {
    let model: LSAModel
    let finder: RelatedFinder
    let library: ArticleLibrary
    /// The model file this state was loaded from.
    let stamp: ModelFileStamp?
    /// Counts every state the server has installed (loads, swaps, posted articles).
    let generation: Int
    /// Themes (and the full graph) are computed once per loaded model file and shared by the
    /// states that fold posted articles into it, so a post does not re-cluster the archive.
    let themes: AsyncCache<String, ThemeBundle>
    let graphs: AsyncCache<Int, ArchiveGraph>
    /// Per state: encoded `/articles/{id}/related` answers.
    let relatedResponses = ResponseCache()
    /// Per state: the model's documents as theme inputs (metadata only) for `/track`.
    private let trackArticles = AsyncCache<Int, [ThemeArticle]>(limit: 1)

    init(model: LSAModel, finder: RelatedFinder, library: ArticleLibrary, stamp: ModelFileStamp?, generation: Int,
         themes: AsyncCache<String, ThemeBundle> = AsyncCache(), graphs: AsyncCache<Int, ArchiveGraph> = AsyncCache(limit: 2)) {
        self.model = model
        self.finder = finder
        self.library = library
        self.stamp = stamp
        self.generation = generation
        self.themes = themes
        self.graphs = graphs
    }

    /// Loads the model at `path` and folds in every library article it does not hold yet
    /// (posted or ingested after the build), so they are queryable.
    static func load(path: String, library: ArticleLibrary, generation: Int) throws -> QueryState {
        let stamp = ModelFileStamp.read(path: path)
        guard FileManager.default.fileExists(atPath: path) else {
            throw ZhutiError(.notFound, "no model at \(path); build one with `zhuti build`")
        }
        var model = try LSAModel.load(path: path)
        if let folded = try model.foldingInMissing(from: library) { model = folded.model }
        let finder = try RelatedFinder(model: model, library: library)
        return QueryState(model: model, finder: finder, library: library, stamp: stamp, generation: generation)
    }

    /// This state with `articles` folded into the model (themes and graphs stay shared).
    func appending(_ articles: [StoredArticle], generation: Int) throws -> QueryState {
        let model = try model.appending(ids: articles.map(\.id), normalizedTexts: articles.map(\.normalized))
        let finder = try RelatedFinder(model: model, library: library)
        return QueryState(model: model, finder: finder, library: library, stamp: stamp, generation: generation,
                          themes: themes, graphs: graphs)
    }

    /// The model's documents with their issue and date, in model order, for `ThemeTracker`.
    /// Built from the finder's headers: tracking needs no article text.
    func articlesForTracking() async throws -> [ThemeArticle] {
        try await trackArticles.value(for: 0) { [model, finder] in
            try model.documentIDs.map { id in
                guard let header = finder.header(id) else {
                    throw ZhutiError(.notFound, "the model holds article '\(id)', which is no longer in the library; run `zhuti build` again")
                }
                return ThemeArticle(id: id, issue: header.issue, date: header.date, title: header.title, text: "")
            }
        }
    }

    /// The theme report for `count` (computed once and cached), with its JSON and heatmap.
    func themeBundle(_ count: ThemeCount) async throws -> ThemeBundle {
        let key: String
        switch count {
        case .auto: key = "auto"
        case .fixed(let k): key = String(k)
        }
        return try await themes.value(for: key) { [model, library] in
            let (report, articles) = try ThemeReportBuilder.build(model: model, library: library, k: count)
            let issues = ThemeTimeline.issues(of: articles).map { (id: $0.id, date: $0.date) }
            return ThemeBundle(report: report, json: try report.renderJSON(), svg: ThemeHeatmapSVG.render(report, issues: issues))
        }
    }

    /// The whole archive's similarity graph with `knn` neighbours per article, nodes labelled
    /// with the automatic themes (as `zhuti graph` does).
    func archiveGraph(knn: Int) async throws -> ArchiveGraph {
        let themes = try await themeBundle(.auto)
        return try await graphs.value(for: knn) { [model, library] in
            try ArchiveGraph.build(model: model, library: library, mode: .knn(knn), mutual: false, themes: themes.report)
        }
    }
}

/// A theme report with its renderings, cached together.
struct ThemeBundle: Sendable {
    var report: ThemeReport
    var json: String
    var svg: String
}
