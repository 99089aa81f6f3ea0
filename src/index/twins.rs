//! The async-twin knowledge base: synchronous .NET APIs that have an async twin, the type
//! families they belong to, and what some calls give. The data and its line format are in
//! `transforms/knowledge/async-twins.txt`.

use std::collections::{HashMap, HashSet};

/// One `twin` line: a synchronous method and the async method that replaces it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Twin {
    /// The type that declares the synchronous method (`Stream`, `File`).
    pub owner: String,
    /// The synchronous method (`Read`).
    pub method: String,
    /// The async method (`ReadAsync`).
    pub twin: String,
    /// The type the twin is called on when the receiver changes (`Task` for `Thread.Sleep`).
    pub twin_owner: Option<String>,
    /// A static method, called as `Owner.Method(…)`.
    pub is_static: bool,
    /// The method name alone is evidence enough.
    pub by_name: bool,
    /// Only in files that import this namespace.
    pub using: Option<String>,
    /// Only when every target framework of the project is one of these.
    pub frameworks: Option<Vec<FrameworkRange>>,
    /// Allowed argument counts, inclusive.
    pub args: (usize, usize),
    /// The last argument must be known to be text.
    pub text_arg: bool,
    /// Named arguments the twin has no parameter for.
    pub no_arg: Vec<String>,
    /// The twin may behave differently.
    pub behaves_differently: bool,
    /// The first argument, when given, is a timeout: a zero one returns at once and does not
    /// block (`Thread.Sleep(0)`, `semaphore.Wait(0)`).
    pub timeout: bool,
    /// The twin returns a resource that is disposed asynchronously rather than a task
    /// (`CreateScope` → `CreateAsyncScope`): the call is replaced only as the resource of a
    /// `using`, which becomes `await using`.
    pub disposed: bool,
}

/// `netcoreapp2.0+`: a framework family from a version on (`exact` for a single version).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrameworkRange {
    family: Family,
    version: Vec<u32>,
    or_later: bool,
}

/// The families of target framework monikers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    /// `net5.0` and later (`net8.0-windows`).
    Net,
    /// `netcoreapp1.0` … `netcoreapp3.1`.
    NetCoreApp,
    /// `netstandard1.0` … `netstandard2.1`.
    NetStandard,
    /// .NET Framework: `net45`, `net472`, `net48`.
    NetFramework,
}

/// A target framework moniker as family and version, `None` when it is not one asyncfix knows
/// (`$(Frameworks)`, `uap10.0`, `xamarinios10`).
fn parse_tfm(tfm: &str) -> Option<(Family, Vec<u32>)> {
    let tfm = tfm.trim().to_ascii_lowercase();
    let tfm = tfm.split('-').next()?;
    let version = |v: &str| -> Option<Vec<u32>> {
        let parts: Option<Vec<u32>> = v.split('.').map(|p| p.parse().ok()).collect();
        parts.filter(|p| !p.is_empty())
    };
    if let Some(v) = tfm.strip_prefix("netstandard") {
        return Some((Family::NetStandard, version(v)?));
    }
    if let Some(v) = tfm.strip_prefix("netcoreapp") {
        return Some((Family::NetCoreApp, version(v)?));
    }
    let v = tfm.strip_prefix("net")?;
    if !v.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    if v.contains('.') {
        let parsed = version(v)?;
        // `net4.7.2` is not written, but `net5.0` and later are .NET (Core).
        return Some(if parsed[0] >= 5 { (Family::Net, parsed) } else { (Family::NetFramework, parsed) });
    }
    // `net472` → 4.7.2; `net5` (without a dot) is read as .NET 5.
    let digits: Option<Vec<u32>> = v.chars().map(|c| c.to_digit(10)).collect();
    let digits = digits?;
    if digits[0] >= 5 {
        return Some((Family::Net, digits));
    }
    Some((Family::NetFramework, digits))
}

impl FrameworkRange {
    fn parse(text: &str) -> Option<Self> {
        let (text, or_later) = match text.strip_suffix('+') {
            Some(t) => (t, true),
            None => (text, false),
        };
        let (family, version) = parse_tfm(text)?;
        Some(FrameworkRange { family, version, or_later })
    }

