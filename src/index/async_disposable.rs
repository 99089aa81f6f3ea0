//! `async-disposable.txt`: the .NET types whose disposal can be awaited, and on which target
//! frameworks, as data. The semantic layer (`Semantics::async_disposal`) puts these facts together
//! with the workspace's own declarations and the project's frameworks and packages.

use std::collections::HashMap;

use super::frameworks::Availability;
use super::Framework;
use crate::workspace::Fact;

/// What one line says of a type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AsyncDisposable {
    /// The simple type name.
    pub name: String,
    /// Where `DisposeAsync()` exists.
    pub frameworks: Availability,
    /// The frameworks as the line writes them, for messages.
    frameworks_written: String,
    /// The file must import each of these namespaces for the name to mean this type.
    pub using: Vec<String>,
    /// Not in files that import one of these: the name may mean a type declared there.
    pub not_using: Vec<String>,
    /// The package the type comes from (a part of its name) and the first major version with
    /// `DisposeAsync()`.
    pub package: Option<(String, u32)>,
    /// What `DisposeAsync()` does that `Dispose()` does not, if anything.
    pub difference: Option<String>,
    /// The type's own `DisposeAsync()` only calls `Dispose()`: derived types do the work.
    pub base_calls_dispose: bool,
}

impl AsyncDisposable {
    /// Whether every one of `target_frameworks` has `DisposeAsync()`: Known no as soon as one is
    /// known not to, Unknown when the targets are not known (none, or one that does not parse).
    pub fn on_frameworks(&self, target_frameworks: &[String]) -> Fact<bool> {
        match &self.frameworks {
            Availability::WithTheMethod => Fact::Known(true),
            Availability::Since(minimums) => {
                Fact::all(target_frameworks.iter().map(|tfm| match Framework::parse(tfm) {
                    Some(target) => Fact::Known(minimums.iter().any(|m| target.at_least(m))),
                    None => Fact::Unknown,
                }))
            }
        }
    }

    /// The first versions that have it, for messages (`netcoreapp3.0, netstandard2.1`).
    pub fn frameworks_text(&self) -> String {
        self.frameworks_written.clone()
    }
}

/// The parsed data file, by type name.
#[derive(Debug, Default)]
pub struct AsyncDisposables {
    types: HashMap<String, AsyncDisposable>,
}

impl AsyncDisposables {
    /// Parses the line format; returns the facts and one message per line it could not read.
    pub fn parse(text: &str) -> (Self, Vec<String>) {
        let mut out = AsyncDisposables::default();
        let mut errors = Vec::new();
        for (number, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            match parse_line(line) {
                Ok(entry) => {
                    out.types.insert(entry.name.clone(), entry);
                }
                Err(message) => errors.push(format!("line {}: {message}: {line}", number + 1)),
            }
        }
        (out, errors)
    }

    /// The line of the type called `name`, if there is one.
    pub fn get(&self, name: &str) -> Option<&AsyncDisposable> {
        self.types.get(name)
    }
}

fn parse_line(line: &str) -> Result<AsyncDisposable, String> {
    let (facts, difference) = match line.split_once('|') {
        Some((facts, difference)) => (facts, Some(difference.trim().to_owned()).filter(|d| !d.is_empty())),
        None => (line, None),
    };
    let fields: Vec<&str> = facts.split_whitespace().collect();
    let [name, frameworks, flags @ ..] = fields.as_slice() else {
        return Err("expected a type and its frameworks".into());
    };
    let availability = Availability::parse(frameworks).ok_or("unknown target framework")?;
    let mut entry = AsyncDisposable {
        name: (*name).to_owned(),
        frameworks: availability,
        frameworks_written: frameworks.replace(',', ", "),
        using: Vec::new(),
        not_using: Vec::new(),
        package: None,
        difference,
        base_calls_dispose: false,
    };
    let mut version = None;
    for flag in flags {
        let list = |v: &str| v.split(',').filter(|s| !s.is_empty()).map(str::to_owned).collect::<Vec<_>>();
        match flag.split_once('=') {
            None if *flag == "base-calls-dispose" => entry.base_calls_dispose = true,
            Some(("using", ns)) => entry.using.extend(list(ns)),
            Some(("not-using", ns)) => entry.not_using.extend(list(ns)),
            Some(("package", part)) if !part.is_empty() => entry.package = Some((part.to_owned(), 0)),
            Some(("version", v)) => version = Some(v.parse::<u32>().map_err(|_| format!("bad version `{v}`"))?),
            _ => return Err(format!("unknown flag `{flag}`")),
        }
    }
    match (&mut entry.package, version) {
        (Some((_, minimum)), Some(v)) => *minimum = v,
        (None, Some(_)) => return Err("`version=` needs `package=`".into()),
        _ => {}
    }
    Ok(entry)
}

