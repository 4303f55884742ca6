import FactionsCore

/// Betweenness centrality by Brandes's algorithm (U. Brandes, "A faster algorithm for
/// betweenness centrality", J. Math. Sociol. 25(2), 2001).
///
/// Normalised like NetworkX's `betweenness_centrality(G, normalized=True)` on an
/// undirected graph: the sum over ordered pairs (s, t), s ≠ v ≠ t, of the share of
/// shortest s–t paths through v, divided by (n − 1)(n − 2); graphs with n ≤ 2 are
/// left unscaled (all zero). The weighted variant uses distance = 1 / weight and
/// rejects zero or negative weights.
///
/// O(nm) unweighted, O(nm + n² log n) weighted; O(n + m) memory per thread. Sources
/// are split across `threads` threads (all cores by default).
public enum Betweenness {
    public static func compute(_ graph: Graph, weighted: Bool = false,
                               threads: Int = ParallelSources.defaultThreads) throws(AnalysisError) -> NodeScores {
        if weighted { try ShortestPathWorkspace.validate(graph) }
        let n = graph.nodeCount
        // Relabelled once here, not by each thread.
        let relabelled = weighted ? nil : BreadthFirstLabels(graph)
        var raw = ParallelSources.sum(nodeCount: n, threads: threads) { sources in
            if let relabelled { return accumulateUnweighted(relabelled, sources: sources) }
            return accumulate(graph, weighted: true, sources: sources)
        }
        if n > 2 {
            let scale = 1 / (Double(n - 1) * Double(n - 2))
            for v in 0..<n { raw[v] *= scale }
        }
        return NodeScores(measure: weighted ? "betweenness-weighted" : "betweenness", labels: graph.labels, values: raw)
    }

    /// The unweighted sums by breadth-first search with successor lists, run on the
    /// relabelled graph and mapped back to the original labels.
    static func accumulateUnweighted(_ graph: BreadthFirstLabels, sources: Range<Int>) -> [Double] {
        var bfs = UnweightedBFS(offsets: graph.offsets, neighbors: graph.neighbors)
        var centrality = [Double](repeating: 0, count: graph.label.count)
        bfs.accumulate(sources: sources.lazy.map { Int(graph.label[$0]) }, into: &centrality)
        return graph.label.map { centrality[Int($0)] }
    }

    /// A graph's adjacency relabelled in the order a breadth-first search finds its
    /// nodes, starting from the highest-degree node and, for each further component,
    /// from its highest-degree node; each adjacency list sorted.
    ///
    /// Nodes that a search reaches together get nearby labels, so that their records
    /// share cache lines: the 10k-node benchmark graphs lose a fifth (LFR) to a third
    /// (Barabási–Albert) of their L1 misses, for one sort of each adjacency list.
    struct BreadthFirstLabels: Sendable {
        /// New label of each original node.
        let label: [Int32]
        let offsets: [Int]
        let neighbors: [Int32]

        init(_ graph: Graph) {
            let n = graph.nodeCount
            let roots = (0..<n).sorted { (graph.degree($0), $1) > (graph.degree($1), $0) }
            var seen = [Bool](repeating: false, count: n)
            var order = [Int32]()
            order.reserveCapacity(n)
            for root in roots where !seen[root] {
                seen[root] = true
                var head = order.count
                order.append(Int32(root))
                while head < order.count {
                    let v = Int(order[head])
                    head += 1
                    for e in graph.neighborRange(v) {
                        let w = Int(graph.neighbors[e])
                        if !seen[w] {
                            seen[w] = true
                            order.append(Int32(w))
                        }
                    }
                }
            }
            var label = [Int32](repeating: 0, count: n)
            for (new, old) in order.enumerated() { label[Int(old)] = Int32(new) }
            var offsets = [Int](repeating: 0, count: n + 1)
            var neighbors = [Int32]()
            neighbors.reserveCapacity(graph.neighbors.count)
            for (new, old) in order.enumerated() {
                let start = neighbors.count
                for e in graph.neighborRange(Int(old)) { neighbors.append(label[Int(graph.neighbors[e])]) }
                neighbors[start...].sort()
                offsets[new + 1] = neighbors.count
            }
            self.label = label
            self.offsets = offsets
            self.neighbors = neighbors
        }
    }

    /// Unscaled dependency sums over ordered pairs with sources in `sources`, so that
    /// ranges can be computed in parallel and added.
    static func accumulate(_ graph: Graph, weighted: Bool, sources: Range<Int>) -> [Double] {
        let n = graph.nodeCount
        var workspace = ShortestPathWorkspace(graph: graph, weighted: weighted)
        var centrality = [Double](repeating: 0, count: n)
        var delta = [Double](repeating: 0, count: n)
        for s in sources {
            workspace.run(from: s, trackPredecessors: true)
            for v in workspace.order { delta[Int(v)] = 0 }
            for w32 in workspace.order.reversed() {
                let w = Int(w32)
                let coefficient = (1 + delta[w]) / workspace.sigma[w]
                for v in workspace.predecessors[w] {
                    delta[Int(v)] += workspace.sigma[Int(v)] * coefficient
                }
                if w != s { centrality[w] += delta[w] }
            }
        }
        return centrality
    }
}
