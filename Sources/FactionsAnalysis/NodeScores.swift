import Foundation
import FactionsCore

/// A score per node of a graph, as produced by a centrality measure.
public struct NodeScores: Sendable, Hashable {
    /// The measure's name, e.g. `betweenness`.
    public var measure: String
    /// Node labels (actor ids), index-aligned with `values`.
    public var labels: [String]
    public var values: [Double]

    public init(measure: String, labels: [String], values: [Double]) {
        self.measure = measure
        self.labels = labels
        self.values = values
    }

    public subscript(label: String) -> Double? {
        labels.firstIndex(of: label).map { values[$0] }
    }

    /// Node indices, highest score first, ties broken by label.
    public func ranking() -> [Int] {
        values.indices.sorted { a, b in
            if values[a] != values[b] { return values[a] > values[b] }
            return labels[a] < labels[b]
        }
    }

    public var dictionary: [String: Double] {
        Dictionary(uniqueKeysWithValues: zip(labels, values))
    }
}

/// A measure that fails on input it cannot give a meaningful answer for.
public enum AnalysisError: Error, Equatable, CustomStringConvertible, LocalizedError {
    case negativeWeight(source: String, target: String, weight: Double)
    case zeroWeight(source: String, target: String)
    case notConverged(measure: String, iterations: Int)
    case unknownMeasure(String)
    case unknownActor(String, suggestions: [String])
    case unknownPeriod(String, known: [String])

    public var description: String {
        switch self {
        case let .negativeWeight(s, t, w):
            return "tie \(s)–\(t) has negative weight \(w); weighted path measures need positive weights (use --weighted only with positive weights)"
        case let .zeroWeight(s, t):
            return "tie \(s)–\(t) has weight 0, an infinite distance; drop it or give it a positive weight"
        case let .notConverged(m, i):
            return "\(m) did not converge in \(i) iterations; the graph may be bipartite or disconnected (try pagerank)"
        case let .unknownMeasure(m):
            return "unknown measure '\(m)'; use one of \(CentralityMeasure.allCases.map(\.rawValue).joined(separator: ", "))"
        case let .unknownActor(a, suggestions):
            let hint = suggestions.isEmpty ? "; list actors with `factions rank --all`" : "; did you mean \(suggestions.map { "'\($0)'" }.joined(separator: ", "))?"
            return "no actor '\(a)' in the network\(hint)"
        case let .unknownPeriod(p, known):
            return "no period '\(p)'; use a period id (\(known.joined(separator: ", "))) or a month interval such as 1917-07..1917-09"
        }
    }

    public var errorDescription: String? { description }
}

/// The centrality measures `factions rank --by` offers.
public enum CentralityMeasure: String, CaseIterable, Sendable, Codable {
    case degree, strength, betweenness, closeness, harmonic, eigenvector, pagerank, coreness

    /// Computes the measure; `weighted` selects the weighted variant where one exists
    /// (strength is always weighted, degree and coreness never).
    public func compute(on graph: Graph, weighted: Bool = false) throws(AnalysisError) -> NodeScores {
        switch self {
        case .degree: return Degree.compute(graph)
        case .strength: return Strength.compute(graph)
        case .betweenness: return try Betweenness.compute(graph, weighted: weighted)
        case .closeness: return try Closeness.compute(graph, weighted: weighted)
        case .harmonic: return try Harmonic.compute(graph, weighted: weighted)
        case .eigenvector: return try Eigenvector.compute(graph, weighted: weighted)
        case .pagerank: return PageRank.compute(graph, weighted: weighted)
        case .coreness: return Coreness.compute(graph)
        }
    }
}
