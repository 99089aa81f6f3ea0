//! Property expansion: `$(Name)`, the string methods MSBuild projects use on it
//! (`$(MSBuildProjectName.EndsWith('.Tests'))`), and a few static property functions
//! (`$([MSBuild]::GetPathOfFileAbove('Directory.Build.props', '$(MSBuildThisFileDirectory)../'))`).
//!
//! An expansion is `None` when any part of it is unknown: a property asyncfix cannot know, an
//! item or metadata reference (`@(…)`, `%(…)`), or a function it does not evaluate. Unknown is
//! never replaced by a guess.

use std::path::{Path, PathBuf};

use crate::index::{Framework, FrameworkFamily};

/// Where an expansion looks up properties.
pub trait Properties {
    /// The value of property `name` (any case): `Some("")` for a property nobody defines, `None`
    /// when its value is unknown.
    fn property(&self, name: &str) -> Option<String>;
}

/// Expands every `$(…)` of `text` and unescapes `%XX`; `None` when any part is unknown.
pub fn expand(text: &str, props: &dyn Properties) -> Option<String> {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(['$', '@', '%']) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let sigil = tail.as_bytes()[0];
        if tail.as_bytes().get(1) == Some(&b'(') {
            let end = matching_paren(tail, 1)?;
            if sigil != b'$' {
                // Items and metadata are not evaluated here.
                return None;
            }
            out.push_str(&property_expression(tail[2..end].trim(), props)?);
            rest = &tail[end + 1..];
        } else if sigil == b'%' && tail.len() >= 3 && tail.is_char_boundary(3) {
            match u8::from_str_radix(&tail[1..3], 16) {
                Ok(byte) if byte.is_ascii() => {
                    out.push(byte as char);
                    rest = &tail[3..];
                }
                _ => {
                    out.push('%');
                    rest = &tail[1..];
                }
            }
        } else {
            out.push(sigil as char);
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    Some(out)
}

/// The index of the `)` that closes the `(` at `open`, skipping quoted text and nested
/// parentheses; `None` when it is not closed.
pub fn matching_paren(text: &str, open: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    for (i, &b) in bytes.iter().enumerate().skip(open) {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None => match b {
                b'\'' | b'"' | b'`' => quote = Some(b),
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(i);
                    }
                }
                _ => {}
            },
        }
    }
    None
}

/// What is inside `$( )`: `Name`, `Name.Method(args)…`, or `[Type]::Method(args)…`.
fn property_expression(inner: &str, props: &dyn Properties) -> Option<String> {
    let (mut value, mut rest) = if let Some(after) = inner.strip_prefix('[') {
        let close = after.find(']')?;
        let type_name = &after[..close];
        let after = after[close + 1..].strip_prefix("::")?;
        let (name, args, rest) = call(after, props)?;
        (static_function(type_name, &name, &args?, props)?, rest)
    } else {
        let end = inner.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-')).unwrap_or(inner.len());
        if end == 0 {
            return None;
        }
        (props.property(&inner[..end])?, &inner[end..])
    };
    while !rest.trim().is_empty() {
        let after = rest.trim_start().strip_prefix('.')?;
        let (name, args, tail) = call(after, props)?;
        value = string_method(&value, &name, &args?)?;
        rest = tail;
    }
    Some(value)
}

/// A method name and its expanded arguments (`None` inside when one is unknown; no parentheses is
/// no arguments, as for `Length`), and the text after it.
type Call<'a> = (String, Option<Vec<String>>, &'a str);

fn call<'a>(text: &'a str, props: &dyn Properties) -> Option<Call<'a>> {
    let text = text.trim_start();
    let end = text.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(text.len());
    if end == 0 {
        return None;
    }
    let name = text[..end].to_owned();
    let after = text[end..].trim_start();
    if !after.starts_with('(') {
        return Some((name, Some(Vec::new()), after));
    }
    let close = matching_paren(after, 0)?;
    let args = split_arguments(&after[1..close]).into_iter().map(|a| argument(a, props)).collect();
    Some((name, args, &after[close + 1..]))
}

/// Splits an argument list at the commas outside quotes and parentheses.
fn split_arguments(text: &str) -> Vec<&str> {
    if text.trim().is_empty() {
        return Vec::new();
    }
    let mut parts = Vec::new();
    let (mut depth, mut quote, mut start) = (0usize, None, 0);
    for (i, b) in text.bytes().enumerate() {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None => match b {
                b'\'' | b'"' | b'`' => quote = Some(b),
                b'(' => depth += 1,
                b')' => depth = depth.saturating_sub(1),
                b',' if depth == 0 => {
                    parts.push(&text[start..i]);
                    start = i + 1;
                }
                _ => {}
            },
        }
    }
    parts.push(&text[start..]);
    parts
}

