import BackupCron
import Testing

struct CronDescriptionTests {
    @Test(arguments: [
        ("* * * * *", "Every minute"),
        ("*/15 * * * *", "Every 15 minutes"),
        ("*/15 9-17 * * MON-FRI", "Every 15 minutes from 09:00 to 17:45 on Monday through Friday"),
        ("0 * * * *", "Every hour"),
        ("@hourly", "Every hour"),
        ("30 * * * *", "Every hour at minute 30"),
        ("0 */6 * * *", "Every 6 hours"),
        ("0 9-17 * * 1-5", "Every hour from 09:00 to 17:00 on Monday through Friday"),
        ("30 2 * * *", "At 02:30 every day"),
        ("@daily", "At 00:00 every day"),
        ("0 2,14 * * *", "At 02:00 and 14:00 every day"),
        ("30 2 * * 1", "At 02:30 on Monday"),
        ("30 2 * * MON", "At 02:30 on Monday"),
        ("0 22 * * 0,6", "At 22:00 on Saturday and Sunday"),
        ("0 22 * * 6,7", "At 22:00 on Saturday and Sunday"),
        ("0 0 * * 1,3,5", "At 00:00 on Monday, Wednesday and Friday"),
        ("@weekly", "At 00:00 on Sunday"),
        ("0 0 1 * *", "At 00:00 on day 1 of the month"),
        ("@monthly", "At 00:00 on day 1 of the month"),
        ("0 0 1,15 * *", "At 00:00 on days 1 and 15 of the month"),
        ("@yearly", "At 00:00 on January 1"),
        ("0 0 29 2 *", "At 00:00 on February 29"),
        ("0 0 1 * 1", "At 00:00 on day 1 of the month or on Monday"),
        ("0 4 * 1-3 *", "At 04:00 every day in January through March"),
        ("0 4 1 1,7 *", "At 04:00 on day 1 of the month in January and July"),
        ("0 0 * * 0-6", "At 00:00 every day"),
    ])
    func describesCommonShapes(text: String, expected: String) throws {
        #expect(try CronExpression(parsing: text).humanDescription == expected)
    }

    @Test(arguments: [
        "*/7 * * * *", "5/10 1-20/3 */3 JAN-MAR,9 MON-FRI", "0 0 */2 * *", "1,2,3 4,5 * * *", "0 */5 * * *",
    ])
    func fallsBackToTheExpression(text: String) throws {
        // Irregular steps (*/7 leaves a 4-minute gap at the hour) and busy fields are shown as written
        #expect(try CronExpression(parsing: text).humanDescription == text)
    }
}
