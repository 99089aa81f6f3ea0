//! `async_disposal`: whether a value of a type can be disposed with `await using`, from the
//! workspace's declarations, `async-disposable.txt` and the project's frameworks and packages.

use super::Semantics;
use crate::index::{major_version, AsyncDisposable};
use crate::syntax::Type;
use crate::workspace::{Fact, ReferenceKind};

/// Whether disposing a value of a type can be awaited.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AsyncDisposal {
    /// The type has `DisposeAsync()` in every build of the project.
    Yes(DisposeAsync),
    /// It has none; or one that disposes nothing `Dispose()` would block on (`MemoryStream`,
    /// `StringWriter`); or the simple name may mean another type in this file.
    No,
    /// It depends on what the project files do not say: the fact that is missing, as a fragment
    /// for messages.
    Unknown(String),
}

/// The `DisposeAsync()` a type has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DisposeAsync {
    /// The type that declares it, or whose knowledge-base line documents it (`Stream` for a
    /// `FileStream`).
    pub owner: String,
    /// What it may do that `Dispose()` does not, as a fragment for messages: the workspace's own
    /// code, or the difference the knowledge base states. `None` when it does the same work
    /// without blocking.
    pub differs: Option<String>,
}

impl<'a> Semantics<'a> {
    /// Whether a value of type `ty` can be disposed with `await using` in this project: its own
    /// `DisposeAsync()` (the workspace's declaration, public or implementing `IAsyncDisposable`),
    /// the knowledge base's line for it or a base on the project's target frameworks and packages,
    /// or `IAsyncDisposable` among its bases.
    pub fn async_disposal(&self, ty: &Type) -> AsyncDisposal {
        let own_type = self.index.is_workspace_type(&ty.name);
        if let Some(owner) = self.declared_dispose_async(&ty.name) {
            let differs =
                format!("`{owner}.DisposeAsync()` is the workspace's own code and may do other work than `Dispose()`");
            return self.workspace_disposal(DisposeAsync { owner, differs: Some(differs) });
        }
        let family = self.family(ty);
        // `MemoryStream` inherits `Stream.DisposeAsync()`, which only calls `Dispose()`: nothing
        // to wait for.
        if family.iter().any(|t| self.knowledge.async_twins.is_in_memory(&t.name)) {
            return AsyncDisposal::No;
        }
        let mut outside = family.iter().filter(|t| !self.index.is_workspace_type(&t.name)).enumerate();
        if let Some((nearest, line)) =
            outside.find_map(|(i, t)| self.knowledge.async_disposable.get(&t.name).map(|line| (i == 0, line)))
        {
            // A workspace class deriving from `Stream` or `DbCommand` without a `DisposeAsync()`
            // of its own runs the base's, which only calls `Dispose()`.
            if own_type && nearest && line.base_calls_dispose {
                return AsyncDisposal::No;
            }
            return self.disposal_by_line(line);
        }
        if family.iter().any(|t| t.name == "IAsyncDisposable") {
            let differs = format!("`{}.DisposeAsync()` is not one asyncfix knows", ty.name);
            let disposal = DisposeAsync { owner: ty.name.clone(), differs: Some(differs) };
            return if own_type { self.workspace_disposal(disposal) } else { AsyncDisposal::Yes(disposal) };
        }
        AsyncDisposal::No
    }

    /// A `DisposeAsync()` the workspace declares counts only where every build of the project has
    /// `IAsyncDisposable`: elsewhere the declaration is likely under an `#if` of the builds that
    /// have it, which asyncfix does not evaluate.
    fn workspace_disposal(&self, disposal: DisposeAsync) -> AsyncDisposal {
        if self.project.has_async_disposable().is_yes() {
            AsyncDisposal::Yes(disposal)
        } else {
            AsyncDisposal::No
        }
    }

    /// The workspace type (`name` or a workspace base) that declares a `DisposeAsync()` that
    /// `await using` can call: no parameters, not static, and public, internal, an interface
    /// member or an implementation of `IAsyncDisposable`.
    fn declared_dispose_async(&self, name: &str) -> Option<String> {
        self.index.methods_named(name, "DisposeAsync").into_iter().map(|m| self.index.method(m)).find_map(|m| {
            let has = |modifier: &str| m.modifiers.iter().any(|x| x == modifier);
            let accessible = m.explicit_interface.as_deref() == Some("IAsyncDisposable")
                || has("public")
                || has("internal")
                || self.index.type_kind(&m.owner) == Some("interface");
            (m.params.is_empty() && !has("static") && accessible).then(|| m.owner.clone())
        })
    }

