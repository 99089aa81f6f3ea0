//! A C# lexer that knows only what a syntax error needs: where code tokens are, how brackets
//! nest, and the first mistake no C# compiler would accept whatever the grammar (a literal or
//! comment that is not closed, a bracket that closes nothing or the wrong thing, a character that
//! C# code never has).
//!
//! Unlike [`crate::syntax::Literals`], it follows the holes of interpolated strings (`$"{F("x")}"`,
//! `$$"""{{x}}"""`), so a string inside a hole does not end the literal early: what it says is
//! exact, not approximate. Preprocessor lines are skipped; a file with `#if` is lexed as if every
//! branch were code, so its brackets say nothing certain ([`Lexed::conditional`]).

use std::ops::Range;

/// What a code token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// An identifier, a keyword or a number.
    Word,
    /// A string or character literal, whole (an interpolated string without its holes' tokens).
    Literal,
    /// `(`, `[` or `{`.
    Open(u8),
    /// `)`, `]` or `}`.
    Close(u8),
    /// Any other punctuation character, one per token (`=>` is `=` then `>`).
    Punct(u8),
}

/// One code token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Its bytes.
    pub start: usize,
    /// The end of its bytes.
    pub end: usize,
    /// What it is.
    pub kind: Kind,
}

/// A mistake found without a grammar: the code cannot be C#.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mistake {
    /// Where it is.
    pub at: usize,
    /// What it is, as a fragment: "a string literal is not closed".
    pub what: String,
}

/// The tokens of a text and its first lexical mistake.
#[derive(Debug, Default)]
pub struct Lexed {
    /// The code tokens, in order.
    pub tokens: Vec<Token>,
    /// The first mistake, if any.
    pub mistake: Option<Mistake>,
    /// Whether the text has `#if`, `#elif` or `#else` lines: its branches are not all compiled
    /// together, so brackets that do not balance across them prove nothing.
    pub conditional: bool,
}

/// How an open string literal goes on.
#[derive(Clone, Copy, Debug)]
struct Str {
    start: usize,
    verbatim: bool,
    interpolated: bool,
    /// The number of quotes that close a raw string (0: not raw).
    raw_quotes: usize,
    /// The number of braces that open a hole of a raw interpolated string (`$$"""` → 2).
    dollars: usize,
}

/// A hole of an interpolated string being lexed as code: the string it belongs to, and the depth
/// of the bracket stack when it opened.
#[derive(Clone, Copy, Debug)]
struct Hole {
    string: Str,
    floor: usize,
}

/// Lexes `text`.
pub fn lex(text: &str) -> Lexed {
    Lexer { text, b: text.as_bytes(), i: 0, out: Lexed::default(), brackets: Vec::new(), holes: Vec::new() }.run()
}

struct Lexer<'a> {
    text: &'a str,
    b: &'a [u8],
    i: usize,
    out: Lexed,
    /// Open brackets: the byte and where.
    brackets: Vec<(u8, usize)>,
    holes: Vec<Hole>,
}

