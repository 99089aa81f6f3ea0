//! Projects: what a `.csproj` says about the code in it, as MSBuild evaluates it (see
//! [`super::msbuild`]).

use std::path::{Path, PathBuf};

use super::facts::{self, Fact, LanguageVersion};
use super::msbuild::{self, Evaluation, FileCache, FileError};

/// What a project builds, which decides how library-only transforms treat its code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProjectKind {
    /// A class library: its code does not know the context of its callers.
    Library,
    /// An executable, web, desktop or worker application.
    Application,
    /// A test project (xUnit, NUnit, MSTest, TUnit, `IsTestProject`, or sources that use one).
    Test,
    /// No project file above the source, one that could not be read, or one whose kind depends
    /// on something asyncfix could not evaluate.
    Unknown,
}

impl ProjectKind {
    /// Lower-case name for listings.
    pub fn name(self) -> &'static str {
        match self {
            ProjectKind::Library => "library",
            ProjectKind::Application => "application",
            ProjectKind::Test => "test",
            ProjectKind::Unknown => "unknown",
        }
    }
}

/// A property as the project files declare it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Declared {
    /// Not set: the SDK's default applies.
    NotSet,
    /// Set to this value.
    Value(String),
    /// Set in a way asyncfix could not evaluate (an unknown condition or property).
    Unknown,
}

/// What a reference names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReferenceKind {
    /// `<PackageReference Include="…" />`: a NuGet package.
    Package,
    /// `<Reference Include="…" />`: an assembly (old-style projects list their packages this way).
    Assembly,
    /// `<ProjectReference Include="…" />`: another project.
    Project,
}

/// A package, assembly or project reference of one build.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    /// What it names.
    pub kind: ReferenceKind,
    /// The package or assembly name (without the version and key of an assembly name), or the
    /// project path as written; `None` when its `Include` could not be evaluated.
    pub name: Option<String>,
    /// Its `Version`, where the project gives one.
    pub version: Option<String>,
    /// False when it sits under a condition asyncfix could not evaluate.
    pub certain: bool,
}

/// What one build of the project declares: MSBuild builds a multi-targeting project once per
/// target framework, and each build may set its own language version and references.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Build {
    /// Its target framework; `None` when the project names none asyncfix could read.
    pub target_framework: Option<String>,
    /// Its `LangVersion`.
    pub lang_version: Declared,
    /// Its package, assembly and project references, in evaluation order.
    pub references: Vec<Reference>,
}

/// A package reference of the project, over all its builds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PackageReference {
    /// The package name as written.
    pub name: String,
    /// Its version in the first build that gives one.
    pub version: Option<String>,
    /// The target frameworks whose builds reference it; empty when every build does.
    pub target_frameworks: Vec<String>,
    /// False when some build references it only under a condition asyncfix could not evaluate.
    pub certain: bool,
}

/// A `.csproj` and what it declares.
#[derive(Clone, Debug)]
pub struct Project {
    /// Path of the project file (`None` for the stand-in project of files outside any project).
    pub path: Option<PathBuf>,
    /// What the project builds.
    pub kind: ProjectKind,
    /// Target framework monikers (`net8.0`, `netstandard2.0`, `net472`, …), in file order.
    pub target_frameworks: Vec<String>,
    /// `<ImplicitUsings>enable</ImplicitUsings>`: the SDK imports common namespaces into every
    /// file.
    pub implicit_usings: bool,
    /// One entry per target framework, in the order of `target_frameworks` (one with no
    /// framework when none could be read). A project built by hand with `target_frameworks` and
    /// no builds reads as builds of those frameworks that declare nothing else.
    pub builds: Vec<Build>,
}

/// The namespaces every .NET SDK imports when `ImplicitUsings` is on (the web and worker SDKs add
/// more).
const IMPLICIT_NAMESPACES: &[&str] = &[
    "System",
    "System.Collections.Generic",
    "System.IO",
    "System.Linq",
    "System.Net.Http",
    "System.Threading",
    "System.Threading.Tasks",
];

/// The package that brings `IAsyncDisposable` to frameworks without it.
const ASYNC_INTERFACES_PACKAGE: &str = "Microsoft.Bcl.AsyncInterfaces";

impl Project {
    /// The stand-in for source files that no project file covers.
    pub fn unknown() -> Self {
        Project {
            path: None,
            kind: ProjectKind::Unknown,
            target_frameworks: Vec::new(),
            implicit_usings: false,
            builds: Vec::new(),
        }
    }

