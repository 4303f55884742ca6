import FactionsCore

/// Renders DOT text and writes the result atomically: a failed render or write leaves
/// any existing file untouched and no partial file behind.
public enum DiagramFile {
    public static func write(dot: String, engine: LayoutEngine, format: OutputFormat, to path: String) throws {
        let bytes = try Graphviz.shared.render(dot: dot, engine: engine, format: format)
        try AtomicFile.write(bytes, to: path)
    }
}