/// One argument: quoted text is expanded, anything else is expanded as it stands.
fn argument(text: &str, props: &dyn Properties) -> Option<String> {
    let text = text.trim();
    let quoted = text.len() >= 2
        && matches!(text.as_bytes()[0], b'\'' | b'"' | b'`')
        && text.as_bytes()[text.len() - 1] == text.as_bytes()[0];
    expand(if quoted { &text[1..text.len() - 1] } else { text }, props)
}

fn boolean(value: bool) -> String {
    if value { "True" } else { "False" }.to_owned()
}

/// Whether a `StringComparison` argument asks to ignore case.
fn ignores_case(comparison: Option<&String>) -> Option<bool> {
    match comparison.map(|c| c.trim().trim_start_matches("StringComparison.").to_ascii_lowercase()) {
        None => Some(false),
        Some(c) if c.ends_with("ignorecase") => Some(true),
        Some(c) if matches!(c.as_str(), "ordinal" | "currentculture" | "invariantculture") => Some(false),
        Some(_) => None,
    }
}

/// The string methods of `System.String` that project files call on properties. .NET compares
/// case-sensitively unless a `StringComparison` says otherwise, and so does this.
fn string_method(value: &str, name: &str, args: &[String]) -> Option<String> {
    let with_case = |f: fn(&str, &str) -> bool| -> Option<String> {
        let needle = args.first()?;
        if args.len() > 2 {
            return None;
        }
        Some(boolean(if ignores_case(args.get(1))? {
            f(&value.to_lowercase(), &needle.to_lowercase())
        } else {
            f(value, needle)
        }))
    };
    let no_args = args.is_empty();
    match name {
        "EndsWith" => with_case(|v, n| v.ends_with(n)),
        "StartsWith" => with_case(|v, n| v.starts_with(n)),
        "Contains" => with_case(|v, n| v.contains(n)),
        "Equals" => with_case(|v, n| v == n),
        "ToLower" | "ToLowerInvariant" if no_args => Some(value.to_lowercase()),
        "ToUpper" | "ToUpperInvariant" if no_args => Some(value.to_uppercase()),
        "Trim" if no_args => Some(value.trim().to_owned()),
        "TrimStart" if no_args => Some(value.trim_start().to_owned()),
        "TrimEnd" if no_args => Some(value.trim_end().to_owned()),
        "Length" if no_args => Some(value.chars().count().to_string()),
        "Replace" if args.len() == 2 && !args[0].is_empty() => Some(value.replace(&args[0], &args[1])),
        "Substring" if !args.is_empty() && args.len() <= 2 => {
            let chars: Vec<char> = value.chars().collect();
            let start: usize = args[0].trim().parse().ok()?;
            let len = match args.get(1) {
                Some(n) => n.trim().parse().ok()?,
                None => chars.len().checked_sub(start)?,
            };
            Some(chars.get(start..start.checked_add(len)?)?.iter().collect())
        }
        _ => None,
    }
}

