//! MSBuild evaluation, as far as project facts need it: the properties and items a project ends
//! up with after its `Directory.Build.props`, its own file and its `Directory.Build.targets`, with
//! the imports they make and the conditions they put on them.
//!
//! Evaluation follows MSBuild's order. A first pass reads properties (and follows imports) in file
//! order: `Directory.Build.props` (the nearest above the project), the properties a referenced
//! `Microsoft.NET.Test.Sdk` package defines (`IsTestProject`, `TestProject`), the project file,
//! then `Directory.Build.targets`. A second pass reads items with the final property values, so
//! an `ItemGroup` in `Directory.Build.props` may depend on a property the project sets.
//!
//! Each value is three-valued: known, or Unknown. A property asyncfix cannot know is Unknown: one
//! the SDK, MSBuild, the environment or the command line defines (see [`Scope::property`]); a
//! property assigned under a condition that is Unknown becomes Unknown (unless both values agree);
//! an item under such a condition is kept as not certain. Imports that name an SDK, a path with an
//! unknown part, a wildcard, or a file that does not exist are skipped.

pub mod condition;
pub mod expand;
pub mod xml;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use self::expand::{expand, normalize, unix_path, Properties};
use self::xml::Element;
use crate::index::Framework;
use crate::workspace::facts::Fact;

/// A file that could not be read or parsed, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileError {
    /// The file (absolute).
    pub path: PathBuf,
    /// What is wrong with it, lower case (`cannot read: permission denied`).
    pub message: String,
}

type Cached = Result<Option<Arc<Element>>, String>;

/// MSBuild files read so far, each parsed once for every project that imports it. Shared by the
/// threads that load projects.
#[derive(Default)]
pub struct FileCache {
    files: Mutex<HashMap<PathBuf, Cached>>,
    /// Only the files given to [`FileCache::in_memory`]; the disk is not read.
    in_memory: bool,
}

impl FileCache {
    /// A cache over the files given, as if they were the only ones on disk (for tests).
    pub fn in_memory<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> FileCache {
        let files = files.into_iter().map(|(path, text)| (PathBuf::from(normalize(path)), parsed(text))).collect();
        FileCache { files: Mutex::new(files), in_memory: true }
    }

    /// The parsed file at `path` (absolute and normalized), `Ok(None)` when there is none.
    pub fn get(&self, path: &Path) -> Result<Option<Arc<Element>>, FileError> {
        let cached = self.files.lock().expect("not poisoned").get(path).cloned();
        let result = match cached {
            Some(result) => result,
            None if self.in_memory => Ok(None),
            None => {
                let result = read(path);
                self.files.lock().expect("not poisoned").insert(path.to_owned(), result.clone());
                result
            }
        };
        result.map_err(|message| FileError { path: path.to_owned(), message })
    }
}

fn read(path: &Path) -> Cached {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        // A folder of that name is no file either.
        Err(_) if path.is_dir() => return Ok(None),
        Err(e) => return Err(format!("cannot read: {}", crate::workspace::io_message(&e))),
    };
    let text = match crate::source::Document::decode(&bytes) {
        Ok(doc) => doc.text().to_owned(),
        Err(_) => String::from_utf8_lossy(&bytes).into_owned(),
    };
    parsed(&text)
}

fn parsed(text: &str) -> Cached {
    xml::parse(text).map(Some).map_err(|e| format!("not valid MSBuild XML: {e}"))
}

/// An item of the evaluated project: `PackageReference`, `Reference`, `ProjectReference`,
/// `Using`, ….
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// The item type (the element name).
    pub kind: String,
    /// The evaluated `Include`, one name per item; `None` when it could not be evaluated.
    pub name: Option<String>,
    /// Its `Version` (attribute or metadata element), evaluated.
    pub version: Option<String>,
    /// False when the item sits under a condition that could not be evaluated.
    pub certain: bool,
}

/// The properties and items of one evaluation of a project.
#[derive(Debug)]
pub struct Evaluation {
    scope: Scope,
    /// The items, in evaluation order.
    pub items: Vec<Item>,
    /// The SDKs the project file names (`Sdk="…"`, `<Sdk Name="…">`, `<Import Sdk="…">`),
    /// without versions.
    pub sdks: Vec<String>,
}

