//! The types of .NET APIs, as data: `transforms/knowledge/types.txt` (its header is the format).

use std::collections::HashMap;

use crate::syntax::Type;

/// What a member of an outside type gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MemberType {
    /// One of these types (overloads may differ: `Task<int>|ValueTask<int>`).
    OneOf(Vec<Type>),
    /// The member exists, but what it gives is not known (`?`).
    Unknown,
}

/// One outside type: its type parameters, bases and members.
#[derive(Clone, Debug, Default)]
struct OutsideType {
    params: Vec<String>,
    bases: Vec<Type>,
    properties: HashMap<String, MemberType>,
    methods: HashMap<String, MemberType>,
    /// `*SUFFIX()` entries, longest suffix first.
    suffixes: Vec<(String, MemberType)>,
}

/// The facts of `types.txt`, by the simple name of each type.
#[derive(Clone, Debug, Default)]
pub struct TypeFacts {
    types: HashMap<String, OutsideType>,
}

/// The most levels of bases followed (the data has no cycles; this bounds a bad extension line).
const MAX_BASES: usize = 16;

impl TypeFacts {
    /// Parses the line format; returns the facts and one message per line it could not read.
    pub fn parse(text: &str) -> (Self, Vec<String>) {
        let mut facts = TypeFacts::default();
        let mut errors = Vec::new();
        for (number, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            if let Err(message) = facts.add_line(line) {
                errors.push(format!("line {}: {message}: {line}", number + 1));
            }
        }
        for ty in facts.types.values_mut() {
            ty.suffixes.sort_by_key(|(suffix, _)| std::cmp::Reverse(suffix.len()));
        }
        (facts, errors)
    }

    fn add_line(&mut self, line: &str) -> Result<(), String> {
        if let Some(rest) = line.strip_prefix("type ") {
            let (name, bases) = match rest.split_once(':') {
                Some((name, bases)) => (name.trim(), Some(bases)),
                None => (rest.trim(), None),
            };
            let declared = Type::parse(name).ok_or("expected a type name")?;
            let bases = match bases {
                Some(list) => split_top_level(list, ',')
                    .into_iter()
                    .map(|b| Type::parse(b.trim()).ok_or_else(|| format!("bad base `{}`", b.trim())))
                    .collect::<Result<Vec<_>, _>>()?,
                None => Vec::new(),
            };
            let entry = self.types.entry(declared.name.clone()).or_default();
            entry.params = declared.args.iter().map(|a| a.name.clone()).collect();
            entry.bases.extend(bases);
            return Ok(());
        }
        let split = first_top_level_space(line).ok_or("expected a member and its type")?;
        let (member, result) = (&line[..split], &line[split..]);
        let result = result.trim();
        let member_type = if result == "?" {
            MemberType::Unknown
        } else {
            let types = split_top_level(result, '|')
                .into_iter()
                .map(|t| Type::parse(t.trim()).ok_or_else(|| format!("bad type `{}`", t.trim())))
                .collect::<Result<Vec<_>, _>>()?;
            MemberType::OneOf(types)
        };
        // `Owner<T>.Name()`: the owner's text ends at the last `.` outside angle brackets.
        let dot = last_top_level_dot(member).ok_or("expected `Type.Member`")?;
        let (owner, name) = (&member[..dot], &member[dot + 1..]);
        let owner = Type::parse(owner).ok_or("expected a type before `.`")?;
        let entry = self.types.entry(owner.name.clone()).or_default();
        if entry.params.is_empty() {
            entry.params = owner.args.iter().map(|a| a.name.clone()).collect();
        }
        match name.strip_suffix("()") {
            Some(method) => match method.strip_prefix('*') {
                Some(suffix) => entry.suffixes.push((suffix.to_owned(), member_type)),
                None => {
                    entry.methods.insert(method.to_owned(), member_type);
                }
            },
            None => {
                entry.properties.insert(name.to_owned(), member_type);
            }
        }
        Ok(())
    }

    /// Whether the knowledge base describes a type of this simple name.
    pub fn is_known(&self, name: &str) -> bool {
        self.types.contains_key(name)
    }

    /// The direct bases of `ty`, its type arguments put in place of the parameters.
    pub fn bases(&self, ty: &Type) -> Vec<Type> {
        let Some(entry) = self.types.get(&ty.name) else { return Vec::new() };
        entry.bases.iter().map(|b| b.substitute(&entry.params, &ty.args)).collect()
    }

    /// `ty` and its bases, nearest first, each once.
    pub fn family(&self, ty: &Type) -> Vec<Type> {
        let mut out = vec![ty.non_nullable()];
        let mut i = 0;
        while i < out.len() && out.len() < MAX_BASES {
            for base in self.bases(&out[i]) {
                if !out.iter().any(|o| o.name == base.name && o.args.len() == base.args.len()) {
                    out.push(base);
                }
            }
            i += 1;
        }
        out
    }

    /// What the property (or field) `name` of `ty` (or a base) gives; `None` when no entry
    /// lists it.
    pub fn property(&self, ty: &Type, name: &str) -> Option<MemberType> {
        self.find(ty, |entry| entry.properties.get(name).cloned())
    }

    /// Every property (or field) that the entries of `ty` and its bases list, nearest first, each
    /// name once, with what it gives (the type arguments put in place).
    pub fn properties(&self, ty: &Type) -> Vec<(String, MemberType)> {
        let mut out: Vec<(String, MemberType)> = Vec::new();
        for t in self.family(ty) {
            let Some(entry) = self.types.get(&t.name) else { continue };
            let mut names: Vec<&String> = entry.properties.keys().collect();
            names.sort();
            for name in names {
                if out.iter().any(|(n, _)| n == name) {
                    continue;
                }
                let found = match &entry.properties[name] {
                    MemberType::OneOf(types) => {
                        MemberType::OneOf(types.iter().map(|r| r.substitute(&entry.params, &t.args)).collect())
                    }
                    MemberType::Unknown => MemberType::Unknown,
                };
                out.push((name.clone(), found));
            }
        }
        out
    }

