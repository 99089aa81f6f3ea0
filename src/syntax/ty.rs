//! A C# type as written: a simple name and its type arguments, read from text.
//!
//! Names are simple (`Task` for `System.Threading.Tasks.Task`, `global::Task` or `Task`): without a
//! compiler asyncfix cannot tell two types of the same simple name apart, and every answer that
//! depends on it says so (a workspace type of that name wins over a framework one).

use std::fmt;

/// A type: `Task<List<int>>` is `Task` with one argument, `List` with `int`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Type {
    /// The simple name (`Task`, `int`, `string`); `[]` for an array, `()` for a tuple, `?` for a
    /// type argument that is not known (`Task<?>` in the knowledge base: a task whose result is
    /// not stated).
    pub name: String,
    /// The type arguments in order (an array's element type, a tuple's element types).
    pub args: Vec<Type>,
    /// Written with `?` (`string?`, `int?`).
    pub nullable: bool,
}

impl Type {
    /// A type without arguments.
    pub fn named(name: &str) -> Self {
        Type { name: name.to_owned(), args: Vec::new(), nullable: false }
    }

    /// A generic type.
    pub fn generic(name: &str, args: Vec<Type>) -> Self {
        Type { name: name.to_owned(), args, nullable: false }
    }

    /// The type a type argument that is not known stands for.
    pub fn unknown() -> Self {
        Type::named("?")
    }

    /// Whether this is the placeholder of a type argument that is not known.
    pub fn is_unknown(&self) -> bool {
        self.name == "?"
    }

    /// Reads a type as written (`System.Threading.Tasks.Task<int>`, `string?`, `int[]`,
    /// `(int, string)`, `global::Foo.Bar`, `ref T`). `None` for text that is not a type
    /// (`var`, an empty string, unbalanced brackets).
    pub fn parse(text: &str) -> Option<Type> {
        let mut parser = Parser { text: text.as_bytes(), at: 0 };
        let ty = parser.ty()?;
        parser.spaces();
        (parser.at == parser.text.len() && ty.name != "var").then_some(ty)
    }

    /// The same type with the `?` of a nullable annotation dropped.
    pub fn non_nullable(&self) -> Type {
        Type { nullable: false, ..self.clone() }
    }

    /// The type argument `i`, when written.
    pub fn arg(&self, i: usize) -> Option<&Type> {
        self.args.get(i)
    }

    /// Whether this is `void`.
    pub fn is_void(&self) -> bool {
        self.name == "void"
    }

    /// Whether this type, or one of its arguments, is one of `names` (type parameters, say).
    pub fn mentions(&self, names: &[String]) -> bool {
        names.contains(&self.name) || self.args.iter().any(|a| a.mentions(names))
    }

    /// This type with each of `params` replaced by the argument at its position in `args` (`?`
    /// where that argument is not given).
    pub fn substitute(&self, params: &[String], args: &[Type]) -> Type {
        if self.args.is_empty() {
            if let Some(i) = params.iter().position(|p| *p == self.name) {
                let mut arg = args.get(i).cloned().unwrap_or_else(Type::unknown);
                arg.nullable |= self.nullable;
                return arg;
            }
        }
        Type {
            name: self.name.clone(),
            args: self.args.iter().map(|a| a.substitute(params, args)).collect(),
            nullable: self.nullable,
        }
    }
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name.as_str() {
            "[]" => write!(f, "{}[]", self.args.first().map_or_else(|| "?".to_owned(), Type::to_string))?,
            "()" => {
                let items: Vec<String> = self.args.iter().map(Type::to_string).collect();
                write!(f, "({})", items.join(", "))?;
            }
            _ => {
                f.write_str(&self.name)?;
                if !self.args.is_empty() {
                    let items: Vec<String> = self.args.iter().map(Type::to_string).collect();
                    write!(f, "<{}>", items.join(", "))?;
                }
            }
        }
        if self.nullable {
            f.write_str("?")?;
        }
        Ok(())
    }
}

/// A small recursive-descent reader of type syntax. Depth is bounded by the text, which is at most
/// a declaration's type (a few hundred bytes): nesting deeper than [`MAX_DEPTH`] is no type.
struct Parser<'a> {
    text: &'a [u8],
    at: usize,
}

const MAX_DEPTH: usize = 32;

