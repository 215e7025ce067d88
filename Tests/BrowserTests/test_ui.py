"""pgbm's web UI in a real headless Chromium against a real pgbm-server, PostgreSQL 15 and moto S3.

Run by Scripts/test after `swift test` (or alone: see Docs/TESTING.md). Screenshots of every page go to
$PGBM_UI_SCREENSHOTS (default .build/ui-screenshots); Docs/screenshots/ holds a committed set.
"""

import base64
import glob
import os
import secrets
import tempfile
import time
import unittest

from selenium.webdriver.common.keys import Keys
from selenium.common.exceptions import (ElementNotInteractableException, StaleElementReferenceException,
                                        TimeoutException)

from ui_test_support import (EC, REPO, By, Postgres, Select, Server, WebDriverWait, chromium, make_bucket,
                             sha256_of)

SCREENSHOTS = os.environ.get("PGBM_UI_SCREENSHOTS", os.path.join(REPO, ".build", "ui-screenshots"))
ADMIN = ("admin", "admin-password-1")
VIEWER = ("viewer", "viewer-password-1")


class UITestCase(unittest.TestCase):
    """One server, one browser and one PostgreSQL source database for the whole class; tests run in order."""

    @classmethod
    def setUpClass(cls):
        os.makedirs(SCREENSHOTS, exist_ok=True)
        cls.pg = Postgres()
        cls.suffix = secrets.token_hex(3)
        cls.source = f"ui_src_{cls.suffix}"
        cls.pg.psql(f"CREATE DATABASE {cls.source}")
        cls.pg.psql("CREATE TABLE item (id int PRIMARY KEY, name text); "
                    "INSERT INTO item SELECT g, 'item ' || g FROM generate_series(1, 500) g", database=cls.source)
        cls.role = f"ui_role_{cls.suffix}"
        cls.pg.psql(f"CREATE ROLE {cls.role} LOGIN PASSWORD 'right-password'")
        cls.bucket = make_bucket()
        cls.server = Server()
        cls.downloads = tempfile.mkdtemp(prefix="pgbm-ui-downloads-")
        cls.driver = chromium(cls.downloads)
        cls.wait = WebDriverWait(cls.driver, 30, ignored_exceptions=[StaleElementReferenceException])

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        cls.server.stop()
        for db in (cls.source, f"ui_restored_{cls.suffix}", f"ui_from_s3_{cls.suffix}", f"ui_from_upload_{cls.suffix}"):
            cls.pg.psql(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
        cls.pg.psql(f"DROP ROLE IF EXISTS {cls.role}")

    # ---------------------------------------------------------------------------------------- helpers
    def visit(self, path):
        self.driver.get(f"{self.server.base_url}/#{path}")
        self.wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "main h1"))

    def el(self, css):
        return self.wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, css)))

    def fill(self, form, name, value):
        """Sets a field; pages re-render after saves, so a field replaced meanwhile is looked up again."""
        for attempt in range(3):
            try:
                return self._fill(form, name, value)
            except (StaleElementReferenceException, ElementNotInteractableException):
                if attempt == 2:
                    raise
                time.sleep(0.5)

    def _fill(self, form, name, value):
        field = self.el(f'{form} [name="{name}"]')
        if field.tag_name == "select":
            Select(field).select_by_value(str(value))
        elif field.get_attribute("type") == "checkbox":
            if field.is_selected() != bool(value):
                field.click()
        else:
            field.clear()
            field.send_keys(str(value))

    def submit(self, form):
        self.el(f'{form} button[type="submit"]').click()

    def click(self, text, within="main"):
        xpath = f'//{within}//*[self::button or self::a][normalize-space(.)="{text}"]'
        self.wait.until(EC.element_to_be_clickable((By.XPATH, xpath))).click()

    def accept_confirm(self):
        self.wait.until(EC.alert_is_present()).accept()

    def wait_text(self, css, text, timeout=30):
        try:
            WebDriverWait(self.driver, timeout, ignored_exceptions=[StaleElementReferenceException]).until(
                lambda d: any(text in e.text for e in d.find_elements(By.CSS_SELECTOR, css)))
        except TimeoutException:
            self.shot(f"failed-{self._testMethodName}")
            main = self.driver.find_element(By.CSS_SELECTOR, "main").text
            self.fail(f"{text!r} never appeared in {css}; the page says:\n{main}")

    def shot(self, name):
        """The whole page at the window's width (1280 px, or the phone's), as a PNG under SCREENSHOTS."""
        time.sleep(0.2)  # let the last paint settle
        d = self.driver
        width = d.execute_script("return window.innerWidth")
        height = d.execute_script("return Math.max(document.documentElement.scrollHeight, window.innerHeight)")
        d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                          {"width": width, "height": min(height, 4000), "deviceScaleFactor": 1, "mobile": False})
        try:
            png = d.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
        finally:
            d.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        with open(os.path.join(SCREENSHOTS, f"{name}.png"), "wb") as f:
            f.write(base64.b64decode(png["data"]))

    def login(self, username, password):
        """Logs in with the keyboard only: the username field has the focus, Tab, Enter."""
        self.driver.get(f"{self.server.base_url}/#/login")
        self.el("#login-form")
        self.wait.until(lambda d: d.switch_to.active_element.get_attribute("name") == "username")
        self.driver.switch_to.active_element.send_keys(username, Keys.TAB)
        self.driver.switch_to.active_element.send_keys(password, Keys.ENTER)
        self.wait_text("#current-user", username)

    def logout(self):
        self.el("#logout").click()
        self.el("#login-form")

    def assert_no_console_errors(self):
        errors = [e for e in self.driver.get_log("browser") if e["level"] == "SEVERE"
                  and "401" not in e["message"] and "422" not in e["message"]]
        self.assertEqual(errors, [], "errors in the browser console")


