import BackupAPI
import BackupCore
import BackupRepository
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Schedules: CRUD, preview, run, pause, resume")
struct ScheduleRoutesTests {
    @Test func createShowListUpdateDelete() async throws {
        let fixture = try await APIFixture()
        try await fixture.test { client in
            let db = try await client.createDatabase(name: "app")
            // When a schedule is created
            let created = try await client.send(
                .post, "/api/schedules", json: #"{"database_id": \#(db), "cron": "0 2 * * *", "timezone": "Europe/Berlin"}"#)
            // Then it is 201 with its location, enabled, and its next run at 02:00 Berlin time
            #expect(created.status == .created)
            let body = try JSONBody(created)
            let id = try #require(body["id"]?.int)
            #expect(created.headers[.location] == "/api/schedules/\(id)")
            #expect(body["enabled"]?.bool == true)
            #expect(body["timezone"]?.string == "Europe/Berlin")
            #expect(body["database_name"]?.string == "app")
            let next = try #require(body["next_run_at"]?.string.flatMap { ISO8601DateFormatter().date(from: $0) })
            var berlin = Calendar(identifier: .gregorian)
            berlin.timeZone = try #require(TimeZone(identifier: "Europe/Berlin"))
            #expect(berlin.component(.hour, from: next) == 2)
            #expect(next > Date())
            // And it is shown and listed
            #expect(try JSONBody(try await client.send(.get, "/api/schedules/\(id)"))["cron"]?.string == "0 2 * * *")
            let list = try JSONBody(try await client.send(.get, "/api/schedules"))
            #expect(list["items"]?.array.compactMap { $0["id"]?.int } == [id])
            // When it is replaced, disabled, then it has no next run
            let updated = try await client.send(
                .put, "/api/schedules/\(id)", json: #"{"database_id": \#(db), "cron": "@hourly", "enabled": false}"#)
            #expect(updated.status == .ok)
            #expect(try JSONBody(updated)["cron"]?.string == "@hourly")
            #expect(try JSONBody(updated)["timezone"]?.string == "UTC")
            #expect(try JSONBody(updated)["next_run_at"] == nil)
            // When it is deleted, then it is gone
            #expect(try await client.send(.delete, "/api/schedules/\(id)").status == .noContent)
            try expectError(try await client.send(.get, "/api/schedules/\(id)"), status: .notFound, code: "not_found")
        }
        let actions = try await fixture.store.events(AuditFilter(targetType: "schedule"), limit: 10, cursor: nil).items.map(\.action)
        #expect(actions == ["schedule.delete", "schedule.update", "schedule.create"])
    }

    @Test(arguments: [
        (#""cron": "61 * * * *""#, "cron"), (#""cron": "0 2 * *""#, "cron"), (#""cron": "0 2 * * *", "timezone": "Mars/Olympus""#, "timezone"),
        (#""cron": 5"#, "cron"), (#""timezone": "UTC""#, "cron"),
    ])
    func invalidFieldsAre422NamingThem(fields: String, field: String) async throws {
        let fixture = try await APIFixture()
        try await fixture.test { client in
            let db = try await client.createDatabase(name: "app")
            let response = try await client.send(.post, "/api/schedules", json: #"{"database_id": \#(db), \#(fields)}"#)
            try expectError(response, status: .unprocessableContent, code: "invalid", field: field)
        }
    }

    @Test func aCronErrorCarriesTheParsersMessage() async throws {
        let fixture = try await APIFixture()
        try await fixture.test { client in
            let db = try await client.createDatabase(name: "app")
            let response = try await client.send(.post, "/api/schedules", json: #"{"database_id": \#(db), "cron": "0 25 * * *"}"#)
            let message = try #require(try JSONBody(response)["error"]?["message"]?.string)
            let expected: String
            do {
                _ = try ScheduleTimes(cron: "0 25 * * *", timeZone: "UTC")
                expected = "parsed"
            } catch let failure as StoreError {
                expected = failure.reason
            }
            #expect(message.contains(expected))
            #expect(message.hasPrefix("cron: "))
        }
    }

    @Test func unknownDatabaseIs422AndUnknownSchedule404() async throws {
        let fixture = try await APIFixture()
        try await fixture.test { client in
            try expectError(
                try await client.send(.post, "/api/schedules", json: #"{"database_id": 42, "cron": "@daily"}"#),
                status: .unprocessableContent, code: "invalid", field: "database_id")
            for (method, uri) in [
                (HTTPRequest.Method.get, "/api/schedules/9"), (.delete, "/api/schedules/9"), (.post, "/api/schedules/9/run"),
                (.post, "/api/schedules/9/pause"), (.post, "/api/schedules/9/resume"), (.get, "/api/schedules/x"),
            ] {
                try expectError(try await client.send(method, uri), status: .notFound, code: "not_found")
            }
            try expectError(
                try await client.send(.put, "/api/schedules/9", json: #"{"database_id": 1, "cron": "@daily"}"#), status: .notFound,
                code: "not_found")
        }
    }

    @Test func pauseAndResumeAnswerWithTheScheduleAndRunQueuesABackup() async throws {
        let fixture = try await APIFixture()
        try await fixture.test { client in
            let db = try await client.createDatabase(name: "app")
            let id = try #require(
                try JSONBody(try await client.send(.post, "/api/schedules", json: #"{"database_id": \#(db), "cron": "*/5 * * * *"}"#))["id"]?.int)
            let paused = try await client.send(.post, "/api/schedules/\(id)/pause")
            #expect(paused.status == .ok)
            #expect(try JSONBody(paused)["enabled"]?.bool == false)
            #expect(try JSONBody(paused)["next_run_at"] == nil)
            let resumed = try await client.send(.post, "/api/schedules/\(id)/resume")
            #expect(resumed.status == .ok)
            #expect(try JSONBody(resumed)["enabled"]?.bool == true)
            let next = try #require(try JSONBody(resumed)["next_run_at"]?.string.flatMap { ISO8601DateFormatter().date(from: $0) })
            #expect(next.timeIntervalSinceNow <= 300)
            // Run now through the schedule: 202 with a queued run tied to the schedule
            let run = try await client.send(.post, "/api/schedules/\(id)/run")
            #expect(run.status == .accepted)
            let runId = try #require(try JSONBody(run)["run_id"]?.int)
            #expect(run.headers[.location] == "/api/backups/\(runId)")
            #expect(try JSONBody(try await client.send(.get, "/api/backups/\(runId)"))["schedule_id"]?.int == id)
        }
        #expect(try await fixture.store.schedules(databaseId: nil).first?.enabled == true)
        let actions = try await fixture.store.events(AuditFilter(), limit: 20, cursor: nil).items.map(\.action)
        #expect(actions.contains("schedule.pause") && actions.contains("schedule.resume") && actions.contains("backup.run"))
    }

    @Test func aNewScheduleWakesTheRunningScheduler() async throws {
        // Given a running scheduler (it rereads the store only every 30 s on its own)
        let fixture = try await APIFixture()
        await fixture.services.scheduler.start()
        do {
            try await fixture.test { client in
                let db = try await client.createDatabase(name: "app")
                // When a schedule is created through the API
                _ = try await client.send(.post, "/api/schedules", json: #"{"database_id": \#(db), "cron": "0 3 * * *"}"#)
                // Then the scheduler knows its next run within moments
                var known: Date?
                for _ in 0..<100 where known == nil {
                    known = await fixture.services.scheduler.status().databases.first { $0.databaseId == Int64(db) }?.nextRunAt
                    if known == nil { try await Task.sleep(for: .milliseconds(20)) }
                }
                #expect(known != nil)
            }
        } catch {
            await fixture.services.scheduler.stop()
            throw error
        }
        await fixture.services.scheduler.stop()
    }

    @Test func previewListsTheNextRuns() async throws {
        let fixture = try await APIFixture()
        try await fixture.test { client in
            let preview = try JSONBody(try await client.send(.get, "/api/schedules/preview?cron=0%202%20*%20*%20*&timezone=Asia/Tokyo"))
            let runs = preview["next_runs"]?.array.compactMap { $0.string.flatMap { ISO8601DateFormatter().date(from: $0) } } ?? []
            #expect(runs.count == 5)
            #expect(runs.allSatisfy { Int($0.timeIntervalSince1970) % 86_400 == 17 * 3600 })
            #expect(preview["description"]?.string?.isEmpty == false)
            let many = try JSONBody(try await client.send(.get, "/api/schedules/preview?cron=@hourly&count=50"))
            #expect(many["next_runs"]?.array.count == 50)
            try expectError(
                try await client.send(.get, "/api/schedules/preview?cron=@hourly&count=51"), status: .unprocessableContent, code: "invalid",
                field: "count")
            try expectError(try await client.send(.get, "/api/schedules/preview"), status: .unprocessableContent, code: "invalid", field: "cron")
            try expectError(
                try await client.send(.get, "/api/schedules/preview?cron=@hourly&timezone=Nowhere"), status: .unprocessableContent,
                code: "invalid", field: "timezone")
        }
    }
}
