//! Bytes to text. Transcripts arrive as UTF-8 (with or without a byte-order mark), as UTF-16
//! from Windows tools (with a mark, or without one but with the NUL in every other byte that
//! mostly-ASCII text shows in UTF-16), or damaged. Decoding never fails: what is not text
//! becomes U+FFFD, and one warning names the line and byte offset of the first bad sequence and
//! how many there were.

use std::borrow::Cow;

/// The text of `bytes` (without a byte-order mark) and what decoding had to repair.
pub fn decode(bytes: &[u8]) -> (Cow<'_, str>, Vec<String>) {
    if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        return utf8(rest, 3);
    }
    let (body, offset, endian) = if let Some(rest) = bytes.strip_prefix(b"\xff\xfe") {
        (rest, 2, Endian::Little)
    } else if let Some(rest) = bytes.strip_prefix(b"\xfe\xff") {
        (rest, 2, Endian::Big)
    } else if let Some(endian) = nul_pattern(bytes) {
        (bytes, 0, endian)
    } else {
        return utf8(bytes, 0);
    };
    let (text, warnings) = utf16(body, offset, endian);
    (Cow::Owned(text), warnings)
}

#[derive(Clone, Copy)]
enum Endian {
    Little,
    Big,
}

/// UTF-16 without a mark: in the first 4 KB, NULs fill at least a third of one byte position
/// and almost none of the other, which UTF-8 text never does.
fn nul_pattern(bytes: &[u8]) -> Option<Endian> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let (mut even, mut odd) = (0, 0);
    for pair in sample.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    if odd * 3 >= pairs && even * 10 <= odd {
        Some(Endian::Little)
    } else if even * 3 >= pairs && odd * 10 <= even {
        Some(Endian::Big)
    } else {
        None
    }
}

/// Counts lines as the parsers do (`\n`, `\r\n` and a lone `\r` each end one).
#[derive(Default)]
struct LineCounter {
    breaks: usize,
    after_cr: bool,
}

impl LineCounter {
    fn feed(&mut self, text: &str) {
        for b in text.bytes() {
            match b {
                b'\n' if self.after_cr => {}
                b'\n' | b'\r' => self.breaks += 1,
                _ => {}
            }
            self.after_cr = b == b'\r';
        }
    }

    fn line(&self) -> usize {
        self.breaks + 1
    }
}

/// The first bad sequence and how many.
#[derive(Default)]
struct Damage {
    first: Option<(usize, usize)>,
    count: usize,
}

impl Damage {
    fn note(&mut self, line: usize, byte: usize) {
        self.first.get_or_insert((line, byte));
        self.count += 1;
    }

    fn warnings(self, what: &str) -> Vec<String> {
        let Some((line, byte)) = self.first else {
            return Vec::new();
        };
        let more = match self.count {
            1 => String::new(),
            n => format!(" (and {} more)", n - 1),
        };
        vec![format!(
            "line {line}: {what} at byte {byte}{more}, replaced by U+FFFD"
        )]
    }
}

fn utf8(bytes: &[u8], offset: usize) -> (Cow<'_, str>, Vec<String>) {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (Cow::Borrowed(text), Vec::new());
    }
    let mut text = String::with_capacity(bytes.len() + 16);
    let mut lines = LineCounter::default();
    let mut damage = Damage::default();
    let mut at = offset;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        lines.feed(chunk.valid());
        at += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            damage.note(lines.line(), at);
            text.push('\u{fffd}');
            at += chunk.invalid().len();
        }
    }
    (Cow::Owned(text), damage.warnings("invalid UTF-8"))
}

fn utf16(bytes: &[u8], offset: usize, endian: Endian) -> (String, Vec<String>) {
    let units = bytes.chunks_exact(2).map(|pair| match endian {
        Endian::Little => u16::from_le_bytes([pair[0], pair[1]]),
        Endian::Big => u16::from_be_bytes([pair[0], pair[1]]),
    });
    let mut text = String::with_capacity(bytes.len());
    let mut lines = LineCounter::default();
    let mut damage = Damage::default();
    let mut at = offset;
    let mut buffer = [0u8; 4];
    for unit in char::decode_utf16(units) {
        match unit {
            Ok(c) => {
                let s = c.encode_utf8(&mut buffer);
                lines.feed(s);
                text.push_str(s);
                at += c.len_utf16() * 2;
            }
            Err(_) => {
                damage.note(lines.line(), at);
                text.push('\u{fffd}');
                at += 2;
            }
        }
    }
    if bytes.len() % 2 == 1 {
        damage.note(lines.line(), at);
        text.push('\u{fffd}');
    }
    (text, damage.warnings("invalid UTF-16"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(text: &str, bom: bool) -> Vec<u8> {
        let mut out = if bom { vec![0xff, 0xfe] } else { Vec::new() };
        out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        out
    }

    #[test]
    fn utf8_with_and_without_a_mark_is_borrowed() {
        let (text, warnings) = decode("\u{feff}PETER: é".as_bytes());
        assert_eq!(text, "PETER: é");
        assert!(matches!(text, Cow::Borrowed(_)) && warnings.is_empty());
        assert_eq!(decode(b"plain").0, "plain");
    }

    #[test]
    fn utf16_both_orders_with_a_mark_and_little_endian_without() {
        let text = "PETER MAJOR:\r\nMerci, 唐鳳.";
        assert_eq!(decode(&utf16le(text, true)).0, text);
        assert_eq!(decode(&utf16le(text, false)).0, text);
        let mut be = vec![0xfe, 0xff];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(&be).0, text);
        let mut be_bare: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&be_bare).0, text);
        be_bare.push(b'!');
        let (_, warnings) = decode(&be_bare);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0].starts_with("line 2: invalid UTF-16 at byte "),
            "{warnings:?}"
        );
    }

    #[test]
    fn invalid_utf8_names_the_line_and_byte_of_the_first_sequence() {
        let (text, warnings) = decode(b"one\r\ntwo\rthree \xff\xfe and \xc3 end");
        assert_eq!(text, "one\r\ntwo\rthree \u{fffd}\u{fffd} and \u{fffd} end");
        assert_eq!(
            warnings,
            ["line 3: invalid UTF-8 at byte 15 (and 2 more), replaced by U+FFFD"]
        );
        let (_, warnings) = decode(b"\xef\xbb\xbfab\n\xff");
        assert_eq!(
            warnings,
            ["line 2: invalid UTF-8 at byte 6, replaced by U+FFFD"]
        );
    }

    #[test]
    fn a_lone_surrogate_is_replaced() {
        let (text, warnings) = decode(&[0xff, 0xfe, 0x00, 0xd8]);
        assert_eq!(text, "\u{fffd}");
        assert_eq!(
            warnings,
            ["line 1: invalid UTF-16 at byte 2, replaced by U+FFFD"]
        );
    }
}
