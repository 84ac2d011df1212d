/// A measured figure: its group (the subsection), label, value as written and parsed quantity.
public struct Metric: Sendable, Hashable, Codable {
    /// The subsection it is listed under (`Quality Metrics`).
    public var group: String
    /// `Test Coverage`.
    public var label: String
    /// The value as written (`85%`).
    public var value: String
    /// The number and unit read from the value, when it holds one.
    public var quantity: Quantity?

    /// A metric.
    public init(group: String, label: String, value: String, quantity: Quantity? = nil) {
        self.group = group
        self.label = label
        self.value = value
        self.quantity = quantity ?? Quantity(parsing: value)
    }
}
