//! Which transforms an ID names: an asyncfix code (`AF001`), a transform name
//! (`missing-configure-await`), or an equivalent analyzer rule ID from
//! `transforms/knowledge/analyzer-ids.txt` (`CA2007`).

use std::sync::OnceLock;

use crate::transforms::{self, Transform};

const TABLE: &str = include_str!("../../transforms/knowledge/analyzer-ids.txt");

/// The parsed table: (analyzer ID, transform names), names as written.
fn table() -> &'static [(String, Vec<String>)] {
    static TABLE_CELL: OnceLock<Vec<(String, Vec<String>)>> = OnceLock::new();
    TABLE_CELL.get_or_init(|| parse(TABLE))
}

fn parse(text: &str) -> Vec<(String, Vec<String>)> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .filter_map(|l| {
            let mut words = l.split_whitespace();
            let id = words.next()?.to_owned();
            Some((id, words.map(str::to_owned).collect()))
        })
        .collect()
}

/// The registered transforms an ID stands for; empty for an ID asyncfix does not know.
pub fn transforms_for(id: &str) -> Vec<&'static dyn Transform> {
    let id = id.trim();
    if let Some(t) = transforms::find(id) {
        return vec![t];
    }
    table()
        .iter()
        .filter(|(known, _)| known.eq_ignore_ascii_case(id))
        .flat_map(|(_, names)| names.iter().filter_map(|n| transforms::find(n)))
        .collect()
}

/// Whether `id` stands for the transform named `name`.
pub fn names(id: &str, name: &str) -> bool {
    transforms_for(id).iter().any(|t| t.meta().name == name)
}

/// The analyzer IDs listed for a transform, in table order (for documentation and SARIF).
pub fn analyzer_ids_of(name: &str) -> Vec<&'static str> {
    table().iter().filter(|(_, names)| names.iter().any(|n| n == name)).map(|(id, _)| id.as_str()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_of(id: &str) -> Vec<&'static str> {
        transforms_for(id).iter().map(|t| t.meta().name).collect()
    }

    #[test]
    fn codes_names_and_analyzer_ids_resolve() {
        assert_eq!(names_of("AF001"), ["missing-configure-await"]);
        assert_eq!(names_of("async-void"), ["async-void"]);
        assert_eq!(names_of("ca2007"), ["missing-configure-await"], "case does not matter");
        assert_eq!(names_of("VSTHRD100"), ["async-void"]);
        assert!(names_of("VSTHRD002").starts_with(&["sync-over-async", "blocking-call"]));
        assert!(names_of("CA9999").is_empty());
    }

    #[test]
    fn every_table_line_names_at_least_one_known_transform() {
        for (id, names) in table() {
            assert!(!names.is_empty(), "{id} names no transform");
            assert!(names.iter().any(|n| transforms::find(n).is_some()), "{id}: {names:?}");
        }
    }

    #[test]
    fn names_not_registered_yet_are_skipped() {
        let table = parse("XX1 async-void not-a-transform-yet\n");
        assert_eq!(table[0].1.len(), 2);
        assert!(transforms::find("not-a-transform-yet").is_none());
    }
}
