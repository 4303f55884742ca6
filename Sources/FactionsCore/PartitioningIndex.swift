extension RandomAccessCollection {
    /// The first index whose element satisfies `belongsToSecondPart`, in a collection
    /// where every element that does comes after every element that does not (a sorted
    /// array and a threshold); `endIndex` when none does. Binary search, O(log n).
    @inlinable
    public func partitioningIndex(where belongsToSecondPart: (Element) throws -> Bool) rethrows -> Index {
        var low = startIndex
        var count = self.count
        while count > 0 {
            let half = count / 2
            let middle = index(low, offsetBy: half)
            if try belongsToSecondPart(self[middle]) {
                count = half
            } else {
                low = index(after: middle)
                count -= half + 1
            }
        }
        return low
    }
}