impl Lexer<'_> {
    fn run(mut self) -> Lexed {
        let mut line_start = true;
        while self.i < self.b.len() {
            let c = self.b[self.i];
            let start = self.i;
            match c {
                b'\n' => {
                    line_start = true;
                    self.i += 1;
                    continue;
                }
                b' ' | b'\t' | b'\r' | 0x0B | 0x0C => {
                    self.i += 1;
                    continue;
                }
                b'#' if line_start && self.holes.is_empty() => self.directive(),
                b'/' if self.b.get(self.i + 1) == Some(&b'/') => self.i = self.line_end(),
                b'/' if self.b.get(self.i + 1) == Some(&b'*') => match self.text[self.i + 2..].find("*/") {
                    Some(e) => self.i += 2 + e + 2,
                    None => {
                        self.mistake(start, "a `/*` comment is not closed".into());
                        self.i = self.b.len();
                    }
                },
                b'\'' => self.character(),
                b'"' | b'$' | b'@' if self.string_start().is_some() => {
                    let (string, content) = self.string_start().expect("checked");
                    self.i = content;
                    self.string(string);
                }
                b'@' => {
                    self.i += 1;
                    if self.i < self.b.len() && self.word_char() {
                        self.word(start);
                    } else {
                        self.mistake(start, "unexpected character `@`".into());
                    }
                }
                b'(' | b'[' | b'{' => {
                    self.brackets.push((c, start));
                    self.push(start, start + 1, Kind::Open(c));
                    self.i += 1;
                }
                b')' | b']' | b'}' => self.close(c),
                b':' if self.at_hole_floor() && self.b.get(self.i + 1) != Some(&b':') => {
                    // The format of an interpolation hole: text up to the hole's closing brace.
                    let end = self.text[self.i..].find('}').map_or(self.b.len(), |e| self.i + e);
                    self.i = end;
                    if end < self.b.len() {
                        self.close(b'}');
                    }
                }
                b'\\' if matches!(self.b.get(self.i + 1), Some(b'u' | b'U')) => self.word(start),
                _ if c.is_ascii_alphanumeric() || c == b'_' => self.word(start),
                b'`' => {
                    self.mistake(start, "unexpected backtick".into());
                    self.i += 1;
                }
                b'\\' | b'$' => {
                    self.mistake(start, format!("unexpected character `{}`", c as char));
                    self.i += 1;
                }
                _ if c.is_ascii_control() => {
                    self.mistake(start, format!("unexpected control character U+{c:04X}"));
                    self.i += 1;
                }
                _ if c.is_ascii() => {
                    self.push(start, start + 1, Kind::Punct(c));
                    self.i += 1;
                }
                _ => {
                    let ch = self.text[self.i..].chars().next().expect("a character boundary");
                    if ch.is_whitespace() {
                        self.i += ch.len_utf8();
                        continue;
                    }
                    if matches!(ch, '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}') {
                        self.mistake(start, format!("unexpected character `{ch}` (a typographic quote)"));
                        self.i += ch.len_utf8();
                    } else {
                        // A letter, digit or combining mark of an identifier.
                        self.word(start);
                    }
                }
            }
            line_start = false;
        }
        if let Some(hole) = self.holes.first() {
            self.mistake(hole.string.start, "an interpolated string is not closed".into());
        }
        if let Some(&(open, _)) = self.brackets.first() {
            self.mistake(self.b.len(), format!("a `{}` is not closed", open as char));
        }
        self.out
    }

    fn push(&mut self, start: usize, end: usize, kind: Kind) {
        self.out.tokens.push(Token { start, end, kind });
    }

    fn mistake(&mut self, at: usize, what: String) {
        if self.out.mistake.is_none() {
            self.out.mistake = Some(Mistake { at, what });
        }
    }

    fn line_end(&self) -> usize {
        self.b[self.i..].iter().position(|&c| c == b'\n').map_or(self.b.len(), |e| self.i + e)
    }

    fn word_char(&self) -> bool {
        let c = self.b[self.i];
        if c.is_ascii() {
            return c.is_ascii_alphanumeric() || c == b'_';
        }
        self.text[self.i..]
            .chars()
            .next()
            .is_some_and(|ch| !ch.is_whitespace() && !matches!(ch, '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}'))
    }

    /// An identifier, keyword or number from `start` (a `\u0061` escape counts as a letter; a `.`
    /// followed by a digit continues a number).
    fn word(&mut self, start: usize) {
        let number = self.b[start].is_ascii_digit();
        while self.i < self.b.len() {
            if self.b[self.i] == b'\\' && matches!(self.b.get(self.i + 1), Some(b'u' | b'U')) {
                self.i += 2;
            } else if self.word_char() {
                self.i += self.text[self.i..].chars().next().map_or(1, char::len_utf8);
            } else if number && self.b[self.i] == b'.' && self.b.get(self.i + 1).is_some_and(u8::is_ascii_digit) {
                self.i += 1;
            } else {
                break;
            }
        }
        self.push(start, self.i, Kind::Word);
    }

    fn directive(&mut self) {
        let end = self.line_end();
        let keyword: String =
            self.text[self.i + 1..end].trim_start().chars().take_while(|c| c.is_ascii_alphabetic()).collect();
        self.out.conditional |= matches!(keyword.as_str(), "if" | "elif" | "else");
        self.i = end;
    }

    fn character(&mut self) {
        let start = self.i;
        let mut k = self.i + 1;
        loop {
            match self.b.get(k) {
                None | Some(b'\n') | Some(b'\r') => {
                    self.mistake(start, "a character literal is not closed".into());
                    self.i = k;
                    return;
                }
                Some(b'\\') => k += 2,
                Some(b'\'') if k > start + 1 => break,
                Some(b'\'') => {
                    self.mistake(start, "an empty character literal".into());
                    break;
                }
                Some(_) => k += 1,
            }
        }
        self.i = k + 1;
        self.push(start, self.i, Kind::Literal);
    }

    /// The string literal starting here (`"`, `@"`, `$"`, `$@"`, `@$"`, `$$"""`…) and where its
    /// content starts; `None` when this is not a string.
    fn string_start(&self) -> Option<(Str, usize)> {
        let mut j = self.i;
        let (mut verbatim, mut dollars) = (false, 0);
        while let Some(&c) = self.b.get(j) {
            match c {
                b'$' => dollars += 1,
                b'@' if !verbatim => verbatim = true,
                _ => break,
            }
            j += 1;
        }
        if self.b.get(j) != Some(&b'"') {
            return None;
        }
        let quotes = self.b[j..].iter().take_while(|&&q| q == b'"').count();
        let raw_quotes = if !verbatim && quotes >= 3 { quotes } else { 0 };
        let content = if raw_quotes > 0 { j + quotes } else { j + 1 };
        let string = Str { start: self.i, verbatim, interpolated: dollars > 0, raw_quotes, dollars: dollars.max(1) };
        Some((string, content))
    }

    /// Lexes a string's content from `self.i` up to its end or the start of a hole.
    fn string(&mut self, string: Str) {
        let b = self.b;
        loop {
            let Some(&c) = b.get(self.i) else {
                let what = if string.raw_quotes > 0 { "a raw string literal" } else { "a string literal" };
                self.mistake(string.start, format!("{what} is not closed"));
                return;
            };
            match c {
                b'"' if string.raw_quotes > 0 => {
                    let run = b[self.i..].iter().take_while(|&&q| q == b'"').count();
                    self.i += run;
                    if run >= string.raw_quotes {
                        break;
                    }
                }
                b'"' if string.verbatim && b.get(self.i + 1) == Some(&b'"') => self.i += 2,
                b'"' => {
                    self.i += 1;
                    break;
                }
                b'\\' if !string.verbatim && string.raw_quotes == 0 => self.i += 2,
                b'\n' if !string.verbatim && string.raw_quotes == 0 => {
                    self.mistake(string.start, "a string literal is not closed".into());
                    return;
                }
                b'{' if string.interpolated => {
                    let run = b[self.i..].iter().take_while(|&&q| q == b'{').count();
                    let opens = if string.raw_quotes > 0 { run >= string.dollars } else { run % 2 == 1 };
                    self.i += run;
                    if opens {
                        self.holes.push(Hole { string, floor: self.brackets.len() });
                        return;
                    }
                }
                _ => self.i += 1,
            }
        }
        self.push(string.start, self.i, Kind::Literal);
    }

    fn at_hole_floor(&self) -> bool {
        self.holes.last().is_some_and(|h| h.floor == self.brackets.len())
    }

    fn close(&mut self, c: u8) {
        let start = self.i;
        self.i += 1;
        if c == b'}' && self.at_hole_floor() {
            // The end of an interpolation hole (a raw string's hole closes with as many braces as
            // opened it).
            let hole = self.holes.pop().expect("at a hole");
            if hole.string.raw_quotes > 0 {
                let more = self.b[self.i..].iter().take_while(|&&q| q == b'}').count();
                self.i += more.min(hole.string.dollars - 1);
            }
            self.string(hole.string);
            return;
        }
        let open = match c {
            b')' => b'(',
            b']' => b'[',
            _ => b'{',
        };
        let floor = self.holes.last().map_or(0, |h| h.floor);
        match self.brackets[floor..].iter().rposition(|&(o, _)| o == open) {
            Some(at) if floor + at == self.brackets.len() - 1 => {
                self.brackets.pop();
            }
            Some(at) => {
                let (inner, inner_at) = *self.brackets.last().expect("not empty");
                let line = 1 + self.b[..inner_at].iter().filter(|&&b| b == b'\n').count();
                self.mistake(
                    start,
                    format!("`{}` where the `{}` of line {line} is not closed", c as char, inner as char),
                );
                self.brackets.truncate(floor + at);
            }
            None => self.mistake(start, format!("`{}` closes nothing", c as char)),
        }
        self.push(start, start + 1, Kind::Close(c));
    }
}