    /// Whether the SDK imports `namespace` into every file of the project.
    pub fn imports_implicitly(&self, namespace: &str) -> bool {
        self.implicit_usings && IMPLICIT_NAMESPACES.contains(&namespace)
    }

    /// Evaluates the project file at `path` with its `Directory.Build.props`/`.targets` and
    /// imports (files read through `cache`). A file that cannot be read or parsed is an error
    /// naming it; the caller treats the project as of unknown kind.
    pub fn load(path: &Path, cache: &FileCache) -> Result<Self, FileError> {
        let absolute = PathBuf::from(msbuild::expand::normalize(&path.to_string_lossy()));
        let outer = msbuild::evaluate(cache, &absolute, None)?;
        let single = outer.property("TargetFramework");
        let multi = outer.property("TargetFrameworks");
        let list = |v: &str| -> Vec<String> {
            v.split(';').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
        };
        let mut evaluations: Vec<(Option<String>, Evaluation)> = Vec::new();
        match (single, multi) {
            (Fact::Known(tf), _) if !tf.trim().is_empty() => evaluations.push((Some(tf.trim().to_owned()), outer)),
            (Fact::Known(_), Fact::Known(tfs)) if !list(&tfs).is_empty() => {
                for tf in list(&tfs) {
                    let inner = msbuild::evaluate(cache, &absolute, Some(&tf))?;
                    evaluations.push((Some(tf), inner));
                }
            }
            (Fact::Known(_), Fact::Known(_)) => {
                let legacy = legacy_framework(&outer);
                evaluations.push((legacy, outer));
            }
            _ => evaluations.push((None, outer)),
        }
        Ok(Self::decide(path, &evaluations))
    }

    fn decide(path: &Path, evaluations: &[(Option<String>, Evaluation)]) -> Self {
        let (mut test, mut application) = (Fact::Known(false), Fact::Known(false));
        let mut implicit_usings = true;
        let mut builds = Vec::new();
        for (framework, e) in evaluations {
            test = test.or(is_test(e));
            application = application.or(is_application(e));
            implicit_usings &= !e.sdks.is_empty()
                && e.property("ImplicitUsings")
                    .known()
                    .is_some_and(|v| v.eq_ignore_ascii_case("enable") || v.eq_ignore_ascii_case("true"));
            builds.push(Build {
                target_framework: framework.clone(),
                lang_version: match e.property("LangVersion") {
                    Fact::Known(v) if v.trim().is_empty() => Declared::NotSet,
                    Fact::Known(v) => Declared::Value(v.trim().to_owned()),
                    Fact::Unknown => Declared::Unknown,
                },
                references: references(e),
            });
        }
        let kind = match (test, application) {
            (Fact::Known(true), _) => ProjectKind::Test,
            (Fact::Unknown, _) => ProjectKind::Unknown,
            (_, Fact::Known(true)) => ProjectKind::Application,
            (_, Fact::Unknown) => ProjectKind::Unknown,
            _ => ProjectKind::Library,
        };
        Project {
            path: Some(path.to_owned()),
            kind,
            target_frameworks: builds.iter().filter_map(|b| b.target_framework.clone()).collect(),
            implicit_usings,
            builds,
        }
    }

    /// The builds, or for a project built by hand without them, one per target framework that
    /// declares nothing.
    fn each_build(&self) -> Vec<Build> {
        if !self.builds.is_empty() {
            return self.builds.clone();
        }
        let bare = |tf: &String| Build {
            target_framework: Some(tf.clone()),
            lang_version: Declared::NotSet,
            references: Vec::new(),
        };
        self.target_frameworks.iter().map(bare).collect()
    }

    /// The C# version the project compiles with: its `LangVersion`, or the default of its target
    /// framework; for a multi-targeting project, the lowest of its builds. Unknown when any build's
    /// version is (no target framework read, an unknown `LangVersion` value or condition).
    pub fn lang_version(&self) -> Fact<LanguageVersion> {
        let mut lowest: Option<LanguageVersion> = None;
        for build in self.each_build() {
            let Fact::Known(version) = build_lang_version(&build) else { return Fact::Unknown };
            lowest = Some(lowest.map_or(version, |l| l.min(version)));
        }
        lowest.map_or(Fact::Unknown, Fact::Known)
    }

