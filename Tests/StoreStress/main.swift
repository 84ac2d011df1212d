// A child process for DevlogStoreTests: writes to a store from outside the test process, so
// the tests see cross-process writes and contention on one SQLite file for real.
//
//   devlog-store-stress add-task DB CYCLE_ID TITLE
//   devlog-store-stress stress DB CYCLE_ID WORKER COUNT
//     COUNT updates that each append task "WORKER-i" to CYCLE_ID; every 5th also saves a cycle
//     of WORKER's own (agent WORKER, mission stress, cycle i).
//   devlog-store-stress create DB START WORKER
//     waits for START (milliseconds since 1970), opens DB (several of these started for the same
//     moment race to create it) and saves one cycle of WORKER's own.
import DevlogModel
import DevlogStore
import Foundation

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(1)
}

let arguments = CommandLine.arguments.dropFirst()
guard let mode = arguments.first, arguments.count >= 4, let cycleID = Int64(arguments[arguments.startIndex + 2]) else {
    fail("usage: devlog-store-stress add-task DB CYCLE_ID TITLE | stress DB CYCLE_ID WORKER COUNT | create DB START WORKER")
}
let path = arguments[arguments.startIndex + 1]
if mode == "create" {
    let wait = Double(cycleID) / 1000 - Date().timeIntervalSince1970
    if wait > 0 { Thread.sleep(forTimeInterval: wait) }
}
do {
    let store = try DevlogStore(path: path)
    switch mode {
    case "add-task":
        try store.update(id: cycleID) { $0.addTask(arguments[arguments.startIndex + 3], status: Status(.pending)) }
    case "stress":
        let worker = arguments[arguments.startIndex + 3]
        guard arguments.count == 5, let count = Int(arguments[arguments.startIndex + 4]) else { fail("stress needs WORKER COUNT") }
        for index in 0..<count {
            try store.update(id: cycleID) { $0.addTask("\(worker)-\(index)", status: Status(.pending)) }
            if index % 5 == 0 {
                let own = Devlog.skeleton(agent: Agent(id: worker), mission: Mission(id: "stress", objective: "Hold up"),
                                          cycle: Cycle(number: index, date: "2025-01-01"))
                guard try store.save(own, source: "stress").change == .inserted else { fail("\(worker) cycle \(index) was not new") }
            }
        }
    case "create":
        let worker = arguments[arguments.startIndex + 3]
        let own = Devlog.skeleton(agent: Agent(id: worker), mission: Mission(id: "create", objective: "Be there"),
                                  cycle: Cycle(number: 1, date: "2025-01-01"))
        guard try store.save(own, source: "create").change == .inserted else { fail("\(worker)'s cycle was not new") }
    default:
        fail("unknown mode \(mode)")
    }
} catch {
    fail("\(error)")
}
