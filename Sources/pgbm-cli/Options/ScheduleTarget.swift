import ArgumentParser
import BackupAPIModels
import BackupCore
import BackupRepository
import PgbmOptions

/// The options of the commands that act on one stored schedule: the shared ones, its id, the output format.
struct ScheduleTarget: ParsableArguments {
    @OptionGroup var shared: SharedOptions
    @Argument(help: "The schedule's id (see schedule list).") var id: Int64
    @OptionGroup var output: OutputOptions

    /// Opens the manager and runs `body` with its schedules, once the id is known to exist.
    /// - Throws: ``CLIFailure`` with exit code 64, `<id>: no schedule with id 7`, when it does not.
    func withSchedules<Value: Sendable>(_ body: (ScheduleService) async throws -> Value) async throws -> Value {
        try await shared.withManager { manager in
            guard try await manager.store.schedule(id: id) != nil else {
                throw CLIFailure("<id>: no schedule with id \(id)", code: 64)
            }
            return try await body(manager.schedules)
        }
    }

    /// Runs one change of the schedule through ``ScheduleService``, reporting errors, and prints the
    /// schedule as the API returns it, or `text` of it.
    func change(
        _ body: @escaping (ScheduleService, Int64) async throws -> ScheduleInfo, text: @escaping (ScheduleResponse) -> String
    ) async throws {
        try await CLIError.reporting {
            let view = try await withSchedules { schedules in ScheduleResponse(try await body(schedules, id)) }
            try output.emit(view) { text(view) }
        }
    }
}