impl Evaluation {
    /// The final value of property `name` (any case): `Known("")` when nobody defines it.
    pub fn property(&self, name: &str) -> Fact<String> {
        self.scope.property(name).map_or(Fact::Unknown, Fact::Known)
    }

    /// Whether property `name` is `true` (any case).
    pub fn is_true(&self, name: &str) -> Fact<bool> {
        match self.property(name) {
            Fact::Known(value) => Fact::Known(value.trim().eq_ignore_ascii_case("true")),
            Fact::Unknown => Fact::Unknown,
        }
    }

    /// Whether the items include one of type `kind` named as `matches` says: Known yes for a
    /// certain item, Unknown for an uncertain one or one whose name is unknown.
    pub fn has_item(&self, kind: &str, matches: impl Fn(&str) -> bool) -> Fact<bool> {
        let mut found = Fact::Known(false);
        for item in self.items.iter().filter(|i| i.kind.eq_ignore_ascii_case(kind)) {
            match &item.name {
                Some(name) if matches(name) => {
                    if item.certain {
                        return Fact::Known(true);
                    }
                    found = Fact::Unknown;
                }
                Some(_) => {}
                None => found = Fact::Unknown,
            }
        }
        found
    }
}

/// The name of the package whose props define `IsTestProject` and `TestProject`.
const TEST_SDK_PACKAGE: &str = "Microsoft.NET.Test.Sdk";

/// Evaluates the project at `project` (absolute): the outer evaluation (no target framework
/// given), or with `target_framework` as a global property, as MSBuild does for each framework of
/// a multi-targeting project. A file that cannot be read or parsed is an error naming it.
pub fn evaluate(cache: &FileCache, project: &Path, target_framework: Option<&str>) -> Result<Evaluation, FileError> {
    let globals: Vec<(String, String)> =
        target_framework.map(|tf| ("targetframework".to_owned(), tf.to_owned())).into_iter().collect();
    let first = evaluate_once(cache, project, &globals, None)?;
    // The test SDK package's props come after Directory.Build.props (NuGet imports them there):
    // evaluate again with them when the first evaluation references the package.
    let test_sdk = first.has_item("PackageReference", |n| n.eq_ignore_ascii_case(TEST_SDK_PACKAGE));
    match test_sdk {
        Fact::Known(false) => Ok(first),
        Fact::Known(true) => evaluate_once(cache, project, &globals, Some(Some("true"))),
        Fact::Unknown => evaluate_once(cache, project, &globals, Some(None)),
    }
}

fn evaluate_once(
    cache: &FileCache,
    project: &Path,
    globals: &[(String, String)],
    test_sdk: Option<Option<&str>>,
) -> Result<Evaluation, FileError> {
    let project = PathBuf::from(normalize(&project.to_string_lossy()));
    let Some(root) = cache.get(&project)? else {
        return Err(FileError { path: project, message: "no such file".into() });
    };
    let dir = project.parent().unwrap_or(Path::new("/")).to_owned();
    let mut eval = Evaluator {
        cache,
        scope: Scope::new(&project, globals),
        imported: HashSet::new(),
        groups: Vec::new(),
        base: dir.clone(),
    };
    if let Some(props) = nearest(cache, &dir, "Directory.Build.props")? {
        eval.file(&props.0, &props.1, Fact::Known(true))?;
    }
    if let Some(value) = test_sdk {
        for name in ["TestProject", "IsTestProject"] {
            eval.scope.set(name, value.map(str::to_owned), Fact::Known(true));
        }
    }
    eval.file(&project, &root, Fact::Known(true))?;
    if let Some(targets) = nearest(cache, &dir, "Directory.Build.targets")? {
        eval.file(&targets.0, &targets.1, Fact::Known(true))?;
    }

    eval.scope.items_phase = true;
    let mut items = Vec::new();
    for group in std::mem::take(&mut eval.groups) {
        eval.scope.this_file = group.file.clone();
        eval.items(&group.element, group.context, &mut items);
    }
    Ok(Evaluation { scope: eval.scope, items, sdks: sdks(&root) })
}

