//! Projects: what a `.csproj` says about the code in it.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// What a project builds, which decides how library-only transforms treat its code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProjectKind {
    /// A class library: its code does not know the context of its callers.
    Library,
    /// An executable, web, desktop or worker application.
    Application,
    /// A test project (xUnit, NUnit, MSTest, TUnit, or `IsTestProject`).
    Test,
    /// No project file above the source, or one that could not be read.
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

impl Project {
    /// The stand-in for source files that no project file covers.
    pub fn unknown() -> Self {
        Project { path: None, kind: ProjectKind::Unknown, target_frameworks: Vec::new(), implicit_usings: false }
    }

    /// Whether the SDK imports `namespace` into every file of the project.
    pub fn imports_implicitly(&self, namespace: &str) -> bool {
        self.implicit_usings && IMPLICIT_NAMESPACES.contains(&namespace)
    }

    /// Reads a project file and the `Directory.Build.props`/`.targets` nearest above it. An error
    /// names the file; the caller treats the project as unknown.
    pub fn load(path: &Path) -> Result<Self> {
        let read = |p: &Path| -> Result<String> {
            let bytes = std::fs::read(p).with_context(|| format!("{}: cannot read", p.display()))?;
            Ok(String::from_utf8_lossy(&bytes).trim_start_matches('\u{feff}').to_owned())
        };
        let text = read(path)?;
        let nearest = |name: &str| -> Result<Vec<String>> {
            let found = path.ancestors().skip(1).map(|d| d.join(name)).find(|p| p.is_file());
            found.map(|p| read(&p).map(|t| vec![t])).unwrap_or(Ok(Vec::new()))
        };
        let (props, targets) = (nearest("Directory.Build.props")?, nearest("Directory.Build.targets")?);
        Self::parse_with_imports(path, &props, &text, &targets)
            .with_context(|| format!("{}: not a readable project file (or its Directory.Build files)", path.display()))
    }

    /// Reads project XML.
    pub fn parse(path: &Path, xml: &str) -> Result<Self> {
        Self::parse_with_imports(path, &[], xml, &[])
    }

    /// Reads project XML together with the `Directory.Build.props` (read before it) and
    /// `Directory.Build.targets` (read after it) that MSBuild imports around it: test frameworks
    /// and target frameworks are often declared there.
    pub fn parse_with_imports(path: &Path, props: &[String], xml: &str, targets: &[String]) -> Result<Self> {
        let mut sdks: Vec<String> = Vec::new();
        let mut properties: Vec<(String, String)> = Vec::new();
        let mut packages: Vec<String> = Vec::new();
        for (i, text) in
            props.iter().map(String::as_str).chain([xml]).chain(targets.iter().map(String::as_str)).enumerate()
        {
            let doc = roxmltree::Document::parse(text)?;
            // Only the project file itself says which SDK it builds with.
            let is_project = i == props.len();
            collect(&doc, is_project, &mut sdks, &mut properties, &mut packages);
        }
        Ok(Self::decide(path, &sdks, &properties, &packages))
    }

    fn decide(path: &Path, sdks: &[String], properties: &[(String, String)], packages: &[String]) -> Self {
        let property =
            |key: &str| properties.iter().rev().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v.as_str());
        let is_true = |key: &str| property(key).is_some_and(|v| v.eq_ignore_ascii_case("true"));

        let kind = if is_true("IsTestProject")
            || sdks.iter().any(|s| s.eq_ignore_ascii_case("MSTest.Sdk"))
            || packages.iter().any(|p| is_test_package(p))
            || property("ProjectTypeGuids")
                .is_some_and(|g| g.to_ascii_uppercase().contains("3AC096D0-A1C2-E12C-1390-A8335801FDAB"))
        {
            ProjectKind::Test
        } else if sdks.iter().any(|s| is_application_sdk(s))
            || property("OutputType").is_some_and(|t| {
                t.eq_ignore_ascii_case("Exe")
                    || t.eq_ignore_ascii_case("WinExe")
                    || t.eq_ignore_ascii_case("AppContainerExe")
            })
            || is_true("UseWPF")
            || is_true("UseWindowsForms")
            || is_true("UseMaui")
        {
            ProjectKind::Application
        } else {
            ProjectKind::Library
        };

        let mut target_frameworks: Vec<String> = property("TargetFrameworks")
            .or(property("TargetFramework"))
            .map(|v| v.split(';').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect())
            .unwrap_or_default();
        if target_frameworks.is_empty() {
            // Old-style projects: <TargetFrameworkVersion>v4.7.2</TargetFrameworkVersion> → net472.
            if let Some(version) = property("TargetFrameworkVersion") {
                target_frameworks.push(format!("net{}", version.trim_start_matches('v').replace('.', "")));
            }
        }
        let implicit_usings = !sdks.is_empty()
            && property("ImplicitUsings")
                .is_some_and(|v| v.eq_ignore_ascii_case("enable") || v.eq_ignore_ascii_case("true"));
        Project { path: Some(path.to_owned()), kind, target_frameworks, implicit_usings }
    }
}