impl Lexed {
    /// The member around `at` (an offset inside a type or namespace body, or at the top level of
    /// the file): from the end of the member before it to the end of its own body or `;`, as byte
    /// offsets of its first and last tokens. `None` when braces do not balance, since then the
    /// members cannot be told apart.
    pub fn member_around(&self, text: &str, at: usize) -> Option<Range<usize>> {
        let tokens = &self.tokens;
        let mut closes = vec![usize::MAX; tokens.len()];
        let mut opens = vec![usize::MAX; tokens.len()];
        let mut stack = Vec::new();
        for (i, t) in tokens.iter().enumerate() {
            match t.kind {
                Kind::Open(b'{') => stack.push(i),
                Kind::Close(b'}') => {
                    let open = stack.pop()?;
                    closes[open] = i;
                    opens[i] = open;
                }
                _ => {}
            }
        }
        if !stack.is_empty() {
            return None;
        }
        let k = tokens.partition_point(|t| t.end <= at).min(tokens.len().checked_sub(1)?);
        // The braces open at `k`, outermost first.
        let enclosing: Vec<usize> =
            (0..k).filter(|&i| matches!(tokens[i].kind, Kind::Open(b'{')) && closes[i] >= k).collect();
        // The member is a child of the innermost container all of whose ancestors are containers.
        let body = enclosing.iter().position(|&open| !self.is_container(text, &opens, open));
        let (first, last) = match body {
            Some(b) => {
                let open = enclosing[b];
                (self.member_start(&opens, open), self.member_end(&closes, closes[open]))
            }
            None => {
                let mut end = k;
                loop {
                    match tokens[end].kind {
                        Kind::Punct(b';') => break,
                        Kind::Open(b'{') => {
                            end = self.member_end(&closes, closes[end]);
                            break;
                        }
                        Kind::Close(b'}') if end > k || opens[end] < k => {
                            // The container's own brace: the member ends before it.
                            end = end.checked_sub(1)?;
                            break;
                        }
                        _ if end + 1 == tokens.len() => break,
                        _ => end += 1,
                    }
                }
                (self.member_start(&opens, k), end)
            }
        };
        (first <= last).then(|| tokens[first].start..tokens[last].end)
    }

