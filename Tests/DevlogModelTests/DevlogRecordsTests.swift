import DevlogModel
import Testing

/// `agentMissionCycle` reads the three records in one pass; it must read what `agent`,
/// `mission` and `cycle` read one section at a time.
@Suite struct DevlogRecordsTests {
    static func skeleton() -> Devlog {
        .skeleton(agent: Agent(id: "Agent-1", specialty: "Testing", coordinates: "x"),
                  mission: Mission(id: "m1", objective: "Ship it", status: Status(.inProgress), progress: 40, progressText: "40%"),
                  cycle: Cycle(number: 4, date: "2026-11-28"))
    }

    static func expectOnePassReadsAsEachRecord(_ devlog: Devlog, sourceLocation: SourceLocation = #_sourceLocation) {
        let (agent, mission, cycle) = devlog.agentMissionCycle
        #expect(agent == devlog.agent, sourceLocation: sourceLocation)
        #expect(mission == devlog.mission, sourceLocation: sourceLocation)
        #expect(cycle == devlog.cycle, sourceLocation: sourceLocation)
    }

    @Test func theSkeletonReadsTheSame() {
        Self.expectOnePassReadsAsEachRecord(Self.skeleton())
        #expect(Self.skeleton().agentMissionCycle.agent?.coordinates == "x")
    }

    @Test func labelsMatchInAnyCaseAndTheFirstFieldWins() {
        var devlog = Self.skeleton()
        let info = SectionReference(.agentInformation)
        devlog.append(.field("AGENT id", "Agent-2"), to: info)
        devlog.append(.field("specialty", "**Marked**"), to: info)
        devlog.append(.field("Cycle DATE", "`2027-01-01`"), to: info)
        devlog.append(.field("Coordinates", "indented", indent: "  "), to: info)
        Self.expectOnePassReadsAsEachRecord(devlog)
        #expect(devlog.agentMissionCycle.agent?.id == "Agent-1")
    }

    @Test func markedValuesAndFieldsOnlyTheOnePassReadsAreUnmarked() {
        var devlog = Devlog(blocks: Self.skeleton().blocks.filter { $0.label != "Specialty" && $0.label != "Cycle Date" })
        let info = SectionReference(.agentInformation)
        devlog.append(.field("SPECIALTY", " **Marked** "), to: info)
        devlog.append(.field("Cycle Date", "`2027-01-01`"), to: info)
        devlog.append(.field("Unrelated", "`kept out`"), to: info)
        Self.expectOnePassReadsAsEachRecord(devlog)
        #expect(devlog.agentMissionCycle.agent?.specialty == "Marked")
        #expect(devlog.agentMissionCycle.cycle.date == "2027-01-01")
    }

    @Test func theLastFooterPairWinsAndLabelsBeyondASCIIAreNoKey() {
        var devlog = Self.skeleton()
        devlog.blocks.append(.pairs([("CYCLE", "5"), ("Next Update", "soon")]))
        devlog.blocks.append(.pairs([("Cycle", "6"), ("Last Updated", "`today`")]))
        devlog.blocks.append(.pairs([("Cyclé", "7"), ("NEXT UPDATE", "later"), ("ＣＹＣＬＥ", "8")]))
        Self.expectOnePassReadsAsEachRecord(devlog)
        let cycle = devlog.agentMissionCycle.cycle
        #expect((cycle.label, cycle.number, cycle.lastUpdated, cycle.nextUpdate) == ("6", 6, "today", "later"))
    }

    @Test func aFieldOutsideTheTwoSectionsIsNotRead() {
        var devlog = Self.skeleton()
        devlog.append(.field("Mission ID", "elsewhere"), to: SectionReference(named: "NOTES"))
        Self.expectOnePassReadsAsEachRecord(devlog)
        #expect(devlog.agentMissionCycle.mission?.id == "m1")
    }
}
