//! Unified diffs that `git apply` and `patch -p1` accept, byte for byte.

use std::io::{self, Write};

use console::Style;
use similar::{ChangeTag, TextDiff};

/// Writes a unified diff of `old` → `new` with `--- a/<path>` / `+++ b/<path>` headers and three
/// lines of context. Works on bytes, so CRLF, legacy encodings and missing final newlines come
/// out exactly as they are; with `color`, removed and added lines are red and green.
pub fn write_patch(out: &mut dyn Write, path: &str, old: &[u8], new: &[u8], color: bool) -> io::Result<()> {
    let diff = TextDiff::configure().algorithm(similar::Algorithm::Patience).diff_lines(old, new);
    let paint = |style: Style, text: String| if color { style.apply_to(text).to_string() } else { text };
    let mut header = true;
    for group in diff.grouped_ops(3) {
        if header {
            writeln!(out, "{}", paint(Style::new().bold(), format!("--- a/{path}")))?;
            writeln!(out, "{}", paint(Style::new().bold(), format!("+++ b/{path}")))?;
            header = false;
        }
        let hunk = similar::udiff::UnifiedHunkHeader::new(&group);
        writeln!(out, "{}", paint(Style::new().cyan(), hunk.to_string()))?;
        for op in &group {
            for change in diff.iter_changes(op) {
                let (sign, style) = match change.tag() {
                    ChangeTag::Equal => (' ', None),
                    ChangeTag::Delete => ('-', Some(Style::new().red())),
                    ChangeTag::Insert => ('+', Some(Style::new().green())),
                };
                let value: &[u8] = change.value();
                let (body, terminated) = match value.strip_suffix(b"\n") {
                    Some(body) => (body, true),
                    None => (value, false),
                };
                match style.filter(|_| color) {
                    Some(style) => {
                        let line = format!("{sign}{}", String::from_utf8_lossy(body));
                        write!(out, "{}", style.apply_to(line))?;
                    }
                    None => {
                        write!(out, "{sign}")?;
                        out.write_all(body)?;
                    }
                }
                out.write_all(b"\n")?;
                if !terminated {
                    writeln!(out, "\\ No newline at end of file")?;
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn patch(old: &[u8], new: &[u8]) -> String {
        let mut out = Vec::new();
        write_patch(&mut out, "src/A.cs", old, new, false).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn crlf_lines_keep_their_carriage_returns() {
        let p = patch(b"a\r\nb\r\nc\r\n", b"a\r\nB\r\nc\r\n");
        assert_eq!(p, "--- a/src/A.cs\n+++ b/src/A.cs\n@@ -1,3 +1,3 @@\n a\r\n-b\r\n+B\r\n c\r\n");
    }

    #[test]
    fn missing_final_newline_is_marked() {
        let p = patch(b"a\nb", b"a\nc");
        assert!(p.ends_with("-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n"), "{p}");
    }

    #[test]
    fn identical_texts_give_nothing() {
        assert_eq!(patch(b"a\n", b"a\n"), "");
    }
}