    /// Whether every build of the project compiles C# `version` or later: Known no as soon as
    /// one build is known not to.
    pub fn allows_language(&self, version: LanguageVersion) -> Fact<bool> {
        Fact::all(self.each_build().iter().map(|b| match build_lang_version(b) {
            Fact::Known(v) => Fact::Known(v >= version),
            Fact::Unknown => Fact::Unknown,
        }))
    }

    /// Whether `System.IAsyncDisposable` exists in every build: its target framework has it, or
    /// the build references the `Microsoft.Bcl.AsyncInterfaces` package (or assembly) directly.
    /// Transitive references are not followed: a build without the type and without a direct
    /// reference is Unknown when it references any package or project (which may bring the
    /// package along), Known no when it references none.
    pub fn has_async_disposable(&self) -> Fact<bool> {
        Fact::all(self.each_build().iter().map(|build| {
            let Some(framework) = &build.target_framework else { return Fact::Unknown };
            let native = facts::has_async_disposable(framework);
            if native.is_yes() {
                return native;
            }
            let direct = build
                .references
                .iter()
                .filter(|r| r.kind != ReferenceKind::Project)
                .find(|r| r.name.as_deref().is_some_and(|n| n.eq_ignore_ascii_case(ASYNC_INTERFACES_PACKAGE)));
            match direct {
                Some(r) if r.certain => Fact::Known(true),
                Some(_) => Fact::Unknown,
                None if native == Fact::Unknown => Fact::Unknown,
                None if build.references.iter().any(|r| r.kind != ReferenceKind::Assembly) => Fact::Unknown,
                None => Fact::Known(false),
            }
        }))
    }

    /// Whether every build references package `name` (any case): Known no as soon as one build
    /// certainly does not, Unknown when one may (a reference under an unknown condition, or one
    /// whose name could not be evaluated).
    pub fn references_package(&self, name: &str) -> Fact<bool> {
        Fact::all(self.each_build().iter().map(|b| {
            let mut found = Fact::Known(false);
            for r in b.references.iter().filter(|r| r.kind == ReferenceKind::Package) {
                match &r.name {
                    Some(n) if n.eq_ignore_ascii_case(name) && r.certain => return Fact::Known(true),
                    Some(n) if n.eq_ignore_ascii_case(name) => found = Fact::Unknown,
                    None => found = Fact::Unknown,
                    Some(_) => {}
                }
            }
            found
        }))
    }

    /// The NuGet packages the project references, over all its builds, in evaluation order.
    pub fn package_references(&self) -> Vec<PackageReference> {
        let mut out: Vec<PackageReference> = Vec::new();
        let builds = self.each_build();
        for build in &builds {
            for r in build.references.iter().filter(|r| r.kind == ReferenceKind::Package) {
                let Some(name) = &r.name else { continue };
                let framework = build.target_framework.clone().unwrap_or_default();
                match out.iter_mut().find(|p| p.name.eq_ignore_ascii_case(name)) {
                    Some(p) => {
                        p.target_frameworks.push(framework);
                        p.certain &= r.certain;
                        p.version = p.version.take().or_else(|| r.version.clone());
                    }
                    None => out.push(PackageReference {
                        name: name.clone(),
                        version: r.version.clone(),
                        target_frameworks: vec![framework],
                        certain: r.certain,
                    }),
                }
            }
        }
        for p in &mut out {
            p.target_frameworks.dedup();
            if p.target_frameworks.len() == builds.len() {
                p.target_frameworks.clear();
            }
        }
        out
    }
}

fn build_lang_version(build: &Build) -> Fact<LanguageVersion> {
    match &build.lang_version {
        Declared::Value(v) => LanguageVersion::parse(v).map_or(Fact::Unknown, Fact::Known),
        Declared::Unknown => Fact::Unknown,
        Declared::NotSet => match &build.target_framework {
            Some(framework) => LanguageVersion::default_for(framework),
            None => Fact::Unknown,
        },
    }
}

/// Old-style projects: `<TargetFrameworkVersion>v4.7.2</TargetFrameworkVersion>` → `net472`.
fn legacy_framework(e: &Evaluation) -> Option<String> {
    let identifier = e.property("TargetFrameworkIdentifier").known()?;
    if !(identifier.is_empty() || identifier.eq_ignore_ascii_case(".NETFramework")) {
        return None;
    }
    let version = e.property("TargetFrameworkVersion").known()?;
    let digits = version.trim().trim_start_matches(['v', 'V']).replace('.', "");
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then(|| format!("net{digits}"))
}