    /// Whether the code goes on after the `}` at token `close` in the same member: the next
    /// token is punctuation (`= new() { … };` after a property's accessors, `});` after a switch
    /// expression in an argument), not the start of the next member (a word, an attribute's `[`, a
    /// tuple type's `(`, the container's `}`).
    fn continues_after(&self, close: usize) -> bool {
        matches!(self.tokens.get(close + 1).map(|t| t.kind), Some(Kind::Punct(_) | Kind::Close(b')' | b']')))
    }

    /// The first token of the member that token `from` belongs to: the one after the nearest
    /// `;`, `{` or `}` before it at its depth, where a `}` the code goes on after is skipped.
    fn member_start(&self, opens: &[usize], from: usize) -> usize {
        let tokens = &self.tokens;
        let mut i = from;
        while i > 0 {
            match tokens[i - 1].kind {
                Kind::Punct(b';') | Kind::Open(b'{') => break,
                Kind::Close(b'}') if !self.continues_after(i - 1) => break,
                Kind::Close(b'}') => i = opens[i - 1],
                _ => i -= 1,
            }
        }
        i
    }

    /// The last token of a member whose body closes at token `close`: that brace, or, where the
    /// code goes on after it (`{ get; } = new();`, `=> H(x switch { … });`), the `;` that ends it.
    fn member_end(&self, closes: &[usize], close: usize) -> usize {
        let tokens = &self.tokens;
        if !self.continues_after(close) {
            return close;
        }
        let mut i = close + 1;
        while i < tokens.len() {
            match tokens[i].kind {
                Kind::Punct(b';') => return i,
                Kind::Open(b'{') => i = closes[i] + 1,
                Kind::Close(b'}') => return i - 1,
                _ => i += 1,
            }
        }
        tokens.len() - 1
    }

