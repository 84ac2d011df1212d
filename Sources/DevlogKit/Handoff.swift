import Foundation

/// A bounded first-in, first-out queue from one thread to another: `put` waits while it is full,
/// `take` waits while it is empty.
final class Handoff<Element: Sendable>: @unchecked Sendable {
    // @unchecked: `items` is only read or changed while `condition` is locked.
    private let condition = NSCondition()
    private var items: [Element] = []
    private let capacity: Int

    /// A queue holding at most `capacity` elements (at least one).
    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Appends an element, first waiting for room.
    func put(_ element: Element) {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity { condition.wait() }
        items.append(element)
        condition.broadcast()
    }

    /// Removes the oldest element, first waiting for one.
    func take() -> Element {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty { condition.wait() }
        let element = items.removeFirst()
        condition.broadcast()
        return element
    }
}
