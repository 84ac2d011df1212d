import Foundation

extension DevlogProject {
    /// Runs the after-each-cycle job: import, check, generate, publish, archive.
    ///
    /// A step that fails stops the steps after it and leaves what earlier steps did in place;
    /// its `next` says how to continue. Contradictions the check finds are reported in its step
    /// (result ``CycleStep/Result/reported``) and the job goes on, unless ``CycleJob/strict``
    /// makes them stop it as a failed check. Everything is idempotent: on a finished cycle a rerun
    /// imports nothing new, posts nothing (the outbox shows it delivered) and commits nothing.
    public func runCycle(_ job: CycleJob) async -> [CycleStep] {
        var steps: [CycleStep] = []
        var selection = job.selection

        if !job.imports.isEmpty {
            let report = importFiles(job.imports)
            let failures = report.items.filter { $0.outcome == .failed }
            guard failures.isEmpty else {
                steps.append(CycleStep(name: "import", result: .failed, detail: failures.compactMap(\.error).joined(separator: "; "),
                                       next: "fix the file named above and run `devlog cycle` again"))
                return steps
            }
            if let id = report.items.last?.cycleID { selection = .id(id) }
            steps.append(CycleStep(name: "import", result: .succeeded,
                                   detail: "imported \(report.count(.imported)), updated \(report.count(.updated)), unchanged \(report.count(.unchanged))"))
        }

        let cycleID: Int64
        do {
            cycleID = try cycle(selection).id
            let findings = try check(.id(cycleID))
            let errors = findings.filter { $0.severity == .error }
            if errors.isEmpty {
                steps.append(CycleStep(name: "check", result: .succeeded, detail: "cycle \(cycleID): no contradictions", findings: findings))
            } else if job.strict {
                steps.append(CycleStep(name: "check", result: .failed,
                                       detail: "cycle \(cycleID): \(errors.count) contradiction(s); strict, so nothing is generated, published or archived",
                                       next: "correct the records (e.g. `devlog task set N --status …`) and run `devlog cycle` again, "
                                           + "or run it with --no-strict to publish and archive the devlog as written",
                                       findings: findings))
                return steps
            } else {
                // A devlog is the agent's own account: it goes out as written, with its contradictions
                // reported here and in the exit code, rather than being held back.
                steps.append(CycleStep(name: "check", result: .reported,
                                       detail: "cycle \(cycleID): \(errors.count) contradiction(s); the job goes on (--strict stops here)",
                                       findings: findings))
            }
        } catch {
            steps.append(CycleStep(name: "check", result: .failed, detail: "\(error)", next: "import the cycle's records first"))
            return steps
        }

        // Commit facts come first, so the posted devlog already says which commits it covers.
        // Outside a repository there are none: the archive step reports that, after publishing.
        var factsRecorded = false
        if job.archive {
            do {
                try await recordGitFacts(cycleID: cycleID, repository: job.repository, options: job.archiveOptions)
                factsRecorded = true
            } catch {
                logger.warning("cycle.git_facts_unavailable", metadata: ["error": "\(error)"])
            }
        }

        let generated: Generated
        do {
            generated = try generate(.id(cycleID))
            let path = defaultPath(for: generated)
            try write(generated.markdown, to: path)
            steps.append(CycleStep(name: "generate", result: .succeeded, detail: path))
        } catch {
            steps.append(CycleStep(name: "generate", result: .failed, detail: "\(error)", next: "fix the template named above and run again"))
            return steps
        }

        if job.publish {
            do {
                let outcome = try await publish(.id(cycleID), mode: job.mode, webhook: job.webhook, connection: job.connection)
                let report = outcome.report
                let detail = report.sentNothing
                    ? "already posted to \(outcome.webhook); nothing sent"
                    : "\(outcome.webhook): \(report.posted.count) posted, \(report.edited.count) edited, \(report.deleted.count) deleted"
                steps.append(CycleStep(name: "publish", result: .succeeded, detail: detail))
            } catch {
                steps.append(CycleStep(name: "publish", result: .failed, detail: "\(error)",
                                       next: "run `devlog cycle` again (or `devlog publish --retry-failed`): the outbox sends only what is missing"))
                return steps
            }
        } else {
            steps.append(CycleStep(name: "publish", result: .skipped, detail: "--no-publish"))
        }

        if job.archive {
            do {
                // Unless a publish or newly read git facts changed what it says, the devlog archived
                // is the one just generated.
                let outcome = try await archive(.id(cycleID), repository: job.repository, options: job.archiveOptions,
                                                rendered: factsRecorded && !job.publish ? generated : nil)
                let detail = outcome.commit.map { "\(outcome.path): committed \($0.prefix(12))" + (outcome.pushed ? ", pushed" : "") }
                    ?? "\(outcome.path): already archived"
                steps.append(CycleStep(name: "archive", result: .succeeded, detail: detail))
            } catch {
                steps.append(CycleStep(name: "archive", result: .failed, detail: "\(error)",
                                       next: "fix what git said and run `devlog cycle` again (published messages are not sent twice)"))
            }
        } else {
            steps.append(CycleStep(name: "archive", result: .skipped, detail: "--no-archive"))
        }
        if let site = job.site { steps.append(await siteStep(site)) }
        return steps
    }
}
