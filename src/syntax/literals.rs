//! Comments, strings and character literals found by a small lexer, without a tree.
//!
//! The masked view needs them before any parse (error recovery may read code as a string and a
//! string as code), and the textual pre-filter needs them to skip words that are not code.

use std::ops::Range;

/// What a [`Literal`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LiteralKind {
    /// A `//` or `/* */` comment.
    Comment,
    /// A string (regular, verbatim or raw) or character literal without interpolation: no code inside.
    Text,
    /// An interpolated string (`$"…"`, `$@"…"`, `$"""…"""`). Its holes hold code, and this lexer does
    /// not follow them: a string inside a hole may end the literal early, so everything after the
    /// first interpolated string is only approximately lexed.
    Interpolated,
}

/// One comment or literal of a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Literal {
    /// Its bytes, delimiters included.
    pub range: Range<usize>,
    /// What it is.
    pub kind: LiteralKind,
}

/// The comments and literals of a text, in order, not overlapping. Preprocessor lines are not
/// literals, but nothing on them opens one (`#error don't` is a directive, not a character).
#[derive(Debug, Default)]
pub struct Literals {
    items: Vec<Literal>,
}

impl Literals {
    /// Lexes `text`. An unterminated literal runs to the end of its line (regular strings,
    /// character literals) or of the text (verbatim and raw strings, block comments).
    pub fn of(text: &str) -> Self {
        let b = text.as_bytes();
        let mut items = Vec::new();
        let mut push = |range: Range<usize>, kind| items.push(Literal { range, kind });
        let mut i = 0;
        let mut line_start = true;
        while i < b.len() {
            let c = b[i];
            let start = i;
            match c {
                b'\n' => {
                    line_start = true;
                    i += 1;
                    continue;
                }
                b' ' | b'\t' | b'\r' => {
                    i += 1;
                    continue;
                }
                // A directive runs to the end of its line (`#error don't` opens no literal).
                b'#' if line_start => i = line_end(b, i),
                b'/' if b.get(i + 1) == Some(&b'/') => {
                    i = line_end(b, i);
                    push(start..i, LiteralKind::Comment);
                }
                b'/' if b.get(i + 1) == Some(&b'*') => {
                    i = text[i + 2..].find("*/").map_or(b.len(), |e| i + 2 + e + 2);
                    push(start..i, LiteralKind::Comment);
                }
                b'\'' => {
                    i += 1;
                    while i < b.len() && b[i] != b'\'' && b[i] != b'\n' {
                        i += if b[i] == b'\\' { 2 } else { 1 };
                    }
                    i = (i + 1).min(b.len());
                    push(start..i, LiteralKind::Text);
                }
                b'$' | b'@' | b'"' => {
                    let mut j = i;
                    let (mut verbatim, mut interpolated) = (false, false);
                    while j < b.len() && (b[j] == b'$' || b[j] == b'@') {
                        verbatim |= b[j] == b'@';
                        interpolated |= b[j] == b'$';
                        j += 1;
                    }
                    if b.get(j) != Some(&b'"') {
                        i = j.max(i + 1);
                    } else {
                        i = string_end(text, j, verbatim);
                        let kind = if interpolated { LiteralKind::Interpolated } else { LiteralKind::Text };
                        push(start..i, kind);
                    }
                }
                _ if super::is_identifier_byte(c) => {
                    while i < b.len() && super::is_identifier_byte(b[i]) {
                        i += 1;
                    }
                }
                _ => i += 1,
            }
            line_start = false;
        }
        Literals { items }
    }

    /// Whether `offset` lies inside a comment or literal.
    pub fn contains(&self, offset: usize) -> bool {
        let i = self.items.partition_point(|l| l.range.end <= offset);
        self.items.get(i).is_some_and(|l| l.range.start <= offset)
    }

    /// The comment that starts at `offset`, if one does.
    pub fn comment_at(&self, offset: usize) -> Option<&Literal> {
        let i = self.items.partition_point(|l| l.range.start < offset);
        self.items.get(i).filter(|l| l.range.start == offset && l.kind == LiteralKind::Comment)
    }