/// The static property functions asyncfix evaluates; any other is unknown.
fn static_function(type_name: &str, name: &str, args: &[String], props: &dyn Properties) -> Option<String> {
    let type_name = type_name.trim().trim_start_matches("System.").to_ascii_lowercase();
    let arg = |i: usize| args.get(i).map(String::as_str);
    match (type_name.as_str(), name) {
        ("msbuild", "GetPathOfFileAbove") if !args.is_empty() && args.len() <= 2 => {
            let start = match arg(1) {
                Some(start) => start.to_owned(),
                None => props.property("MSBuildThisFileDirectory")?,
            };
            let name = &args[0];
            let found = file_above(Path::new(&unix_path(&start)), name).map(|dir| dir.join(name));
            Some(found.map(|p| p.to_string_lossy().into_owned()).unwrap_or_default())
        }
        ("msbuild", "GetDirectoryNameOfFileAbove") if args.len() == 2 => {
            let found = file_above(Path::new(&unix_path(&args[0])), &args[1]);
            Some(found.map(|dir| dir.to_string_lossy().into_owned()).unwrap_or_default())
        }
        ("msbuild", "NormalizePath") => Some(normalize(&join(args)?)),
        ("msbuild", "NormalizeDirectory") => Some(with_trailing_slash(normalize(&join(args)?))),
        ("msbuild", "EnsureTrailingSlash") if args.len() == 1 => Some(with_trailing_slash(args[0].clone())),
        ("msbuild", "ValueOrDefault") if args.len() == 2 => {
            Some(if args[0].is_empty() { args[1].clone() } else { args[0].clone() })
        }
        ("io.path", "Combine") => join(args),
        ("string", "IsNullOrEmpty") if args.len() == 1 => Some(boolean(args[0].is_empty())),
        ("string", "IsNullOrWhiteSpace") if args.len() == 1 => Some(boolean(args[0].trim().is_empty())),
        ("string", "Copy") if args.len() == 1 => Some(args[0].clone()),
        ("msbuild", "GetTargetFrameworkIdentifier") if args.len() == 1 => {
            Some(framework_identifier(&Framework::parse(&args[0])?).to_owned())
        }
        ("msbuild", "GetTargetFrameworkVersion") if args.len() == 1 => {
            Some(framework_version(&Framework::parse(&args[0])?))
        }
        ("msbuild", "IsTargetFrameworkCompatible") if args.len() == 2 => {
            compatible(&Framework::parse(&args[0])?, &Framework::parse(&args[1])?).map(boolean)
        }
        _ => None,
    }
}

/// `\` separators as `/`: MSBuild on Unix reads project paths written on Windows that way.
pub fn unix_path(text: &str) -> String {
    text.replace('\\', "/")
}

/// The nearest folder from `start` up that holds a file called `name`.
fn file_above(start: &Path, name: &str) -> Option<PathBuf> {
    let start = std::path::absolute(start).ok()?;
    let start = PathBuf::from(normalize(&start.to_string_lossy()));
    start.ancestors().find(|dir| dir.join(name).is_file()).map(Path::to_path_buf)
}

fn join(parts: &[String]) -> Option<String> {
    let mut path = PathBuf::new();
    for part in parts {
        path.push(unix_path(part));
    }
    Some(path.to_string_lossy().into_owned())
}

/// `path` made absolute (against the current directory) with `.` and `..` resolved lexically.
pub fn normalize(path: &str) -> String {
    let path = unix_path(path);
    let absolute = std::path::absolute(Path::new(&path)).unwrap_or_else(|_| PathBuf::from(&path));
    let mut out = PathBuf::new();
    for component in absolute.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out.to_string_lossy().into_owned()
}

fn with_trailing_slash(mut path: String) -> String {
    if !path.ends_with('/') && !path.ends_with('\\') {
        path.push('/');
    }
    path
}

/// The `TargetFrameworkIdentifier` MSBuild gives a framework.
pub fn framework_identifier(framework: &Framework) -> &'static str {
    match framework.family {
        FrameworkFamily::Framework => ".NETFramework",
        FrameworkFamily::Core => ".NETCoreApp",
        FrameworkFamily::Standard => ".NETStandard",
    }
}

/// The version MSBuild gives a framework: `8.0`, `4.7.2`, `2.0`.
pub fn framework_version(framework: &Framework) -> String {
    match framework.version {
        [major, minor, 0] => format!("{major}.{minor}"),
        [major, minor, patch] => format!("{major}.{minor}.{patch}"),
    }
}

