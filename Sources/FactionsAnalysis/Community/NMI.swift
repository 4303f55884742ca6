import Foundation

/// Normalised mutual information between two partitions, with the arithmetic-mean
/// normalisation of L. Danon et al. ("Comparing community structure identification",
/// J. Stat. Mech. 2005): 2·I(X;Y) / (H(X) + H(Y)), as igraph's
/// `compare_communities(method="nmi")`. 1 for identical partitions; two trivial
/// partitions compare as 1. O(n).
public enum NMI {
    public static func compute(_ a: [Int], _ b: [Int]) -> Double {
        precondition(a.count == b.count, "partitions of different sizes")
        let n = Double(a.count)
        guard n > 0 else { return 1 }
        var joint: [Int: [Int: Double]] = [:]
        var ca: [Int: Double] = [:], cb: [Int: Double] = [:]
        for i in a.indices {
            joint[a[i], default: [:]][b[i], default: 0] += 1
            ca[a[i], default: 0] += 1
            cb[b[i], default: 0] += 1
        }
        func entropy(_ counts: [Int: Double]) -> Double {
            counts.values.reduce(0) { $0 - ($1 / n) * log($1 / n) }
        }
        let ha = entropy(ca), hb = entropy(cb)
        if ha + hb == 0 { return 1 }
        var mi = 0.0
        for (x, row) in joint {
            for (y, nxy) in row {
                mi += (nxy / n) * log(nxy * n / (ca[x]! * cb[y]!))
            }
        }
        return max(0, min(1, 2 * mi / (ha + hb)))
    }

    /// Adjusted Rand index (Hubert and Arabie, 1985): agreement of two partitions
    /// corrected for chance; 1 for identical, about 0 for random. O(n).
    public static func adjustedRand(_ a: [Int], _ b: [Int]) -> Double {
        let n = a.count
        guard n > 1 else { return 1 }
        var joint: [Int: [Int: Int]] = [:]
        var ca: [Int: Int] = [:], cb: [Int: Int] = [:]
        for i in a.indices {
            joint[a[i], default: [:]][b[i], default: 0] += 1
            ca[a[i], default: 0] += 1
            cb[b[i], default: 0] += 1
        }
        func c2(_ x: Int) -> Double { Double(x) * Double(x - 1) / 2 }
        let index = joint.values.flatMap(\.values).reduce(0.0) { $0 + c2($1) }
        let sa = ca.values.reduce(0.0) { $0 + c2($1) }
        let sb = cb.values.reduce(0.0) { $0 + c2($1) }
        let expected = sa * sb / c2(n)
        let maximum = (sa + sb) / 2
        if maximum == expected { return 1 }
        return (index - expected) / (maximum - expected)
    }
}
