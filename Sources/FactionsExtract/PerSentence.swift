/// What a document holds sentence by sentence (its mentions, the spans of its ignored
/// forms), all in one array: `self[s]` is sentence `s`'s part.
///
/// An array for each sentence was an allocation and a free for every sentence with a
/// mention (about 80,000 of each for 5 MB of text, read twice with discovery), and a
/// release of each array when the document was dropped.
public struct PerSentence<Item: Sendable>: RandomAccessCollection, Sendable {
    /// Every sentence's items, in sentence order.
    public private(set) var items: [Item] = []
    /// Sentence `s`'s items are `items[bounds[s]..<bounds[s + 1]]`.
    private var bounds: [Int] = [0]

    public init() {}

    public var startIndex: Int { 0 }
    public var endIndex: Int { bounds.count - 1 }
    public subscript(s: Int) -> ArraySlice<Item> { items[bounds[s]..<bounds[s + 1]] }

    /// Room for `sentences` sentences and `items` items in all.
    mutating func reserveCapacity(sentences: Int, items count: Int) {
        bounds.reserveCapacity(sentences + 1)
        items.reserveCapacity(count)
    }

    /// Adds `item` to the sentence being filled (the one `closeSentence` ends next).
    mutating func append(_ item: Item) { items.append(item) }

    /// Ends the sentence being filled: the next items go to the next sentence.
    mutating func closeSentence() { bounds.append(items.count) }

    /// Hands every item to `body` with its sentence, to change in place; drops those
    /// for which it returns false.
    mutating func update(_ body: (_ sentence: Int, _ item: inout Item) -> Bool) {
        var kept = 0
        var start = 0
        for s in 0..<(bounds.count - 1) {
            let end = bounds[s + 1]
            for k in start..<end {
                var item = items[k]
                if body(s, &item) {
                    items[kept] = item
                    kept += 1
                }
            }
            start = end
            bounds[s + 1] = kept
        }
        items.removeLast(items.count - kept)
    }
}

extension PerSentence: Equatable where Item: Equatable {}