    fn disposal_by_line(&self, line: &AsyncDisposable) -> AsyncDisposal {
        let another_type =
            !line.using.iter().all(|ns| self.imports(ns)) || line.not_using.iter().any(|ns| self.imports(ns));
        if another_type {
            return AsyncDisposal::No;
        }
        let frameworks = line.on_frameworks(&self.project.target_frameworks);
        let package = match &line.package {
            Some((part, minimum)) => self.references_package_version(part, *minimum),
            None => Fact::Known(true),
        };
        let owner = &line.name;
        match frameworks.and(package) {
            Fact::Known(true) => {
                AsyncDisposal::Yes(DisposeAsync { owner: owner.clone(), differs: line.difference.clone() })
            }
            Fact::Known(false) => AsyncDisposal::No,
            Fact::Unknown if frameworks == Fact::Unknown => AsyncDisposal::Unknown(format!(
                "the target frameworks are not known, and `{owner}.DisposeAsync()` exists from {} on",
                line.frameworks_text()
            )),
            Fact::Unknown => {
                let (part, minimum) = line.package.clone().unwrap_or_default();
                AsyncDisposal::Unknown(format!(
                    "`{owner}.DisposeAsync()` needs a `{part}` package of version {minimum} or later, and the project files do not say which version the project gets"
                ))
            }
        }
    }

