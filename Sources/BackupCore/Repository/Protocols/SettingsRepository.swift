/// Typed settings groups. A store keeps each group's ``SettingsGroup/sealedFields`` sealed like the
/// secrets (never in clear beside the other fields) and returns them as part of the group.
public protocol SettingsRepository: Sendable {
    /// The stored group, or its defaults.
    func settings<Group: SettingsGroup>(_ group: Group.Type) async throws -> Group
    /// Validates and stores the group.
    func saveSettings<Group: SettingsGroup>(_ value: Group) async throws
}
