import ArgumentParser
import Zhuti

/// How related articles are ranked: with query expansion (the default) or by plain cosine.
struct ExpansionOptions: ParsableArguments {
    @Flag(help: "Rank by the plain cosine with the query, without query expansion.")
    var noExpansion = false

    @Option(help: ArgumentHelp("Query expansion: how many of the query's nearest articles are averaged into it (0 = off).",
                               valueName: "n"))
    var expansionNeighbours: Int = QueryExpansion.standard.neighbours

    @Option(help: ArgumentHelp("Query expansion: weight of that average against the query itself.", valueName: "w"))
    var expansionWeight: Float = QueryExpansion.standard.weight

    /// The expansion to rank with, nil for plain cosine; absurd values are a `badOption`
    /// (one line, exit 64, like every other option error of a query command).
    func resolved() throws -> QueryExpansion? {
        guard (0...100).contains(expansionNeighbours) else {
            throw ZhutiError(.badOption, "\(ZhutiError.Parameter.expansionNeighbours) must be between 0 and 100 (got \(expansionNeighbours))")
        }
        guard expansionWeight.isFinite, expansionWeight > 0, expansionWeight <= 100 else {
            throw ZhutiError(.badOption, "\(ZhutiError.Parameter.expansionWeight) must be above 0 and at most 100 (got \(expansionWeight))")
        }
        guard !noExpansion, expansionNeighbours > 0 else { return nil }
        return QueryExpansion(neighbours: expansionNeighbours, weight: expansionWeight)
    }
}
