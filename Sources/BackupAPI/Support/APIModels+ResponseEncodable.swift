public import BackupCore
public import BackupAPIModels
public import Hummingbird

// The response types of BackupAPIModels, returned from route handlers and encoded with the request
// context's `responseEncoder` (APIJSON: snake_case keys, ISO-8601 UTC dates). The imports are public
// because a conformance of a public type to a public protocol is public.

extension AuditEventResponse: ResponseEncodable {}
extension BackupFileResponse: ResponseEncodable {}
extension BackupFileVerifyResponse: ResponseEncodable {}
extension BackupRunResponse: ResponseEncodable {}
extension CatalogEntryResponse: ResponseEncodable {}
extension ConnectionTestResponse: ResponseEncodable {}
extension DatabaseResponse: ResponseEncodable {}
extension DetailedHealthResponse: ResponseEncodable {}
extension GeneratedKeyResponse: ResponseEncodable {}
extension HealthResponse: ResponseEncodable {}
extension PageResponse: ResponseEncodable {}
extension RestoreAcceptedResponse: ResponseEncodable {}
extension RestoreJobResponse: ResponseEncodable {}
extension RetentionPreviewResponse: ResponseEncodable {}
extension RunAcceptedResponse: ResponseEncodable {}
extension SettingsSnapshot: ResponseEncodable {}
extension SettingsTestResponse: ResponseEncodable {}
extension SchedulePreviewResponse: ResponseEncodable {}
extension ScheduleResponse: ResponseEncodable {}
extension SessionResponse: ResponseEncodable {}
extension SetupStateResponse: ResponseEncodable {}
extension TokenResponse: ResponseEncodable {}
extension UploadResponse: ResponseEncodable {}
extension UserResponse: ResponseEncodable {}