fn references(e: &Evaluation) -> Vec<Reference> {
    e.items
        .iter()
        .filter_map(|item| {
            let kind = match item.kind.as_str() {
                "PackageReference" => ReferenceKind::Package,
                "Reference" => ReferenceKind::Assembly,
                "ProjectReference" => ReferenceKind::Project,
                _ => return None,
            };
            let name = item.name.as_ref().map(|n| match kind {
                // `nunit.framework, Version=3.13.0.0, Culture=neutral, …`
                ReferenceKind::Assembly => n.split(',').next().unwrap_or("").trim().to_owned(),
                _ => n.clone(),
            });
            Some(Reference { kind, name, version: item.version.clone(), certain: item.certain })
        })
        .collect()
}

fn is_test(e: &Evaluation) -> Fact<bool> {
    let assembly = |n: &str| is_test_package(n.split(',').next().unwrap_or("").trim());
    e.is_true("IsTestProject")
        .or(Fact::Known(e.sdks.iter().any(|s| s.eq_ignore_ascii_case("MSTest.Sdk"))))
        .or(e.has_item("PackageReference", is_test_package))
        .or(e.has_item("Reference", assembly))
        .or(e.has_item("Using", super::sources::is_test_namespace))
        .or(match e.property("ProjectTypeGuids") {
            Fact::Known(guids) => {
                Fact::Known(guids.to_ascii_uppercase().contains("3AC096D0-A1C2-E12C-1390-A8335801FDAB"))
            }
            Fact::Unknown => Fact::Unknown,
        })
}

fn is_application(e: &Evaluation) -> Fact<bool> {
    let output_type = match e.property("OutputType") {
        Fact::Known(t) => {
            Fact::Known(["Exe", "WinExe", "AppContainerExe"].iter().any(|k| t.trim().eq_ignore_ascii_case(k)))
        }
        Fact::Unknown => Fact::Unknown,
    };
    Fact::Known(e.sdks.iter().any(|s| is_application_sdk(s)))
        .or(output_type)
        .or(e.is_true("UseWPF"))
        .or(e.is_true("UseWindowsForms"))
        .or(e.is_true("UseMaui"))
}

fn is_application_sdk(sdk: &str) -> bool {
    [
        "Microsoft.NET.Sdk.Web",
        "Microsoft.NET.Sdk.Razor",
        "Microsoft.NET.Sdk.BlazorWebAssembly",
        "Microsoft.NET.Sdk.Worker",
        "Microsoft.NET.Sdk.WindowsDesktop",
    ]
    .iter()
    .any(|s| s.eq_ignore_ascii_case(sdk))
}