/// The nearest file called `name` in `dir` or a folder above it.
fn nearest(cache: &FileCache, dir: &Path, name: &str) -> Result<Option<(PathBuf, Arc<Element>)>, FileError> {
    for folder in dir.ancestors() {
        let path = folder.join(name);
        if let Some(root) = cache.get(&path)? {
            return Ok(Some((path, root)));
        }
    }
    Ok(None)
}

fn sdks(root: &Element) -> Vec<String> {
    let mut out = Vec::new();
    let mut add = |text: &str| {
        out.extend(
            text.split(';').map(|s| s.split('/').next().unwrap_or(s).trim().to_owned()).filter(|s| !s.is_empty()),
        )
    };
    if let Some(sdk) = root.attribute("Sdk") {
        add(sdk);
    }
    let mut pending: Vec<&Element> = root.children.iter().map(Arc::as_ref).collect();
    while let Some(el) = pending.pop() {
        match el.name.as_str() {
            "Sdk" => add(el.attribute("Name").unwrap_or("")),
            "Import" => add(el.attribute("Sdk").unwrap_or("")),
            "ImportGroup" => pending.extend(el.children.iter().map(Arc::as_ref)),
            _ => {}
        }
    }
    out
}

/// An `ItemGroup` or `Choose` met in the property pass, kept for the item pass.
struct Group {
    element: Arc<Element>,
    file: PathBuf,
    context: Fact<bool>,
}

struct Evaluator<'c> {
    cache: &'c FileCache,
    scope: Scope,
    imported: HashSet<PathBuf>,
    groups: Vec<Group>,
    /// Relative paths in conditions are taken from the project's folder.
    base: PathBuf,
}

