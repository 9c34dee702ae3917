//! Stable event ids.
//!
//! An event's id is derived from a source key (provider + provider id) only, so parsing the same
//! listing twice, on any machine, in any host language, gives the same id. A merged event takes
//! the id of its smallest source key (see dedup).

/// 128-bit FNV-1a: tiny, portable, and stable across releases (unlike `std`'s hashers).
fn fnv1a_128(bytes: &[u8]) -> u128 {
    const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
    const PRIME: u128 = 0x0000000001000000000000000000013B;
    let mut hash = OFFSET;
    for &b in bytes {
        hash ^= u128::from(b);
        hash = hash.wrapping_mul(PRIME);
    }
    hash
}

/// The key that orders and identifies a provider listing: `"provider:id"`.
pub fn source_key(provider: &str, provider_id: &str) -> String {
    format!("{provider}:{provider_id}")
}

/// The event id for a listing: `"ev_"` and 24 hex digits (96 bits) of the source key's hash.
///
/// ```
/// let a = gigradar_core::id::event_id("ticketmaster", "G5dIZ4UBQcKoG");
/// assert_eq!(a, gigradar_core::id::event_id("ticketmaster", "G5dIZ4UBQcKoG"));
/// assert!(a.starts_with("ev_") && a.len() == 27);
/// ```
pub fn event_id(provider: &str, provider_id: &str) -> String {
    let mut key = Vec::with_capacity(provider.len() + provider_id.len() + 1);
    key.extend_from_slice(provider.as_bytes());
    key.push(0);
    key.extend_from_slice(provider_id.as_bytes());
    // "ev_" and the hash's top 96 bits as 24 hex digits: dedup makes one per merged event, so
    // the digits are written directly rather than through the formatting machinery.
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let h = fnv1a_128(&key) >> 32;
    let mut id = *b"ev_000000000000000000000000";
    for (k, out) in id[3..].iter_mut().enumerate() {
        *out = HEX[((h >> (4 * (23 - k))) & 0xf) as usize];
    }
    String::from_utf8(id.to_vec()).expect("ASCII")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_differ_by_provider_and_id() {
        assert_ne!(event_id("ticketmaster", "1"), event_id("eventbrite", "1"));
        assert_ne!(event_id("ticketmaster", "1"), event_id("ticketmaster", "2"));
        // The separator keeps "a"+"b:c" apart from "a:b"+"c".
        assert_ne!(event_id("a", "b:c"), event_id("a:b", "c"));
    }

    #[test]
    fn id_is_the_hash_in_hex() {
        for (p, i) in [("ticketmaster", "G5dIZ4UBQcKoG"), ("a", ""), ("", "b:c")] {
            let mut key = p.as_bytes().to_vec();
            key.push(0);
            key.extend_from_slice(i.as_bytes());
            assert_eq!(event_id(p, i), format!("ev_{:024x}", fnv1a_128(&key) >> 32));
        }
    }

    #[test]
    fn id_is_pinned() {
        // Ids are stored by hosts; changing this function breaks their saved events.
        assert_eq!(
            event_id("ticketmaster", "G5dIZ4UBQcKoG"),
            event_id("ticketmaster", "G5dIZ4UBQcKoG")
        );
        assert_eq!(fnv1a_128(b""), 0x6c62272e07bb014262b821756295c58d);
        assert_eq!(fnv1a_128(b"a"), 0xd228cb696f1a8caf78912b704e4a8964);
    }
}
