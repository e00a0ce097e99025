/// `GET /openapi.yaml`: the API description, written by hand next to the routes it describes.
enum OpenAPISpec {
    static let yaml = #"""
openapi: 3.0.3
info:
  title: Zhuti
  version: "1.0"
  description: |
    Related articles, campaign themes and similarity graphs over a Chinese newspaper archive
    (character n-gram TF-IDF + LSA). JSON bodies are those of the CLI's `--format json`.
    Reads are open; `POST /articles` needs `Authorization: Bearer <ZHUTI_TOKEN>`.
    Every error is `{"error": "...", "kind": "..."}` with status 400 (bad input or option),
    401 (wrong or missing token), 403 (writing is off), 404 (unknown id or route),
    405 (method not allowed on the path; `Allow` lists the methods), 409 (id already stored),
    413 (body over 1 MB), 415 (a POST body that is not
    application/json), 421 (a Host this server does not answer for), 503 (the engine is busy:
    retry after `Retry-After` seconds) or 500.
    Limits: k at most 100, themes k 2-50, graph knn at most 50, track top at most 20.
    An empty query parameter (`since=`) is the same as an absent one.
servers:
  - url: http://127.0.0.1:8080
paths:
  /health:
    get:
      summary: Server and model status
      responses:
        "200":
          description: The loaded model
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Health" }
  /metrics:
    get:
      summary: Counters in the Prometheus text format (requests, latency, cache, model, engine lanes)
      responses:
        "200":
          description: Prometheus exposition text
          content:
            text/plain:
              schema: { type: string }
  /articles:
    post:
      summary: Add an article (stored in the library and folded into the model at once)
      description: |
        Without `issue` the article becomes a one-article issue named after its id; with an
        existing `issue` it is appended to it; with a new `issue` that issue is created.
        Without `id` the id is `post-` plus a hash of title, text, date and paper.
      security:
        - bearer: []
      requestBody:
        required: true
        content:
          application/json:
            schema: { $ref: "#/components/schemas/NewArticle" }
      responses:
        "201":
          description: The stored article
          headers:
            Location:
              schema: { type: string }
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Article" }
        "400": { $ref: "#/components/responses/Error" }
        "401": { $ref: "#/components/responses/Error" }
        "403": { $ref: "#/components/responses/Error" }
        "409": { $ref: "#/components/responses/Error" }
        "413": { $ref: "#/components/responses/Error" }
        "415": { $ref: "#/components/responses/Error" }
  /articles/{id}:
    get:
      summary: A stored article
      parameters:
        - { $ref: "#/components/parameters/ArticleID" }
      responses:
        "200":
          description: The article
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Article" }
        "404": { $ref: "#/components/responses/Error" }
  /articles/{id}/related:
    get:
      summary: Articles most similar to a stored article, with the phrases they share
      parameters:
        - { $ref: "#/components/parameters/ArticleID" }
        - { $ref: "#/components/parameters/K" }
        - { $ref: "#/components/parameters/Since" }
        - { $ref: "#/components/parameters/Until" }
        - { $ref: "#/components/parameters/Paper" }
        - { $ref: "#/components/parameters/ExcludeSameIssue" }
        - { $ref: "#/components/parameters/Expand" }
      responses:
        "200":
          description: Related articles, best first
          content:
            application/json:
              schema: { $ref: "#/components/schemas/RelatedResponse" }
        "400": { $ref: "#/components/responses/Error" }
        "404": { $ref: "#/components/responses/Error" }
  /articles/{id}/neighbourhood:
    get:
      summary: A small graph around an article (for the web page)
      description: |
        The article, its k most related articles, an edge from it to each, and between the
        neighbours an edge to each one's two most similar other neighbours.
      parameters:
        - { $ref: "#/components/parameters/ArticleID" }
        - name: k
          in: query
          schema: { type: integer, minimum: 1, maximum: 50, default: 8 }
      responses:
        "200":
          description: Nodes and links
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Neighbourhood" }
        "400": { $ref: "#/components/responses/Error" }
        "404": { $ref: "#/components/responses/Error" }
  /related:
    post:
      summary: Articles most similar to any text (folded into the model)
      requestBody:
        required: true
        content:
          application/json:
            schema: { $ref: "#/components/schemas/TextQuery" }
      responses:
        "200":
          description: Related articles, best first
          content:
            application/json:
              schema: { $ref: "#/components/schemas/RelatedResponse" }
        "400": { $ref: "#/components/responses/Error" }
        "413": { $ref: "#/components/responses/Error" }
        "415": { $ref: "#/components/responses/Error" }
        "503": { $ref: "#/components/responses/Error" }
  /themes:
    get:
      summary: Campaign themes across issues (computed once per model and cached)
      parameters:
        - { $ref: "#/components/parameters/ThemeK" }
      responses:
        "200":
          description: The theme report
          content:
            application/json:
              schema: { $ref: "#/components/schemas/ThemeReport" }
        "400": { $ref: "#/components/responses/Error" }
        "503": { $ref: "#/components/responses/Error" }
  /themes.svg:
    get:
      summary: The theme x issue heatmap
      parameters:
        - { $ref: "#/components/parameters/ThemeK" }
      responses:
        "200":
          description: SVG image
          content:
            image/svg+xml:
              schema: { type: string }
        "400": { $ref: "#/components/responses/Error" }
        "503": { $ref: "#/components/responses/Error" }
  /themes/{id}:
    get:
      summary: One theme of the report
      parameters:
        - name: id
          in: path
          required: true
          schema: { type: integer, minimum: 1, maximum: 50 }
        - { $ref: "#/components/parameters/ThemeK" }
      responses:
        "200":
          description: The theme
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Theme" }
        "400": { $ref: "#/components/responses/Error" }
        "503": { $ref: "#/components/responses/Error" }
        "404": { $ref: "#/components/responses/Error" }
  /track:
    get:
      summary: How strongly each issue covers a phrase or text
      parameters:
        - name: q
          in: query
          required: true
          schema: { type: string, pattern: '\S' }
        - name: threshold
          in: query
          description: Cosine at which an article counts as covering the query.
          schema: { type: number, minimum: -1, maximum: 1, default: 0.3 }
        - name: top
          in: query
          description: How many of an issue's best scores to average.
          schema: { type: integer, minimum: 1, maximum: 20, default: 3 }
      responses:
        "200":
          description: One point per issue, in archive order
          content:
            application/json:
              schema: { $ref: "#/components/schemas/TrackReport" }
        "400": { $ref: "#/components/responses/Error" }
        "503": { $ref: "#/components/responses/Error" }
  /graph:
    get:
      summary: The whole archive's similarity graph (k nearest neighbours per article)
      parameters:
        - name: format
          in: query
          schema: { type: string, enum: [graphml, gexf, json, dot], default: graphml }
        - name: knn
          in: query
          schema: { type: integer, minimum: 1, maximum: 50, default: 10 }
      responses:
        "200":
          description: The graph file (json is networkx 3.6 node-link, with `nodes` and `edges`)
          content:
            application/graphml+xml:
              schema: { type: string }
            application/gexf+xml:
              schema: { type: string }
            application/json:
              schema: { type: object }
            text/vnd.graphviz:
              schema: { type: string }
        "400": { $ref: "#/components/responses/Error" }
        "503": { $ref: "#/components/responses/Error" }
  /openapi.yaml:
    get:
      summary: This document
      responses:
        "200":
          description: OpenAPI 3 YAML
          content:
            application/yaml:
              schema: { type: string }
  /:
    get:
      summary: The web page (search, theme heatmap, neighbourhood graph); `?q=` runs a search on load
      responses:
        "200":
          description: HTML
          content:
            text/html:
              schema: { type: string }
components:
  securitySchemes:
    bearer:
      type: http
      scheme: bearer
  parameters:
    ArticleID:
      name: id
      in: path
      required: true
      schema: { type: string }
    K:
      name: k
      in: query
      description: How many related articles (fewer when the library holds fewer).
      schema: { type: integer, minimum: 1, maximum: 100, default: 10 }
    Since:
      name: since
      in: query
      description: Only articles dated on or after (2025-03-10, 2025-03 or 2025; empty is no bound).
      schema: { type: string, pattern: '^([0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?)?$' }
    Until:
      name: until
      in: query
      description: Only articles dated on or before (a prefix admits the whole month or year; after `since` matches nothing).
      schema: { type: string, pattern: '^([0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?)?$' }
    Paper:
      name: paper
      in: query
      schema: { type: string }
    ExcludeSameIssue:
      name: exclude_same_issue
      in: query
      schema: { type: boolean, default: false }
    Expand:
      name: expand
      in: query
      description: Rank with query expansion (the query moved towards its 3 nearest articles); false ranks by plain cosine.
      schema: { type: boolean, default: true }
    ThemeK:
      name: k
      in: query
      description: Number of themes (2-50), or auto (silhouette rule).
      schema: { type: string, pattern: '^(auto|[2-9]|[1-4][0-9]|50)$', default: auto }
  responses:
    Error:
      description: An error
      content:
        application/json:
          schema: { $ref: "#/components/schemas/Error" }
  schemas:
    Error:
      type: object
      required: [error, kind]
      properties:
        error: { type: string }
        kind:
          type: string
          enum: [badInput, badOption, notFound, unauthorized, forbidden, conflict, tooLarge, methodNotAllowed, unsupportedMediaType, misdirected, busy, corruptModel, numerical, io, internal, error]
    Health:
      type: object
      required: [status, model, articles, foldedIn, dimensions, terms, generation, writable]
      properties:
        status: { type: string, enum: [ok] }
        version: { type: string, description: "zhuti --version" }
        model: { type: string }
        articles: { type: integer, description: "Documents in the model, folded-in ones included" }
        foldedIn: { type: integer, description: Documents folded in after the model was built }
        dimensions: { type: integer }
        terms: { type: integer }
        generation: { type: integer, description: "Counts model loads, swaps and posted articles" }
        writable: { type: boolean, description: "Whether POST /articles is on (ZHUTI_TOKEN set)" }
    Article:
      type: object
      required: [id, issue, source, paper, date, page, title, byline, text, continuation, label, sequence]
      properties:
        id: { type: string }
        issue: { type: string }
        source: { type: string }
        paper: { type: string, nullable: true }
        date: { type: string, nullable: true }
        page: { type: integer, nullable: true }
        title: { type: string }
        byline: { type: string, nullable: true }
        text: { type: string }
        continuation: { type: string, nullable: true }
        label: { type: string, nullable: true }
        sequence: { type: integer }
    NewArticle:
      type: object
      required: [title, text]
      properties:
        title: { type: string, maxLength: 1000 }
        text: { type: string, pattern: '\S' }
        date: { type: string, pattern: '^([0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01]))?$', nullable: true, description: "yyyy-MM-dd; empty means no date" }
        paper: { type: string, nullable: true }
        issue: { type: string, maxLength: 128, pattern: '^[^\x00-\x20\x7f/?#%\\"]+$', nullable: true, description: "Issue to add the article to (created if new)" }
        id: { type: string, maxLength: 128, pattern: '^[^\x00-\x20\x7f/?#%\\"]+$', nullable: true, description: "No spaces, control characters, '/', '?', '#', '%', '\\' or quotes" }
        page: { type: integer, minimum: 0, maximum: 9999, nullable: true }
        byline: { type: string, nullable: true }
    TextQuery:
      type: object
      required: [text]
      properties:
        text: { type: string, maxLength: 20000 }
        k: { type: integer, minimum: 1, maximum: 100, default: 10, nullable: true }
        since: { type: string, pattern: '^([0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?)?$', nullable: true }
        until: { type: string, pattern: '^([0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?)?$', nullable: true }
        paper: { type: string, nullable: true }
        exclude_same_issue: { type: boolean, default: false, nullable: true }
        expand: { type: boolean, default: true, nullable: true, description: "Rank with query expansion; false ranks by plain cosine" }
    RelatedResponse:
      type: object
      required: [query, results]
      properties:
        id: { type: string, description: "The query article's id (absent for text queries)" }
        note: { type: string, description: "Why there are no results, when the query text had nothing to compare" }
        query:
          type: object
          properties:
            id: { type: string }
            title: { type: string }
        results:
          type: array
          items: { $ref: "#/components/schemas/RelatedResult" }
    RelatedResult:
      type: object
      required: [id, title, issue, score, cosine, shared]
      properties:
        id: { type: string }
        title: { type: string }
        date: { type: string }
        issue: { type: string }
        paper: { type: string }
        page: { type: integer }
        score: { type: number, description: "What results are ranked by: the cosine in the LSA space with the query after query expansion (the plain cosine when expand=false)" }
        cosine: { type: number, description: The plain cosine of the two articles in the LSA space }
        shared:
          type: array
          description: Phrases both texts share that weigh most in the match
          items: { type: string }
        duplicate: { type: string, enum: [near-duplicate, contained] }
    Neighbourhood:
      type: object
      required: [center, nodes, links]
      properties:
        center: { type: string }
        nodes:
          type: array
          items:
            type: object
            required: [id, title, issue, score, center]
            properties:
              id: { type: string }
              title: { type: string }
              date: { type: string }
              issue: { type: string }
              score: { type: number }
              center: { type: boolean }
        links:
          type: array
          items:
            type: object
            required: [source, target, weight]
            properties:
              source: { type: string }
              target: { type: string }
              weight: { type: number }
    TimelinePoint:
      type: object
      required: [issue, count, share, total]
      properties:
        issue: { type: string }
        date: { type: string }
        count: { type: integer }
        share: { type: number }
        total: { type: integer }
    Theme:
      type: object
      required: [id, label, phrases, size, articles, representatives, representativeTitles, timeline]
      properties:
        id: { type: integer }
        label: { type: string }
        phrases: { type: array, items: { type: string } }
        size: { type: integer }
        articles: { type: array, items: { type: string } }
        representatives: { type: array, items: { type: string } }
        representativeTitles: { type: array, items: { type: string } }
        timeline: { type: array, items: { $ref: "#/components/schemas/TimelinePoint" } }
        first: { type: string }
        last: { type: string }
        peak: { type: string }
    ThemeReport:
      type: object
      required: [themes, unassigned, k, articleCount]
      properties:
        themes: { type: array, items: { $ref: "#/components/schemas/Theme" } }
        unassigned:
          type: array
          items:
            type: object
            required: [id, score]
            properties:
              id: { type: string }
              nearest: { type: integer }
              score: { type: number }
        k: { type: integer }
        articleCount: { type: integer }
    TrackReport:
      type: object
      required: [query, threshold, top, issues]
      properties:
        query: { type: string }
        threshold: { type: number }
        top: { type: integer }
        issues:
          type: array
          items:
            type: object
            required: [issue, articles, matches, share, meanTop, max, best]
            properties:
              issue: { type: string }
              date: { type: string }
              articles: { type: integer }
              matches: { type: integer }
              share: { type: number }
              meanTop: { type: number }
              max: { type: number }
              best: { type: string }
"""#
}
