//! Source text that round-trips byte for byte.
//!
//! Every file is read once as raw bytes and turned into a `String` — the *text* — that the parser,
//! the passes and the edits all work in. Writing goes the other way: [`Document::to_disk`] turns
//! the edited text back into bytes in the file's own encoding, so every byte outside an edit is
//! exactly what was read.
//!
//! | encoding on disk          | text                                   | offsets text → disk      |
//! |---------------------------|----------------------------------------|--------------------------|
//! | UTF-8 (no BOM)            | the bytes themselves                   | identity                 |
//! | UTF-8 with BOM            | the bytes after the BOM                | `+ 3`                    |
//! | UTF-16 LE/BE with BOM     | decoded                                | `2 + 2 × UTF-16 units`   |
//! | anything else (legacy)    | each byte ≥ 0x80 shown as `_`          | identity                 |
//!
//! The legacy row keeps one byte per character, so offsets stay the same and every byte outside an
//! edit is copied from the original; text inserted into such a file must be ASCII.

/// Index of a file in the session: what edits, diagnostics and the index name files by.
pub type FileId = usize;

use std::ops::Range;
use std::sync::Arc;

use anyhow::{bail, Result};

/// How a file's bytes encode its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8, with or without a byte order mark.
    Utf8 {
        /// Whether the file starts with `EF BB BF`.
        bom: bool,
    },
    /// UTF-16 with a byte order mark.
    Utf16 {
        /// Big-endian (`FE FF`) rather than little-endian (`FF FE`).
        big_endian: bool,
    },
    /// Bytes that are not valid UTF-8 (Windows-1252 and friends): kept as they are.
    Legacy,
}

impl Encoding {
    /// A short name for messages.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 { bom: false } => "UTF-8",
            Encoding::Utf8 { bom: true } => "UTF-8 with BOM",
            Encoding::Utf16 { big_endian: false } => "UTF-16 LE",
            Encoding::Utf16 { big_endian: true } => "UTF-16 BE",
            Encoding::Legacy => "non-UTF-8 bytes",
        }
    }
}

/// A file's text in the coordinate space edits are made in, plus what is needed to write it back.
/// A clone shares the text (a session keeps each file as read and as edited: one copy until a fix
/// edits it).
#[derive(Clone, Debug)]
pub struct Document {
    encoding: Encoding,
    text: Arc<str>,
    /// For [`Encoding::Legacy`] only: the current bytes, kept in step with `text` (same offsets).
    legacy: Option<Arc<[u8]>>,
}

