import ArgumentParser

/// The per-partition steps a cluster runs (`scripts/spark`): Spark distributes, `zhuti` does
/// the work in each partition with the engine's own code, reading and writing line streams on
/// stdin and stdout. Not a command for people.
struct Worker: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Steps that scripts/spark runs in each partition (not for interactive use).",
        discussion: """
            Each step reads one partition's input on stdin and writes its output on stdout, one
            JSON object per line, so a Spark driver can pipe partitions through it:
              files     user paths -> the issue files `zhuti ingest` would read, one per line
              articles  issue files (one path per line) -> articles, with the ids `zhuti ingest`
                        gives the same files
              df, keep, terms, vocabulary
                        the vocabulary `zhuti build` chooses (counted per partition, pruned
                        on the sums, hashed n-grams' texts found, assembled on the driver)
              svd       the randomized SVD in passes (per-partition shares, driver steps)
              project   document vectors on the finished basis
              model     the model file from basis, ids, vectors and neighbour lists
              neighbours, related, reprints
                        a range of documents searched against all; reprint flags of pairs
              themes    themes clustered over ranges of rows, reported on the driver
              cells     approximate related articles: IVF cells, per-cell search, merge
            Articles come as JSON lines with "id" and "text"; arrays as NumPy .npy files. Input
            that cannot be read stops the step with exit 65 and a one-line error naming the file
            or line, as `zhuti ingest` does.
            """,
        shouldDisplay: false,
        subcommands: [WorkerFiles.self, WorkerArticles.self, WorkerDocumentFrequencies.self, WorkerKeep.self, WorkerTerms.self,
                      WorkerVocabulary.self, WorkerSVD.self, WorkerProject.self, WorkerModel.self, WorkerNeighbours.self,
                      WorkerRelated.self, WorkerReprints.self, WorkerThemes.self, WorkerCells.self]
    )
}