class FirstSessionTests(UITestCase):
    def test_1_first_session(self):
        d = self.driver
        # Setup: the first visit shows the setup page; the token comes from the server's log
        d.get(self.server.base_url + "/")
        self.el("#setup-form")
        self.fill("#setup-form", "setup_token", self.server.setup_token())
        self.fill("#setup-form", "username", ADMIN[0])
        self.fill("#setup-form", "password", ADMIN[1])
        self.shot("01-setup")
        self.submit("#setup-form")
        self.wait_text("#current-user", "admin (admin)")

        # Log out and in again
        self.logout()
        self.shot("02-login")
        self.login(*ADMIN)
        self.wait_text("main h1", "Dashboard")

        # Add a database and test its connection: version and size
        self.visit("/databases")
        self.el("#add-database").click()
        form = "#database-form"
        for name, value in [("name", "Shop"), ("host", self.pg.host), ("port", self.pg.port),
                            ("database", self.source), ("user", self.pg.user)]:
            self.fill(form, name, value)
        self.fill(form, "ssl_mode", "disable")
        self.submit(form)
        self.el("#test-connection").click()
        self.wait_text("#test-result", "Connected: PostgreSQL 15")
        self.shot("04-database-test")

        # S3: save the settings, then the test button
        self.visit("/settings")
        s3 = "#section-s3"
        self.fill(s3, "s3.enabled", True)
        self.fill(s3, "s3.bucket", self.bucket)
        self.fill(s3, "s3.region", os.environ["PGBM_TEST_REGION"])
        self.fill(s3, "s3.endpoint", os.environ["PGBM_TEST_S3_ENDPOINT"])
        self.fill(s3, "s3.path_style", True)
        self.fill(s3, "s3.access_key_id", os.environ["PGBM_TEST_S3_ACCESS_KEY"])
        self.fill(s3, "s3.secret_key", os.environ["PGBM_TEST_S3_SECRET_KEY"])
        self.submit(s3)
        self.wait_text(f"{s3} .section-result", "Saved.")
        secret = self.el(f'{s3} [name="s3.secret_key"]')
        self.assertEqual(secret.get_attribute("value"), "")
        self.assertIn("•••• set", secret.get_attribute("placeholder"))
        self.assertNotIn(os.environ["PGBM_TEST_S3_SECRET_KEY"], d.page_source)
        self.el("#s3-test").click()
        self.wait_text(f"{s3} .section-result .notice.ok", self.bucket)

        # Encryption: generate a key, shown once until "I saved it"
        self.el("#generate-key").click()
        self.accept_confirm()
        passphrase = self.el("#generated-passphrase").text
        self.assertEqual(len(passphrase), 43)
        d.execute_script("document.getElementById('section-encryption').scrollIntoView()")
        self.shot("05-settings-key-generated")
        self.el("#key-saved").click()
        self.wait.until(EC.invisibility_of_element_located((By.ID, "generated-passphrase")))
        self.wait_text("#section-encryption .badge.ok", "on")
        self.assertNotIn(passphrase, d.page_source)
        d.execute_script("window.scrollTo(0, 0)")
        self.shot("06-settings")

        # A schedule from a preset, with the live preview of the next 5 runs
        self.visit("/schedules/new")
        form = "#schedule-form"
        self.fill(form, "preset", "weekly")
        self.fill(form, "weekday", "3")
        self.wait.until(lambda _: self.el(f'{form} [name="cron"]').get_attribute("value") == "0 2 * * 3")
        self.wait.until(lambda _: len(d.find_elements(By.CSS_SELECTOR, "#cron-preview li")) == 5)
        self.shot("07-schedule-new")
        self.submit(form)
        self.wait_text("#schedules", "0 2 * * 3")
        self.shot("08-schedules")

        # Back up now and watch it succeed
        self.click("Run now")
        self.wait_text("main h1", "Backup #")
        self.wait.until(lambda _: self.el("#run-state").get_attribute("data-state") in ("succeeded", "failed"))
        self.wait.until(lambda _: d.find_elements(By.CSS_SELECTOR, "#files tr[data-file]"))
        self.assertEqual(self.el("#run-state").get_attribute("data-state"), "succeeded",
                         d.find_element(By.CSS_SELECTOR, "main").text)
        self.shot("09-backup-succeeded")

        # Download the file: the same bytes as recorded
        row = self.el("#files tr[data-file]")
        name = row.get_attribute("data-file")
        expected_sha = row.find_element(By.CSS_SELECTOR, "span.sha256").get_attribute("title")
        row.find_element(By.XPATH, './/a[normalize-space(.)="Download"]').click()
        path = os.path.join(self.downloads, name)
        WebDriverWait(d, 30).until(lambda _: os.path.exists(path) and not glob.glob(path + ".crdownload"))
        self.assertEqual(sha256_of(path), expected_sha)
        self.assertTrue(name.endswith(".enc"), name)

        self.visit("/backups")
        self.wait_text("#backups", "succeeded")
        self.shot("10-backups")

        # Restore the backup into a new database over a new connection, and watch the job succeed
        self.visit("/restore")
        form = "#restore-form"
        self.fill(form, "source", "local")
        self.fill(form, "target_kind", "connection")
        self.fill(form, "target.connection.host", self.pg.host)
        self.fill(form, "target.connection.port", self.pg.port)
        self.fill(form, "target.connection.user", self.pg.user)
        self.fill(form, "target.connection.ssl_mode", "disable")
        restored = f"ui_restored_{self.suffix}"
        self.fill(form, "database", restored)
        self.fill(form, "create", True)
        self.shot("11-restore")
        self.el("#start-restore").click()
        self.wait_text("main h1", "Restore job #")
        self.wait.until(lambda _: self.el("#job-state").get_attribute("data-state") in ("succeeded", "failed", "cancelled"))
        self.assertEqual(self.el("#job-state").get_attribute("data-state"), "succeeded",
                         d.find_element(By.CSS_SELECTOR, "main").text)
        self.wait_text("main", "The restore finished successfully.")
        self.shot("12-restore-job")
        self.assertEqual(self.pg.psql("SELECT count(*) FROM item", database=restored), "500")

        # The dashboard shows the success; the audit log has the session's story
        self.visit("/")
        self.wait_text("#dashboard-databases", "succeeded")
        self.shot("03-dashboard")
        self.visit("/audit")
        for action in ("auth.setup", "auth.login", "settings.update", "encryption.passphrase.generate",
                       "schedule.create", "backup.run", "restore.start"):
            self.wait_text("#audit", action)
        self.shot("13-audit")
        self.assert_no_console_errors()

    def test_2_error_paths(self):
        d = self.driver
        self.login(*ADMIN) if not d.find_elements(By.ID, "current-user") else None
        # A wrong database password shows the server's error
        self.visit("/databases/new")
        form = "#database-form"
        for name, value in [("name", "Wrong password"), ("host", self.pg.host), ("port", self.pg.port),
                            ("database", self.source), ("user", self.role), ("password", "wrong-password")]:
            self.fill(form, name, value)
        self.fill(form, "ssl_mode", "disable")
        self.submit(form)
        self.el("#test-connection").click()
        self.wait_text("#test-result .notice.bad", "password_rejected")
        self.wait_text("#test-result", f'rejected the password of user "{self.role}"')
        self.shot("14-database-wrong-password")

        # A field error from the API appears next to its field
        self.visit("/databases/new")
        self.fill(form, "name", "Shop")
        for name, value in [("host", "h"), ("database", "d"), ("user", "u")]:
            self.fill(form, name, value)
        self.submit(form)
        self.assertTrue(self.el('#database-form [data-error-for="name"]').text)  # visible once it has text

        # An invalid cron expression shows the field's error and no preview
        self.visit("/schedules/new")
        self.fill("#schedule-form", "cron", "61 * * * *")
        self.wait_text('#schedule-form [data-error-for="cron"]', "cron")
        self.assertEqual(d.find_elements(By.CSS_SELECTOR, "#cron-preview li"), [])
        self.assertEqual(self.el('#schedule-form [name="cron"]').get_attribute("aria-invalid"), "true")
        self.shot("15-schedule-invalid-cron")

    def test_3_viewer_sees_no_edit_buttons(self):
        d = self.driver
        if not d.find_elements(By.ID, "current-user"):
            self.login(*ADMIN)
        self.visit("/users")
        self.fill("#user-form", "username", VIEWER[0])
        self.fill("#user-form", "password", VIEWER[1])
        self.fill("#user-form", "role", "viewer")
        self.submit("#user-form")
        self.wait_text("#users", VIEWER[0])
        # the page is drawn again with an empty form once the user exists
        self.wait.until(lambda _: self.el('#user-form [name="username"]').get_attribute("value") == "")
        # An API token is shown once, then only listed
        self.fill("#token-form", "name", "prometheus")
        self.submit("#token-form")
        token = self.el("#new-token").text
        self.assertTrue(token.startswith("pgbm_"), token)
        self.el("#token-saved").click()
        self.wait_text("#tokens", "prometheus")
        self.assertNotIn(token, self.driver.page_source)
        self.shot("16-users")
        self.logout()
        self.login(*VIEWER)
        nav = self.el("#nav").text
        self.assertIn("Databases", nav)
        self.visit("/databases")
        self.wait_text("#databases", "Shop")
        self.assertEqual(d.find_elements(By.ID, "add-database"), [])
        main = self.el("main").text
        for word in ("Edit", "Delete", "Back up now"):
            self.assertNotIn(word, main)
        self.shot("17-viewer-databases")
        self.visit("/schedules")
        self.wait_text("#schedules", "0 2 * * 3")
        for word in ("Run now", "Pause", "Edit", "Delete", "New schedule"):
            self.assertNotIn(word, self.el("main").text)
        self.visit("/settings")
        self.assertEqual(d.find_elements(By.CSS_SELECTOR, 'main button[type="submit"]'), [])
        self.assertEqual(d.find_elements(By.ID, "generate-key"), [])
        self.visit("/restore")
        self.assertEqual(d.find_elements(By.ID, "start-restore"), [])

    def test_4_phone_width_and_dark(self):
        d = self.driver
        d.set_window_size(390, 844)
        try:
            self.visit("/")
            self.wait_text("#dashboard-databases", "Shop")
            width = d.execute_script("return document.documentElement.scrollWidth")
            self.assertLessEqual(width, 390 + 1, "the page scrolls sideways at phone width")
            self.shot("18-phone-dashboard")
        finally:
            d.set_window_size(1280, 800)
        d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
        try:
            self.visit("/backups")
            self.wait_text("#backups", "succeeded")
            background = d.execute_script("return getComputedStyle(document.body).backgroundColor")
            self.assertEqual(background, "rgb(18, 21, 26)")
            self.shot("19-dark-backups")
        finally:
            d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})

    def test_5_restore_from_s3_and_from_an_upload(self):
        d = self.driver
        if "admin" not in d.find_element(By.ID, "who").text:
            self.logout()
            self.login(*ADMIN)
        form = "#restore-form"
        downloaded = glob.glob(os.path.join(self.downloads, "shop_*.dump.zst.enc"))
        self.assertEqual(len(downloaded), 1)
        for source, database in (("s3", f"ui_from_s3_{self.suffix}"), ("upload", f"ui_from_upload_{self.suffix}")):
            self.visit("/restore")
            self.fill(form, "source", source)
            if source == "s3":
                self.assertIn("shop_", Select(self.el(f'{form} [name="key"]')).first_selected_option.text)
            else:
                self.el("#upload-file").send_keys(downloaded[0])
            self.fill(form, "target_kind", "database")
            self.fill(form, "database", database)
            self.fill(form, "create", True)
            self.fill(form, "count_rows", True)
            self.el("#start-restore").click()
            self.wait_text("main h1", "Restore job #")
            self.wait.until(lambda _: self.el("#job-state").get_attribute("data-state") in ("succeeded", "failed"))
            self.assertEqual(self.el("#job-state").get_attribute("data-state"), "succeeded",
                             d.find_element(By.CSS_SELECTOR, "main").text)
            self.assertIn("item: 500", self.el("main").text)
            self.assertEqual(self.pg.psql("SELECT count(*) FROM item", database=database), "500")
        self.visit("/restore")
        self.wait_text("#restore-jobs", "upload shop_")
        self.wait_text("#restore-jobs", "S3 ")
        self.shot("20-restore-jobs")

    def test_6_settings_extras_and_audit_filters(self):
        # Retention preview: the one backup is kept (local and S3), nothing deleted
        self.visit("/settings")
        self.click("Preview what would be deleted")
        self.wait_text("#section-retention .section-result", "Keeps 2, deletes 0")
        # An alert test with email off says so
        self.click("Send test email")
        self.wait_text("#section-notifications .section-result .notice.bad", "not_configured")
        # An invalid value is shown under its dotted field
        self.fill("#section-general", "general.concurrency", 0)
        self.submit("#section-general")
        self.assertIn("concurrency", self.el('#section-general [data-error-for="general.concurrency"]').text)
        # Audit filters narrow the list
        self.visit("/audit")
        self.fill("#audit-filters", "action", "restore.start")
        self.submit("#audit-filters")
        self.wait.until(lambda d: "action=restore.start" in d.current_url)
        self.wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#audit tr[data-action]")) == 3)
        actions = {e.get_attribute("data-action") for e in self.driver.find_elements(By.CSS_SELECTOR, "#audit tr[data-action]")}
        self.assertEqual(actions, {"restore.start"})
        self.shot("21-audit-filtered")


if __name__ == "__main__":
    unittest.main(verbosity=2)
