//! The id a coder sees for a hit: opaque (it names neither the outlet nor
//! the frame, so the sample stays blind) and stable across runs and seeds.

/// `h` and the 16 hex digits of [`hit_hash`].
pub fn hit_id(doc_id: &str, span: core_text::Span, frame_id: &str) -> String {
    format!("h{:016x}", hit_hash(doc_id, span, frame_id))
}

/// An FNV-1a hash of the article id, the hit's byte span and the frame id.
pub fn hit_hash(doc_id: &str, span: core_text::Span, frame_id: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for &byte in bytes {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
        // A separator no UTF-8 text contains, so fields cannot run together.
        hash ^= 0xff;
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    };
    eat(doc_id.as_bytes());
    eat(&(span.start as u64).to_le_bytes());
    eat(&(span.end as u64).to_le_bytes());
    eat(frame_id.as_bytes());
    hash
}

#[cfg(test)]
mod tests {
    use super::*;
    use core_text::Span;

    #[test]
    fn ids_differ_by_article_span_and_frame() {
        let id = hit_id("000", Span::new(10, 20), "threat");
        assert_eq!(id.len(), 17);
        assert_eq!(id, hit_id("000", Span::new(10, 20), "threat"));
        assert_ne!(id, hit_id("001", Span::new(10, 20), "threat"));
        assert_ne!(id, hit_id("000", Span::new(10, 21), "threat"));
        assert_ne!(id, hit_id("000", Span::new(10, 20), "force"));
        assert_ne!(
            hit_id("ab", Span::new(1, 2), "c"),
            hit_id("a", Span::new(1, 2), "bc")
        );
    }
}
