//! MSBuild conditions: `'$(X)' == 'y'`, `!=`, `<`/`>` on numbers, `$(Name.EndsWith('…'))`,
//! `Exists('…')`, `HasTrailingSlash('…')`, `and`, `or`, `!` and parentheses, evaluated in three
//! values. A condition that uses something asyncfix does not evaluate (an unknown property, an
//! item list, a function it does not know, a syntax error) is Unknown, never a guess.

use std::path::Path;

use super::expand::{expand, matching_paren, unix_path, Properties};
use crate::workspace::facts::Fact;

/// Evaluates `condition`. Relative paths in `Exists` are taken from `base` (the project's folder,
/// as MSBuild does).
pub fn evaluate(condition: &str, props: &dyn Properties, base: &Path) -> Fact<bool> {
    let Some(tokens) = tokenize(condition) else { return Fact::Unknown };
    let mut parser = Parser { tokens: &tokens, at: 0, props, base };
    match parser.or() {
        Some(value) if parser.at == tokens.len() => value.truth(),
        _ => Fact::Unknown,
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Token {
    /// Quoted text or a bare word, still to be expanded.
    Text(String),
    /// A function name directly followed by its parenthesised argument text.
    Call(String, String),
    Open,
    Close,
    Not,
    And,
    Or,
    Op(&'static str),
}

fn tokenize(text: &str) -> Option<Vec<Token>> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b' ' | b'\t' | b'\r' | b'\n' => i += 1,
            b'(' => {
                tokens.push(Token::Open);
                i += 1;
            }
            b')' => {
                tokens.push(Token::Close);
                i += 1;
            }
            b'=' | b'!' | b'<' | b'>' => {
                let two = bytes.get(i + 1) == Some(&b'=');
                let token = match (b, two) {
                    (b'=', true) => Token::Op("=="),
                    (b'!', true) => Token::Op("!="),
                    (b'<', true) => Token::Op("<="),
                    (b'>', true) => Token::Op(">="),
                    (b'<', false) => Token::Op("<"),
                    (b'>', false) => Token::Op(">"),
                    (b'!', false) => Token::Not,
                    _ => return None,
                };
                tokens.push(token);
                i += if two { 2 } else { 1 };
            }
            b'\'' => {
                let end = quoted_end(text, i)?;
                tokens.push(Token::Text(text[i + 1..end].to_owned()));
                i = end + 1;
            }
            b'$' | b'@' | b'%' if bytes.get(i + 1) == Some(&b'(') => {
                let end = matching_paren(text, i + 1)?;
                tokens.push(Token::Text(text[i..=end].to_owned()));
                i = end + 1;
            }
            _ if b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-' | b'+') => {
                let start = i;
                while i < bytes.len()
                    && (bytes[i].is_ascii_alphanumeric() || matches!(bytes[i], b'_' | b'.' | b'-' | b'+'))
                {
                    i += 1;
                }
                let word = &text[start..i];
                let mut j = i;
                while j < bytes.len() && bytes[j] == b' ' {
                    j += 1;
                }
                let keyword = word.eq_ignore_ascii_case("and") || word.eq_ignore_ascii_case("or");
                if !keyword && bytes.get(j) == Some(&b'(') && word.bytes().all(|b| b.is_ascii_alphabetic()) {
                    let end = matching_paren(text, j)?;
                    tokens.push(Token::Call(word.to_owned(), text[j + 1..end].to_owned()));
                    i = end + 1;
                } else if word.eq_ignore_ascii_case("and") {
                    tokens.push(Token::And);
                } else if word.eq_ignore_ascii_case("or") {
                    tokens.push(Token::Or);
                } else {
                    tokens.push(Token::Text(word.to_owned()));
                }
            }
            _ => return None,
        }
    }
    Some(tokens)
}

/// The index of the quote that closes the one at `open`; a `$( )` inside may hold quotes of its
/// own (`'$(Name.EndsWith('.Tests'))'`).
fn quoted_end(text: &str, open: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = open + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\'' => return Some(i),
            b'$' | b'@' | b'%' if bytes.get(i + 1) == Some(&b'(') => i = matching_paren(text, i + 1)? + 1,
            _ => i += 1,
        }
    }
    None
}

