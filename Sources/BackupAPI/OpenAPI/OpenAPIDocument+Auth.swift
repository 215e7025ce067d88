extension OpenAPIDocument {
    static var authRoutes: [OpenAPIRoute] {
        let user = OpenAPIRoute.ref("User")
        let session = OpenAPIRoute.json("The user and, for a session, its CSRF token", OpenAPIRoute.ref("Session"))
        return [
            OpenAPIRoute(
                "get", "/api/auth/setup", id: "setupState", tag: "auth", summary: "Whether the first admin must still be created.",
                access: .public,
                responses: [("200", OpenAPIRoute.json("State", object([("setup_required", boolean)], required: ["setup_required"])))]),
            OpenAPIRoute(
                "post", "/api/auth/setup", id: "setup", tag: "auth",
                summary: "Creates the first admin with the one-time setup token the server logged on its first start.",
                access: .public, body: OpenAPIRoute.ref("SetupInput"),
                example: ["setup_token": "Jx3vQm8sT0aB1cD2eF3gH4iJ5kL6mN7oP8qR9sT0uV", "username": "admin", "password": "correct horse battery"],
                responses: [("201", OpenAPIRoute.json("Created", user))]),
            OpenAPIRoute(
                "post", "/api/auth/login", id: "login", tag: "auth",
                summary: "Starts a session: sets the `pgbm_session` cookie (HttpOnly, SameSite=Strict) and returns the CSRF token.",
                access: .public, body: OpenAPIRoute.ref("LoginInput"), example: ["username": "admin", "password": "correct horse battery"],
                responses: [("200", session)]),
            OpenAPIRoute(
                "post", "/api/auth/logout", id: "logout", tag: "auth", summary: "Ends the session and clears the cookie.",
                responses: [("204", OpenAPIRoute.empty("Logged out"))]),
            OpenAPIRoute(
                "get", "/api/auth/me", id: "me", tag: "auth", summary: "The caller (and the session's CSRF token).",
                responses: [("200", session)]),
            OpenAPIRoute(
                "get", "/api/users", id: "listUsers", tag: "users", summary: "Every user (one page).", access: .admin,
                parameters: OpenAPIRoute.paging, responses: [("200", OpenAPIRoute.json("Users", OpenAPIRoute.page("User")))]),
            OpenAPIRoute(
                "post", "/api/users", id: "createUser", tag: "users", summary: "Adds a user (password ≥ 12 characters).",
                access: .admin, body: OpenAPIRoute.ref("UserInput"),
                example: ["username": "alice", "password": "a long passphrase", "role": "viewer"], responses: [("201", OpenAPIRoute.json("Created", user))]),
            OpenAPIRoute(
                "get", "/api/users/{id}", id: "showUser", tag: "users", summary: "One user.", access: .admin,
                responses: [("200", OpenAPIRoute.json("The user", user))]),
            OpenAPIRoute(
                "put", "/api/users/{id}", id: "updateUser", tag: "users",
                summary: "Changes role, disabled state or password; the last enabled admin stays.", access: .admin,
                body: OpenAPIRoute.ref("UserUpdateInput"),
                example: ["role": "viewer", "disabled": false, "password": "another long passphrase"], responses: [("200", OpenAPIRoute.json("Updated", user))]),
            OpenAPIRoute(
                "delete", "/api/users/{id}", id: "deleteUser", tag: "users", summary: "Deletes a user (not the last admin).",
                access: .admin, responses: [("204", OpenAPIRoute.empty("Deleted"))]),
            OpenAPIRoute(
                "get", "/api/tokens", id: "listTokens", tag: "tokens", summary: "The caller's API tokens (`all=true`: everyone's, admins).",
                parameters: OpenAPIRoute.paging + [OpenAPIRoute.query("all", boolean, description: "Every user's tokens (admins only).")],
                responses: [("200", OpenAPIRoute.json("Tokens", OpenAPIRoute.page("Token")))]),
            OpenAPIRoute(
                "post", "/api/tokens", id: "createToken", tag: "tokens",
                summary: "Creates an API token acting with the caller's role; its value is shown only in this answer.",
                body: OpenAPIRoute.ref("TokenInput"), example: ["name": "nightly export", "expires_at": "2030-01-01T00:00:00Z"],
                responses: [("201", OpenAPIRoute.json("Created", OpenAPIRoute.ref("Token")))]),
            OpenAPIRoute(
                "delete", "/api/tokens/{id}", id: "revokeToken", tag: "tokens", summary: "Revokes one of the caller's tokens.",
                responses: [("204", OpenAPIRoute.empty("Revoked"))]),
        ]
    }

    static var authSchemas: [(String, OpenAPIValue)] {
        let password: OpenAPIValue = ["type": "string", "writeOnly": true]
        let role = oneOf(["admin", "viewer"])
        return [
            (
                "User",
                object(
                    [("id", integer), ("username", string), ("role", role), ("disabled", boolean), ("created_at", dateTime)],
                    required: ["id", "username", "role", "disabled", "created_at"])
            ),
            (
                "Session",
                object(
                    [("user", OpenAPIRoute.ref("User")), ("credential", oneOf(["session", "token"])), ("csrf_token", string)],
                    required: ["user", "credential"])
            ),
            (
                "SetupInput",
                object(
                    [("setup_token", string), ("username", string), ("password", password)],
                    required: ["setup_token", "username", "password"])
            ),
            ("LoginInput", object([("username", string), ("password", password)], required: ["username", "password"])),
            (
                "UserInput",
                object([("username", string), ("password", password), ("role", role)], required: ["username", "password", "role"])
            ),
            ("UserUpdateInput", object([("role", role), ("disabled", boolean), ("password", password)])),
            ("TokenInput", object([("name", string), ("expires_at", dateTime)], required: ["name"])),
            (
                "Token",
                object(
                    [
                        ("id", integer), ("user_id", integer), ("name", string), ("created_at", dateTime),
                        ("last_used_at", dateTime), ("expires_at", dateTime),
                        ("token", ["type": "string", "description": "Only in the answer that created it."]),
                    ], required: ["id", "user_id", "name", "created_at"])
            ),
        ]
    }
}
