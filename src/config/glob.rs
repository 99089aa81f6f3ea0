//! Glob patterns as EditorConfig defines them, also used for the per-path keys of
//! `asyncfix.toml`: `*` (any characters but `/`), `**` (any characters), `?` (one character but
//! `/`), `[abc]`, `[a-z]`, `[!abc]`, `{one,two}`, `{1..3}` (an integer in a range), and `\` to
//! escape a special character. Matching is on `/`-separated paths; written here rather than taken
//! from a crate because EditorConfig's braces and numeric ranges are its own.

/// A compiled glob.
#[derive(Clone, Debug)]
pub struct Glob {
    tokens: Vec<Token>,
}

#[derive(Clone, Debug)]
enum Token {
    Literal(char),
    /// `*`: any run of characters other than `/`.
    Star,
    /// `**`: any run of characters.
    StarStar,
    /// `?`: one character other than `/`.
    Any,
    /// `[...]`: one character in (or, negated, not in) the ranges.
    Class {
        negated: bool,
        ranges: Vec<(char, char)>,
    },
    /// `{a,b}`: one of the alternatives.
    Alternatives(Vec<Vec<Token>>),
    /// `{n..m}`: an integer between the bounds.
    Number(i64, i64),
}

impl Glob {
    /// Compiles `pattern`. Never fails: what is not a well-formed special form is literal text.
    pub fn new(pattern: &str) -> Glob {
        let chars: Vec<char> = pattern.chars().collect();
        Glob { tokens: parse(&chars) }
    }

    /// Whether `path` (`/`-separated) matches the whole pattern.
    pub fn is_match(&self, path: &str) -> bool {
        let text: Vec<char> = path.chars().collect();
        matches(&self.tokens, &text)
    }
}

fn parse(chars: &[char]) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' if i + 1 < chars.len() => {
                tokens.push(Token::Literal(chars[i + 1]));
                i += 2;
                continue;
            }
            '*' if chars.get(i + 1) == Some(&'*') => {
                tokens.push(Token::StarStar);
                i += 2;
                while chars.get(i) == Some(&'*') {
                    i += 1;
                }
                continue;
            }
            '*' => tokens.push(Token::Star),
            '?' => tokens.push(Token::Any),
            '[' => {
                if let Some((token, next)) = parse_class(chars, i) {
                    tokens.push(token);
                    i = next;
                    continue;
                }
                tokens.push(Token::Literal('['));
            }
            '{' => {
                if let Some((token, next)) = parse_braces(chars, i) {
                    tokens.push(token);
                    i = next;
                    continue;
                }
                tokens.push(Token::Literal('{'));
            }
            _ => tokens.push(Token::Literal(c)),
        }
        i += 1;
    }
    tokens
}

/// `[...]` starting at `start`: the class and the index after `]`, or `None` when unclosed or
/// when it holds a `/` (then `[` is literal, as the specification says).
fn parse_class(chars: &[char], start: usize) -> Option<(Token, usize)> {
    let mut i = start + 1;
    let negated = matches!(chars.get(i), Some('!') | Some('^'));
    if negated {
        i += 1;
    }
    let mut ranges = Vec::new();
    let mut first = true;
    while i < chars.len() {
        let mut c = chars[i];
        if c == ']' && !first {
            return Some((Token::Class { negated, ranges }, i + 1));
        }
        if c == '/' {
            return None;
        }
        if c == '\\' && i + 1 < chars.len() {
            i += 1;
            c = chars[i];
        }
        first = false;
        if chars.get(i + 1) == Some(&'-') && chars.get(i + 2).is_some_and(|&e| e != ']') {
            ranges.push((c, chars[i + 2]));
            i += 3;
        } else {
            ranges.push((c, c));
            i += 1;
        }
    }
    None
}