    /// Whether the `{` at token `open` opens a namespace or type body (whose children are
    /// members): its head has `class`, `struct`, `interface`, `record` or `namespace` before any
    /// `(` outside attributes. An `enum` body is a member's, and so is a method's, whose
    /// constraint may say `class` after its parameters.
    fn is_container(&self, text: &str, opens: &[usize], open: usize) -> bool {
        let head = self.member_start(opens, open);
        let mut depth = 0;
        for t in &self.tokens[head..open] {
            match t.kind {
                Kind::Open(b'[') => depth += 1,
                Kind::Close(b']') => depth -= 1,
                Kind::Open(b'(') if depth == 0 => return false,
                Kind::Word if depth == 0 => {
                    if matches!(&text[t.start..t.end], "class" | "struct" | "interface" | "record" | "namespace") {
                        return true;
                    }
                }
                _ => {}
            }
        }
        false
    }

    /// The construct of a newer C# than the grammar asyncfix uses knows, if one is written near
    /// `at` (in the statement around it, or the member): valid C# that cannot be parsed.
    pub fn unsupported_near(&self, text: &str, at: usize) -> Option<&'static str> {
        let tokens = &self.tokens;
        let k = tokens.partition_point(|t| t.end <= at);
        let boundary = |t: &Token| matches!(t.kind, Kind::Punct(b';') | Kind::Open(b'{') | Kind::Close(b'}'));
        let start = tokens[..k.min(tokens.len())].iter().rposition(boundary).map_or(0, |i| i + 1);
        let mut end = k;
        for _ in 0..2 {
            end = tokens[end.min(tokens.len())..].iter().position(boundary).map_or(tokens.len(), |i| end + i + 1);
        }
        // And the whole member around it: the error may sit in the body of an extension block.
        let (start, end) = match self.member_around(text, at) {
            Some(member) => (
                start.min(tokens.partition_point(|t| t.start < member.start)),
                end.max(tokens.partition_point(|t| t.end <= member.end)),
            ),
            None => (start, end),
        };
        let window = &tokens[start..end.min(tokens.len())];
        let word = |t: &Token, w: &str| t.kind == Kind::Word && &text[t.start..t.end] == w;
        let punct = |t: &Token, c: u8| t.kind == Kind::Punct(c);
        let adjacent = |a: &Token, b: &Token| a.end == b.start;
        for (i, t) in window.iter().enumerate() {
            let next = window.get(i + 1);
            let after = window.get(i + 2);
            if word(t, "extension")
                && next.is_some_and(|n| matches!(n.kind, Kind::Open(b'(') | Kind::Punct(b'<')))
                && (i == 0 || matches!(window[i - 1].kind, Kind::Close(b']')) || boundary(&window[i - 1]))
            {
                return Some("an extension block (C# 14)");
            }
            if word(t, "allows") && next.is_some_and(|n| word(n, "ref")) && after.is_some_and(|n| word(n, "struct")) {
                return Some("the `allows ref struct` constraint (C# 13)");
            }
            if word(t, "operator") {
                let ops: Vec<&Token> =
                    window[i + 1..].iter().take_while(|o| matches!(o.kind, Kind::Punct(_))).collect();
                // `+=`, `<<=`, `>>>=`…, not `==`, `!=`, `<=` or `>=`.
                let comparison = ops.len() == 2 && matches!(ops[0].kind, Kind::Punct(b'=' | b'!' | b'<' | b'>'));
                let compound = ops.len() >= 2
                    && ops.windows(2).all(|w| adjacent(w[0], w[1]))
                    && punct(ops[ops.len() - 1], b'=')
                    && !comparison;
                if compound {
                    return Some("a user-defined compound assignment operator (C# 14)");
                }
            }
            // `a?.b = c`, `d?[k] += 1`; not the array type `int?[] a = …`.
            let array_type = after.is_some_and(|a| matches!(a.kind, Kind::Close(b']') | Kind::Punct(b',')));
            if punct(t, b'?')
                && next.is_some_and(|n| adjacent(t, n) && matches!(n.kind, Kind::Punct(b'.') | Kind::Open(b'[')))
                && !array_type
                && assigns_after(text, &window[i + 1..])
            {
                return Some("a null-conditional assignment (C# 14)");
            }
            if matches!(t.kind, Kind::Open(b'(')) && untyped_modifier_lambda(text, &window[i..]) {
                return Some("a lambda parameter with a modifier and no type (C# 14)");
            }
        }
        None
    }
}

