//! Word 3-gram shingles, the measure of "shares long word sequences" the generator uses to keep
//! campaign templates apart. Chinese has no spaces, so each Han character counts as a word.

/// Sorted, distinct hashes of the text's word 3-grams (lowercased).
pub(crate) fn shingles(text: &str) -> Vec<u64> {
    let mut words: Vec<u64> = Vec::new();
    let mut current: Option<u64> = None;
    for c in text.chars() {
        if is_han(c) {
            words.extend(current.take());
            words.push(fnv(FNV_OFFSET, c));
        } else if c.is_alphanumeric() {
            let h = c.to_lowercase().fold(current.unwrap_or(FNV_OFFSET), fnv);
            current = Some(h);
        } else {
            words.extend(current.take());
        }
    }
    words.extend(current);
    let mut out: Vec<u64> = words
        .windows(3)
        .map(|w| {
            w.iter()
                .fold(FNV_OFFSET, |h, &x| (h ^ x).wrapping_mul(FNV_PRIME))
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The share of the smaller set that is also in the other (0 when either is empty).
pub(crate) fn containment(a: &[u64], b: &[u64]) -> f64 {
    let smaller = a.len().min(b.len());
    if smaller == 0 {
        return 0.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common as f64 / smaller as f64
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

fn fnv(h: u64, c: char) -> u64 {
    (h ^ u64::from(u32::from(c))).wrapping_mul(FNV_PRIME)
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shingles_ignore_case_and_punctuation() {
        assert_eq!(
            shingles("Keep the IGF open."),
            shingles("keep THE igf, open")
        );
        assert_eq!(shingles("one two").len(), 0);
        assert_eq!(shingles("a b c d").len(), 2);
        // Han characters are words: 4 characters, 2 shingles.
        assert_eq!(shingles("互联网好").len(), 2);
    }

    #[test]
    fn containment_is_shared_share_of_the_smaller() {
        let a = shingles("the forum should receive a permanent mandate");
        let b = shingles("we think the forum should receive a permanent mandate now");
        assert_eq!(containment(&a, &b), 1.0);
        let c = shingles("data should flow freely across borders");
        assert_eq!(containment(&a, &c), 0.0);
        assert_eq!(containment(&a, &[]), 0.0);
    }
}
