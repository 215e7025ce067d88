import ArgumentParser
import PgbmOptions

/// What the commands on one stored schedule take: the shared options, the schedule's id and `--json`.
struct ScheduleTarget: ParsableArguments {
    @OptionGroup var shared: SharedOptions
    @Argument(help: "The schedule's id (see schedule list).") var id: Int64
    @OptionGroup var output: OutputOptions
}
