//! Country names to ISO 3166-1 alpha-2 codes.

/// The alpha-2 code of a country given by code (alpha-2) or English name, case-insensitively.
pub fn code(name_or_code: &str) -> Option<String> {
    let s = name_or_code.trim();
    if s.len() == 2 && s.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Some(s.to_ascii_uppercase());
    }
    let lower = s.to_lowercase();
    let code = match lower.as_str() {
        "united states" | "united states of america" | "usa" => "US",
        "united kingdom" | "great britain" | "uk" => "GB",
        "canada" => "CA",
        "australia" => "AU",
        "czech republic" | "czechia" => "CZ",
        "germany" => "DE",
        "france" => "FR",
        "switzerland" => "CH",
        _ => return None,
    };
    Some(code.to_owned())
}