fn is_test_package(package: &str) -> bool {
    let p = package.to_ascii_lowercase();
    matches!(
        p.as_str(),
        "xunit"
            | "xunit.v3"
            | "xunit.core"
            | "nunit"
            | "nunit.framework"
            | "mstest"
            | "mstest.testframework"
            | "microsoft.net.test.sdk"
            | "tunit"
            | "microsoft.visualstudio.qualitytools.unittestframework"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(files: &[(&str, &str)], project: &str) -> Project {
        Project::load(Path::new(project), &FileCache::in_memory(files.iter().copied())).unwrap()
    }

    fn kind(xml: &str) -> ProjectKind {
        load(&[("/r/p.csproj", xml)], "/r/p.csproj").kind
    }

    const V: fn(u8, u8) -> LanguageVersion = LanguageVersion::Version;

    #[test]
    fn implicit_usings_come_from_sdk_projects_and_their_props() {
        let sdk = r#"<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><ImplicitUsings>enable</ImplicitUsings></PropertyGroup></Project>"#;
        let project = load(&[("/r/p.csproj", sdk)], "/r/p.csproj");
        assert!(project.imports_implicitly("System.Threading"));
        assert!(!project.imports_implicitly("Microsoft.EntityFrameworkCore"));
        let props = r#"<Project><PropertyGroup><ImplicitUsings>enable</ImplicitUsings></PropertyGroup></Project>"#;
        let from_props = load(
            &[("/r/Directory.Build.props", props), ("/r/p.csproj", r#"<Project Sdk="Microsoft.NET.Sdk" />"#)],
            "/r/p.csproj",
        );
        assert!(from_props.implicit_usings);
        let legacy = r#"<Project><PropertyGroup><ImplicitUsings>enable</ImplicitUsings></PropertyGroup></Project>"#;
        assert!(!load(&[("/r/p.csproj", legacy)], "/r/p.csproj").implicit_usings, "only SDK projects");
    }

    #[test]
    fn kinds_from_sdk_output_type_and_references() {
        assert_eq!(
            kind(
                r#"<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>"#
            ),
            ProjectKind::Library
        );
        assert_eq!(kind(r#"<Project Sdk="Microsoft.NET.Sdk.Web"></Project>"#), ProjectKind::Application);
        assert_eq!(
            kind(
                r#"<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><OutputType>Exe</OutputType></PropertyGroup></Project>"#
            ),
            ProjectKind::Application
        );
        assert_eq!(
            kind(r#"<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><UseWPF>true</UseWPF></PropertyGroup></Project>"#),
            ProjectKind::Application
        );
        // xUnit v3 test projects are executables: the test check comes first.
        assert_eq!(
            kind(
                r#"<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><OutputType>Exe</OutputType></PropertyGroup><ItemGroup><PackageReference Include="xunit.v3" Version="1.0" /></ItemGroup></Project>"#
            ),
            ProjectKind::Test
        );
        assert_eq!(kind(r#"<Project Sdk="MSTest.Sdk/3.6.1"></Project>"#), ProjectKind::Test);
        assert_eq!(kind(r#"<Project><Sdk Name="Microsoft.NET.Sdk.Worker" /></Project>"#), ProjectKind::Application);
        assert_eq!(
            kind(
                r#"<Project><ItemGroup><Reference Include="nunit.framework, Version=3.13.0.0, Culture=neutral" /></ItemGroup></Project>"#
            ),
            ProjectKind::Test
        );
        assert_eq!(kind(r#"<Project><ItemGroup><Using Include="Xunit" /></ItemGroup></Project>"#), ProjectKind::Test);
    }

    #[test]
    fn update_does_not_add_a_package_and_metadata_elements_are_not_properties() {
        let update = r#"<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><PackageReference Update="xunit" Version="2.0" /></ItemGroup></Project>"#;
        assert_eq!(kind(update), ProjectKind::Library);
        let metadata = r#"<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><PackageReference Include="Foo"><IsTestProject>true</IsTestProject></PackageReference></ItemGroup></Project>"#;
        assert_eq!(kind(metadata), ProjectKind::Library);
    }

    #[test]
    fn unknown_conditions_make_the_kind_they_decide_unknown() {
        let debug_exe = r#"<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup Condition="'$(Configuration)' == 'Debug'"><OutputType>Exe</OutputType></PropertyGroup></Project>"#;
        assert_eq!(kind(debug_exe), ProjectKind::Unknown);
        let debug_tests = r#"<Project Sdk="Microsoft.NET.Sdk"><ItemGroup Condition="'$(Configuration)' == 'Debug'"><PackageReference Include="xunit" /></ItemGroup></Project>"#;
        assert_eq!(kind(debug_tests), ProjectKind::Unknown);
        let debug_other = r#"<Project Sdk="Microsoft.NET.Sdk"><ItemGroup Condition="'$(Configuration)' == 'Debug'"><PackageReference Include="Serilog" /></ItemGroup></Project>"#;
        assert_eq!(kind(debug_other), ProjectKind::Library, "a condition that decides nothing about the kind");
    }

    /// The case from issue 12: test packages from a `Directory.Build.props` that decides by the
    /// project's name.
    #[test]
    fn directory_build_props_makes_test_projects_by_name() {
        let props = r#"<Project>
          <PropertyGroup>
            <TestProject Condition="$(MSBuildProjectName.EndsWith('.Test'))">true</TestProject>
          </PropertyGroup>
          <ItemGroup Condition="'$(TestProject)' == 'true'">
            <PackageReference Include="Microsoft.NET.Test.Sdk" Version="17.11.1" />
            <PackageReference Include="xunit" Version="2.9.2" />
          </ItemGroup>
        </Project>"#;
        let sdk = r#"<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>"#;
        let files = [
            ("/r/Directory.Build.props", props),
            ("/r/src/Foo/Foo.csproj", sdk),
            ("/r/test/Foo.Test/Foo.Test.csproj", sdk),
        ];
        assert_eq!(load(&files, "/r/test/Foo.Test/Foo.Test.csproj").kind, ProjectKind::Test);
        assert_eq!(load(&files, "/r/src/Foo/Foo.csproj").kind, ProjectKind::Library);
        let test = load(&files, "/r/test/Foo.Test/Foo.Test.csproj");
        let names: Vec<String> = test.package_references().into_iter().map(|p| p.name).collect();
        assert_eq!(names, ["Microsoft.NET.Test.Sdk", "xunit"]);
    }

    #[test]
    fn target_frameworks_single_multi_legacy_and_from_props() {
        let p = |xml: &str| load(&[("/r/p.csproj", xml)], "/r/p.csproj").target_frameworks;
        assert_eq!(p("<Project><PropertyGroup><TargetFrameworks>netstandard2.0;net8.0</TargetFrameworks></PropertyGroup></Project>"), ["netstandard2.0", "net8.0"]);
        assert_eq!(
            p(
                r#"<Project ToolsVersion="15.0" xmlns="http://schemas.microsoft.com/developer/msbuild/2003"><PropertyGroup><TargetFrameworkVersion>v4.7.2</TargetFrameworkVersion></PropertyGroup></Project>"#
            ),
            ["net472"]
        );
        assert!(p("<Project><PropertyGroup><TargetFramework>$(_Unknown)</TargetFramework></PropertyGroup></Project>")
            .is_empty());
        let props =
            r#"<Project><PropertyGroup><LibraryFrameworks>net8.0;net472</LibraryFrameworks></PropertyGroup></Project>"#;
        let project = r#"<Project><PropertyGroup><TargetFrameworks>$(LibraryFrameworks)</TargetFrameworks></PropertyGroup></Project>"#;
        let from_props = load(&[("/r/Directory.Build.props", props), ("/r/p.csproj", project)], "/r/p.csproj");
        assert_eq!(from_props.target_frameworks, ["net8.0", "net472"]);
    }

    fn project(xml: &str) -> Project {
        load(&[("/r/p.csproj", xml)], "/r/p.csproj")
    }

    #[test]
    fn language_version_explicit_default_and_lowest_of_targets() {
        let lang = |xml: &str| project(xml).lang_version();
        assert_eq!(
            lang("<Project><PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>"),
            Fact::Known(V(12, 0))
        );
        assert_eq!(
            lang("<Project><PropertyGroup><TargetFramework>net472</TargetFramework></PropertyGroup></Project>"),
            Fact::Known(V(7, 3))
        );
        assert_eq!(
            lang("<Project><PropertyGroup><TargetFramework>net472</TargetFramework><LangVersion>latest</LangVersion></PropertyGroup></Project>"),
            Fact::Known(LanguageVersion::Latest)
        );
        assert_eq!(
            lang("<Project><PropertyGroup><TargetFrameworks>net8.0;netstandard2.0</TargetFrameworks></PropertyGroup></Project>"),
            Fact::Known(V(7, 3))
        );
        assert_eq!(
            lang("<Project><PropertyGroup><TargetFrameworks>net8.0;netstandard2.0</TargetFrameworks><LangVersion Condition=\"'$(TargetFramework)' == 'netstandard2.0'\">9.0</LangVersion></PropertyGroup></Project>"),
            Fact::Known(V(9, 0))
        );
        assert_eq!(
            lang("<Project><PropertyGroup><TargetFramework>net8.0</TargetFramework><LangVersion Condition=\"'$(Configuration)' == 'Debug'\">7.3</LangVersion></PropertyGroup></Project>"),
            Fact::Unknown
        );
        assert_eq!(lang("<Project />"), Fact::Unknown, "no target framework");

        let allows = |xml: &str| project(xml).allows_language(LanguageVersion::CSHARP_8);
        assert_eq!(
            allows(
                "<Project><PropertyGroup><TargetFramework>netcoreapp3.1</TargetFramework></PropertyGroup></Project>"
            ),
            Fact::Known(true)
        );
        assert_eq!(
            allows(
                "<Project><PropertyGroup><TargetFrameworks>net8.0;net48</TargetFrameworks></PropertyGroup></Project>"
            ),
            Fact::Known(false)
        );
        assert_eq!(allows("<Project><PropertyGroup><TargetFrameworks>net48;$(_Extra)</TargetFrameworks></PropertyGroup></Project>"), Fact::Unknown);
        assert_eq!(allows("<Project><PropertyGroup><TargetFramework>net48</TargetFramework><LangVersion>8.0</LangVersion></PropertyGroup></Project>"), Fact::Known(true));
    }

    #[test]
    fn async_disposable_from_the_framework_or_a_direct_package_reference() {
        let has = |xml: &str| project(xml).has_async_disposable();
        let tf = |tfm: &str, items: &str| {
            format!("<Project><PropertyGroup><TargetFrameworks>{tfm}</TargetFrameworks></PropertyGroup><ItemGroup>{items}</ItemGroup></Project>")
        };
        assert_eq!(has(&tf("net8.0", "")), Fact::Known(true));
        assert_eq!(has(&tf("netstandard2.1", "")), Fact::Known(true));
        assert_eq!(has(&tf("netstandard2.0", "")), Fact::Known(false));
        assert_eq!(has(&tf("net8.0;net472", "")), Fact::Known(false));
        let bcl = r#"<PackageReference Include="Microsoft.Bcl.AsyncInterfaces" Version="8.0.0" />"#;
        assert_eq!(has(&tf("netstandard2.0;net8.0", bcl)), Fact::Known(true));
        let only_old = r#"<PackageReference Include="Microsoft.Bcl.AsyncInterfaces" Condition="'$(TargetFramework)' == 'net472'" />"#;
        assert_eq!(has(&tf("net472;net8.0", only_old)), Fact::Known(true));
        assert_eq!(has(&tf("net472;netstandard2.0", only_old)), Fact::Known(false), "netstandard2.0 lacks it");
        let legacy = r#"<Reference Include="Microsoft.Bcl.AsyncInterfaces, Version=8.0.0.0" />"#;
        assert_eq!(has(&tf("net48", legacy)), Fact::Known(true));
        // A package may bring it along: asyncfix does not read the package graph.
        assert_eq!(has(&tf("netstandard2.0", r#"<PackageReference Include="System.Text.Json" />"#)), Fact::Unknown);
        assert_eq!(
            has(&tf("netstandard2.0", r#"<ProjectReference Include="..\Other\Other.csproj" />"#)),
            Fact::Unknown
        );
        assert_eq!(has(&tf("netstandard2.0", r#"<Reference Include="System.Net.Http" />"#)), Fact::Known(false));
        assert_eq!(has("<Project />"), Fact::Unknown);
        assert_eq!(has(&tf("uap10.0", "")), Fact::Unknown);
    }

    #[test]
    fn package_references_over_builds() {
        let p = project(
            r#"<Project><PropertyGroup><TargetFrameworks>net472;net8.0</TargetFrameworks></PropertyGroup>
            <ItemGroup><PackageReference Include="Polly" Version="8.0" /></ItemGroup>
            <ItemGroup Condition="'$(TargetFramework)' == 'net472'"><PackageReference Include="Microsoft.Bcl.AsyncInterfaces" /></ItemGroup>
            <ItemGroup Condition="'$(Configuration)' == 'Debug'"><PackageReference Include="Debug.Helper" /></ItemGroup></Project>"#,
        );
        let refs = p.package_references();
        assert_eq!(refs.len(), 3, "{refs:?}");
        assert_eq!(
            (refs[0].name.as_str(), refs[0].version.as_deref(), refs[0].target_frameworks.is_empty()),
            ("Polly", Some("8.0"), true)
        );
        assert_eq!(refs[1].target_frameworks, ["net472"]);
        assert!(!refs[2].certain);
        assert_eq!(p.references_package("polly"), Fact::Known(true));
        assert_eq!(p.references_package("Microsoft.Bcl.AsyncInterfaces"), Fact::Known(false), "not in every build");
        assert_eq!(p.references_package("Debug.Helper"), Fact::Unknown);
        assert_eq!(p.references_package("Newtonsoft.Json"), Fact::Known(false));
    }

    #[test]
    fn a_project_made_by_hand_reads_its_target_frameworks() {
        let p = Project { target_frameworks: vec!["net8.0".into()], ..Project::unknown() };
        assert_eq!(p.lang_version(), Fact::Known(V(12, 0)));
        assert_eq!(p.has_async_disposable(), Fact::Known(true));
        assert_eq!(Project::unknown().lang_version(), Fact::Unknown);
    }

    #[test]
    fn broken_xml_is_an_error() {
        let cache = FileCache::in_memory([("/r/p.csproj", "<Project><PropertyGroup>")]);
        assert!(Project::load(Path::new("/r/p.csproj"), &cache).is_err());
    }
}