impl Document {
    /// Decodes `bytes`. Fails only for UTF-16 that does not round-trip (unpaired surrogates).
    pub fn decode(bytes: &[u8]) -> Result<Self> {
        if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
            if let Ok(text) = std::str::from_utf8(rest) {
                return Ok(Self::plain(Encoding::Utf8 { bom: true }, text));
            }
        }
        for (bom, big_endian) in [([0xFF, 0xFE], false), ([0xFE, 0xFF], true)] {
            if let Some(rest) = bytes.strip_prefix(&bom) {
                return Self::decode_utf16(rest, big_endian);
            }
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => Ok(Self::plain(Encoding::Utf8 { bom: false }, text)),
            Err(_) => {
                // One character per byte keeps offsets. A byte order mark becomes white space,
                // which the parser skips like the BOM itself.
                let bom = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) { 3 } else { 0 };
                let text: String = bytes
                    .iter()
                    .enumerate()
                    .map(|(i, &b)| match b {
                        _ if i < bom => ' ',
                        _ if b.is_ascii() => b as char,
                        _ => '_',
                    })
                    .collect();
                Ok(Document { encoding: Encoding::Legacy, text: Arc::from(text), legacy: Some(Arc::from(bytes)) })
            }
        }
    }

    fn plain(encoding: Encoding, text: &str) -> Self {
        Document { encoding, text: Arc::from(text), legacy: None }
    }

    fn decode_utf16(rest: &[u8], big_endian: bool) -> Result<Self> {
        if rest.len() % 2 != 0 {
            bail!("UTF-16 file has an odd number of bytes");
        }
        let units = rest.chunks_exact(2).map(|c| {
            if big_endian {
                u16::from_be_bytes([c[0], c[1]])
            } else {
                u16::from_le_bytes([c[0], c[1]])
            }
        });
        let text: String = char::decode_utf16(units)
            .collect::<Result<_, _>>()
            .map_err(|_| anyhow::anyhow!("UTF-16 file has an unpaired surrogate"))?;
        Ok(Self::plain(Encoding::Utf16 { big_endian }, &text))
    }

    /// Whether the text holds a NUL character: no C# text does, so the file is binary (the rule
    /// git and grep use), whatever its name says.
    pub fn is_binary(&self) -> bool {
        self.text.as_bytes().contains(&0)
    }

    /// The encoding the file is written back in.
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// The current text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The current text, shared (no copy).
    pub fn shared_text(&self) -> Arc<str> {
        self.text.clone()
    }

    /// Checks that `content` can be written in this file's encoding.
    pub fn can_encode(&self, content: &str) -> bool {
        self.encoding != Encoding::Legacy || content.is_ascii()
    }

    /// Replaces each range with its content. Edits must not overlap and must be encodable.
    pub fn apply<'e>(&mut self, edits: impl IntoIterator<Item = (&'e Range<usize>, &'e str)>) {
        let mut edits: Vec<_> = edits.into_iter().collect();
        // One pass over the text: replacing in place would move the tail once per edit, which
        // is quadratic for the thousands of fixes of a big file.
        edits.sort_by_key(|(range, _)| (range.start, range.end));
        let mut text = String::with_capacity(self.text.len() + edits.iter().map(|(_, c)| c.len()).sum::<usize>());
        let mut raw = self.legacy.as_ref().map(|r| Vec::with_capacity(r.len()));
        let mut at = 0;
        for (range, content) in edits {
            debug_assert!(self.can_encode(content));
            let start = range.start.max(at);
            text.push_str(&self.text[at..start]);
            text.push_str(content);
            if let (Some(raw), Some(old)) = (&mut raw, &self.legacy) {
                raw.extend_from_slice(&old[at..start]);
                raw.extend_from_slice(content.as_bytes());
            }
            at = range.end.max(start);
        }
        text.push_str(&self.text[at..]);
        if let (Some(raw), Some(old)) = (&mut raw, &self.legacy) {
            raw.extend_from_slice(&old[at..]);
        }
        self.text = Arc::from(text);
        if let Some(raw) = raw {
            self.legacy = Some(Arc::from(raw));
        }
    }

    /// The bytes to write for the current text, in the original encoding.
    pub fn to_disk(&self) -> Vec<u8> {
        match self.encoding {
            Encoding::Utf8 { bom } => {
                let mut out = Vec::with_capacity(self.text.len() + 3);
                if bom {
                    out.extend_from_slice(&[0xEF, 0xBB, 0xBF]);
                }
                out.extend_from_slice(self.text.as_bytes());
                out
            }
            Encoding::Utf16 { big_endian } => {
                let mut out = Vec::with_capacity(self.text.len() * 2 + 2);
                out.extend_from_slice(if big_endian { &[0xFE, 0xFF] } else { &[0xFF, 0xFE] });
                for unit in self.text.encode_utf16() {
                    let bytes = if big_endian { unit.to_be_bytes() } else { unit.to_le_bytes() };
                    out.extend_from_slice(&bytes);
                }
                out
            }
            Encoding::Legacy => self.legacy.as_deref().unwrap_or_default().to_vec(),
        }
    }

    /// Maps an offset in the text to the offset of the same place in the bytes on disk.
    pub fn disk_offset(&self, offset: usize) -> usize {
        match self.encoding {
            Encoding::Utf8 { bom } => offset + if bom { 3 } else { 0 },
            Encoding::Utf16 { .. } => 2 + 2 * self.text[..offset].encode_utf16().count(),
            Encoding::Legacy => offset,
        }
    }

    /// The text as it is to be shown to a person (diffs in the interactive prompt).
    pub fn display_bytes(&self) -> Vec<u8> {
        match &self.legacy {
            Some(raw) => String::from_utf8_lossy(raw).into_owned().into_bytes(),
            None => self.text.as_bytes().to_vec(),
        }
    }
}

/// 1-based line and character column of an offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
}

/// Line starts of a text, for turning offsets into lines and columns.
pub struct LineIndex {
    starts: Vec<usize>,
    /// Per line: whether it is all ASCII, so a column is a subtraction (a 5 MB line stays linear).
    ascii: Vec<bool>,
}

impl LineIndex {
    /// Indexes the line starts of `text` (a line ends after `\n`).
    pub fn new(text: &str) -> Self {
        let starts: Vec<usize> = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        let ascii = starts
            .iter()
            .enumerate()
            .map(|(i, &start)| text.as_bytes()[start..starts.get(i + 1).copied().unwrap_or(text.len())].is_ascii())
            .collect();
        LineIndex { starts, ascii }
    }

    /// The line and column of `offset` in `text` (the text this index was built from).
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let end = offset.min(text.len());
        let column = if self.ascii[line] { end.saturating_sub(start) } else { text[start..end].chars().count() } + 1;
        LineCol { line: line + 1, column }
    }
}

/// The line ending most used in `text` (`"\n"` when there is none).
pub fn dominant_newline(text: &str) -> &'static str {
    let crlf = text.matches("\r\n").count();
    let lf = text.matches('\n').count() - crlf;
    if crlf > lf {
        "\r\n"
    } else {
        "\n"
    }
}

