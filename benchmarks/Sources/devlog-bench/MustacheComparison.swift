import DevlogMustache
import Foundation
import Mustache

/// Renders one report-like template with DevlogMustache and with swift-mustache on the same data
/// and prints renders per second of each and their ratio. Run it in a release build.
func runMustacheComparison(tasks taskCount: Int = 50, seconds: Double = 2) throws {
    let source = """
        # {{title}}

        {{#tasks}}
        - [{{#done}}x{{/done}}{{^done}} {{/done}}] **{{name}}** ({{owner.name}}): {{summary}}
        {{/tasks}}
        {{^tasks}}
        No tasks.
        {{/tasks}}
        """
    let ours = try DevlogMustache.MustacheTemplate(source, name: "bench")
    let theirs = try Mustache.MustacheTemplate(string: source)
    let indices = Array(0..<taskCount)
    let value: MustacheValue = [
        "title": "Cycle 42",
        "tasks": .list(indices.map { index in
            [
                "name": .string("task \(index)"), "done": .bool(index % 2 == 0),
                "summary": "rendered <fast> & checked", "owner": ["name": "Ada"],
            ]
        }),
    ]
    let anyContext: [String: Any] = [
        "title": "Cycle 42",
        "tasks": indices.map { index -> [String: Any] in
            [
                "name": "task \(index)", "done": index % 2 == 0,
                "summary": "rendered <fast> & checked", "owner": ["name": "Ada"] as [String: Any],
            ]
        },
    ]
    guard try ours.render(value) == theirs.render(anyContext) else {
        print("mustache: outputs differ; fix the engine before comparing speed")
        return
    }
    func rate(_ body: () throws -> Int) rethrows -> Double {
        var renders = 0
        var sink = 0
        let start = Date()
        while Date().timeIntervalSince(start) < seconds {
            sink &+= try body()
            renders += 1
        }
        if sink == -1 { print(sink) }  // keep the optimizer from dropping the renders
        return Double(renders) / Date().timeIntervalSince(start)
    }
    let ourRate = try rate { try ours.render(value).utf8.count }
    let theirRate = rate { theirs.render(anyContext).utf8.count }
    print("mustache (\(taskCount) tasks): DevlogMustache \(Int(ourRate))/s, swift-mustache \(Int(theirRate))/s, ratio \(String(format: "%.1f", ourRate / theirRate))x")
}