impl Evaluator<'_> {
    fn condition(&self, element: &Element) -> Fact<bool> {
        match element.condition() {
            Some(condition) => condition::evaluate(condition, &self.scope, &self.base),
            None => Fact::Known(true),
        }
    }

    /// The property pass over one file, its imports included.
    fn file(&mut self, path: &Path, root: &Element, context: Fact<bool>) -> Result<(), FileError> {
        self.imported.insert(path.to_owned());
        let outer = std::mem::replace(&mut self.scope.this_file, path.to_owned());
        for child in &root.children {
            match child.name.as_str() {
                "PropertyGroup" => self.properties(child, context),
                "ItemGroup" | "Choose" => {
                    if child.name == "Choose" {
                        self.choose(child, context, &mut |ev, branch, truth| {
                            ev.branch_properties(branch, truth);
                        });
                    }
                    self.groups.push(Group { element: child.clone(), file: path.to_owned(), context });
                }
                "Import" => self.import(child, context)?,
                "ImportGroup" => {
                    let context = context.and(self.condition(child));
                    if context != Fact::Known(false) {
                        for import in child.children.iter().filter(|c| c.name == "Import") {
                            self.import(import, context)?;
                        }
                    }
                }
                // Targets run at build time; item definitions, tasks and extensions say nothing
                // about the project's facts.
                _ => {}
            }
        }
        self.scope.this_file = outer;
        Ok(())
    }

    fn properties(&mut self, group: &Element, context: Fact<bool>) {
        let context = context.and(self.condition(group));
        if context == Fact::Known(false) {
            return;
        }
        for property in &group.children {
            let truth = context.and(self.condition(property));
            if truth != Fact::Known(false) {
                let value = expand(&property.text, &self.scope);
                self.scope.set(&property.name, value, truth);
            }
        }
    }

    fn branch_properties(&mut self, branch: &Element, truth: Fact<bool>) {
        for child in &branch.children {
            match child.name.as_str() {
                "PropertyGroup" => self.properties(child, truth),
                "Choose" => self.choose(child, truth, &mut |ev, branch, truth| ev.branch_properties(branch, truth)),
                _ => {}
            }
        }
    }

    /// Calls `each` for every branch of a `Choose` that may be taken, with the truth of taking
    /// it: the first `When` whose condition holds, else `Otherwise`.
    fn choose(&mut self, choose: &Element, context: Fact<bool>, each: &mut dyn FnMut(&mut Self, &Element, Fact<bool>)) {
        let mut none_taken = Fact::Known(true);
        for branch in &choose.children {
            let truth = match branch.name.as_str() {
                "When" => {
                    // A `When` without a condition is an error in MSBuild.
                    let condition =
                        branch.condition().map_or(Fact::Unknown, |c| condition::evaluate(c, &self.scope, &self.base));
                    let taken = context.and(none_taken).and(condition);
                    none_taken = none_taken.and(!condition);
                    taken
                }
                "Otherwise" => context.and(none_taken),
                _ => continue,
            };
            if truth != Fact::Known(false) {
                each(self, branch, truth);
            }
        }
    }

    fn import(&mut self, import: &Element, context: Fact<bool>) -> Result<(), FileError> {
        // SDK imports (`<Import Project="Sdk.props" Sdk="Microsoft.NET.Sdk" />`) are the SDK's.
        if import.attribute("Sdk").is_some() {
            return Ok(());
        }
        let context = context.and(self.condition(import));
        if context == Fact::Known(false) {
            return Ok(());
        }
        let Some(projects) = import.attribute("Project").and_then(|p| expand(p, &self.scope)) else { return Ok(()) };
        let from = self.scope.this_file.parent().unwrap_or(Path::new("/")).to_owned();
        for project in projects.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            if project.contains(['*', '?']) {
                continue;
            }
            let path = PathBuf::from(normalize(&from.join(unix_path(project)).to_string_lossy()));
            // MSBuild imports a file once per evaluation and warns about the second time.
            if self.imported.contains(&path) {
                continue;
            }
            if let Some(root) = self.cache.get(&path)? {
                self.file(&path, &root, context)?;
            }
        }
        Ok(())
    }

    /// The item pass over an `ItemGroup` or `Choose`.
    fn items(&mut self, element: &Element, context: Fact<bool>, out: &mut Vec<Item>) {
        match element.name.as_str() {
            "ItemGroup" => self.item_group(element, context, out),
            "Choose" => self.choose(element, context, &mut |ev, branch, truth| {
                for child in &branch.children {
                    if matches!(child.name.as_str(), "ItemGroup" | "Choose") {
                        ev.items(child, truth, out);
                    }
                }
            }),
            _ => {}
        }
    }

    fn item_group(&self, group: &Element, context: Fact<bool>, out: &mut Vec<Item>) {
        let context = context.and(self.condition(group));
        if context == Fact::Known(false) {
            return;
        }
        for element in &group.children {
            let truth = context.and(self.condition(element));
            if truth == Fact::Known(false) {
                continue;
            }
            let kind = &element.name;
            let same = |item: &Item, name: &str| {
                item.kind.eq_ignore_ascii_case(kind)
                    && item.name.as_deref().is_some_and(|n| n.eq_ignore_ascii_case(name))
            };
            let version = element
                .attribute("Version")
                .or_else(|| element.child("Version").map(|v| v.text.as_str()))
                .and_then(|v| expand(v, &self.scope));
            if let Some(include) = element.attribute("Include") {
                let certain = truth == Fact::Known(true);
                match expand(include, &self.scope) {
                    Some(names) => out.extend(names.split(';').map(str::trim).filter(|n| !n.is_empty()).map(|name| {
                        Item { kind: kind.clone(), name: Some(name.to_owned()), version: version.clone(), certain }
                    })),
                    None => out.push(Item { kind: kind.clone(), name: None, version, certain }),
                }
            } else if let Some(remove) = element.attribute("Remove") {
                match expand(remove, &self.scope) {
                    Some(names) => {
                        for name in names.split(';').map(str::trim) {
                            if truth == Fact::Known(true) {
                                out.retain(|item| !same(item, name));
                            } else {
                                out.iter_mut().filter(|item| same(item, name)).for_each(|item| item.certain = false);
                            }
                        }
                    }
                    None => {
                        out.iter_mut().filter(|i| i.kind.eq_ignore_ascii_case(kind)).for_each(|i| i.certain = false)
                    }
                }
            } else if let (Some(update), true) = (element.attribute("Update"), truth == Fact::Known(true)) {
                if let (Some(names), Some(version)) = (expand(update, &self.scope), version) {
                    for name in names.split(';').map(str::trim) {
                        out.iter_mut()
                            .filter(|item| same(item, name))
                            .for_each(|item| item.version = Some(version.clone()));
                    }
                }
            }
        }
    }
}

