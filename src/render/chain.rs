//! The shape of a call-chain fix as text: a tree from the origin to the roots, each method with
//! its file, then where the chain stops.
//!
//! ```text
//! chain: 3 methods in 3 files
//!   Store.LoadAsync (Lib/Store.cs)
//!   ← Service.CountAsync (Lib/Service.cs)
//!     ← Api.GetAsync (Web/Api.cs): passes its token
//!   stops where a call is in a lambda of `Worker`
//! ```

use console::style;

use crate::fix::chain::Chain;
use crate::fix::FileId;

/// The lines of `chain`'s tree (no final newline), `indent` before each; `path` names a file.
/// Nothing for an empty chain.
pub fn lines(chain: &Chain, indent: &str, path: &dyn Fn(FileId) -> String) -> Vec<String> {
    if chain.is_empty() {
        return Vec::new();
    }
    let files = chain.files().len();
    let mut out = vec![format!(
        "{indent}{} {} in {}",
        style("chain:").bold(),
        count(chain.methods.len(), "method", "methods"),
        count(files, "file", "files")
    )];
    if !chain.methods.is_empty() {
        let mut visited = vec![false; chain.methods.len()];
        walk(chain, 0, 0, indent, path, &mut visited, &mut out);
        // Entries no walk from the origin reaches (their `calls` is missing): shown under it.
        for i in 0..chain.methods.len() {
            if !visited[i] {
                walk(chain, i, 1, indent, path, &mut visited, &mut out);
            }
        }
    }
    for why in &chain.stops {
        out.push(format!("{indent}  {} {why}", style("stops where").yellow()));
    }
    out
}

fn walk(
    chain: &Chain,
    at: usize,
    depth: usize,
    indent: &str,
    path: &dyn Fn(FileId) -> String,
    visited: &mut [bool],
    out: &mut Vec<String>,
) {
    if visited[at] {
        return;
    }
    visited[at] = true;
    let m = &chain.methods[at];
    let arrow = if depth == 0 { String::new() } else { format!("{}← ", "  ".repeat(depth - 1)) };
    let note = m.note.as_deref().map(|n| format!(": {n}")).unwrap_or_default();
    out.push(format!("{indent}  {arrow}{} ({}){note}", style(&m.name).bold(), path(m.file)));
    for caller in chain.callers_of(at) {
        walk(chain, caller, depth + 1, indent, path, visited, out);
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tree_reads_from_the_origin_to_the_roots() {
        let mut chain = Chain::default();
        let store = chain.add("Store.LoadAsync", 0, None);
        let service = chain.add("Service.CountAsync", 1, Some(store));
        let api = chain.add("Api.GetAsync", 2, Some(service));
        chain.add("Worker.RunAsync", 1, Some(store));
        chain.note(api, "passes its token");
        chain.stop("a call is in a lambda of `Jobs`");
        let files = ["Lib/Store.cs", "Lib/Service.cs", "Web/Api.cs"];
        console::set_colors_enabled(false);
        let text = lines(&chain, "", &|f| files[f].to_owned()).join("\n");
        assert_eq!(
            text,
            "chain: 4 methods in 3 files
  Store.LoadAsync (Lib/Store.cs)
  ← Service.CountAsync (Lib/Service.cs)
    ← Api.GetAsync (Web/Api.cs): passes its token
  ← Worker.RunAsync (Lib/Service.cs)
  stops where a call is in a lambda of `Jobs`"
        );
        assert!(lines(&Chain::default(), "", &|_| String::new()).is_empty());
    }
}