/// Whether `tokens` (after a `?.` or `?[`) hold an assignment at their starting depth before the
/// statement ends: `= `, `+=`, `??=`…, not `==`, `=>`, `<=`, `>=` or `!=`.
fn assigns_after(text: &str, tokens: &[Token]) -> bool {
    let mut depth = 0i32;
    let b = text.as_bytes();
    for t in tokens {
        match t.kind {
            Kind::Open(_) => depth += 1,
            Kind::Close(_) => depth -= 1,
            Kind::Punct(b';') => return false,
            Kind::Punct(b'=') if depth == 0 => {
                let next = b.get(t.end).copied();
                let prev = t.start.checked_sub(1).map(|p| b[p]);
                if !matches!(next, Some(b'=' | b'>')) && !matches!(prev, Some(b'=' | b'!' | b'<' | b'>')) {
                    return true;
                }
            }
            _ => {}
        }
        if depth < 0 {
            return false;
        }
    }
    false
}

/// Whether `tokens`, starting at a `(`, are the parameters of a lambda (`(…) =>`) one of which is
/// a modifier and a name without a type: `(text, out result) =>`.
fn untyped_modifier_lambda(text: &str, tokens: &[Token]) -> bool {
    let mut depth = 0;
    let Some(close) = tokens.iter().position(|t| {
        match t.kind {
            Kind::Open(_) => depth += 1,
            Kind::Close(_) => depth -= 1,
            _ => {}
        }
        depth == 0
    }) else {
        return false;
    };
    let arrow = matches!(
        (tokens.get(close + 1), tokens.get(close + 2)),
        (Some(a), Some(b)) if a.kind == Kind::Punct(b'=') && b.kind == Kind::Punct(b'>') && a.end == b.start
    );
    let inner = &tokens[1..=close];
    arrow
        && inner.windows(3).any(|w| {
            w[0].kind == Kind::Word
                && matches!(&text[w[0].start..w[0].end], "ref" | "out" | "in" | "scoped")
                && w[1].kind == Kind::Word
                && matches!(w[2].kind, Kind::Punct(b',') | Kind::Close(b')'))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mistake(text: &str) -> Option<(usize, String)> {
        lex(text).mistake.map(|m| (m.at, m.what))
    }

    #[test]
    fn valid_code_has_no_mistake() {
        for text in [
            "class A { void F() { var s = $\"{F(\"x\")} and {(a ? \"b\" : $\"{c:N2}\")}\"; } }",
            "class A { string s = $$\"\"\"{{x}} { not a hole }\"\"\"; string t = @\"a \"\" b\"; char c = '\\''; }",
            "class A { string s = \"\"\"\n  raw \" \"\" text\n  \"\"\"; int \\u0061b = 1; var x = 1.5e3; }",
            "class A { void F() { var d = $\"{global::System.Math.PI:F2}\"; /* ( */ // {\n } }",
            "class Größe { int año = 1; }",
            "",
        ] {
            assert_eq!(mistake(text), None, "{text}");
        }
    }

    #[test]
    fn mistakes_say_what_and_where() {
        let cases = [
            ("class A { void F() { G(\"x); } }", 23, "a string literal is not closed"),
            ("class A { /* x } }", 10, "a `/*` comment is not closed"),
            ("class A { char c = 'x; }", 19, "a character literal is not closed"),
            ("class A { void F() { G(; } }", 25, "`}` where the `(` of line 1 is not closed"),
            ("class A { } }", 12, "`}` closes nothing"),
            ("class A { void F() { }", 22, "a `{` is not closed"),
            ("class A { void F() { `x; } }", 21, "unexpected backtick"),
            ("class A { string s = “x”; }", 21, "unexpected character `“` (a typographic quote)"),
            ("class A { string s = $\"{x\"; }", 25, "a string literal is not closed"),
            ("class A { string s = $\"{x}; }\n", 21, "a string literal is not closed"),
        ];
        for (text, at, what) in cases {
            assert_eq!(mistake(text), Some((at, what.to_owned())), "{text}");
        }
        // Both branches are lexed: brackets across them need not balance, and say nothing.
        let branches = lex("#if X\nclass A {\n#else\nclass B {\n#endif\n}");
        assert!(branches.conditional && branches.mistake.is_some());
    }

    fn member(text: &str, at: &str) -> Option<String> {
        let lexed = lex(text);
        lexed.member_around(text, text.find(at).unwrap()).map(|r| text[r].to_owned())
    }

    #[test]
    fn the_member_around_an_offset_is_the_whole_member_and_nothing_else() {
        let text = "namespace N {\n class A {\n  [X] public int Bad(int x) { if (x { } return 1; }\n  public int P { get; } = new() { 1 };\n  int f;\n  void G() => H(x switch { 1 => 2 });\n }\n}";
        assert_eq!(member(text, "if (x").as_deref(), Some("[X] public int Bad(int x) { if (x { } return 1; }"));
        assert_eq!(member(text, "Bad").as_deref(), Some("[X] public int Bad(int x) { if (x { } return 1; }"));
        assert_eq!(member(text, "1 }").as_deref(), Some("public int P { get; } = new() { 1 };"));
        assert_eq!(member(text, "f;").as_deref(), Some("int f;"));
        assert_eq!(member(text, "1 =>").as_deref(), Some("void G() => H(x switch { 1 => 2 });"));
        assert_eq!(
            member("class A { void F<T>() where T : class { G(; } }", "G(").as_deref(),
            Some("void F<T>() where T : class { G(; }")
        );
        assert_eq!(member("class A { void F() { } } }", "F").as_deref(), None, "braces do not balance");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 300,
            rng_seed: proptest::test_runner::RngSeed::Fixed(14),
            failure_persistence: None,
            ..proptest::prelude::ProptestConfig::default()
        })]

        /// Any text, mostly C# punctuation, quotes and braces: lexing and every question about it
        /// finish without a panic, and members lie inside the text.
        #[test]
        fn any_text_is_lexed_without_a_panic(text in "[{}()\\[\\]\"'$@#:;=?.a-c \n\\\\é“]{0,80}") {
            let lexed = lex(&text);
            for at in 0..=text.len() {
                if text.is_char_boundary(at) {
                    if let Some(member) = lexed.member_around(&text, at) {
                        proptest::prop_assert!(member.end <= text.len() && member.start <= member.end);
                    }
                    let _ = lexed.unsupported_near(&text, at);
                }
            }
        }
    }

    #[test]
    fn constructs_the_grammar_does_not_know_are_named() {
        let cases = [
            ("static class E { extension(string s) { public int L => s.Length; } }", "extension", "extension block"),
            ("static class E { extension(string s) { public int L => s.Length; } }", "Length", "extension block"),
            ("class A { void F<T>() where T : allows ref struct { } }", "allows", "allows ref struct"),
            ("class A { void F() { a?.b = c; } }", "a?", "null-conditional assignment"),
            ("class A { void F() { d?[k] += 1; } }", "d?", "null-conditional assignment"),
            ("class A { public void operator +=(int x) { } }", "operator", "compound assignment operator"),
            ("class A { void F() { P p = (text, out result) => T(text, out result); } }", "(text", "lambda parameter"),
        ];
        for (text, at, name) in cases {
            let found = lex(text).unsupported_near(text, text.find(at).unwrap());
            assert!(found.is_some_and(|f| f.contains(name)), "{text}: {found:?}");
        }
        for (text, at) in [
            ("class A { void F() { if (a?.b == c) { } G(() => x = 1); } }", "a?"),
            ("class A { void F() { int?[] a = new int?[2]; } }", "int?"),
            ("class A { public static bool operator <=(A a, A b) => true; }", "operator"),
            ("class A { void F() { G() } }", "G("),
            ("class A { void F() { T(text, out result); } }", "T("),
            ("class A { public static A operator +(A a, A b) => a; bool operator ==(A a) => true; }", "operator"),
        ] {
            assert_eq!(lex(text).unsupported_near(text, text.find(at).unwrap()), None, "{text}");
        }
    }
}