/// Property values during evaluation, and the properties MSBuild itself defines.
#[derive(Debug)]
struct Scope {
    /// Defined properties by lower-case name; `None` is unknown.
    defined: HashMap<String, Option<String>>,
    /// Global properties (the target framework of an inner build): they cannot be reassigned.
    globals: HashMap<String, String>,
    project: PathBuf,
    this_file: PathBuf,
    /// In the item pass, the SDK's defaults for properties the project leaves empty are known.
    items_phase: bool,
}

/// Properties the SDK gives a default after the project file (known in the item pass).
const SDK_DEFAULTS: &[&str] = &[
    "assemblyname",
    "rootnamespace",
    "projectname",
    "targetname",
    "targetframeworkidentifier",
    "targetframeworkversion",
];

/// Properties the build environment, the command line, the SDK or MSBuild define where asyncfix
/// cannot see them: Unknown unless a file asyncfix reads defines them.
const EXTERNAL: &[&str] = &[
    "configuration",
    "platform",
    "platformtarget",
    "runtimeidentifier",
    "solutiondir",
    "solutionname",
    "solutionpath",
    "solutionfilename",
    "solutionext",
    "buildinginsidevisualstudio",
    "designtimebuild",
    "buildingproject",
    "continuousintegrationbuild",
    "visualstudioversion",
    "vstoolspath",
    "nugetpackageroot",
    "netcoresdkversion",
    "targetplatformidentifier",
    "targetplatformversion",
];

impl Scope {
    fn new(project: &Path, globals: &[(String, String)]) -> Scope {
        Scope {
            defined: HashMap::new(),
            globals: globals.iter().cloned().collect(),
            project: project.to_owned(),
            this_file: project.to_owned(),
            items_phase: false,
        }
    }

    /// Assigns `value` to `name` if `truth` holds; under an Unknown condition the property becomes
    /// Unknown unless the value does not change.
    fn set(&mut self, name: &str, value: Option<String>, truth: Fact<bool>) {
        let key = name.to_ascii_lowercase();
        if self.globals.contains_key(&key) || truth == Fact::Known(false) {
            return;
        }
        let value = if truth == Fact::Known(true) || self.property(name) == value { value } else { None };
        self.defined.insert(key, value);
    }

    /// The properties MSBuild reserves, computed from the paths of the project and of the file
    /// being read; `None` for a name it does not reserve, `Some(None)` for one not computed here.
    fn reserved(&self, key: &str) -> Option<Option<String>> {
        let (this, part) = match (key.strip_prefix("msbuildthisfile"), key.strip_prefix("msbuildproject")) {
            (Some(part), _) => (true, part),
            (None, Some(part)) => (false, part),
            (None, None) => return None,
        };
        let file = if this { &self.this_file } else { &self.project };
        let text = |p: &Path| p.to_string_lossy().into_owned();
        let dir = text(file.parent().unwrap_or(Path::new("/")));
        let value = match part {
            "" if this => file.file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default(),
            "file" if !this => file.file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default(),
            "name" => file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default(),
            "extension" => file.extension().map(|e| format!(".{}", e.to_string_lossy())).unwrap_or_default(),
            "fullpath" => text(file),
            // MSBuildThisFileDirectory ends in a slash; MSBuildProjectDirectory does not.
            "directory" if this => format!("{}/", dir.trim_end_matches('/')),
            "directory" => dir,
            "directorynoroot" => dir.trim_start_matches('/').to_owned(),
            _ => return Some(None),
        };
        Some(Some(value))
    }
}

