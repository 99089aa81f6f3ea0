//! What a target framework implies for the C# a project may use: its default language version
//! and whether it has `IAsyncDisposable`. Answers are tri-state: a framework asyncfix does not
//! know (`uap10.0`, `$(Frameworks)`, a .NET release after the table) gives [`Fact::Unknown`].
//!
//! | target framework                        | default C# | `IAsyncDisposable` |
//! |-----------------------------------------|------------|--------------------|
//! | .NET Framework (`net472`, `net48`)      | 7.3        | no                 |
//! | `netstandard1.x`, `netstandard2.0`      | 7.3        | no                 |
//! | `netstandard2.1`                        | 8.0        | yes                |
//! | `netcoreapp1.x`, `netcoreapp2.x`        | 7.3        | no                 |
//! | `netcoreapp3.x`                         | 8.0        | yes                |
//! | `net5.0` … `net10.0` (`-windows` too)   | 9 … 14     | yes                |
//!
//! The defaults are the compiler's (the SDK sets `LangVersion` from the target framework when the
//! project does not). The table must grow with each .NET release; until it does, a newer framework
//! has an Unknown default language version (but `IAsyncDisposable`, which every .NET since 5 has).

use std::fmt;

use crate::index::{Framework, FrameworkFamily};

/// A tri-state answer: known to be `T`, or not known. A fix may rely only on a Known fact.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fact<T> {
    /// asyncfix knows the answer.
    Known(T),
    /// The project files do not say, or say it in a way asyncfix does not evaluate.
    Unknown,
}

impl<T> Fact<T> {
    /// The known value, if there is one.
    pub fn known(self) -> Option<T> {
        match self {
            Fact::Known(value) => Some(value),
            Fact::Unknown => None,
        }
    }
}

impl Fact<bool> {
    /// Known to hold.
    pub fn is_yes(self) -> bool {
        self == Fact::Known(true)
    }

    /// Known not to hold.
    pub fn is_no(self) -> bool {
        self == Fact::Known(false)
    }

    /// Three-valued `and`: Known no if either is, Known yes if both are.
    pub fn and(self, other: Fact<bool>) -> Fact<bool> {
        match (self, other) {
            (Fact::Known(false), _) | (_, Fact::Known(false)) => Fact::Known(false),
            (Fact::Known(true), Fact::Known(true)) => Fact::Known(true),
            _ => Fact::Unknown,
        }
    }

    /// Three-valued `or`: Known yes if either is, Known no if both are.
    pub fn or(self, other: Fact<bool>) -> Fact<bool> {
        !(!self).and(!other)
    }

    /// Holds for every one of `facts`: Known no as soon as one is known not to, Known yes when
    /// all are known to, Unknown otherwise (and for no facts at all).
    pub fn all(facts: impl IntoIterator<Item = Fact<bool>>) -> Fact<bool> {
        let mut any = false;
        let mut unknown = false;
        for fact in facts {
            any = true;
            match fact {
                Fact::Known(false) => return Fact::Known(false),
                Fact::Known(true) => {}
                Fact::Unknown => unknown = true,
            }
        }
        if !any || unknown {
            Fact::Unknown
        } else {
            Fact::Known(true)
        }
    }
}

/// Three-valued `not`: Unknown stays Unknown.
impl std::ops::Not for Fact<bool> {
    type Output = Fact<bool>;

    fn not(self) -> Fact<bool> {
        match self {
            Fact::Known(value) => Fact::Known(!value),
            Fact::Unknown => Fact::Unknown,
        }
    }
}

/// A C# language version as `LangVersion` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum LanguageVersion {
    /// A numbered version: `7.3` is `Version(7, 3)`, `12` is `Version(12, 0)`.
    Version(u8, u8),
    /// `latest`, `latestMajor` or `default`: the newest version the compiler knows (C# 8 or later
    /// with any compiler that builds today's SDK projects).
    Latest,
    /// `preview`: the newest version, previews included.
    Preview,
}

impl LanguageVersion {
    /// C# 8: `await using`, `IAsyncEnumerable`, nullable reference types.
    pub const CSHARP_8: LanguageVersion = LanguageVersion::Version(8, 0);

    /// Reads a `LangVersion` value (`7.3`, `8`, `10.0`, `latest`, `preview`, `default`,
    /// `ISO-2`), ignoring case; `None` for anything else.
    pub fn parse(text: &str) -> Option<LanguageVersion> {
        let text = text.trim().to_ascii_lowercase();
        match text.as_str() {
            // The compiler reads `default` as the latest major version it supports.
            "latest" | "latestmajor" | "default" => return Some(LanguageVersion::Latest),
            "preview" => return Some(LanguageVersion::Preview),
            "iso-1" => return Some(LanguageVersion::Version(1, 0)),
            "iso-2" => return Some(LanguageVersion::Version(2, 0)),
            _ => {}
        }
        let (major, minor) = text.split_once('.').unwrap_or((&text, "0"));
        let all_digits = |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
        if !all_digits(major) || !all_digits(minor) {
            return None;
        }
        let version = LanguageVersion::Version(major.parse().ok()?, minor.parse().ok()?);
        (version >= LanguageVersion::Version(1, 0)).then_some(version)
    }