    fn contains(&self, family: Family, version: &[u32]) -> bool {
        let cmp = compare_versions(version, &self.version);
        family == self.family && (cmp == std::cmp::Ordering::Equal || (self.or_later && cmp.is_gt()))
    }
}

impl std::fmt::Display for FrameworkRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let version: Vec<String> = self.version.iter().map(u32::to_string).collect();
        let (name, version) = match self.family {
            Family::Net => (".NET ", version.join(".")),
            Family::NetCoreApp => (".NET Core ", version.join(".")),
            Family::NetStandard => (".NET Standard ", version.join(".")),
            Family::NetFramework => (".NET Framework ", version.join(".")),
        };
        write!(f, "{name}{version}{}", if self.or_later { "+" } else { "" })
    }
}

fn compare_versions(a: &[u32], b: &[u32]) -> std::cmp::Ordering {
    let n = a.len().max(b.len());
    (0..n)
        .map(|i| a.get(i).unwrap_or(&0).cmp(b.get(i).unwrap_or(&0)))
        .find(|o| o.is_ne())
        .unwrap_or(std::cmp::Ordering::Equal)
}

/// Whether a twin exists on the project's target frameworks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Availability {
    /// On every target framework.
    Everywhere,
    /// Not on at least one of them.
    Missing,
    /// The project's target frameworks are not known.
    Unknown,
}

impl Twin {
    /// Whether the twin exists on every one of `frameworks` (the project's target frameworks).
    pub fn availability(&self, frameworks: &[String]) -> Availability {
        let Some(ranges) = &self.frameworks else { return Availability::Everywhere };
        if frameworks.is_empty() {
            return Availability::Unknown;
        }
        let mut unknown = false;
        for tfm in frameworks {
            match parse_tfm(tfm) {
                Some((family, version)) => {
                    if !ranges.iter().any(|r| r.contains(family, &version)) {
                        return Availability::Missing;
                    }
                }
                None => unknown = true,
            }
        }
        if unknown {
            Availability::Unknown
        } else {
            Availability::Everywhere
        }
    }

    /// The target frameworks that have the twin, for messages (`.NET Core 2.0+, .NET 5.0+`).
    pub fn frameworks_text(&self) -> String {
        self.frameworks.iter().flatten().map(|r| r.to_string()).collect::<Vec<_>>().join(", ")
    }

    /// Whether `count` arguments are accepted.
    pub fn accepts_args(&self, count: usize) -> bool {
        (self.args.0..=self.args.1).contains(&count)
    }
}

/// The parsed knowledge base.
#[derive(Debug, Default)]
pub struct AsyncTwins {
    twins: HashMap<String, Vec<Twin>>,
    memory: HashSet<String>,
}

impl AsyncTwins {
    /// Parses the line format; returns the facts and one message per line it could not read.
    pub fn parse(text: &str) -> (Self, Vec<String>) {
        let mut kb = AsyncTwins::default();
        let mut errors = Vec::new();
        for (number, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            if let Err(message) = kb.add_line(line) {
                errors.push(format!("line {}: {message}: {line}", number + 1));
            }
        }
        (kb, errors)
    }