    /// What a call of the method `name` of `ty` (or a base) returns; `None` when no entry lists
    /// it.
    pub fn method(&self, ty: &Type, name: &str) -> Option<MemberType> {
        self.find(ty, |entry| {
            entry.methods.get(name).cloned().or_else(|| {
                entry.suffixes.iter().find(|(suffix, _)| name.ends_with(suffix.as_str())).map(|(_, t)| t.clone())
            })
        })
    }

    /// The first answer `get` gives for `ty` or one of its bases, with the type arguments of the
    /// type it was found on put in place.
    fn find(&self, ty: &Type, get: impl Fn(&OutsideType) -> Option<MemberType>) -> Option<MemberType> {
        for t in self.family(ty) {
            let Some(entry) = self.types.get(&t.name) else { continue };
            if let Some(found) = get(entry) {
                return Some(match found {
                    MemberType::OneOf(types) => {
                        MemberType::OneOf(types.iter().map(|r| r.substitute(&entry.params, &t.args)).collect())
                    }
                    MemberType::Unknown => MemberType::Unknown,
                });
            }
        }
        None
    }
}

/// `text` split at `separator` where it is outside `<…>` and `(…)`.
fn split_top_level(text: &str, separator: char) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    for (i, c) in text.char_indices() {
        match c {
            '<' | '(' => depth += 1,
            '>' | ')' => depth -= 1,
            c if c == separator && depth == 0 => {
                out.push(&text[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(&text[start..]);
    out
}

/// The offset of the first white space outside `<…>` (the end of a member's name).
fn first_top_level_space(text: &str) -> Option<usize> {
    let mut depth = 0i32;
    for (i, c) in text.char_indices() {
        match c {
            '<' => depth += 1,
            '>' => depth -= 1,
            c if c.is_whitespace() && depth == 0 => return Some(i),
            _ => {}
        }
    }
    None
}

/// The offset of the last `.` outside `<…>` (the one before the member name).
fn last_top_level_dot(text: &str) -> Option<usize> {
    let mut depth = 0i32;
    let mut found = None;
    for (i, c) in text.char_indices() {
        match c {
            '<' => depth += 1,
            '>' => depth -= 1,
            '.' if depth == 0 => found = Some(i),
            _ => {}
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin() -> TypeFacts {
        let (facts, errors) = TypeFacts::parse(include_str!("../../transforms/knowledge/types.txt"));
        assert!(errors.is_empty(), "{errors:?}");
        facts
    }

    fn shown(found: Option<MemberType>) -> String {
        match found {
            None => "none".into(),
            Some(MemberType::Unknown) => "?".into(),
            Some(MemberType::OneOf(types)) => types.iter().map(Type::to_string).collect::<Vec<_>>().join("|"),
        }
    }

    #[test]
    fn members_through_bases_with_type_arguments() {
        let facts = builtin();
        let ty = |t: &str| Type::parse(t).unwrap();
        assert_eq!(shown(facts.method(&ty("HttpClient"), "GetAsync")), "Task<HttpResponseMessage>");
        assert_eq!(shown(facts.method(&ty("HttpClient"), "SendAsync")), "Task<HttpResponseMessage>", "a base's");
        assert_eq!(shown(facts.property(&ty("HttpResponseMessage"), "Content")), "HttpContent");
        assert_eq!(shown(facts.method(&ty("FileStream"), "ReadAsync")), "Task<int>|ValueTask<int>");
        assert_eq!(shown(facts.property(&ty("Task<string>"), "Result")), "string");
        assert_eq!(shown(facts.method(&ty("DbSet<User>"), "Where")), "IQueryable<User>");
        assert_eq!(shown(facts.method(&ty("DbSet<User>"), "ToListAsync")), "Task<List<User>>");
        assert_eq!(shown(facts.method(&ty("List<int>"), "ToArray")), "int[]");
        assert_eq!(shown(facts.method(&ty("WebClient"), "DownloadStringAsync")), "void");
        assert_eq!(shown(facts.method(&ty("WebClient"), "DownloadStringTaskAsync")), "Task<?>", "the longer suffix");
        assert_eq!(shown(facts.method(&ty("Socket"), "ReceiveAsync")), "?");
        assert_eq!(shown(facts.method(&ty("HttpClient"), "Frobnicate")), "none");
        assert_eq!(shown(facts.method(&ty("Unknown"), "GetAsync")), "none");
        assert!(facts.family(&ty("SqlConnection")).iter().any(|t| t.name == "IDbConnection"));
    }

    #[test]
    fn properties_are_listed_through_bases() {
        let (facts, _) = TypeFacts::parse(
            "type Base<T>\nBase<T>.Item T\nBase<T>.Count int\ntype Derived : Base<string>\nDerived.Count long\nDerived.Name string\n",
        );
        let listed: Vec<String> = facts
            .properties(&Type::named("Derived"))
            .into_iter()
            .map(|(name, found)| format!("{name} {}", shown(Some(found))))
            .collect();
        assert_eq!(listed, ["Count long", "Name string", "Item string"], "nearest first, each name once");
        assert!(facts.properties(&Type::named("Unknown")).is_empty());
    }

    #[test]
    fn bad_lines_are_named() {
        let (_, errors) = TypeFacts::parse("type <\nHttpClient.GetAsync() Task<\nnothing\nA.B() int\n");
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(errors[0].starts_with("line 1:"));
    }
}
