//! Display text and URLs from untrusted provider data.

/// The longest display line we keep, in characters; longer titles are cut at a char boundary.
pub const MAX_LINE_CHARS: usize = 512;
/// The longest URL we keep, in bytes.
pub const MAX_URL_BYTES: usize = 2048;

/// Characters that reorder or hide text (bidi overrides and isolates, zero-width marks); a title
/// carrying them can render as something other than what it says.
fn is_invisible_or_bidi(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{061C}')
}

/// One line of display text: control and bidi-override characters dropped, runs of whitespace
/// (including newlines) collapsed to one space, trimmed, at most [`MAX_LINE_CHARS`] characters.
///
/// ```
/// assert_eq!(gigradar_core::text::clean_line("  Foo\u{202E}\n\tBar \u{0007}"), "Foo Bar");
/// ```
pub fn clean_line(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len().min(MAX_LINE_CHARS));
    let mut pending_space = false;
    let mut chars = 0usize;
    for c in raw.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if c.is_control() || is_invisible_or_bidi(c) {
            continue;
        }
        if pending_space {
            if chars + 1 >= MAX_LINE_CHARS {
                break;
            }
            out.push(' ');
            chars += 1;
            pending_space = false;
        }
        if chars >= MAX_LINE_CHARS {
            break;
        }
        out.push(c);
        chars += 1;
    }
    out
}

/// `clean_line`, or `None` when nothing is left.
pub fn clean_opt(raw: Option<&str>) -> Option<String> {
    raw.map(clean_line).filter(|s| !s.is_empty())
}

/// An absolute http(s) URL, or `None`: `javascript:`, `data:`, relative or over-long URLs are dropped.
///
/// ```
/// use gigradar_core::text::clean_url;
/// assert_eq!(clean_url("https://example.com/a b").as_deref(), Some("https://example.com/a%20b"));
/// assert_eq!(clean_url("javascript:alert(1)"), None);
/// ```
pub fn clean_url(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if raw.is_empty() || raw.len() > MAX_URL_BYTES {
        return None;
    }
    let url = url::Url::parse(raw).ok()?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(str::is_empty) {
        return None;
    }
    let s = String::from(url);
    (s.len() <= MAX_URL_BYTES).then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_line_caps_length_on_char_boundary() {
        let long = "é".repeat(MAX_LINE_CHARS + 10);
        let cleaned = clean_line(&long);
        assert_eq!(cleaned.chars().count(), MAX_LINE_CHARS);
    }

    #[test]
    fn clean_line_keeps_non_latin_text() {
        assert_eq!(clean_line("Мумий Тролль"), "Мумий Тролль");
        assert_eq!(clean_line("坂本龍一"), "坂本龍一");
    }

    #[test]
    fn urls_need_a_web_scheme_and_host() {
        assert_eq!(clean_url("data:text/html,x"), None);
        assert_eq!(clean_url("/relative"), None);
        assert_eq!(clean_url("ftp://x.org/a"), None);
        assert_eq!(
            clean_url("HTTPS://Example.com").as_deref(),
            Some("https://example.com/")
        );
    }
}