impl Parser<'_> {
    fn spaces(&mut self) {
        while self.at < self.text.len() && self.text[self.at].is_ascii_whitespace() {
            self.at += 1;
        }
    }

    fn eat(&mut self, token: &str) -> bool {
        self.spaces();
        if self.text[self.at..].starts_with(token.as_bytes()) {
            self.at += token.len();
            true
        } else {
            false
        }
    }

    fn identifier(&mut self) -> Option<&str> {
        self.spaces();
        let start = self.at;
        if self.at < self.text.len() && self.text[self.at] == b'@' {
            self.at += 1;
        }
        let body = self.at;
        while self.at < self.text.len() && crate::syntax::is_identifier_byte(self.text[self.at]) {
            self.at += 1;
        }
        if self.at == body || self.text[body].is_ascii_digit() {
            self.at = start;
            return None;
        }
        std::str::from_utf8(&self.text[body..self.at]).ok()
    }

    fn ty(&mut self) -> Option<Type> {
        self.ty_at(0)
    }

    fn ty_at(&mut self, depth: usize) -> Option<Type> {
        if depth > MAX_DEPTH {
            return None;
        }
        // `ref T` and `ref readonly T` (a ref return) name `T`.
        let mut base = if self.eat("(") {
            let mut items = vec![self.tuple_element(depth + 1)?];
            while self.eat(",") {
                items.push(self.tuple_element(depth + 1)?);
            }
            if !self.eat(")") || items.len() < 2 {
                return None;
            }
            Type::generic("()", items)
        } else {
            let mut name = self.identifier()?.to_owned();
            if matches!(name.as_str(), "ref" | "scoped") {
                self.eat("readonly");
                return self.ty_at(depth + 1);
            }
            let mut args = Vec::new();
            loop {
                if self.eat("<") {
                    args = vec![self.argument(depth + 1)?];
                    while self.eat(",") {
                        args.push(self.argument(depth + 1)?);
                    }
                    if !self.eat(">") {
                        return None;
                    }
                }
                // `A.B`, `global::A`: only the last name counts (nested and qualified alike).
                if self.eat("::") || self.eat(".") {
                    name = self.identifier()?.to_owned();
                    args.clear();
                    continue;
                }
                break;
            }
            Type { name, args, nullable: false }
        };
        loop {
            if self.eat("?") {
                base.nullable = true;
            } else if self.eat("[") {
                while self.eat(",") {}
                if !self.eat("]") {
                    return None;
                }
                base = Type::generic("[]", vec![base]);
            } else if self.eat("*") {
                base = Type::generic("*", vec![base]);
            } else {
                return Some(base);
            }
        }
    }

    /// A type argument: a type, or an omitted one (`typeof(List<>)`), or `?` (knowledge base).
    fn argument(&mut self, depth: usize) -> Option<Type> {
        self.spaces();
        if self.at < self.text.len() && matches!(self.text[self.at], b',' | b'>') {
            return Some(Type::unknown());
        }
        if self.eat("?") {
            return Some(Type::unknown());
        }
        self.ty_at(depth)
    }

    /// A tuple element: a type, optionally followed by a name.
    fn tuple_element(&mut self, depth: usize) -> Option<Type> {
        let ty = self.ty_at(depth)?;
        let before = self.at;
        if self.identifier().is_none() {
            self.at = before;
        }
        Some(ty)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_read_from_text() {
        let table = [
            ("Task", "Task"),
            ("System.Threading.Tasks.Task<int>", "Task<int>"),
            ("global::System.Collections.Generic.List<Dictionary<string, int?>>", "List<Dictionary<string, int?>>"),
            ("string?", "string?"),
            ("int[]", "int[]"),
            ("byte[,][]", "byte[][]"),
            ("(int Count, string Name)", "(int, string)"),
            ("Task<(int, string)>", "Task<(int, string)>"),
            ("ref readonly Span<byte>", "Span<byte>"),
            ("Outer<int>.Inner", "Inner"),
            ("Task<?>", "Task<?>"),
            ("IAsyncEnumerable<T>", "IAsyncEnumerable<T>"),
            ("@class", "class"),
        ];
        for (text, shown) in table {
            assert_eq!(Type::parse(text).map(|t| t.to_string()).as_deref(), Some(shown), "{text}");
        }
        for not_a_type in ["", "var", "Task<", "List<int>>", "(int)", "1abc", "a b"] {
            assert_eq!(Type::parse(not_a_type), None, "{not_a_type}");
        }
    }

    #[test]
    fn deep_nesting_is_no_type() {
        let deep = format!("{}int{}", "List<".repeat(100), ">".repeat(100));
        assert_eq!(Type::parse(&deep), None);
        let fine = format!("{}int{}", "List<".repeat(10), ">".repeat(10));
        assert!(Type::parse(&fine).is_some());
    }
}
