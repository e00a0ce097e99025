/// The result of clustering unit document vectors.
public struct Clustering: Sendable, Hashable {
    /// Cluster index per row, `-1` for a row that fits no cluster (see `ThemeClusterer`).
    public var assignments: [Int]
    /// `k x dims` row-major, each row unit length.
    public var centroids: [Float]
    /// Cosine of each row to its own centroid, or to the nearest one when unassigned.
    public var scores: [Float]
    public var k: Int
    public var dims: Int
    /// Sum over rows of the cosine to the assigned centroid (what spherical k-means maximises).
    public var objective: Double

    /// Nearest centroid per row: the assigned one, or for an unassigned row the closest.
    public var nearest: [Int]

    public init(assignments: [Int], centroids: [Float], scores: [Float], k: Int, dims: Int, objective: Double,
                nearest: [Int]? = nil) {
        self.assignments = assignments
        self.nearest = nearest ?? assignments
        self.centroids = centroids
        self.scores = scores
        self.k = k
        self.dims = dims
        self.objective = objective
    }

    /// Member row indices of each cluster, in row order.
    public func members() -> [[Int]] {
        var result = [[Int]](repeating: [], count: k)
        for (row, cluster) in assignments.enumerated() where cluster >= 0 && cluster < k {
            result[cluster].append(row)
        }
        return result
    }
}
