//! Test frameworks seen in the sources: a project whose code says `using Xunit;` or puts `[Fact]`
//! on a method is a test project, whatever its project file says (the framework may come from a
//! package asyncfix cannot see, a central props file, or a shared test-infrastructure project).
//!
//! The scan is textual and cheap: files without a word that could matter are skipped after one
//! substring search; the others are read token by token, skipping comments, strings, character
//! literals and preprocessor lines (so a comment saying "`[Test]`" or `// using Xunit;` changes
//! nothing). What counts:
//! - a `using` directive (also `global using`, `using static`, an alias) of `Xunit…`,
//!   `NUnit.Framework…`, `Microsoft.VisualStudio.TestTools.UnitTesting…` or `TUnit…`;
//! - an attribute section, at the start of a declaration, that applies `Fact`, `Theory`, `Test`,
//!   `TestMethod`, `DataTestMethod`, `TestCase`, `TestCaseSource`, `TestClass` or `TestFixture`
//!   (with or without the `Attribute` suffix or a namespace). `x[Test]` is an element access and
//!   does not count.

use crate::syntax::Literals;

/// The attributes that mark tests or test classes in xUnit, NUnit, MSTest and TUnit.
const TEST_ATTRIBUTES: &[&str] = &[
    "Fact",
    "Theory",
    "Test",
    "TestMethod",
    "DataTestMethod",
    "TestCase",
    "TestCaseSource",
    "TestClass",
    "TestFixture",
];

/// Words one of which a file that uses a test framework must contain.
const WORDS: &[&str] = &["Test", "Fact", "Theory", "Xunit", "NUnit", "TUnit"];

/// Whether `namespace` is (in) a test framework's namespace.
pub fn is_test_namespace(namespace: &str) -> bool {
    ["Xunit", "NUnit.Framework", "Microsoft.VisualStudio.TestTools.UnitTesting", "TUnit"]
        .iter()
        .any(|root| namespace.strip_prefix(root).is_some_and(|rest| rest.is_empty() || rest.starts_with('.')))
}

/// What in `text` shows it uses a test framework (``using Xunit;``, ``[Fact]``), if anything.
pub fn test_framework_use(text: &str) -> Option<String> {
    if !WORDS.iter().any(|w| text.contains(w)) {
        return None;
    }
    let tokens = tokens(text);
    // The index just after the last attribute section that starts at a declaration: another
    // section may follow it there.
    let mut attribute_end = usize::MAX;
    for (i, token) in tokens.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| &tokens[p]);
        let at_declaration = match prev {
            None | Some(Token::Punct(b';' | b'{' | b'}')) => true,
            Some(Token::Punct(b']')) => i == attribute_end,
            _ => false,
        };
        match token {
            Token::Word("using") if at_declaration || prev == Some(&Token::Word("global")) => {
                if let Some(namespace) = using_directive(&tokens[i + 1..]) {
                    if is_test_namespace(&namespace) {
                        return Some(format!("`using {namespace};`"));
                    }
                }
            }
            Token::Punct(b'[') if at_declaration => {
                if let Some((names, len)) = attribute_section(&tokens[i + 1..]) {
                    if let Some(name) = names.iter().find(|n| is_test_attribute(n)) {
                        return Some(format!("`[{name}]`"));
                    }
                    attribute_end = i + 1 + len;
                }
            }
            _ => {}
        }
    }
    None
}

fn is_test_attribute(name: &str) -> bool {
    let (namespace, last) = name.rsplit_once('.').unwrap_or(("", name));
    let last = last.strip_suffix("Attribute").filter(|l| !l.is_empty()).unwrap_or(last);
    TEST_ATTRIBUTES.contains(&last) && (namespace.is_empty() || is_test_namespace(namespace))
}