/// The indentation of the line that contains `offset`: its leading spaces and tabs.
pub fn line_indent(text: &str, offset: usize) -> &str {
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let rest = &text[start..];
    let len = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    &rest[..len]
}

/// One level of indentation in `text`: a tab if lines start with tabs, else the smallest non-zero
/// run of leading spaces (4 when there is none).
pub fn indent_unit(text: &str) -> String {
    let mut smallest: Option<usize> = None;
    for line in text.lines() {
        if line.starts_with('\t') {
            return "\t".into();
        }
        let rest = line.trim_start_matches(' ');
        let spaces = line.len() - rest.len();
        // ` * text` continues a block comment (a license header, a doc comment): its one space
        // says nothing about the code's indentation.
        if spaces > 0 && !rest.is_empty() && !rest.starts_with('*') {
            smallest = Some(smallest.map_or(spaces, |s| s.min(spaces)));
        }
    }
    " ".repeat(smallest.unwrap_or(4).min(8))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(bytes: &[u8]) -> Document {
        let doc = Document::decode(bytes).unwrap();
        assert_eq!(doc.to_disk(), bytes, "{} did not round-trip", doc.encoding().name());
        doc
    }

    #[test]
    fn utf8_with_bom_keeps_bom_and_shifts_offsets() {
        let doc = round_trip(b"\xEF\xBB\xBFclass A {}\r\n");
        assert_eq!(doc.encoding(), Encoding::Utf8 { bom: true });
        assert_eq!(doc.text(), "class A {}\r\n");
        assert_eq!(doc.disk_offset(6), 9);
    }

    #[test]
    fn utf16_round_trips_and_edits_are_encoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "var é = 1;\n".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let mut doc = round_trip(&bytes);
        assert_eq!(doc.disk_offset(6), 2 + 2 * 5, "é is one UTF-16 unit but two UTF-8 bytes");
        doc.apply([(&(9..10), "2")]);
        assert_eq!(Document::decode(&doc.to_disk()).unwrap().text(), "var é = 2;\n");
    }

    #[test]
    fn legacy_bytes_outside_edits_are_kept() {
        let bytes = b"// caf\xE9\nvar x = 1;\n";
        let mut doc = round_trip(bytes);
        assert_eq!(doc.encoding(), Encoding::Legacy);
        assert_eq!(doc.text(), "// caf_\nvar x = 1;\n");
        assert!(!doc.can_encode("é"));
        doc.apply([(&(16..17), "2")]);
        assert_eq!(doc.to_disk(), b"// caf\xE9\nvar x = 2;\n");
    }

    #[test]
    fn bom_before_legacy_bytes_reads_as_white_space() {
        let mut doc = round_trip(b"\xEF\xBB\xBFvar x = 1; // caf\xE9\n");
        assert_eq!(doc.encoding(), Encoding::Legacy);
        assert_eq!(doc.text(), "   var x = 1; // caf_\n");
        doc.apply([(&(11..12), "2")]);
        assert_eq!(doc.to_disk(), b"\xEF\xBB\xBFvar x = 2; // caf\xE9\n");
    }

    #[test]
    fn a_nul_character_makes_a_file_binary_but_utf16_text_is_text() {
        assert!(Document::decode(b"MZ\x90\x00\x03\x00").unwrap().is_binary());
        assert!(Document::decode(b"class A { }\x00").unwrap().is_binary());
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend("class A { }".encode_utf16().flat_map(u16::to_le_bytes));
        assert!(!Document::decode(&utf16).unwrap().is_binary());
        assert!(!Document::decode(b"// caf\xE9\nclass A { }").unwrap().is_binary());
    }

    #[test]
    fn line_col_counts_characters() {
        let text = "ab\né€x\n";
        let index = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(index.line_col(text, x), LineCol { line: 2, column: 3 });
        assert_eq!(index.line_col(text, 0), LineCol { line: 1, column: 1 });
    }

    #[test]
    fn newline_and_indent_follow_the_file() {
        assert_eq!(dominant_newline("a\r\nb\r\nc\n"), "\r\n");
        assert_eq!(dominant_newline("a\nb"), "\n");
        assert_eq!(line_indent("x\n\t  foo();", 8), "\t  ");
        assert_eq!(indent_unit("class A\n{\n  void F()\n  {\n    G();\n  }\n}"), "  ");
        assert_eq!(indent_unit("class A\n{\n\tvoid F();\n}"), "\t");
        assert_eq!(indent_unit("class A {}"), "    ");
        let licensed = "/*\n * Greenshot\n */\nclass A\n{\n    void F()\n    {\n    }\n}";
        assert_eq!(indent_unit(licensed), "    ", "the ` * ` of a block comment is no indentation");
    }
}
