//! `.editorconfig` files, read the way the EditorConfig specification and the .NET analyzers read
//! them: every `.editorconfig` from the file's folder up to the first with `root = true`; sections
//! whose glob matches the file; later sections and nearer files win. Keys are compared in lower
//! case.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::glob::Glob;
use super::ids;
use super::Level;
use crate::transforms;
use crate::workspace::ProjectKind;

/// One parsed `.editorconfig`.
#[derive(Debug)]
struct File {
    root: bool,
    sections: Vec<(Glob, Vec<(String, String)>)>,
    /// What asyncfix could not read in it, by line: a section header without its `]`. What
    /// follows could belong anywhere, so the files the `.editorconfig` applies to are not checked.
    problems: Vec<String>,
    /// Severities that are not one of Roslyn's, by line. Each is in doubt only for the rules it
    /// names: those are not checked in the files it applies to (see [`Severity::Unknown`]).
    unknown_severities: Vec<String>,
}

/// The values `dotnet_diagnostic.<ID>.severity` takes.
const SEVERITIES: &[&str] = &["error", "warning", "suggestion", "silent", "none", "default", "info", "hidden"];

/// Parses the text of an `.editorconfig`. Lines that are neither sections nor `key = value` are
/// skipped, as the specification says; an unclosed section header and an unknown severity are
/// problems, an unknown severity is one for its rules.
fn parse(text: &str) -> File {
    let mut file = File { root: false, sections: Vec::new(), problems: Vec::new(), unknown_severities: Vec::new() };
    let mut in_preamble = true;
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[') {
            let Some(name) = name.strip_suffix(']') else {
                // What follows would land in the section before: the whole file is in doubt.
                file.problems.push(format!("line {}: the section header `{line}` has no closing `]`", number + 1));
                in_preamble = false;
                continue;
            };
            in_preamble = false;
            file.sections.push((section_glob(name), Vec::new()));
            continue;
        }
        let Some((key, value)) = line.split_once('=') else { continue };
        let (key, value) = (key.trim().to_ascii_lowercase(), value.trim().to_owned());
        if in_preamble {
            if key == "root" {
                file.root = value.eq_ignore_ascii_case("true");
            }
        } else if let Some((_, properties)) = file.sections.last_mut() {
            if is_severity_key(&key) {
                let word = severity_word(&value);
                if !SEVERITIES.contains(&word.as_str()) {
                    file.unknown_severities.push(format!(
                        "line {}: `{key}` has the unknown severity `{value}`; expected error, warning, suggestion, silent, none or default",
                        number + 1
                    ));
                }
            }
            properties.push((key, value));
        }
    }
    file
}

/// `dotnet_diagnostic.<ID>.severity`.
fn is_severity_key(key: &str) -> bool {
    key.starts_with("dotnet_diagnostic.") && key.ends_with(".severity")
}

/// The severity word of a value (`warning`, also `warning:…` as older analyzers wrote it), in
/// lower case.
fn severity_word(value: &str) -> String {
    let word = value.split_whitespace().next().unwrap_or("");
    word.split(':').next().unwrap_or("").to_ascii_lowercase()
}

/// A section name as a glob over `/` followed by the path relative to the file's folder: a name
/// with a `/` is anchored there, one without matches a file name in any folder below.
fn section_glob(name: &str) -> Glob {
    let mut depth = 0;
    let has_slash = name.chars().any(|c| {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            _ => {}
        }
        c == '/' && depth == 0
    });
    if has_slash {
        Glob::new(&format!("/{}", name.strip_prefix('/').unwrap_or(name)))
    } else {
        Glob::new(&format!("**/{name}"))
    }
}

/// Reads and caches `.editorconfig` files by folder.
#[derive(Default)]
pub struct EditorConfigs {
    files: Mutex<HashMap<PathBuf, Option<Arc<File>>>>,
    /// Files that could not be read or have problems, with what is wrong (each once).
    broken: Mutex<BTreeMap<PathBuf, String>>,
}