/// The namespace a `using` directive imports (its target, for an alias), from the tokens after
/// `using`; `None` when they are not a directive (`using (…)`, `using var x = …;`).
fn using_directive(tokens: &[Token<'_>]) -> Option<String> {
    let mut at = 0;
    if tokens.first() == Some(&Token::Word("static")) {
        at = 1;
    }
    let (mut name, len) = qualified_name(&tokens[at..])?;
    at += len;
    if tokens.get(at) == Some(&Token::Punct(b'=')) {
        let (target, len) = qualified_name(&tokens[at + 1..])?;
        name = target;
        at += 1 + len;
    }
    (tokens.get(at) == Some(&Token::Punct(b';'))).then_some(name)
}

/// `A.B.C` or `global::A.B`, and how many tokens it takes.
fn qualified_name(tokens: &[Token<'_>]) -> Option<(String, usize)> {
    let mut at = 0;
    if tokens.first() == Some(&Token::Word("global")) && tokens.get(1) == Some(&Token::ColonColon) {
        at = 2;
    }
    let Some(Token::Word(first)) = tokens.get(at) else { return None };
    let mut name = (*first).to_owned();
    at += 1;
    while let (Some(Token::Punct(b'.')), Some(Token::Word(next))) = (tokens.get(at), tokens.get(at + 1)) {
        name.push('.');
        name.push_str(next);
        at += 2;
    }
    Some((name, at))
}

/// The attribute names of the section whose `[` comes just before `tokens`, and how many tokens
/// it takes up to and with its `]`; `None` when it is not an attribute section.
fn attribute_section(tokens: &[Token<'_>]) -> Option<(Vec<String>, usize)> {
    let mut at = 0;
    // A target: `[assembly: …]`, `[method: …]`.
    if let (Some(Token::Word(_)), Some(Token::Punct(b':'))) = (tokens.first(), tokens.get(1)) {
        at = 2;
    }
    let mut names = Vec::new();
    loop {
        let (name, len) = qualified_name(&tokens[at..])?;
        names.push(name);
        at += len;
        if tokens.get(at) == Some(&Token::Punct(b'(')) {
            let mut depth = 0usize;
            loop {
                match tokens.get(at)? {
                    Token::Punct(b'(') => depth += 1,
                    Token::Punct(b')') => {
                        depth -= 1;
                        if depth == 0 {
                            at += 1;
                            break;
                        }
                    }
                    _ => {}
                }
                at += 1;
            }
        }
        match tokens.get(at)? {
            Token::Punct(b',') => at += 1,
            Token::Punct(b']') => return Some((names, at + 1)),
            _ => return None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Token<'a> {
    /// An identifier or keyword (a verbatim `@name` without its `@`).
    Word(&'a str),
    /// `::`.
    ColonColon,
    /// Any other character of code; a string or character literal is one `"`.
    Punct(u8),
}

/// The tokens of the code of `text`: comments and preprocessor lines left out, each literal one
/// `"` token.
fn tokens(text: &str) -> Vec<Token<'_>> {
    let literals = Literals::of(text);
    let mut skips = literals.iter().peekable();
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut line_start = true;
    let word_byte = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80;
    while i < bytes.len() {
        if let Some(literal) = skips.next_if(|l| l.range.start <= i) {
            if literal.range.end > i {
                if literal.kind != crate::syntax::LiteralKind::Comment {
                    out.push(Token::Punct(b'"'));
                }
                i = literal.range.end;
            }
            continue;
        }
        let b = bytes[i];
        match b {
            b'\n' => {
                line_start = true;
                i += 1;
                continue;
            }
            b' ' | b'\t' | b'\r' => {
                i += 1;
                continue;
            }
            b'#' if line_start => {
                i = bytes[i..].iter().position(|&c| c == b'\n').map_or(bytes.len(), |e| i + e);
                continue;
            }
            b':' if bytes.get(i + 1) == Some(&b':') => {
                out.push(Token::ColonColon);
                i += 2;
            }
            _ if word_byte(b) || (b == b'@' && bytes.get(i + 1).is_some_and(|&n| word_byte(n))) => {
                let start = if b == b'@' { i + 1 } else { i };
                i = start;
                while i < bytes.len() && word_byte(bytes[i]) {
                    i += 1;
                }
                // Stop at a character boundary: word bytes above 0x7F are whole characters.
                out.push(Token::Word(&text[start..i]));
            }
            _ => {
                out.push(Token::Punct(b));
                i += 1;
            }
        }
        line_start = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn using_directives_of_test_frameworks() {
        for (text, evidence) in [
            ("using Xunit;\nclass A {}", "`using Xunit;`"),
            ("using System;\nusing NUnit.Framework;\n", "`using NUnit.Framework;`"),
            (
                "global using Microsoft.VisualStudio.TestTools.UnitTesting;",
                "`using Microsoft.VisualStudio.TestTools.UnitTesting;`",
            ),
            ("using static Xunit.Assert;", "`using Xunit.Assert;`"),
            ("using Assert = NUnit.Framework.Assert;", "`using NUnit.Framework.Assert;`"),
            ("using global::Xunit.Abstractions;", "`using Xunit.Abstractions;`"),
            ("using TUnit.Core;", "`using TUnit.Core;`"),
            ("namespace N { using Xunit; }", "`using Xunit;`"),
        ] {
            assert_eq!(test_framework_use(text).as_deref(), Some(evidence), "{text}");
        }
    }

    #[test]
    fn test_attributes_at_declarations() {
        for (text, evidence) in [
            ("class A {\n  [Fact]\n  public void F() {}\n}", "`[Fact]`"),
            ("class A { [Theory, InlineData(1)] void F(int x) {} }", "`[Theory]`"),
            ("class A { [Trait(\"a\", \"]\"), Test] void F() {} }", "`[Test]`"),
            ("[TestClass]\npublic class A {}", "`[TestClass]`"),
            ("class A { [Obsolete] [TestMethod] void F() {} }", "`[TestMethod]`"),
            ("class A { [NUnit.Framework.TestCase(1)] void F(int x) {} }", "`[NUnit.Framework.TestCase]`"),
            ("class A { [FactAttribute] void F() {} }", "`[FactAttribute]`"),
            ("#region Tests\n[TestFixture] class A {}", "`[TestFixture]`"),
            ("class A { [method: Fact] void F() {} }", "`[Fact]`"),
        ] {
            assert_eq!(test_framework_use(text).as_deref(), Some(evidence), "{text}");
        }
    }

    #[test]
    fn mentions_in_comments_strings_and_code_do_not_count() {
        for text in [
            "// using Xunit;\nclass A {}",
            "/* [Fact] */ class A {}",
            "/// <summary>Use <c>[Test]</c> on tests.</summary>\nclass A {}",
            "class A { string s = \"using Xunit;\"; string t = @\"[Fact]\"; }",
            "class A { void F() { var x = values[Test]; var y = map[Fact]; } }",
            "class A { int[] Test; void F() { Test[0] = 1; } }",
            "class TestHelpers { public void Test() {} }",
            "class A { void F() { using (Xunit()) {} using var Xunit = G(); } }",
            "class A { [MyTest] void F() {} [Other.Test] void G() {} }",
            "",
        ] {
            assert_eq!(test_framework_use(text), None, "{text}");
        }
    }

    #[test]
    fn namespaces_of_test_frameworks() {
        assert!(is_test_namespace("Xunit"));
        assert!(is_test_namespace("Xunit.Abstractions"));
        assert!(is_test_namespace("NUnit.Framework.Legacy"));
        assert!(!is_test_namespace("XunitExtensions"));
        assert!(!is_test_namespace("NUnit"));
    }
}
