import Foundation

/// A plain-text table: a header row and rows, columns padded to their widest cell.
///
/// ```swift
/// var table = TextTable(["ID", "NAME"])
/// table.append(["1", "app"])
/// print(table.rendered)
/// ```
struct TextTable: Sendable {
    let headers: [String]
    private(set) var rows: [[String]] = []

    init(_ headers: [String]) {
        self.headers = headers
    }

    /// Adds a row; missing cells are empty.
    mutating func append(_ row: [String]) {
        rows.append(row)
    }

    /// The table as lines; the last column is not padded.
    var rendered: String {
        let all = [headers] + rows
        let widths = headers.indices.map { column in all.map { cell($0, column).count }.max() ?? 0 }
        return all.map { row in
            headers.indices.map { column in
                let text = cell(row, column)
                return column == headers.count - 1
                    ? text : text.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    private func cell(_ row: [String], _ column: Int) -> String {
        column < row.count ? row[column] : ""
    }
}
