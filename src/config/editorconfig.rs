//! `.editorconfig` files, read the way the EditorConfig specification and the .NET analyzers read
//! them: every `.editorconfig` from the file's folder up to the first with `root = true`; sections
//! whose glob matches the file; later sections and nearer files win. Keys are compared in lower
//! case.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::glob::Glob;
use super::ids;
use crate::transforms;
use crate::workspace::ProjectKind;

/// One parsed `.editorconfig`.
#[derive(Debug)]
struct File {
    root: bool,
    sections: Vec<(Glob, Vec<(String, String)>)>,
}

/// Parses the text of an `.editorconfig`. Lines that are neither sections nor `key = value` are
/// skipped, as the specification says.
fn parse(text: &str) -> File {
    let mut file = File { root: false, sections: Vec::new() };
    let mut in_preamble = true;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
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
            properties.push((key, value));
        }
    }
    file
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
    /// Files that could not be read, for notes.
    pub problems: Mutex<Vec<(PathBuf, String)>>,
}

impl EditorConfigs {
    fn file_in(&self, dir: &Path) -> Option<Arc<File>> {
        if let Some(cached) = self.files.lock().expect("not poisoned").get(dir) {
            return cached.clone();
        }
        let path = dir.join(".editorconfig");
        let file = match std::fs::read(&path) {
            Ok(bytes) => Some(Arc::new(parse(&String::from_utf8_lossy(&bytes)))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) if path.exists() => {
                self.problems.lock().expect("not poisoned").push((path, crate::workspace::io_message(&e)));
                None
            }
            Err(_) => None,
        };
        self.files.lock().expect("not poisoned").insert(dir.to_path_buf(), file.clone());
        file
    }

    /// The properties that apply to the file at `path` (an absolute path), keys in lower case.
    pub fn properties(&self, path: &Path) -> BTreeMap<String, String> {
        let mut chain = Vec::new();
        for dir in path.ancestors().skip(1) {
            if let Some(file) = self.file_in(dir) {
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
        properties
    }
}

/// The transforms that `properties` turn off for a file of a project of `kind`:
/// `dotnet_diagnostic.<ID>.severity = none` or `silent` for an equivalent analyzer ID or an
/// asyncfix code or name (an asyncfix ID wins over analyzer IDs), and a
/// `dotnet_code_quality[.CA2007].output_kind` that leaves out the project's kind.
pub fn disabled_transforms(properties: &BTreeMap<String, String>, kind: ProjectKind) -> BTreeSet<&'static str> {
    let mut off: BTreeMap<&'static str, bool> = BTreeMap::new();
    let severities: Vec<(&str, bool)> = properties
        .iter()
        .filter_map(|(key, value)| {
            let id = key.strip_prefix("dotnet_diagnostic.")?.strip_suffix(".severity")?;
            let word = value.split_whitespace().next().unwrap_or("").to_ascii_lowercase();
            Some((id, matches!(word.as_str(), "none" | "silent")))
        })
        .collect();
    let own = |id: &str| transforms::find(id).is_some();
    for pass in [false, true] {
        for &(id, silenced) in severities.iter().filter(|(id, _)| own(id) == pass) {
            for t in ids::transforms_for(id) {
                off.insert(t.meta().name, silenced);
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
            off.insert("missing-configure-await", true);
        }
    }
    off.into_iter().filter(|(_, silenced)| *silenced).map(|(name, _)| name).collect()
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
        let props = configs.properties(&base.join("repo/src/Ui/Views/Main.cs"));
        assert_eq!(props.get("a").map(String::as_str), Some("near"), "the nearest file wins");
        assert_eq!(props.get("b").map(String::as_str), Some("2"), "a later section wins");
        assert_eq!(props.get("c").map(String::as_str), Some("top"), "a glob with a slash is anchored at its file");
        assert_eq!(props.get("d").map(String::as_str), Some("anchored"));
        assert!(!props.contains_key("outer"), "root = true stops the search");
        let other = configs.properties(&base.join("repo/Other.cs"));
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

    #[test]
    fn severity_none_or_silent_turns_the_equivalent_transforms_off() {
        let off = disabled_transforms(
            &props(&[
                ("dotnet_diagnostic.ca2007.severity", "none"),
                ("dotnet_diagnostic.vsthrd100.severity", "silent"),
            ]),
            ProjectKind::Library,
        );
        assert_eq!(off.into_iter().collect::<Vec<_>>(), ["async-void", "missing-configure-await"]);
        let on = disabled_transforms(&props(&[("dotnet_diagnostic.ca2007.severity", "warning")]), ProjectKind::Library);
        assert!(on.is_empty());
    }

    #[test]
    fn an_asyncfix_code_wins_over_an_analyzer_id() {
        let off = disabled_transforms(
            &props(&[("dotnet_diagnostic.af001.severity", "warning"), ("dotnet_diagnostic.ca2007.severity", "none")]),
            ProjectKind::Library,
        );
        assert!(off.is_empty(), "{off:?}");
        let off = disabled_transforms(&props(&[("dotnet_diagnostic.af002.severity", "none")]), ProjectKind::Library);
        assert_eq!(off.into_iter().collect::<Vec<_>>(), ["async-void"]);
    }

    #[test]
    fn output_kind_narrows_configure_await_to_the_listed_project_kinds() {
        let only_libraries = props(&[("dotnet_code_quality.ca2007.output_kind", "DynamicallyLinkedLibrary")]);
        assert!(disabled_transforms(&only_libraries, ProjectKind::Library).is_empty());
        assert!(disabled_transforms(&only_libraries, ProjectKind::Application).contains("missing-configure-await"));
        let apps = props(&[("dotnet_code_quality.output_kind", "ConsoleApplication, WindowsApplication")]);
        assert!(disabled_transforms(&apps, ProjectKind::Library).contains("missing-configure-await"));
        assert!(disabled_transforms(&apps, ProjectKind::Unknown).is_empty(), "an unknown kind is not narrowed");
    }
}
