/// `GET /`: one self-contained page (no CDN, no network beyond this server): a search for
/// related articles with the phrases that explain each match, the theme x issue heatmap, and
/// a small force-directed graph of an article's neighbourhood drawn in plain SVG.
/// `?q=text` runs a search on load; `?id=article` opens that article's neighbourhood.
/// The page is `Resources/index.html`, embedded at build time.
enum WebPage {
    static let html = String(decoding: PackageResources.index_html, as: UTF8.self)
}