    /// Whether the project references a package whose name contains `part` (any case) at major
    /// version `minimum` or later, in every build: Known no when it references none (and no other
    /// project that might bring one) or only older ones; Unknown when a version is not written
    /// (central package management, a property) or a reference may come through another project.
    fn references_package_version(&self, part: &str, minimum: u32) -> Fact<bool> {
        let part = part.to_ascii_lowercase();
        let packages: Vec<_> = self
            .project
            .package_references()
            .into_iter()
            .filter(|p| p.name.to_ascii_lowercase().contains(&part))
            .collect();
        let major = |p: &crate::workspace::PackageReference| p.version.as_deref().and_then(major_version);
        if packages
            .iter()
            .any(|p| p.certain && p.target_frameworks.is_empty() && major(p).is_some_and(|m| m >= minimum))
        {
            return Fact::Known(true);
        }
        if !packages.is_empty() {
            let all_older = packages.iter().all(|p| major(p).is_some_and(|m| m < minimum));
            return if all_older { Fact::Known(false) } else { Fact::Unknown };
        }
        let references = self.project.builds.iter().flat_map(|b| &b.references);
        let mut indirect = self.project.path.is_none();
        for r in references {
            indirect |= match (&r.name, r.kind) {
                (None, _) | (_, ReferenceKind::Project) => true,
                (Some(name), _) => name.to_ascii_lowercase().contains(&part),
            };
        }
        if indirect {
            Fact::Unknown
        } else {
            Fact::Known(false)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::Fixture;
    use super::*;
    use crate::workspace::{Build, Declared, Project, Reference};

    fn project(frameworks: &[&str], packages: &[(&str, Option<&str>)]) -> Project {
        let references: Vec<Reference> = packages
            .iter()
            .map(|(name, version)| Reference {
                kind: ReferenceKind::Package,
                name: Some(name.to_string()),
                version: version.map(str::to_owned),
                certain: true,
            })
            .collect();
        Project {
            path: Some("A.csproj".into()),
            target_frameworks: frameworks.iter().map(|f| f.to_string()).collect(),
            builds: frameworks
                .iter()
                .map(|f| Build {
                    target_framework: Some(f.to_string()),
                    lang_version: Declared::NotSet,
                    references: references.clone(),
                })
                .collect(),
            implicit_usings: true,
            ..Project::unknown()
        }
    }

    fn disposal(text: &str, project: Project, ty: &str) -> AsyncDisposal {
        Fixture::new(text, &[]).with_project(project, |sem, _| sem.async_disposal(&Type::named(ty)))
    }

    fn yes(owner: &str) -> AsyncDisposal {
        AsyncDisposal::Yes(DisposeAsync { owner: owner.into(), differs: None })
    }

    /// One table: the type, the frameworks, and what the layer says.
    #[test]
    fn which_types_dispose_asynchronously_where() {
        let text = "using System.Threading;
            class OwnStream : FileStream { }
            class Pool : IAsyncDisposable { public ValueTask DisposeAsync() => default; public void Dispose() { } }
            class Hidden : IAsyncDisposable { ValueTask IAsyncDisposable.DisposeAsync() => default; }
            class Pattern { public ValueTask DisposeAsync() => default; }
            class Private { private ValueTask DisposeAsync() => default; }
            class Static { public static ValueTask DisposeAsync() => default; }
            class Derived : Pool { }
            class Marker : IAsyncDisposable { }
            class Buffer : MemoryStream { }
            class AppDb : DbContext { }
            class Wrapper : Stream { protected override void Dispose(bool disposing) { } }
            class Command : DbCommand { }
            class FlushingCommand : DbCommand { public override ValueTask DisposeAsync() => default; }";
        let net8 = || project(&["net8.0"], &[]);
        let own = |owner: &str| {
            AsyncDisposal::Yes(DisposeAsync {
                owner: owner.into(),
                differs: Some(format!(
                    "`{owner}.DisposeAsync()` is the workspace's own code and may do other work than `Dispose()`"
                )),
            })
        };
        let table: Vec<(&str, Project, AsyncDisposal)> = vec![
            ("FileStream", net8(), yes("Stream")),
            ("SqlConnection", net8(), yes("DbConnection")),
            ("StreamWriter", project(&["netstandard2.1"], &[]), yes("TextWriter")),
            ("OwnStream", net8(), yes("Stream")),
            ("FileStream", project(&["net472"], &[]), AsyncDisposal::No),
            ("FileStream", project(&["netstandard2.0", "net8.0"], &[]), AsyncDisposal::No),
            ("StreamReader", net8(), AsyncDisposal::No),
            ("MemoryStream", net8(), AsyncDisposal::No),
            ("StringWriter", net8(), AsyncDisposal::No),
            ("Buffer", net8(), AsyncDisposal::No),
            ("HttpClient", net8(), AsyncDisposal::No),
            ("IDbConnection", net8(), AsyncDisposal::No),
            ("Utf8JsonWriter", project(&["netstandard2.0"], &[]), yes("Utf8JsonWriter")),
            ("Pool", project(&["net472"], &[]), AsyncDisposal::No),
            ("Pool", project(&["netstandard2.0"], &[("Microsoft.Bcl.AsyncInterfaces", Some("8.0.0"))]), own("Pool")),
            ("Pool", project(&["net8.0"], &[]), own("Pool")),
            ("Wrapper", net8(), AsyncDisposal::No),
            ("Command", net8(), AsyncDisposal::No),
            ("FlushingCommand", net8(), own("FlushingCommand")),
            ("Hidden", net8(), own("Hidden")),
            ("Pattern", net8(), own("Pattern")),
            ("Derived", net8(), own("Pool")),
            ("Private", net8(), AsyncDisposal::No),
            ("Static", net8(), AsyncDisposal::No),
            (
                "AppDb",
                project(&["net8.0"], &[("Microsoft.EntityFrameworkCore.SqlServer", Some("[8.0.8]"))]),
                yes("DbContext"),
            ),
            ("AppDb", project(&["net8.0"], &[("Microsoft.EntityFrameworkCore", Some("2.2.6"))]), AsyncDisposal::No),
            ("AppDb", project(&["net48"], &[("EntityFramework", Some("6.4.4"))]), AsyncDisposal::No),
            ("AppDb", project(&["net8.0"], &[]), AsyncDisposal::No),
        ];
        for (ty, project, expected) in table {
            let frameworks = project.target_frameworks.join(";");
            assert_eq!(disposal(text, project, ty), expected, "{ty} on {frameworks}");
        }
        let marker = disposal(text, net8(), "Marker");
        assert!(
            matches!(&marker, AsyncDisposal::Yes(d) if d.differs.as_deref() == Some("`Marker.DisposeAsync()` is not one asyncfix knows")),
            "{marker:?}"
        );
    }

    #[test]
    fn what_the_project_files_do_not_say_stays_unknown() {
        let no_frameworks = disposal("class A { }", Project::unknown(), "FileStream");
        assert!(
            matches!(&no_frameworks, AsyncDisposal::Unknown(why) if why.starts_with("the target frameworks are not known")),
            "{no_frameworks:?}"
        );
        let central_versions =
            disposal("class A { }", project(&["net8.0"], &[("Microsoft.EntityFrameworkCore", None)]), "DbContext");
        assert!(
            matches!(&central_versions, AsyncDisposal::Unknown(why) if why.contains("`EntityFrameworkCore` package of version 3")),
            "{central_versions:?}"
        );
        let mut through_a_project = project(&["net8.0"], &[]);
        through_a_project.builds[0].references.push(Reference {
            kind: ReferenceKind::Project,
            name: Some("../Data/Data.csproj".into()),
            version: None,
            certain: true,
        });
        assert!(matches!(disposal("class A { }", through_a_project, "DbContext"), AsyncDisposal::Unknown(_)));
    }

    #[test]
    fn a_timer_is_the_threading_one_only_where_no_other_is_imported() {
        let threading = disposal("using System.Threading; class A { }", project(&["net8.0"], &[]), "Timer");
        assert!(
            matches!(&threading, AsyncDisposal::Yes(d) if d.differs.as_deref().is_some_and(|w| w.starts_with("waits for timer callbacks"))),
            "{threading:?}"
        );
        let timers =
            disposal("using System.Threading; using System.Timers; class A { }", project(&["net8.0"], &[]), "Timer");
        assert_eq!(timers, AsyncDisposal::No);
        let mut no_implicit = project(&["net8.0"], &[]);
        no_implicit.implicit_usings = false;
        assert_eq!(disposal("class A { }", no_implicit, "Timer"), AsyncDisposal::No, "System.Threading not imported");
    }
}