/// A value in a condition: expanded text (`None` when unknown) or a truth value.
enum Value {
    Text(Option<String>),
    Truth(Fact<bool>),
}

impl Value {
    /// As a boolean: `true`/`on`/`yes` and `false`/`off`/`no` (any case, `!` negates), as MSBuild
    /// reads them; anything else is an error in MSBuild and Unknown here.
    fn truth(self) -> Fact<bool> {
        match self {
            Value::Truth(t) => t,
            Value::Text(None) => Fact::Unknown,
            Value::Text(Some(text)) => {
                let text = text.trim().to_ascii_lowercase();
                let (negated, word) = match text.strip_prefix('!') {
                    Some(rest) => (true, rest),
                    None => (false, text.as_str()),
                };
                match word {
                    "true" | "on" | "yes" => Fact::Known(!negated),
                    "false" | "off" | "no" => Fact::Known(negated),
                    _ => Fact::Unknown,
                }
            }
        }
    }

    fn text(self) -> Option<String> {
        match self {
            Value::Text(text) => text,
            Value::Truth(Fact::Known(b)) => Some(if b { "true" } else { "false" }.to_owned()),
            Value::Truth(Fact::Unknown) => None,
        }
    }
}

struct Parser<'t> {
    tokens: &'t [Token],
    at: usize,
    props: &'t dyn Properties,
    base: &'t Path,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn eat(&mut self, token: &Token) -> bool {
        let matched = self.peek() == Some(token);
        if matched {
            self.at += 1;
        }
        matched
    }

    fn or(&mut self) -> Option<Value> {
        let mut value = self.and()?;
        while self.eat(&Token::Or) {
            let right = self.and()?;
            value = Value::Truth(value.truth().or(right.truth()));
        }
        Some(value)
    }

    fn and(&mut self) -> Option<Value> {
        let mut value = self.comparison()?;
        while self.eat(&Token::And) {
            let right = self.comparison()?;
            value = Value::Truth(value.truth().and(right.truth()));
        }
        Some(value)
    }

    fn comparison(&mut self) -> Option<Value> {
        let left = self.factor()?;
        let Some(Token::Op(op)) = self.peek().cloned() else { return Some(left) };
        self.at += 1;
        let right = self.factor()?;
        let (Some(l), Some(r)) = (left.text(), right.text()) else { return Some(Value::Truth(Fact::Unknown)) };
        Some(Value::Truth(compare(op, &l, &r)))
    }

    fn factor(&mut self) -> Option<Value> {
        let token = self.peek()?.clone();
        self.at += 1;
        match token {
            Token::Not => Some(Value::Truth(!self.factor()?.truth())),
            Token::Open => {
                let value = self.or()?;
                self.eat(&Token::Close).then_some(value)
            }
            Token::Text(text) => Some(Value::Text(expand(&text, self.props))),
            Token::Call(name, args) => Some(Value::Truth(self.function(&name, &args))),
            _ => None,
        }
    }

    fn function(&self, name: &str, args: &str) -> Fact<bool> {
        let arg = args.trim();
        let arg = arg.strip_prefix('\'').and_then(|a| a.strip_suffix('\'')).unwrap_or(arg);
        let Some(value) = expand(arg, self.props) else { return Fact::Unknown };
        let value = value.trim();
        if name.eq_ignore_ascii_case("Exists") {
            if value.is_empty() {
                return Fact::Known(false);
            }
            let path = self.base.join(unix_path(value));
            match std::fs::metadata(&path) {
                Ok(_) => Fact::Known(true),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Fact::Known(false),
                Err(_) => Fact::Unknown,
            }
        } else if name.eq_ignore_ascii_case("HasTrailingSlash") {
            Fact::Known(value.ends_with('/') || value.ends_with('\\'))
        } else {
            Fact::Unknown
        }
    }
}

