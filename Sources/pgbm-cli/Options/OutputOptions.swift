import ArgumentParser

/// `--json`: print JSON for scripts, the API's response types with the API's coder (snake_case keys,
/// ISO-8601 UTC dates), instead of text.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print JSON as the HTTP API does (snake_case keys, ISO-8601 dates in UTC) instead of text.")
    var json = false

    /// Prints `value` as JSON with `--json`, else the text.
    func emit(_ value: some Encodable, text: () -> String) throws {
        print(json ? try CLIOutput.json(value) : text())
    }
}