/// `{...}` starting at `start`: alternatives or a numeric range, and the index after `}`.
/// Braces without a comma or a range are literal text.
fn parse_braces(chars: &[char], start: usize) -> Option<(Token, usize)> {
    let mut depth = 0;
    let mut end = None;
    let mut i = start;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 1,
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    end = Some(i);
                    break;
                }
            }
            _ => {}
        }
        i += 1;
    }
    let end = end?;
    let inner = &chars[start + 1..end];
    let text: String = inner.iter().collect();
    if let Some((a, b)) = text.split_once("..") {
        if let (Ok(a), Ok(b)) = (a.parse::<i64>(), b.parse::<i64>()) {
            return Some((Token::Number(a.min(b), a.max(b)), end + 1));
        }
    }
    // Split on top-level commas.
    let mut parts = Vec::new();
    let (mut depth, mut from, mut j) = (0, 0, 0);
    while j < inner.len() {
        match inner[j] {
            '\\' => j += 1,
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[from..j]);
                from = j + 1;
            }
            _ => {}
        }
        j += 1;
    }
    if parts.is_empty() {
        return None;
    }
    parts.push(&inner[from..]);
    Some((Token::Alternatives(parts.into_iter().map(parse).collect()), end + 1))
}

fn matches(tokens: &[Token], text: &[char]) -> bool {
    let Some((first, rest)) = tokens.split_first() else { return text.is_empty() };
    match first {
        Token::Literal(c) => text.first() == Some(c) && matches(rest, &text[1..]),
        Token::Any => text.first().is_some_and(|&c| c != '/') && matches(rest, &text[1..]),
        Token::Class { negated, ranges } => text.first().is_some_and(|&c| {
            c != '/' && ranges.iter().any(|&(a, b)| a <= c && c <= b) != *negated && matches(rest, &text[1..])
        }),
        Token::Star => {
            for i in 0..=text.len() {
                if matches(rest, &text[i..]) {
                    return true;
                }
                if text.get(i) == Some(&'/') {
                    break;
                }
            }
            false
        }
        Token::StarStar => (0..=text.len()).any(|i| matches(rest, &text[i..])),
        Token::Alternatives(alternatives) => alternatives.iter().any(|alternative| {
            let mut joined = alternative.clone();
            joined.extend_from_slice(rest);
            matches(&joined, text)
        }),
        Token::Number(low, high) => {
            let sign = usize::from(text.first() == Some(&'-'));
            let digits = text[sign..].iter().take_while(|c| c.is_ascii_digit()).count();
            (1..=digits).any(|n| {
                let number: String = text[..sign + n].iter().collect();
                number.parse::<i64>().is_ok_and(|v| *low <= v && v <= *high) && matches(rest, &text[sign + n..])
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(pattern: &str, path: &str) -> bool {
        Glob::new(pattern).is_match(path)
    }

    #[test]
    fn star_stays_in_one_folder_and_double_star_crosses_folders() {
        assert!(m("*.cs", "A.cs"));
        assert!(!m("*.cs", "src/A.cs"));
        assert!(m("**/*.cs", "src/Lib/A.cs"));
        assert!(m("src/**", "src/Lib/A.cs"));
        assert!(m("src/**/A.cs", "src/A.cs") || m("src/**A.cs", "src/A.cs"));
        assert!(!m("src/*", "src/Lib/A.cs"));
    }

    #[test]
    fn question_mark_and_classes() {
        assert!(m("?.cs", "A.cs"));
        assert!(!m("?.cs", "AB.cs"));
        assert!(m("[AB].cs", "B.cs"));
        assert!(!m("[!AB].cs", "B.cs"));
        assert!(m("[a-c]x", "bx"));
        assert!(!m("a?b", "a/b"), "`?` never matches a separator");
    }

    #[test]
    fn braces_are_alternatives_or_numeric_ranges() {
        assert!(m("*.{cs,vb}", "A.vb"));
        assert!(!m("*.{cs,vb}", "A.fs"));
        assert!(m("{src,test}/**.cs", "test/x/A.cs"));
        assert!(m("File{1..3}.cs", "File2.cs"));
        assert!(!m("File{1..3}.cs", "File4.cs"));
        assert!(m("File{-1..1}.cs", "File-1.cs"));
        assert!(m("{single}.cs", "{single}.cs"), "braces without a comma are literal");
        assert!(m("*.{cs,{vb,fs}}", "A.fs"), "nested braces");
    }

    #[test]
    fn escapes_and_unclosed_brackets_are_literal() {
        assert!(m("\\*.cs", "*.cs"));
        assert!(!m("\\*.cs", "A.cs"));
        assert!(m("[ab", "[ab"));
    }
}