/// Compares two expanded operands as MSBuild does: as numbers when both are numbers, else `==`
/// and `!=` as text ignoring case; ordering text is an error in MSBuild, Unknown here.
fn compare(op: &str, left: &str, right: &str) -> Fact<bool> {
    let number = |s: &str| -> Option<f64> {
        let s = s.trim();
        match s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
            Some(hex) => i64::from_str_radix(hex, 16).ok().map(|n| n as f64),
            None => s.parse::<f64>().ok().filter(|n| n.is_finite()),
        }
    };
    if let (Some(l), Some(r)) = (number(left), number(right)) {
        return Fact::Known(match op {
            "==" => l == r,
            "!=" => l != r,
            "<" => l < r,
            "<=" => l <= r,
            ">" => l > r,
            _ => l >= r,
        });
    }
    match op {
        "==" => Fact::Known(left.eq_ignore_ascii_case(right)),
        "!=" => Fact::Known(!left.eq_ignore_ascii_case(right)),
        _ => Fact::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::facts::Fact::{Known, Unknown};

    struct Props;

    impl Properties for Props {
        fn property(&self, name: &str) -> Option<String> {
            match name.to_ascii_lowercase().as_str() {
                "msbuildprojectname" => Some("Foo.Test".into()),
                "targetframework" => Some("net8.0".into()),
                "testproject" => Some("true".into()),
                "configuration" => None,
                _ => Some(String::new()),
            }
        }
    }

    fn eval(condition: &str) -> Fact<bool> {
        evaluate(condition, &Props, Path::new("/nonexistent"))
    }

    #[test]
    fn comparisons_ignore_case_and_expand_properties() {
        for (condition, expected) in [
            ("'$(TestProject)' == 'true'", Known(true)),
            ("'$(TestProject)' == 'TRUE'", Known(true)),
            (" '$(TestProject)'=='false' ", Known(false)),
            ("'$(TestProject)' != 'true'", Known(false)),
            ("'$(Undefined)' == ''", Known(true)),
            ("$(TestProject)", Known(true)),
            ("'$(TargetFramework)' == 'net8.0'", Known(true)),
            ("'$(MSBuildProjectName)' == 'foo.test'", Known(true)),
            ("'1.0' == '1'", Known(true)),
            ("'10' > '9'", Known(true)),
            ("'$(LangVersion)' < '8'", Unknown),
        ] {
            assert_eq!(eval(condition), expected, "{condition}");
        }
    }

    #[test]
    fn property_functions_and_builtin_functions() {
        for (condition, expected) in [
            ("$(MSBuildProjectName.EndsWith('.Test'))", Known(true)),
            ("$(MSBuildProjectName.EndsWith('.Tests'))", Known(false)),
            ("'$(MSBuildProjectName.StartsWith(`Foo`))' == 'true'", Known(true)),
            ("$(MSBuildProjectName.Contains('Test')) and '$(TestProject)' == 'true'", Known(true)),
            ("!$(MSBuildProjectName.EndsWith('.Test'))", Known(false)),
            ("Exists('/')", Known(true)),
            ("Exists('missing.props')", Known(false)),
            ("!Exists('')", Known(true)),
            ("HasTrailingSlash('a/')", Known(true)),
            ("Frobnicate('a')", Unknown),
        ] {
            assert_eq!(eval(condition), expected, "{condition}");
        }
    }

    #[test]
    fn and_or_not_and_parentheses_in_three_values() {
        for (condition, expected) in [
            ("'$(Configuration)' == 'Debug'", Unknown),
            ("'$(Configuration)' == 'Debug' and '$(TestProject)' == 'false'", Known(false)),
            ("'$(Configuration)' == 'Debug' or '$(TestProject)' == 'true'", Known(true)),
            ("'$(Configuration)' == 'Debug' or '$(TestProject)' == 'false'", Unknown),
            ("!('$(TestProject)' == 'true' AND '$(Undefined)' == '')", Known(false)),
            ("('$(A)' == '' or '$(B)' == 'x') and !('$(C)' != '')", Known(true)),
            ("'$(A)' == '' and ($(MSBuildProjectName.EndsWith('.Test')) or '$(B)' == 'x')", Known(true)),
            ("'$(A)' == 'x' or ('$(B)' == '')", Known(true)),
            ("'@(Compile)' == ''", Unknown),
            ("'%(Identity)' == 'x'", Unknown),
        ] {
            assert_eq!(eval(condition), expected, "{condition}");
        }
    }

    #[test]
    fn malformed_conditions_are_unknown() {
        for condition in ["'a' ==", "('a' == 'a'", "'unterminated", "'a' === 'a'", "'a' == 'a' 'b'", "maybe", ""] {
            assert_eq!(eval(condition), Unknown, "{condition:?}");
        }
    }
}
