//! Solutions: the C# projects a `.sln` or `.slnx` names, as `dotnet format` reads them.

use std::path::{Path, PathBuf};

/// The `.csproj` files solution `path` names, in file order, each joined to the solution's
/// folder. Other projects (Visual Basic, F#, C++, solution folders) are left out. An error says
/// why the file is not a solution asyncfix can read.
pub fn projects(path: &Path) -> Result<Vec<PathBuf>, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {}", super::io_message(&e)))?;
    let text = match crate::source::Document::decode(&bytes) {
        Ok(doc) => doc.text().to_owned(),
        Err(_) => String::from_utf8_lossy(&bytes).into_owned(),
    };
    let is_slnx = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("slnx"));
    let named = if is_slnx { slnx_projects(&text)? } else { sln_projects(&text)? };
    let dir = path.parent().unwrap_or(Path::new(""));
    Ok(named
        .into_iter()
        .map(|p| p.replace('\\', "/"))
        .filter(|p| p.to_ascii_lowercase().ends_with(".csproj"))
        .map(|p| dir.join(p))
        .collect())
}

/// `Project("{type}") = "Name", "path\to\Name.csproj", "{guid}"` lines of a `.sln`.
fn sln_projects(text: &str) -> Result<Vec<String>, String> {
    let header = text.trim_start_matches('\u{feff}').lines().map(str::trim).find(|l| !l.is_empty());
    if !header.is_some_and(|h| h.starts_with("Microsoft Visual Studio Solution File")) {
        return Err("not a Visual Studio solution file (no `Microsoft Visual Studio Solution File` header)".into());
    }
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("Project("))
        .filter_map(|l| {
            let (_, rest) = l.split_once('=')?;
            let quoted: Vec<&str> = rest.split(',').map(|p| p.trim().trim_matches('"')).collect();
            quoted.get(1).map(|p| p.to_string())
        })
        .collect())
}

/// `<Project Path="…" />` elements of a `.slnx`, at any depth (inside `<Folder>` too).
fn slnx_projects(text: &str) -> Result<Vec<String>, String> {
    let doc = roxmltree::Document::parse(text.trim_start_matches('\u{feff}'))
        .map_err(|e| format!("not a valid solution file: {e}"))?;
    if doc.root_element().tag_name().name() != "Solution" {
        return Err(format!(
            "not a valid solution file: the root element is `{}`",
            doc.root_element().tag_name().name()
        ));
    }
    Ok(doc
        .descendants()
        .filter(|n| n.tag_name().name() == "Project")
        .filter_map(|n| n.attribute("Path").map(str::to_owned))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SLN: &str = "\u{feff}
Microsoft Visual Studio Solution File, Format Version 12.00
# Visual Studio Version 17
Project(\"{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}\") = \"Lib\", \"src\\Lib\\Lib.csproj\", \"{11111111-1111-1111-1111-111111111111}\"
EndProject
Project(\"{2150E333-8FDC-42A3-9474-1A3956D46DE8}\") = \"tests\", \"tests\", \"{22222222-2222-2222-2222-222222222222}\"
EndProject
Project(\"{F2A71F9B-5D33-465A-A702-920D77279786}\") = \"Fs\", \"src\\Fs\\Fs.fsproj\", \"{33333333-3333-3333-3333-333333333333}\"
EndProject
Project(\"{9A19103F-16F7-4668-BE54-9A1E7A4F7556}\") = \"Lib.Tests\", \"tests\\Lib.Tests\\Lib.Tests.csproj\", \"{44444444-4444-4444-4444-444444444444}\"
EndProject
Global
EndGlobal
";

    #[test]
    fn sln_and_slnx_name_their_csharp_projects() {
        let dir = tempfile::tempdir().unwrap();
        let sln = dir.path().join("App.sln");
        std::fs::write(&sln, SLN).unwrap();
        let found = projects(&sln).unwrap();
        assert_eq!(found, [dir.path().join("src/Lib/Lib.csproj"), dir.path().join("tests/Lib.Tests/Lib.Tests.csproj")]);

        let slnx = dir.path().join("App.slnx");
        std::fs::write(
            &slnx,
            r#"<Solution><Folder Name="/src/"><Project Path="src/Lib/Lib.csproj" /></Folder><Project Path="tools\Gen\Gen.vbproj" /></Solution>"#,
        )
        .unwrap();
        assert_eq!(projects(&slnx).unwrap(), [dir.path().join("src/Lib/Lib.csproj")]);
    }

    #[test]
    fn files_that_are_not_solutions_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let sln = dir.path().join("App.sln");
        std::fs::write(&sln, "hello").unwrap();
        assert!(projects(&sln).unwrap_err().starts_with("not a Visual Studio solution file"));
        let slnx = dir.path().join("App.slnx");
        std::fs::write(&slnx, "<Solution>").unwrap();
        assert!(projects(&slnx).unwrap_err().starts_with("not a valid solution file"));
        assert!(projects(&dir.path().join("None.sln")).unwrap_err().starts_with("cannot read"));
    }
}