impl Properties for Scope {
    fn property(&self, name: &str) -> Option<String> {
        let key = name.to_ascii_lowercase();
        if let Some(value) = self.globals.get(&key) {
            return Some(value.clone());
        }
        if let Some(value) = self.reserved(&key) {
            return value;
        }
        if let Some(value) = self.defined.get(&key) {
            return value.clone();
        }
        if self.items_phase && SDK_DEFAULTS.contains(&key.as_str()) {
            return match key.as_str() {
                "targetname" => self.property("AssemblyName"),
                "targetframeworkidentifier" | "targetframeworkversion" => {
                    let target = self.property("TargetFramework")?;
                    if target.trim().is_empty() {
                        // Old-style projects: MSBuild's default framework is .NET Framework.
                        let identifier = key == "targetframeworkidentifier";
                        return Some(if identifier { ".NETFramework" } else { "" }.to_owned());
                    }
                    let framework = Framework::parse(&target)?;
                    Some(if key == "targetframeworkidentifier" {
                        expand::framework_identifier(&framework).to_owned()
                    } else {
                        format!("v{}", expand::framework_version(&framework))
                    })
                }
                _ => self.property("MSBuildProjectName"),
            };
        }
        let environment_like =
            key.len() >= 2 && name.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
        if SDK_DEFAULTS.contains(&key.as_str())
            || EXTERNAL.contains(&key.as_str())
            || key.starts_with("msbuild")
            || key.starts_with('_')
            || environment_like
        {
            return None;
        }
        Some(String::new())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eval(files: &[(&str, &str)], project: &str, tf: Option<&str>) -> Evaluation {
        let cache = FileCache::in_memory(files.iter().copied());
        evaluate(&cache, Path::new(project), tf).unwrap()
    }

    fn prop(e: &Evaluation, name: &str) -> Fact<String> {
        e.property(name)
    }

    fn known(text: &str) -> Fact<String> {
        Fact::Known(text.to_owned())
    }

    #[test]
    fn properties_in_order_props_project_targets() {
        let files = [
            ("/r/Directory.Build.props", "<Project><PropertyGroup><A>props</A><B>props</B><FromProps>$(C)</FromProps></PropertyGroup></Project>"),
            ("/r/src/P/P.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><B>project</B><C>project</C></PropertyGroup></Project>"),
            ("/r/src/Directory.Build.targets", "<Project><PropertyGroup><Seen>$(B)</Seen></PropertyGroup></Project>"),
        ];
        let e = eval(&files, "/r/src/P/P.csproj", None);
        assert_eq!(prop(&e, "a"), known("props"));
        assert_eq!(prop(&e, "B"), known("project"));
        assert_eq!(prop(&e, "FromProps"), known(""), "props are read before the project defines C");
        assert_eq!(prop(&e, "Seen"), known("project"));
        assert_eq!(e.sdks, ["Microsoft.NET.Sdk"]);
    }

    #[test]
    fn reserved_properties_come_from_paths() {
        let files = [
            ("/r/Directory.Build.props", "<Project><PropertyGroup><Dir>$(MSBuildThisFileDirectory)</Dir><Name>$(MSBuildProjectName)</Name><ProjDir>$(MSBuildProjectDirectory)</ProjDir><ThisFile>$(MSBuildThisFile)</ThisFile></PropertyGroup></Project>"),
            ("/r/src/Foo.Test/Foo.Test.csproj", "<Project />"),
        ];
        let e = eval(&files, "/r/src/Foo.Test/Foo.Test.csproj", None);
        assert_eq!(prop(&e, "Dir"), known("/r/"));
        assert_eq!(prop(&e, "Name"), known("Foo.Test"));
        assert_eq!(prop(&e, "ProjDir"), known("/r/src/Foo.Test"));
        assert_eq!(prop(&e, "ThisFile"), known("Directory.Build.props"));
        assert_eq!(prop(&e, "MSBuildProjectExtension"), known(".csproj"));
        assert_eq!(prop(&e, "MSBuildExtensionsPath"), Fact::Unknown);
    }

    #[test]
    fn conditions_decide_properties_and_unknown_ones_make_them_unknown() {
        let project = r#"<Project>
            <PropertyGroup>
              <TestProject Condition="$(MSBuildProjectName.EndsWith('.Test'))">true</TestProject>
              <Same>x</Same>
            </PropertyGroup>
            <PropertyGroup Condition="'$(Configuration)' == 'Debug'">
              <DebugOnly>yes</DebugOnly>
              <Same>x</Same>
            </PropertyGroup>
            <PropertyGroup Condition="'$(CI)' == 'true'"><Ci>yes</Ci></PropertyGroup>
          </Project>"#;
        let test = eval(&[("/r/Foo.Test.csproj", project)], "/r/Foo.Test.csproj", None);
        assert_eq!(prop(&test, "TestProject"), known("true"));
        assert_eq!(prop(&test, "DebugOnly"), Fact::Unknown);
        assert_eq!(prop(&test, "Same"), known("x"), "both branches agree");
        assert_eq!(prop(&test, "Ci"), Fact::Unknown, "environment variables are not known");
        let lib = eval(&[("/r/Foo.csproj", project)], "/r/Foo.csproj", None);
        assert_eq!(prop(&lib, "TestProject"), known(""));
    }

    #[test]
    fn items_see_final_properties_and_keep_uncertainty() {
        let files = [
            (
                "/r/Directory.Build.props",
                r#"<Project>
                <ItemGroup Condition="'$(IsPackable)' == 'false'"><PackageReference Include="xunit" Version="$(XunitVersion)" /></ItemGroup>
                <ItemGroup Condition="'$(Configuration)' == 'Debug'"><PackageReference Include="Debug.Only" /></ItemGroup>
                <PropertyGroup><XunitVersion>2.9.0</XunitVersion></PropertyGroup>
              </Project>"#,
            ),
            (
                "/r/T/T.csproj",
                r#"<Project><PropertyGroup><IsPackable>false</IsPackable></PropertyGroup>
                <ItemGroup><PackageReference Include="A;B" /><PackageReference Remove="B" /><PackageReference Update="A" Version="1.0" /></ItemGroup></Project>"#,
            ),
        ];
        let e = eval(&files, "/r/T/T.csproj", None);
        let names: Vec<(&str, Option<&str>, bool)> =
            e.items.iter().map(|i| (i.name.as_deref().unwrap(), i.version.as_deref(), i.certain)).collect();
        assert_eq!(names, [("xunit", Some("2.9.0"), true), ("Debug.Only", None, false), ("A", Some("1.0"), true)]);
        assert_eq!(e.has_item("PackageReference", |n| n == "xunit"), Fact::Known(true));
        assert_eq!(e.has_item("PackageReference", |n| n == "Debug.Only"), Fact::Unknown);
        assert_eq!(e.has_item("PackageReference", |n| n == "B"), Fact::Known(false));
    }

    #[test]
    fn imports_are_followed_relative_to_the_importing_file() {
        let files = [
            ("/r/build/common.props", "<Project><PropertyGroup><Common>yes</Common></PropertyGroup><Import Project=\"more.props\" /></Project>"),
            ("/r/build/more.props", "<Project><PropertyGroup><More>$(MSBuildThisFileName)</More></PropertyGroup></Project>"),
            ("/r/Directory.Build.props", r#"<Project><Import Project="$(MSBuildThisFileDirectory)build\common.props" /><Import Project="missing.props" /><Import Project="$(MSBuildExtensionsPath)\x.props" /><Import Project="Sdk.props" Sdk="Microsoft.NET.Sdk" /></Project>"#),
            ("/r/src/P/P.csproj", r#"<Project><Import Project="..\..\build\common.props" /><Import Project="..\..\build\*.props" /></Project>"#),
        ];
        let e = eval(&files, "/r/src/P/P.csproj", None);
        assert_eq!(prop(&e, "Common"), known("yes"));
        assert_eq!(prop(&e, "More"), known("more"));
    }

    #[test]
    fn choose_takes_the_first_when_that_holds() {
        let project = r#"<Project><Choose>
            <When Condition="$(MSBuildProjectName.EndsWith('.Tests'))"><PropertyGroup><Kind>test</Kind></PropertyGroup><ItemGroup><PackageReference Include="xunit" /></ItemGroup></When>
            <When Condition="'$(Configuration)' == 'Debug'"><PropertyGroup><Kind>debug</Kind></PropertyGroup></When>
            <Otherwise><PropertyGroup><Kind>other</Kind></PropertyGroup></Otherwise>
          </Choose></Project>"#;
        let tests = eval(&[("/r/A.Tests.csproj", project)], "/r/A.Tests.csproj", None);
        assert_eq!(prop(&tests, "Kind"), known("test"));
        assert_eq!(tests.has_item("PackageReference", |n| n == "xunit"), Fact::Known(true));
        let other = eval(&[("/r/A.csproj", project)], "/r/A.csproj", None);
        assert_eq!(prop(&other, "Kind"), Fact::Unknown, "debug or other: the configuration is not known");
        assert_eq!(other.has_item("PackageReference", |n| n == "xunit"), Fact::Known(false));
    }

    #[test]
    fn target_framework_is_global_in_inner_builds() {
        let files = [
            ("/r/Directory.Build.props", "<Project><PropertyGroup Condition=\"'$(TargetFramework)' == 'net472'\"><Old>yes</Old></PropertyGroup></Project>"),
            ("/r/P.csproj", r#"<Project><PropertyGroup><TargetFrameworks>net472;net8.0</TargetFrameworks><TargetFramework>net6.0</TargetFramework></PropertyGroup>
                <ItemGroup Condition="'$(TargetFrameworkIdentifier)' == '.NETFramework'"><PackageReference Include="Microsoft.Bcl.AsyncInterfaces" /></ItemGroup></Project>"#),
        ];
        let old = eval(&files, "/r/P.csproj", Some("net472"));
        assert_eq!(prop(&old, "Old"), known("yes"));
        assert_eq!(prop(&old, "TargetFramework"), known("net472"));
        assert_eq!(old.has_item("PackageReference", |n| n.starts_with("Microsoft.Bcl")), Fact::Known(true));
        let new = eval(&files, "/r/P.csproj", Some("net8.0"));
        assert_eq!(prop(&new, "Old"), known(""));
        assert_eq!(new.has_item("PackageReference", |n| n.starts_with("Microsoft.Bcl")), Fact::Known(false));
    }

    #[test]
    fn the_test_sdk_package_defines_is_test_project_after_directory_build_props() {
        let files = [
            (
                "/r/Directory.Build.props",
                r#"<Project>
                <PropertyGroup Condition="'$(IsTestProject)' == 'true'"><InProps>yes</InProps></PropertyGroup>
                <ItemGroup Condition="'$(IsTestProject)' == 'true'"><PackageReference Include="xunit" /></ItemGroup>
              </Project>"#,
            ),
            (
                "/r/T/T.csproj",
                r#"<Project><ItemGroup><PackageReference Include="Microsoft.NET.Test.Sdk" /></ItemGroup></Project>"#,
            ),
            ("/r/L/L.csproj", "<Project />"),
        ];
        let test = eval(&files, "/r/T/T.csproj", None);
        assert_eq!(prop(&test, "IsTestProject"), known("true"));
        assert_eq!(prop(&test, "InProps"), known(""), "the package's props come after Directory.Build.props");
        assert_eq!(test.has_item("PackageReference", |n| n == "xunit"), Fact::Known(true));
        let lib = eval(&files, "/r/L/L.csproj", None);
        assert_eq!(lib.has_item("PackageReference", |n| n == "xunit"), Fact::Known(false));
    }

    #[test]
    fn broken_files_are_errors_naming_them() {
        let cache = FileCache::in_memory([
            ("/r/Directory.Build.props", "<Project><PropertyGroup>"),
            ("/r/P/P.csproj", "<Project />"),
        ]);
        let err = evaluate(&cache, Path::new("/r/P/P.csproj"), None).unwrap_err();
        assert_eq!(err.path, Path::new("/r/Directory.Build.props"));
        assert!(err.message.starts_with("not valid MSBuild XML: "), "{}", err.message);
    }
}