    /// The version the compiler uses for `target_framework` when the project sets no
    /// `LangVersion`; Unknown for a framework the table does not list.
    pub fn default_for(target_framework: &str) -> Fact<LanguageVersion> {
        let Some(framework) = Framework::parse(target_framework) else { return Fact::Unknown };
        let [major, minor, _] = framework.version;
        let csharp_7_3 = LanguageVersion::Version(7, 3);
        let version = match framework.family {
            FrameworkFamily::Framework => csharp_7_3,
            FrameworkFamily::Standard if (major, minor) >= (2, 1) => LanguageVersion::CSHARP_8,
            FrameworkFamily::Standard => csharp_7_3,
            FrameworkFamily::Core if major < 3 => csharp_7_3,
            FrameworkFamily::Core if major < 5 => LanguageVersion::CSHARP_8,
            // .NET 5 shipped with C# 9, and each release since with the next version.
            FrameworkFamily::Core if major <= 10 => LanguageVersion::Version(major as u8 + 4, 0),
            FrameworkFamily::Core => return Fact::Unknown,
        };
        Fact::Known(version)
    }
}

impl fmt::Display for LanguageVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LanguageVersion::Version(major, 0) if *major >= 8 => write!(f, "{major}"),
            LanguageVersion::Version(major, minor) => write!(f, "{major}.{minor}"),
            LanguageVersion::Latest => f.write_str("latest"),
            LanguageVersion::Preview => f.write_str("preview"),
        }
    }
}

/// Whether `target_framework` itself has `System.IAsyncDisposable` (.NET Standard 2.1, .NET Core
/// 3.0 and every later .NET); Unknown for a framework asyncfix cannot read.
pub fn has_async_disposable(target_framework: &str) -> Fact<bool> {
    let Some(framework) = Framework::parse(target_framework) else { return Fact::Unknown };
    let [major, minor, _] = framework.version;
    Fact::Known(match framework.family {
        FrameworkFamily::Framework => false,
        FrameworkFamily::Standard => (major, minor) >= (2, 1),
        FrameworkFamily::Core => major >= 3,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const V: fn(u8, u8) -> LanguageVersion = LanguageVersion::Version;

    #[test]
    fn lang_version_values_as_the_compiler_reads_them() {
        for (text, expected) in [
            ("7.3", Some(V(7, 3))),
            ("8", Some(V(8, 0))),
            ("8.0", Some(V(8, 0))),
            ("10.0", Some(V(10, 0))),
            ("latest", Some(LanguageVersion::Latest)),
            ("LatestMajor", Some(LanguageVersion::Latest)),
            ("default", Some(LanguageVersion::Latest)),
            ("Preview", Some(LanguageVersion::Preview)),
            ("ISO-2", Some(V(2, 0))),
            ("", None),
            ("8.x", None),
            ("$(LangVersion)", None),
            ("0", None),
        ] {
            assert_eq!(LanguageVersion::parse(text), expected, "{text:?}");
        }
        assert!(V(7, 3) < LanguageVersion::CSHARP_8 && LanguageVersion::CSHARP_8 < LanguageVersion::Latest);
        assert_eq!(V(7, 3).to_string(), "7.3");
        assert_eq!(V(12, 0).to_string(), "12");
    }

    #[test]
    fn default_language_version_of_each_framework() {
        for (tfm, expected) in [
            ("net472", Fact::Known(V(7, 3))),
            ("net48", Fact::Known(V(7, 3))),
            ("netstandard2.0", Fact::Known(V(7, 3))),
            ("netstandard1.6", Fact::Known(V(7, 3))),
            ("netstandard2.1", Fact::Known(V(8, 0))),
            ("netcoreapp2.1", Fact::Known(V(7, 3))),
            ("netcoreapp3.1", Fact::Known(V(8, 0))),
            ("net5.0", Fact::Known(V(9, 0))),
            ("net6.0", Fact::Known(V(10, 0))),
            ("net7.0", Fact::Known(V(11, 0))),
            ("net8.0-windows", Fact::Known(V(12, 0))),
            ("net9.0", Fact::Known(V(13, 0))),
            ("net10.0", Fact::Known(V(14, 0))),
            ("net11.0", Fact::Unknown),
            ("uap10.0", Fact::Unknown),
        ] {
            assert_eq!(LanguageVersion::default_for(tfm), expected, "{tfm}");
        }
    }

    #[test]
    fn async_disposable_from_standard_2_1_and_core_3_on() {
        for (tfm, expected) in [
            ("netstandard2.0", Fact::Known(false)),
            ("netstandard2.1", Fact::Known(true)),
            ("net48", Fact::Known(false)),
            ("netcoreapp2.2", Fact::Known(false)),
            ("netcoreapp3.0", Fact::Known(true)),
            ("net8.0", Fact::Known(true)),
            ("net11.0", Fact::Known(true)),
            ("monoandroid90", Fact::Unknown),
        ] {
            assert_eq!(has_async_disposable(tfm), expected, "{tfm}");
        }
    }

    #[test]
    fn all_is_no_on_one_no_and_unknown_on_doubt() {
        use Fact::{Known, Unknown};
        assert_eq!(Fact::all([Known(true), Known(true)]), Known(true));
        assert_eq!(Fact::all([Known(true), Unknown, Known(false)]), Known(false));
        assert_eq!(Fact::all([Known(true), Unknown]), Unknown);
        assert_eq!(Fact::all([]), Unknown);
        assert_eq!(Known(false).and(Unknown), Known(false));
        assert_eq!(Known(true).and(Unknown), Unknown);
        assert_eq!(Known(true).or(Unknown), Known(true));
        assert_eq!(Known(false).or(Unknown), Unknown);
        assert_eq!(!Fact::<bool>::Unknown, Unknown);
    }
}