/// Adds what one MSBuild file says to the facts gathered so far. In an imported file (`is_project`
/// false), elements under a `Condition` are skipped: a repository-wide `Directory.Build.props`
/// often adds test packages only to the projects whose name ends in `Tests`.
fn collect(
    doc: &roxmltree::Document<'_>,
    is_project: bool,
    sdks: &mut Vec<String>,
    properties: &mut Vec<(String, String)>,
    packages: &mut Vec<String>,
) {
    let conditional = |node: roxmltree::Node<'_, '_>| node.ancestors().any(|a| a.attribute("Condition").is_some());
    for node in doc.root_element().descendants().filter(|n| n.is_element()) {
        if !is_project && conditional(node) {
            continue;
        }
        let name = node.tag_name().name();
        if is_project {
            if let Some(sdk) = node.attribute("Sdk") {
                sdks.extend(sdk.split(';').map(|s| s.split('/').next().unwrap_or(s).trim().to_owned()));
            }
        }
        match name {
            "Sdk" if is_project => sdks.extend(node.attribute("Name").map(str::to_owned)),
            "PackageReference" | "Reference" => {
                if let Some(include) = node.attribute("Include").or(node.attribute("Update")) {
                    packages.push(include.split(',').next().unwrap_or("").trim().to_owned());
                }
            }
            _ if node.children().all(|c| !c.is_element()) => {
                properties.push((name.to_owned(), node.text().unwrap_or("").trim().to_owned()));
            }
            _ => {}
        }
    }
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

    fn kind(xml: &str) -> ProjectKind {
        Project::parse(Path::new("p.csproj"), xml).unwrap().kind
    }

    #[test]
    fn implicit_usings_come_from_sdk_projects_and_their_props() {
        let sdk = r#"<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><ImplicitUsings>enable</ImplicitUsings></PropertyGroup></Project>"#;
        let project = Project::parse(Path::new("p.csproj"), sdk).unwrap();
        assert!(project.imports_implicitly("System.Threading"));
        assert!(!project.imports_implicitly("Microsoft.EntityFrameworkCore"));
        let props =
            [r#"<Project><PropertyGroup><ImplicitUsings>enable</ImplicitUsings></PropertyGroup></Project>"#.to_owned()];
        let from_props =
            Project::parse_with_imports(Path::new("p.csproj"), &props, r#"<Project Sdk="Microsoft.NET.Sdk" />"#, &[]);
        assert!(from_props.unwrap().implicit_usings);
        let legacy = r#"<Project><PropertyGroup><ImplicitUsings>enable</ImplicitUsings></PropertyGroup></Project>"#;
        assert!(!Project::parse(Path::new("p.csproj"), legacy).unwrap().implicit_usings, "only SDK projects");
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
    }

    #[test]
    fn target_frameworks_single_multi_and_legacy() {
        let p = |xml: &str| Project::parse(Path::new("p.csproj"), xml).unwrap().target_frameworks;
        assert_eq!(p("<Project><PropertyGroup><TargetFrameworks>netstandard2.0;net8.0</TargetFrameworks></PropertyGroup></Project>"), ["netstandard2.0", "net8.0"]);
        assert_eq!(
            p(
                r#"<Project ToolsVersion="15.0" xmlns="http://schemas.microsoft.com/developer/msbuild/2003"><PropertyGroup><TargetFrameworkVersion>v4.7.2</TargetFrameworkVersion></PropertyGroup></Project>"#
            ),
            ["net472"]
        );
    }

    #[test]
    fn directory_build_props_can_make_a_test_project_but_not_under_a_condition() {
        let props = |xml: &str| vec![xml.to_owned()];
        let project = r#"<Project Sdk="Microsoft.NET.Sdk"></Project>"#;
        let parse =
            |p: &[String], t: &[String]| Project::parse_with_imports(Path::new("p.csproj"), p, project, t).unwrap();
        let xunit = r#"<Project><ItemGroup><PackageReference Include="xunit" /></ItemGroup></Project>"#;
        assert_eq!(parse(&props(xunit), &[]).kind, ProjectKind::Test);
        assert_eq!(parse(&[], &props(xunit)).kind, ProjectKind::Test);
        let conditional = r#"<Project><ItemGroup Condition="'$(IsTestProject)' == 'true'"><PackageReference Include="xunit" /></ItemGroup></Project>"#;
        assert_eq!(parse(&props(conditional), &[]).kind, ProjectKind::Library);
        let tfm =
            r#"<Project><PropertyGroup><TargetFrameworks>net8.0;net472</TargetFrameworks></PropertyGroup></Project>"#;
        assert_eq!(parse(&props(tfm), &[]).target_frameworks, ["net8.0", "net472"]);
    }

    #[test]
    fn broken_xml_is_an_error() {
        assert!(Project::parse(Path::new("p.csproj"), "<Project><PropertyGroup>").is_err());
    }
}
