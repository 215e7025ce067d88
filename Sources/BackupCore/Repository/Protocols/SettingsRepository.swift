/// Typed settings groups.
public protocol SettingsRepository: Sendable {
    /// The stored group, or its defaults.
    func settings<Group: SettingsGroup>(_ group: Group.Type) async throws -> Group
    /// Validates and stores the group.
    func saveSettings<Group: SettingsGroup>(_ value: Group) async throws
}