    /// The comments and literals, in text order.
    pub fn iter(&self) -> impl Iterator<Item = &Literal> {
        self.items.iter()
    }

    /// The byte ranges of the words of `text` (the text these literals were found in) that are
    /// code: not in a comment or a string without interpolation. From the first interpolated
    /// string on, every word counts: its holes hold code this lexer does not follow. Words split
    /// as [`super::identifier_char_at`] says.
    pub fn code_words<'s>(&'s self, text: &'s str) -> impl Iterator<Item = Range<usize>> + 's {
        let code_end = self.iter().find(|l| l.kind == LiteralKind::Interpolated).map_or(text.len(), |l| l.range.start);
        let mut skips = self.items.iter().take_while(move |l| l.range.start < code_end).peekable();
        let mut i = 0;
        std::iter::from_fn(move || {
            while i < text.len() {
                if let Some(skip) = skips.next_if(|l| l.range.start <= i) {
                    i = i.max(skip.range.end);
                    continue;
                }
                let (is_word, len) = super::identifier_char_at(text, i);
                if !is_word {
                    i += len;
                    continue;
                }
                let start = i;
                while i < text.len() {
                    let (is_word, len) = super::identifier_char_at(text, i);
                    if !is_word {
                        break;
                    }
                    i += len;
                }
                return Some(start..i);
            }
            None
        })
    }
}

/// The end of the string whose first quote is at `quote`.
fn string_end(text: &str, quote: usize, verbatim: bool) -> usize {
    let b = text.as_bytes();
    let quotes = b[quote..].iter().take_while(|&&q| q == b'"').count();
    let end = if quotes >= 3 {
        let close = "\"".repeat(quotes);
        text[quote + quotes..].find(&close).map_or(b.len(), |e| quote + quotes + e + quotes)
    } else if verbatim {
        let mut k = quote + 1;
        loop {
            match b.get(k) {
                None => break b.len(),
                Some(b'"') if b.get(k + 1) == Some(&b'"') => k += 2,
                Some(b'"') => break k + 1,
                _ => k += 1,
            }
        }
    } else {
        let mut k = quote + 1;
        loop {
            match b.get(k) {
                None | Some(b'\n') => break k,
                Some(b'\\') => k += 2,
                Some(b'"') => break k + 1,
                _ => k += 1,
            }
        }
    };
    end.min(b.len())
}

fn line_end(b: &[u8], from: usize) -> usize {
    b[from..].iter().position(|&c| c == b'\n').map_or(b.len(), |e| from + e)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(&str, LiteralKind)> {
        Literals::of(text).iter().map(|l| (&text[l.range.clone()], l.kind)).collect()
    }

    #[test]
    fn comments_strings_and_characters_are_found_with_their_kind() {
        use LiteralKind::*;
        let text = "F(\"a\\\"b\", @\"c\"\"d\", '\"', $\"{x}\", \"\"\"raw \"q\" \"\"\"); // done\n/* block */ G();";
        assert_eq!(
            kinds(text),
            [
                ("\"a\\\"b\"", Text),
                ("@\"c\"\"d\"", Text),
                ("'\"'", Text),
                ("$\"{x}\"", Interpolated),
                ("\"\"\"raw \"q\" \"\"\"", Text),
                ("// done", Comment),
                ("/* block */", Comment),
            ]
        );
    }

    #[test]
    fn code_words_skip_comments_and_plain_strings_until_an_interpolated_string() {
        let text = "F(\"Task\"); // await\nvar s = $\"{x}\"; G(\"Later\"); /* y */ größe\u{a0}z";
        let literals = Literals::of(text);
        let words: Vec<&str> = literals.code_words(text).map(|r| &text[r]).collect();
        assert_eq!(words, ["F", "var", "s", "x", "G", "Later", "y", "größe", "z"]);
    }

    #[test]
    fn directive_lines_open_no_literal_and_unterminated_strings_end_at_the_line() {
        let text = "#error don't \"stop\nF(\"open\nG();";
        assert_eq!(kinds(text), [("\"open", LiteralKind::Text)]);
        let literals = Literals::of(text);
        assert!(!literals.contains(text.find("G()").unwrap()));
        assert!(literals.contains(text.find("open").unwrap()));
    }
}