impl EditorConfigs {
    fn file_in(&self, dir: &Path) -> Option<Arc<File>> {
        if let Some(cached) = self.files.lock().expect("not poisoned").get(dir) {
            return cached.clone();
        }
        let path = dir.join(".editorconfig");
        let file = match std::fs::read(&path) {
            Ok(bytes) => {
                let file = parse(&String::from_utf8_lossy(&bytes));
                let problems: Vec<&String> = file.problems.iter().chain(&file.unknown_severities).collect();
                if !problems.is_empty() {
                    let message = problems.iter().map(|p| p.as_str()).collect::<Vec<_>>().join("; ");
                    self.broken.lock().expect("not poisoned").insert(path.clone(), message);
                }
                Some(Arc::new(file))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) if path.exists() || e.kind() == std::io::ErrorKind::PermissionDenied => {
                let message = format!("cannot be read: {}", crate::workspace::io_message(&e));
                self.broken.lock().expect("not poisoned").insert(path.clone(), message);
                // Stands for the file that could not be read: it has a problem.
                Some(Arc::new(File {
                    root: false,
                    sections: Vec::new(),
                    problems: vec![String::new()],
                    unknown_severities: Vec::new(),
                }))
            }
            Err(_) => None,
        };
        self.files.lock().expect("not poisoned").insert(dir.to_path_buf(), file.clone());
        file
    }

