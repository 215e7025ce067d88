// Tests for BackupAPI arrive with the issue that builds the module; the target exists so the layout
// (one test target per library target) is in place.