/// Whether a project targeting `target` may reference one built for `candidate`; `None` for the
/// .NET Standard 1.x cases the table leaves out.
fn compatible(target: &Framework, candidate: &Framework) -> Option<bool> {
    use FrameworkFamily::{Core, Framework as Fx, Standard};
    let version = |f: &Framework| (f.version[0], f.version[1], f.version[2]);
    let (t, c) = (version(target), version(candidate));
    match (target.family, candidate.family) {
        (a, b) if a == b => Some(t >= c),
        (Core, Standard) if t >= (3, 0, 0) => Some(c <= (2, 1, 0)),
        (Core, Standard) if t >= (2, 0, 0) => Some(c <= (2, 0, 0)),
        (Fx, Standard) if c >= (2, 1, 0) => Some(false),
        (Fx, Standard) if t >= (4, 6, 1) => Some(true),
        (Core | Fx, Standard) => None,
        _ => Some(false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    struct Map(HashMap<&'static str, Option<&'static str>>);

    impl Properties for Map {
        fn property(&self, name: &str) -> Option<String> {
            match self.0.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)) {
                Some((_, v)) => v.map(str::to_owned),
                None => Some(String::new()),
            }
        }
    }

    fn props() -> Map {
        Map(HashMap::from([
            ("MSBuildProjectName", Some("Foo.Test")),
            ("Configuration", None),
            ("Suffix", Some(".Test")),
        ]))
    }

    fn ex(text: &str) -> Option<String> {
        expand(text, &props())
    }

    #[test]
    fn properties_and_string_methods() {
        assert_eq!(ex("$(MSBuildProjectName)").as_deref(), Some("Foo.Test"));
        assert_eq!(ex("a;$(Undefined);b").as_deref(), Some("a;;b"));
        assert_eq!(ex("$(MSBuildProjectName.EndsWith('.Test'))").as_deref(), Some("True"));
        assert_eq!(ex("$(MSBuildProjectName.EndsWith('.test'))").as_deref(), Some("False"), "case-sensitive as .NET");
        assert_eq!(
            ex("$(MSBuildProjectName.EndsWith('.test', StringComparison.OrdinalIgnoreCase))").as_deref(),
            Some("True")
        );
        assert_eq!(ex("$(MSBuildProjectName.EndsWith($(Suffix)))").as_deref(), Some("True"));
        assert_eq!(ex("$(MSBuildProjectName.ToLower().Contains('test'))").as_deref(), Some("True"));
        assert_eq!(ex("$(MSBuildProjectName.StartsWith(\"Foo\"))").as_deref(), Some("True"));
        assert_eq!(ex("$(MSBuildProjectName.Substring(0, 3))").as_deref(), Some("Foo"));
        assert_eq!(ex("$(MSBuildProjectName.Length)").as_deref(), Some("8"));
        assert_eq!(ex("$(MSBuildProjectName.Replace('.Test', ''))").as_deref(), Some("Foo"));
        assert_eq!(ex("a%3Bb").as_deref(), Some("a;b"));
    }

    #[test]
    fn unknown_parts_make_the_whole_expansion_unknown() {
        for unknown in [
            "$(Configuration)",
            "x$(Configuration)y",
            "$(MSBuildProjectName.Frobnicate())",
            "$([System.DateTime]::Now)",
            "@(Compile)",
            "%(Identity)",
            "$(MSBuildProjectName",
            "$(MSBuildProjectName.Substring(20))",
        ] {
            assert_eq!(ex(unknown), None, "{unknown}");
        }
    }

    #[test]
    fn static_functions_on_frameworks_and_paths() {
        assert_eq!(ex("$([MSBuild]::GetTargetFrameworkIdentifier('net8.0'))").as_deref(), Some(".NETCoreApp"));
        assert_eq!(ex("$([MSBuild]::GetTargetFrameworkVersion('net472'))").as_deref(), Some("4.7.2"));
        assert_eq!(ex("$([MSBuild]::IsTargetFrameworkCompatible('net8.0', 'net6.0'))").as_deref(), Some("True"));
        assert_eq!(ex("$([MSBuild]::IsTargetFrameworkCompatible('net472', 'net6.0'))").as_deref(), Some("False"));
        assert_eq!(
            ex("$([MSBuild]::IsTargetFrameworkCompatible('net6.0', 'netstandard2.1'))").as_deref(),
            Some("True")
        );
        assert_eq!(ex("$([System.String]::IsNullOrEmpty('$(Undefined)'))").as_deref(), Some("True"));
        assert_eq!(ex("$([MSBuild]::NormalizePath('/a/b', '..\\c'))").as_deref(), Some("/a/c"));
        assert_eq!(ex("$([MSBuild]::EnsureTrailingSlash('/a'))").as_deref(), Some("/a/"));

        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("a/b")).unwrap();
        std::fs::write(dir.path().join("Directory.Build.props"), "<Project />").unwrap();
        let root = dir.path().to_string_lossy().into_owned();
        let above = format!("$([MSBuild]::GetPathOfFileAbove('Directory.Build.props', '{root}/a/b'))");
        assert_eq!(ex(&above), Some(format!("{root}/Directory.Build.props")));
        let none = format!("$([MSBuild]::GetPathOfFileAbove('Nothing.props', '{root}/a'))");
        assert_eq!(ex(&none).as_deref(), Some(""));
        let dir_above = format!("$([MSBuild]::GetDirectoryNameOfFileAbove('{root}/a/b', 'Directory.Build.props'))");
        assert_eq!(ex(&dir_above), Some(root));
    }
}
