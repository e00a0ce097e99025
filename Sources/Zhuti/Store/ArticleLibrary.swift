import Foundation
import GRDB

/// The embedded article library: issues and their articles in SQLite (through GRDB).
///
/// WAL mode and a connection pool let the HTTP server read while an ingest writes.
/// Every change happens in one transaction, so a run that fails part-way leaves the
/// library exactly as it was.
public final class ArticleLibrary: Sendable {
    public let home: ZhutiHome
    let database: DatabasePool

    /// Opens the library under `home`. With `create: false` a missing library is an error
    /// telling the user to ingest first.
    public init(home: ZhutiHome, create: Bool) throws {
        self.home = home
        let path = home.libraryPath
        if !FileManager.default.fileExists(atPath: path) {
            guard create else {
                throw ZhutiError(.notFound, "no article library in \(home.path); run `zhuti ingest PATH...` first")
            }
            try home.createIfNeeded()
        }
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            database = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(database)
        } catch let error as DatabaseError {
            throw ZhutiError(.io, "cannot open the article library: \(error.message ?? "\(error)")", file: path)
        }
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE issue (
                    id TEXT PRIMARY KEY NOT NULL,
                    source TEXT NOT NULL,
                    paper TEXT, date TEXT, lunarDate TEXT, number INTEGER,
                    contentHash TEXT NOT NULL
                );
                CREATE TABLE article (
                    id TEXT PRIMARY KEY NOT NULL,
                    issue TEXT NOT NULL REFERENCES issue(id) ON DELETE CASCADE,
                    sequence INTEGER NOT NULL,
                    paper TEXT, date TEXT, page INTEGER,
                    title TEXT NOT NULL, byline TEXT,
                    text TEXT NOT NULL, normalized TEXT NOT NULL,
                    continuation TEXT, label TEXT
                );
                CREATE INDEX article_issue ON article(issue, sequence);
                """)
        }
        // Posted articles (`POST /articles`) are kept apart from what files hold: a file
        // re-ingest replaces only the rows it wrote. Rows stored before this column existed
        // count as posted when their issue came from the server or their id is a post id.
        migrator.registerMigration("v2-posted") { db in
            try db.execute(sql: """
                ALTER TABLE article ADD COLUMN posted INTEGER NOT NULL DEFAULT 0;
                UPDATE article SET posted = 1
                    WHERE id LIKE 'post-%' OR issue IN (SELECT id FROM issue WHERE source = '\(Self.postSource)');
                """)
        }
        migrator.registerMigration("v3-date-source") { db in
            try db.execute(sql: "ALTER TABLE issue ADD COLUMN dateSource TEXT")
        }
        migrator.registerMigration("v4-kind") { db in
            try db.execute(sql: "ALTER TABLE article ADD COLUMN kind TEXT")
        }
        migrator.registerMigration("v5-headline-parts") { db in
            try db.execute(sql: "ALTER TABLE article ADD COLUMN kicker TEXT; ALTER TABLE article ADD COLUMN subtitle TEXT")
        }
        return migrator
    }
}

// MARK: - Ingest

extension ArticleLibrary {
    /// Stores issues read from sources, in one transaction for the whole run.
    ///
    /// An issue whose content hash is unchanged is left alone; a changed one has its
    /// articles replaced. `issues` is a sequence of per-file batches produced lazily, so a
    /// large archive streams through without being held in memory; if producing any batch
    /// throws, nothing of the run is stored.
    public func ingest(_ batches: some Sequence<() throws -> [ParsedIssue]>,
                       normalize: @Sendable (String) -> String) throws -> IngestOutcome {
        do {
            return try database.write { db in
                var outcome = IngestOutcome()
                var seenThisRun: [String: String] = [:]
                for produce in batches {
                    for issue in try produce() {
                        if let other = seenThisRun[issue.id] {
                            throw ZhutiError(.badInput, "issue id '\(issue.id)' is also produced by \(other); rename one of the files", file: issue.source)
                        }
                        seenThisRun[issue.id] = issue.source
                        try store(issue, in: db, outcome: &outcome, normalize: normalize)
                    }
                }
                return outcome
            }
        } catch let error as DatabaseError {
            throw ZhutiError(.io, "article library write failed: \(error.message ?? "\(error)")", file: home.libraryPath)
        }
    }

    private func store(_ issue: ParsedIssue, in db: Database, outcome: inout IngestOutcome,
                       normalize: (String) -> String) throws {
        let existingHash = try String.fetchOne(db, sql: "SELECT contentHash FROM issue WHERE id = ?", arguments: [issue.id])
        if existingHash == issue.contentHash {
            outcome.unchanged.append(issue.id)
            return
        }
        if existingHash != nil {
            // The file's own rows are replaced; articles posted into the issue stay (the
            // issue row is updated, not deleted, so nothing cascades to them).
            try db.execute(sql: "DELETE FROM article WHERE issue = ? AND posted = 0", arguments: [issue.id])
            try db.execute(sql: "UPDATE issue SET source = ?, paper = ?, date = ?, lunarDate = ?, number = ?, contentHash = ?, dateSource = ? WHERE id = ?",
                           arguments: [issue.source, issue.paper, issue.date, issue.lunarDate, issue.number, issue.contentHash, issue.dateSource, issue.id])
            outcome.replaced.append(issue.id)
        } else {
            outcome.added.append(issue.id)
            try db.execute(sql: "INSERT INTO issue (id, source, paper, date, lunarDate, number, contentHash, dateSource) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           arguments: [issue.id, issue.source, issue.paper, issue.date, issue.lunarDate, issue.number, issue.contentHash, issue.dateSource])
        }
        let insert = try db.cachedStatement(sql: """
            INSERT INTO article (id, issue, sequence, paper, date, page, title, byline, text, normalized, continuation, label, kind,
                                 kicker, subtitle)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (offset, article) in issue.articles.enumerated() {
            let sequence = offset + 1
            let id = article.id ?? Self.articleID(issue: issue.id, sequence: sequence)
            if let owner = try String.fetchOne(db, sql: "SELECT issue FROM article WHERE id = ?", arguments: [id]) {
                throw ZhutiError(.badInput, "article id '\(id)' is already stored in issue '\(owner)'", file: issue.source)
            }
            try insert.execute(arguments: [
                id, issue.id, sequence, article.paper ?? issue.paper, article.date ?? issue.date, article.page,
                article.title, article.byline, article.text, normalize(article.text), article.continuation, article.label,
                article.kind, article.kicker, article.subtitle,
            ])
            outcome.articleCount += 1
        }
    }

    /// What a posted article's own issue records as its source.
    public static let postSource = "POST /articles"
    /// Stores one posted article, in `issueID` (created, as a one-article issue, when it does
    /// not exist). The issue's content hash is not touched: a later re-ingest of the issue's
    /// file sees it unchanged, and even a changed file replaces only the file's own rows.
    public func post(_ article: ParsedArticle, issue issueID: String, normalize: @Sendable (String) -> String) throws {
        guard let id = article.id else { throw ZhutiError(.badInput, "a posted article needs an id") }
        do {
            try database.write { db in
                if let owner = try String.fetchOne(db, sql: "SELECT issue FROM article WHERE id = ?", arguments: [id]) {
                    throw ZhutiError(.badInput, "article id '\(id)' is already stored in issue '\(owner)'")
                }
                let issue = try Row.fetchOne(db, sql: "SELECT paper, date FROM issue WHERE id = ?", arguments: [issueID])
                if issue == nil {
                    var hash = StableHash()
                    hash.combine(id)
                    hash.combine(article.text)
                    try db.execute(sql: "INSERT INTO issue (id, source, paper, date, contentHash, dateSource) VALUES (?, ?, ?, ?, ?, ?)",
                                   arguments: [issueID, Self.postSource, article.paper, article.date, hash.hexDigest,
                                               article.date == nil ? nil : "post"])
                }
                let last = try Int.fetchOne(db, sql: "SELECT MAX(sequence) FROM article WHERE issue = ?", arguments: [issueID]) ?? 0
                try db.execute(sql: """
                    INSERT INTO article (id, issue, sequence, paper, date, page, title, byline, text, normalized, continuation, label, kind,
                                         kicker, subtitle, posted)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
                    """, arguments: [
                        id, issueID, last + 1,
                        article.paper ?? issue?["paper"], article.date ?? issue?["date"], article.page,
                        article.title, article.byline, article.text, normalize(article.text), article.continuation, article.label,
                        article.kind, article.kicker, article.subtitle,
                    ])
            }
        } catch let error as DatabaseError {
            throw ZhutiError(.io, "article library write failed: \(error.message ?? "\(error)")", file: home.libraryPath)
        }
    }

    /// `<issue>-001`: stable as long as the issue splits the same way.
    public static func articleID(issue: String, sequence: Int) -> String {
        let digits = String(sequence)
        return issue + "-" + String(repeating: "0", count: max(0, 3 - digits.count)) + digits
    }
}

