/// URL-safe slugs: lowercase ASCII letters, digits and single hyphens.
public enum Slug {
    /// `"Billing DB (EU)"` → `"billing-db-eu"`; non-ASCII letters are dropped.
    public static func make(from name: String) -> String {
        var slug = ""
        for scalar in name.lowercased().unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return String(slug.prefix(63))
    }
}
