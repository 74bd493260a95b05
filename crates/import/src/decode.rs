//! Turning a file's bytes into text. Survey tools and spreadsheet programs write UTF-8 (with or
//! without a byte-order mark), UTF-16 with a mark (Excel's "Unicode text"), or a legacy
//! code page (Latin-1/Windows-1252). Marks are honoured; without one the text must be valid
//! UTF-8 unless the caller names the encoding — a guess could silently garble names.

use crate::ImportError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8, or whatever a byte-order mark says.
    Auto,
    /// ISO-8859-1 as browsers read it (Windows-1252).
    Latin1,
    /// UTF-16, little-endian (what Windows writes), for files that lost their byte-order mark.
    Utf16Le,
}

impl Encoding {
    pub fn from_name(name: &str) -> Option<Encoding> {
        match name.to_ascii_lowercase().as_str() {
            "auto" | "utf-8" | "utf8" => Some(Encoding::Auto),
            "latin1" | "latin-1" | "iso-8859-1" | "windows-1252" | "cp1252" => {
                Some(Encoding::Latin1)
            }
            "utf-16" | "utf16" | "utf-16le" | "utf16le" => Some(Encoding::Utf16Le),
            _ => None,
        }
    }

    /// The name [`Encoding::from_name`] reads back, for keeping the choice (a staged upload).
    pub fn code(self) -> &'static str {
        match self {
            Encoding::Auto => "auto",
            Encoding::Latin1 => "latin1",
            Encoding::Utf16Le => "utf-16le",
        }
    }
}

pub fn decode(bytes: &[u8], encoding: Encoding) -> Result<String, ImportError> {
    if let Some((found, bom_length)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = found.decode_without_bom_handling(&bytes[bom_length..]);
        if had_errors {
            return Err(first_bad(bytes, found.name()));
        }
        return Ok(text.into_owned());
    }
    match encoding {
        Encoding::Latin1 => Ok(encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(bytes)
            .0
            .into_owned()),
        Encoding::Utf16Le => {
            let (text, had_errors) = encoding_rs::UTF_16LE.decode_without_bom_handling(bytes);
            if had_errors {
                return Err(first_bad(bytes, encoding_rs::UTF_16LE.name()));
            }
            Ok(text.into_owned())
        }
        Encoding::Auto => String::from_utf8(bytes.to_vec()).map_err(|e| {
            let byte = e.utf8_error().valid_up_to();
            ImportError::Encoding {
                encoding: "UTF-8",
                line: line_of(bytes, byte),
                byte,
            }
        }),
    }
}

fn first_bad(bytes: &[u8], name: &'static str) -> ImportError {
    ImportError::Encoding {
        encoding: name,
        line: 1,
        byte: bytes.len(),
    }
}

fn line_of(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset].iter().filter(|b| **b == b'\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_order_marks_are_honoured() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFname\n", Encoding::Auto).unwrap(),
            "name\n"
        );
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Genève".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16, Encoding::Auto).unwrap(), "Genève");
    }

    #[test]
    fn latin1_is_refused_unless_named() {
        let latin1 = b"name\nGen\xe8ve\n";
        match decode(latin1, Encoding::Auto) {
            Err(ImportError::Encoding { line, byte, .. }) => assert_eq!((line, byte), (2, 8)),
            other => panic!("{other:?}"),
        }
        assert_eq!(decode(latin1, Encoding::Latin1).unwrap(), "name\nGenève\n");
    }

    #[test]
    fn utf16_without_a_mark_when_named() {
        let bare: Vec<u8> = "Genève".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert!(decode(&bare, Encoding::Auto).is_err());
        assert_eq!(decode(&bare, Encoding::Utf16Le).unwrap(), "Genève");
        assert!(
            decode(&bare[1..], Encoding::Utf16Le).is_err(),
            "an odd byte count"
        );
        for encoding in [Encoding::Auto, Encoding::Latin1, Encoding::Utf16Le] {
            assert_eq!(Encoding::from_name(encoding.code()), Some(encoding));
        }
    }
}