    fn add_line(&mut self, line: &str) -> Result<(), String> {
        let fields: Vec<&str> = line.split_whitespace().collect();
        match fields.as_slice() {
            ["twin", member, twin, options @ ..] => {
                let (owner, method) = member.split_once('.').ok_or("expected `Type.Method`")?;
                let (twin_owner, twin) = match twin.split_once('.') {
                    Some((o, t)) => (Some(o.to_owned()), t),
                    None => (None, *twin),
                };
                let mut entry = Twin {
                    owner: owner.to_owned(),
                    method: method.to_owned(),
                    twin: twin.to_owned(),
                    twin_owner,
                    is_static: false,
                    by_name: false,
                    using: None,
                    frameworks: None,
                    args: (0, usize::MAX),
                    text_arg: false,
                    no_arg: Vec::new(),
                    behaves_differently: false,
                    timeout: false,
                    disposed: false,
                };
                for option in options {
                    match option.split_once('=') {
                        None if *option == "static" => entry.is_static = true,
                        None if *option == "by-name" => entry.by_name = true,
                        None if *option == "text-arg" => entry.text_arg = true,
                        None if *option == "unsafe" => entry.behaves_differently = true,
                        None if *option == "timeout" => entry.timeout = true,
                        None if *option == "dispose" => entry.disposed = true,
                        Some(("using", ns)) => entry.using = Some(ns.to_owned()),
                        Some(("no-arg", name)) => entry.no_arg.push(name.to_owned()),
                        Some(("args", range)) => {
                            let parse = |s: &str| s.parse::<usize>().map_err(|_| format!("bad argument count `{s}`"));
                            entry.args = match range.split_once('-') {
                                Some((a, b)) => (parse(a)?, parse(b)?),
                                None => (parse(range)?, parse(range)?),
                            };
                        }
                        Some(("tfm", list)) => {
                            let ranges: Option<Vec<_>> = list.split(',').map(FrameworkRange::parse).collect();
                            entry.frameworks = Some(ranges.ok_or("unknown target framework")?);
                        }
                        _ => return Err(format!("unknown option `{option}`")),
                    }
                }
                self.twins.entry(entry.method.clone()).or_default().push(entry);
            }
            // `type` lines are read by `types.txt` now: a line of an older extension is accepted.
            ["type", _, rest @ ..] if rest.len() <= 1 => {}
            ["memory", name, rest @ ..] if rest.len() <= 1 => {
                self.memory.insert((*name).to_owned());
            }
            ["returns", _, _] => {}
            _ => return Err("unknown line".into()),
        }
        Ok(())
    }

    /// The twins of synchronous methods called `method`.
    pub fn twins_of(&self, method: &str) -> &[Twin] {
        self.twins.get(method).map_or(&[], Vec::as_slice)
    }

    /// Whether some twin line names `method`.
    pub fn has_twins(&self, method: &str) -> bool {
        self.twins.contains_key(method)
    }

    /// Whether a type does no I/O.
    pub fn is_in_memory(&self, name: &str) -> bool {
        self.memory.contains(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin() -> AsyncTwins {
        let (kb, errors) = AsyncTwins::parse(include_str!("../../transforms/knowledge/async-twins.txt"));
        assert!(errors.is_empty(), "{errors:?}");
        kb
    }

    #[test]
    fn builtin_file_parses() {
        let kb = builtin();
        let sleep = &kb.twins_of("Sleep")[0];
        assert_eq!((sleep.twin_owner.as_deref(), sleep.twin.as_str(), sleep.is_static), (Some("Task"), "Delay", true));
        assert!(kb.twins_of("ReadToEnd")[0].by_name);
        assert!(kb.is_in_memory("MemoryStream") && !kb.is_in_memory("FileStream"));
    }

    #[test]
    fn framework_availability() {
        let kb = builtin();
        let read = kb.twins_of("ReadAllText").iter().find(|t| t.owner == "File").unwrap();
        let tfms = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(read.availability(&tfms(&["net8.0"])), Availability::Everywhere);
        assert_eq!(read.availability(&tfms(&["net8.0-windows", "netcoreapp3.1"])), Availability::Everywhere);
        assert_eq!(read.availability(&tfms(&["netstandard2.1", "net5.0"])), Availability::Everywhere);
        assert_eq!(read.availability(&tfms(&["netstandard2.0"])), Availability::Missing);
        assert_eq!(read.availability(&tfms(&["net8.0", "net472"])), Availability::Missing);
        assert_eq!(read.availability(&tfms(&["netcoreapp1.1"])), Availability::Missing);
        assert_eq!(read.availability(&tfms(&[])), Availability::Unknown);
        assert_eq!(read.availability(&tfms(&["$(Frameworks)"])), Availability::Unknown);
        assert_eq!(read.frameworks_text(), ".NET Core 2.0+, .NET Standard 2.1+, .NET 5.0+");
        let sleep = &kb.twins_of("Sleep")[0];
        assert_eq!(sleep.availability(&tfms(&["net45"])), Availability::Everywhere);
    }

    #[test]
    fn bad_lines_are_named() {
        let (_, errors) = AsyncTwins::parse("twin A.B C bogus\nfrobnicate\ntwin A.B C tfm=win95\n# fine\n");
        assert_eq!(errors.len(), 3);
        assert!(errors[0].starts_with("line 1: unknown option `bogus`"));
    }
}