    /// The properties that apply to the file at `path` (an absolute path), keys in lower case;
    /// `Err` with the path of an `.editorconfig` on the way that could not be read or has
    /// problems (then what it would say is unknown).
    pub fn properties(&self, path: &Path) -> Result<BTreeMap<String, String>, PathBuf> {
        let mut chain = Vec::new();
        for dir in path.ancestors().skip(1) {
            if let Some(file) = self.file_in(dir) {
                if !file.problems.is_empty() {
                    return Err(dir.join(".editorconfig"));
                }
                let root = file.root;
                chain.push((dir, file));
                if root {
                    break;
                }
            }
        }
        let mut properties = BTreeMap::new();
        for (dir, file) in chain.iter().rev() {
            let Ok(relative) = path.strip_prefix(dir) else { continue };
            let relative = format!("/{}", relative.to_string_lossy().replace('\\', "/"));
            for (glob, section) in &file.sections {
                if glob.is_match(&relative) {
                    for (key, value) in section {
                        properties.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        Ok(properties)
    }

    /// The `.editorconfig` files on the way to `path` (an absolute path) whose sections that
    /// apply to it give a severity asyncfix cannot read.
    pub fn unknown_severity_sources(&self, path: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for dir in path.ancestors().skip(1) {
            let Some(file) = self.file_in(dir) else { continue };
            let Ok(relative) = path.strip_prefix(dir) else { continue };
            let relative = format!("/{}", relative.to_string_lossy().replace('\\', "/"));
            let unknown = file.sections.iter().filter(|(glob, _)| glob.is_match(&relative)).any(|(_, section)| {
                section
                    .iter()
                    .any(|(key, value)| is_severity_key(key) && !SEVERITIES.contains(&severity_word(value).as_str()))
            });
            if unknown {
                out.push(dir.join(".editorconfig"));
            }
            if file.root {
                break;
            }
        }
        out
    }

    /// The `.editorconfig` files that could not be read or have problems, with what is wrong.
    pub fn broken(&self) -> BTreeMap<PathBuf, String> {
        self.broken.lock().expect("not poisoned").clone()
    }
}

/// What an `.editorconfig` says of a transform, as Roslyn reads a severity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// `none`: not reported (nor fixed) in those files.
    Off,
    /// A value that is not a severity (`warning;`): what the user meant is unknown, so the
    /// transform is not checked in those files, and an error names the entry. (Roslyn ignores
    /// such an entry with a warning; asyncfix says so instead of guessing either way.)
    Unknown,
    /// Reported at this level (`error`, `warning`, or `suggestion`/`silent` as a note). A
    /// severity for a transform that is off by default turns it on.
    On(Level),
}

/// What `properties` say of each transform they mention, for a file of a project of `kind`:
/// `dotnet_diagnostic.<ID>.severity` for an equivalent analyzer ID or an asyncfix code or name
/// (an asyncfix ID wins over analyzer IDs; `default` says nothing), and a
/// `dotnet_code_quality[.CA2007].output_kind` that leaves out the project's kind (then
/// missing-configure-await is off).
pub fn severities(properties: &BTreeMap<String, String>, kind: ProjectKind) -> BTreeMap<&'static str, Severity> {
    let mut out: BTreeMap<&'static str, Severity> = BTreeMap::new();
    let given: Vec<(&str, Severity)> = properties
        .iter()
        .filter_map(|(key, value)| {
            let id = key.strip_prefix("dotnet_diagnostic.")?.strip_suffix(".severity")?;
            let severity = match severity_word(value).as_str() {
                "none" => Severity::Off,
                "error" => Severity::On(Level::Error),
                "warning" => Severity::On(Level::Warning),
                "suggestion" | "silent" | "info" | "hidden" => Severity::On(Level::Note),
                "default" => return None,
                _ => Severity::Unknown,
            };
            Some((id, severity))
        })
        .collect();
    let own = |id: &str| transforms::find(id).is_some();
    for pass in [false, true] {
        for &(id, severity) in given.iter().filter(|(id, _)| own(id) == pass) {
            for t in ids::transforms_for(id) {
                out.insert(t.meta().name, severity);
            }
        }
    }
    let output_kind = properties
        .get("dotnet_code_quality.ca2007.output_kind")
        .or_else(|| properties.get("dotnet_code_quality.output_kind"));
    if let Some(list) = output_kind {
        let kinds: &[&str] = match kind {
            ProjectKind::Library | ProjectKind::Test => &["dynamicallylinkedlibrary"],
            ProjectKind::Application => &["consoleapplication", "windowsapplication"],
            ProjectKind::Unknown => &[],
        };
        let listed = list.split(',').map(|k| k.trim().to_ascii_lowercase()).any(|k| kinds.contains(&k.as_str()));
        if !kinds.is_empty() && !listed {
            out.insert("missing-configure-await", Severity::Off);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, path: &str, text: &str) {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn nearer_files_and_later_sections_win_and_root_stops_the_search() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path();
        write(base, ".editorconfig", "[*]\nouter = yes\n");
        write(base, "repo/.editorconfig", "root = true\n[*.cs]\na = 1\nb = 1\n[*.cs]\nb = 2\n[src/**]\nc = top\n");
        write(base, "repo/src/Ui/.editorconfig", "[*.cs]\na = near\n[/Views/*.cs]\nd = anchored\n");
        let configs = EditorConfigs::default();
        let props = configs.properties(&base.join("repo/src/Ui/Views/Main.cs")).unwrap();
        assert_eq!(props.get("a").map(String::as_str), Some("near"), "the nearest file wins");
        assert_eq!(props.get("b").map(String::as_str), Some("2"), "a later section wins");
        assert_eq!(props.get("c").map(String::as_str), Some("top"), "a glob with a slash is anchored at its file");
        assert_eq!(props.get("d").map(String::as_str), Some("anchored"));
        assert!(!props.contains_key("outer"), "root = true stops the search");
        let other = configs.properties(&base.join("repo/Other.cs")).unwrap();
        assert!(!other.contains_key("c"));
        assert!(!other.contains_key("d"));
    }

    #[test]
    fn keys_are_compared_in_lower_case_and_comments_are_skipped() {
        let file = parse("# comment\n; other\nROOT = TRUE\n[*.cs]\nDotnet_Diagnostic.CA2007.Severity = None\n");
        assert!(file.root);
        assert_eq!(file.sections[0].1, [("dotnet_diagnostic.ca2007.severity".to_owned(), "None".to_owned())]);
    }

    fn props(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    fn off(props: &BTreeMap<String, String>, kind: ProjectKind) -> Vec<&'static str> {
        severities(props, kind).into_iter().filter(|(_, s)| *s == Severity::Off).map(|(n, _)| n).collect()
    }

    #[test]
    fn severities_are_levels_and_none_turns_the_equivalent_transforms_off() {
        let given = severities(
            &props(&[
                ("dotnet_diagnostic.ca2007.severity", "none"),
                ("dotnet_diagnostic.vsthrd100.severity", "error"),
                ("dotnet_diagnostic.af013.severity", "suggestion"),
                ("dotnet_diagnostic.af005.severity", "silent"),
                ("dotnet_diagnostic.af006.severity", "warning:older-syntax"),
                ("dotnet_diagnostic.af007.severity", "default"),
            ]),
            ProjectKind::Library,
        );
        assert_eq!(
            given.into_iter().collect::<Vec<_>>(),
            [
                ("async-void", Severity::On(Level::Error)),
                ("async-without-await", Severity::On(Level::Note)),
                ("missing-configure-await", Severity::Off),
                ("redundant-await", Severity::On(Level::Warning)),
                ("uncancellable-loop", Severity::On(Level::Note)),
            ]
        );
    }

    #[test]
    fn an_asyncfix_code_wins_over_an_analyzer_id() {
        let both =
            props(&[("dotnet_diagnostic.af001.severity", "warning"), ("dotnet_diagnostic.ca2007.severity", "none")]);
        assert_eq!(severities(&both, ProjectKind::Library)["missing-configure-await"], Severity::On(Level::Warning));
        let only_code = severities(&props(&[("dotnet_diagnostic.af002.severity", "none")]), ProjectKind::Library);
        assert_eq!(only_code.into_iter().collect::<Vec<_>>(), [("async-void", Severity::Off)]);
    }

    #[test]
    fn output_kind_narrows_configure_await_to_the_listed_project_kinds() {
        let only_libraries = props(&[("dotnet_code_quality.ca2007.output_kind", "DynamicallyLinkedLibrary")]);
        assert!(off(&only_libraries, ProjectKind::Library).is_empty());
        assert_eq!(off(&only_libraries, ProjectKind::Application), ["missing-configure-await"]);
        let apps = props(&[("dotnet_code_quality.output_kind", "ConsoleApplication, WindowsApplication")]);
        assert_eq!(off(&apps, ProjectKind::Library), ["missing-configure-await"]);
        assert!(off(&apps, ProjectKind::Unknown).is_empty(), "an unknown kind is not narrowed");
    }

    #[test]
    fn an_unclosed_section_breaks_the_file_and_an_unknown_severity_its_rule() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path();
        write(base, "repo/.editorconfig", "root = true\n[*.cs]\ndotnet_diagnostic.CA2007.severity = nnone\n");
        write(base, "other/.editorconfig", "root = true\n[*.cs\nindent_size = 4\n");
        write(base, "fine/.editorconfig", "root = true\n[*.cs]\ndotnet_diagnostic.CA2007.severity = none\n");
        let configs = EditorConfigs::default();
        // An unknown severity is in doubt only for its rule: the properties are read, the entry
        // is named as the source of the doubt.
        let props = configs.properties(&base.join("repo/src/A.cs")).unwrap();
        assert_eq!(severities(&props, ProjectKind::Library).get("missing-configure-await"), Some(&Severity::Unknown));
        assert_eq!(configs.unknown_severity_sources(&base.join("repo/src/A.cs")), [base.join("repo/.editorconfig")]);
        assert!(configs.unknown_severity_sources(&base.join("fine/A.cs")).is_empty());
        assert_eq!(configs.properties(&base.join("other/A.cs")), Err(base.join("other/.editorconfig")));
        assert!(configs.properties(&base.join("fine/A.cs")).is_ok());
        let broken = configs.broken();
        assert_eq!(broken.len(), 2, "{broken:?}");
        assert!(
            broken[&base.join("repo/.editorconfig")]
                .contains("line 3: `dotnet_diagnostic.ca2007.severity` has the unknown severity `nnone`"),
            "{broken:?}"
        );
        assert!(broken[&base.join("other/.editorconfig")].contains("line 2"), "{broken:?}");
    }
}