// MARK: - Reading

extension ArticleLibrary {
    static let articleColumns = """
        a.id, a.issue, i.source, a.paper, a.date, a.page, a.title, a.byline, a.text, a.normalized, a.continuation, a.label, a.sequence,
        a.kind, a.kicker, a.subtitle
        """
    /// Chronological order: issue date (undated last), issue id, position in the issue (the
    /// file's articles, then posted ones).
    private static let articleOrder = "ORDER BY i.date IS NULL, i.date, i.id, a.posted, a.sequence"

    static func article(from row: Row) -> StoredArticle {
        StoredArticle(id: row[0], issue: row[1], source: row[2], paper: row[3], date: row[4], page: row[5],
                      title: row[6], byline: row[7], text: row[8], normalized: row[9],
                      continuation: row[10], label: row[11], sequence: row[12], kind: row[13],
                      kicker: row[14], subtitle: row[15])
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try database.read(body)
        } catch let error as DatabaseError {
            throw ZhutiError(.io, "article library read failed: \(error.message ?? "\(error)")", file: home.libraryPath)
        }
    }

    public func issues() throws -> [StoredIssue] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT i.id, i.source, i.paper, i.date, i.lunarDate, i.number, i.contentHash, COUNT(a.id), i.dateSource
                FROM issue i LEFT JOIN article a ON a.issue = i.id
                GROUP BY i.id ORDER BY i.date IS NULL, i.date, i.id
                """).map { row in
                StoredIssue(id: row[0], source: row[1], paper: row[2], date: row[3], dateSource: row[8] ?? (row[3] == nil ? "none" : "masthead"), lunarDate: row[4],
                            number: row[5], contentHash: row[6], articleCount: row[7])
            }
        }
    }

    public func articleCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM article") ?? 0 }
    }

    public func article(id: String) throws -> StoredArticle? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.articleColumns) FROM article a JOIN issue i ON i.id = a.issue WHERE a.id = ?",
                             arguments: [id]).map(Self.article(from:))
        }
    }

    /// Articles in chronological order, optionally of one issue.
    public func articles(issue: String? = nil) throws -> [StoredArticle] {
        var all: [StoredArticle] = []
        try forEachBatch(issue: issue) { all.append(contentsOf: $0) }
        return all
    }

    /// Streams articles in chronological order, `batchSize` at a time, so a whole archive
    /// never has to sit in memory.
    public func forEachBatch(issue: String? = nil, batchSize: Int = 2048,
                             _ body: ([StoredArticle]) throws -> Void) throws {
        try read { db in try Self.forEachBatch(db, issue: issue, batchSize: batchSize, body) }
    }

    static func forEachBatch(_ db: Database, issue: String? = nil, batchSize: Int = 2048,
                             _ body: ([StoredArticle]) throws -> Void) throws {
        let filter = issue == nil ? "" : "WHERE a.issue = ?"
        let arguments: StatementArguments = issue.map { [$0] } ?? []
        let cursor = try Row.fetchCursor(db, sql: "SELECT \(Self.articleColumns) FROM article a JOIN issue i ON i.id = a.issue \(filter) \(Self.articleOrder)",
                                         arguments: arguments)
        var batch: [StoredArticle] = []
        batch.reserveCapacity(batchSize)
        while let row = try cursor.next() {
            batch.append(Self.article(from: row))
            if batch.count == batchSize {
                try body(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { try body(batch) }
    }

    /// Runs `body` on one consistent view of the library: everything it reads (ids, texts,
    /// fingerprint, in as many passes as it likes) is the library as it was when it started,
    /// whatever an ingest or a post writes meanwhile (SQLite's WAL snapshot). `zhuti build`
    /// reads through it, so ids can never be paired with another state's texts.
    public func snapshot<T>(_ body: (LibrarySnapshot) throws -> T) throws -> T {
        try read { db in try body(LibrarySnapshot(db: db)) }
    }

    /// Identifies the library's content: changes whenever an article is added, removed or
    /// changed (issues by their content hash, posted articles by id).
    public func fingerprint() throws -> String {
        try read { db in try Self.fingerprint(db) }
    }

    static func fingerprint(_ db: Database) throws -> String {
        var hash = StableHash()
        let cursor = try Row.fetchCursor(db, sql: "SELECT id, contentHash FROM issue ORDER BY id")
        while let row = try cursor.next() {
            hash.combine(row[0] as String)
            hash.combine(row[1] as String)
        }
        let posted = try Row.fetchCursor(db, sql: "SELECT id FROM article WHERE posted = 1 ORDER BY id")
        while let row = try posted.next() { hash.combine(row[0] as String) }
        return hash.hexDigest
    }
}

/// The library as one read transaction sees it (see `ArticleLibrary.snapshot`). Use it only
/// inside the closure that received it, on that thread.
public struct LibrarySnapshot: DocumentStream {
    let db: Database

    public func forEachArticleBatch(_ body: ([StoredArticle]) throws -> Void) throws {
        try ArticleLibrary.forEachBatch(db, body)
    }

    /// The articles' normalised texts, batch by batch: what a model is fitted on.
    public func forEachBatch(_ body: ([String]) throws -> Void) throws {
        try ArticleLibrary.forEachBatch(db) { batch in try body(batch.map(\.normalized)) }
    }

    public func fingerprint() throws -> String { try ArticleLibrary.fingerprint(db) }
}

// MARK: - Headers (metadata without text)

/// An article's metadata without its text: what filters, result lists and graph nodes need.
public struct ArticleHeader: Sendable, Hashable, Codable {
    public var id: String
    public var issue: String
    public var paper: String?
    public var date: String?
    public var page: Int?
    public var title: String
    public var label: String?
}

extension StoredArticle {
    public var header: ArticleHeader {
        ArticleHeader(id: id, issue: issue, paper: paper, date: date, page: page, title: title, label: label)
    }
}

extension ArticleLibrary {
    /// Headers of every article, keyed by id.
    public func headers() throws -> [String: ArticleHeader] {
        try read { db in
            var headers: [String: ArticleHeader] = [:]
            let cursor = try Row.fetchCursor(db, sql: "SELECT \(Self.headerColumns) FROM article")
            while let row = try cursor.next() {
                let header = Self.header(from: row)
                headers[header.id] = header
            }
            return headers
        }
    }

    /// The normalised texts of the articles with these ids, without the rest of each record
    /// (missing ids are simply absent).
    public func normalizedTexts(ids: [String]) throws -> [String: String] {
        var found: [String: String] = [:]
        found.reserveCapacity(ids.count)
        try forEachRow(ids: ids, columns: "id, normalized") { row in found[row[0]] = row[1] }
        return found
    }

    /// The headers of the articles with these ids (missing ids are simply absent).
    public func headers(ids: [String]) throws -> [String: ArticleHeader] {
        var found: [String: ArticleHeader] = [:]
        try forEachRow(ids: ids, columns: Self.headerColumns) { row in
            found[row[0]] = Self.header(from: row)
        }
        return found
    }

    private static let headerColumns = "id, issue, paper, date, page, title, label"

    /// An `ArticleHeader` from the `headerColumns` of a row.
    private static func header(from row: Row) -> ArticleHeader {
        ArticleHeader(id: row[0], issue: row[1], paper: row[2], date: row[3], page: row[4], title: row[5], label: row[6])
    }

    /// `columns` of the article rows with these ids, looked up 500 ids per statement.
    private func forEachRow(ids: [String], columns: String, _ body: (Row) throws -> Void) throws {
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = Array(ids[start..<min(start + 500, ids.count)])
            let placeholders = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            try read { db in
                let cursor = try Row.fetchCursor(db, sql: "SELECT \(columns) FROM article WHERE id IN (\(placeholders))",
                                                 arguments: StatementArguments(chunk))
                while let row = try cursor.next() { try body(row) }
            }
        }
    }

    /// Every article's normalised text, by id.
    public func normalizedTexts() throws -> [String: String] {
        try read { db in
            var found: [String: String] = [:]
            let cursor = try Row.fetchCursor(db, sql: "SELECT id, normalized FROM article")
            while let row = try cursor.next() { found[row[0]] = row[1] }
            return found
        }
    }

    /// The stored articles with these ids (missing ids are simply absent).
    public func articles(ids: [String]) throws -> [String: StoredArticle] {
        var found: [String: StoredArticle] = [:]
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
            let placeholders = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            try read { db in
                for row in try Row.fetchAll(db, sql: "SELECT \(Self.articleColumns) FROM article a JOIN issue i ON i.id = a.issue WHERE a.id IN (\(placeholders))",
                                            arguments: StatementArguments(chunk)) {
                    let article = Self.article(from: row)
                    found[article.id] = article
                }
            }
        }
        return found
    }
}