/// The major version a `PackageReference` names: `8.0.8`, `[8.0.8]`, `3.1.*`, `[3.0,4.0)` give 8,
/// 8, 3 and 3; a property (`$(EfVersion)`) or anything else gives `None`.
pub fn major_version(version: &str) -> Option<u32> {
    let digits: String =
        version.trim().trim_start_matches(['[', '(']).chars().take_while(|c| c.is_ascii_digit()).collect();
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin() -> AsyncDisposables {
        let (kb, errors) = AsyncDisposables::parse(include_str!("../../transforms/knowledge/async-disposable.txt"));
        assert!(errors.is_empty(), "{errors:?}");
        kb
    }

    fn tfms(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn streams_have_dispose_async_from_core_3_and_standard_2_1() {
        let kb = builtin();
        let stream = kb.get("Stream").expect("Stream");
        assert_eq!(stream.on_frameworks(&tfms(&["net8.0"])), Fact::Known(true));
        assert_eq!(stream.on_frameworks(&tfms(&["netstandard2.1", "netcoreapp3.1"])), Fact::Known(true));
        assert_eq!(stream.on_frameworks(&tfms(&["netstandard2.0", "net8.0"])), Fact::Known(false));
        assert_eq!(stream.on_frameworks(&tfms(&["net48"])), Fact::Known(false));
        assert_eq!(stream.on_frameworks(&tfms(&[])), Fact::Unknown);
        assert_eq!(stream.on_frameworks(&tfms(&["$(Frameworks)"])), Fact::Unknown);
        assert_eq!(stream.frameworks_text(), "netcoreapp3.0, netstandard2.1");
        assert!(kb.get("StreamReader").is_none() && kb.get("TextReader").is_none(), "readers have no DisposeAsync");
    }

    #[test]
    fn flags_and_differences_are_read() {
        let kb = builtin();
        let timer = kb.get("Timer").expect("Timer");
        assert_eq!(timer.using, ["System.Threading"]);
        assert_eq!(timer.not_using, ["System.Timers", "System.Windows.Forms"]);
        assert!(timer.difference.as_deref().is_some_and(|d| d.starts_with("waits for timer callbacks")));
        let context = kb.get("DbContext").expect("DbContext");
        assert_eq!(context.package, Some(("EntityFrameworkCore".to_owned(), 3)));
        assert_eq!(context.on_frameworks(&tfms(&[])), Fact::Known(true), "wherever EF Core 3 runs");
        assert_eq!(kb.get("Stream").and_then(|s| s.difference.clone()), None);
        assert!(kb.get("Stream").is_some_and(|s| s.base_calls_dispose) && !context.base_calls_dispose);
    }

    #[test]
    fn bad_lines_are_named() {
        let (_, errors) = AsyncDisposables::parse(
            "Stream\nStream win95\nStream all bogus\nX all version=3\nY all package=P version=x\n",
        );
        assert_eq!(errors.len(), 5, "{errors:?}");
        assert!(errors[2].starts_with("line 3: unknown flag `bogus`"), "{errors:?}");
    }

    #[test]
    fn major_versions_of_package_references() {
        for (text, expected) in [
            ("8.0.8", Some(8)),
            ("[8.0.8]", Some(8)),
            ("3.1.*", Some(3)),
            ("[3.0,4.0)", Some(3)),
            ("10.0.0-preview.1", Some(10)),
            ("$(EfVersion)", None),
            ("", None),
        ] {
            assert_eq!(major_version(text), expected, "{text:?}");
        }
    }
}
