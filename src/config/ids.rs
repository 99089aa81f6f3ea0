//! Which transforms an ID names: an asyncfix code (`AF001`), a transform name
//! (`missing-configure-await`), or an equivalent analyzer rule ID from
//! `transforms/knowledge/analyzer-ids.txt` (`CA2007`).

use std::sync::OnceLock;

use crate::transforms::{self, Transform};

const TABLE: &str = include_str!("../../transforms/knowledge/analyzer-ids.txt");

/// The parsed table: (analyzer ID, transform names), names as written.
fn table() -> &'static [(String, Vec<String>)] {
    &parsed().0
}

/// The analyzer rules of the table that no transform covers: (ID, what the rule is about).
fn uncovered() -> &'static [(String, String)] {
    &parsed().1
}

type Parsed = (Vec<(String, Vec<String>)>, Vec<(String, String)>);

fn parsed() -> &'static Parsed {
    static TABLE_CELL: OnceLock<Parsed> = OnceLock::new();
    TABLE_CELL.get_or_init(|| parse(TABLE))
}

/// Lines `ID name…` (covered) and `ID - what it is about` (known, not covered).
fn parse(text: &str) -> Parsed {
    let mut covered = Vec::new();
    let mut not_covered = Vec::new();
    for line in text.lines().map(|l| l.split('#').next().unwrap_or("").trim()).filter(|l| !l.is_empty()) {
        let (id, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        match rest.trim().strip_prefix("- ") {
            Some(about) => not_covered.push((id.to_owned(), about.trim().to_owned())),
            None => covered.push((id.to_owned(), rest.split_whitespace().map(str::to_owned).collect())),
        }
    }
    (covered, not_covered)
}

/// What an analyzer rule that no transform covers is about (`VSTHRD200`: the `Async` suffix), so
/// that `--ignore` can take it and `--select`/`--explain` can say asyncfix does not check it.
pub fn not_covered(id: &str) -> Option<&'static str> {
    let id = id.trim();
    uncovered().iter().find(|(known, _)| known.eq_ignore_ascii_case(id)).map(|(_, about)| about.as_str())
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

/// Every ID a user may write for transforms: each transform's name and code, then each analyzer
/// ID of the table, with what it stands for (for completions and `--list`).
pub fn all_ids() -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, String)> = Vec::new();
    for t in transforms::all() {
        let m = t.meta();
        out.push((m.name, format!("{}: {}", m.code, m.summary)));
        out.push((m.code, m.name.to_owned()));
    }
    for (id, _) in table() {
        let names: Vec<&str> = transforms_for(id).iter().map(|t| t.meta().name).collect();
        if !names.is_empty() {
            out.push((id.as_str(), names.join(", ")));
        }
    }
    out
}

/// The known ID nearest to `id` by edit distance, when it is near enough to be a typo.
pub fn suggest(id: &str) -> Option<&'static str> {
    let lower = id.trim().to_ascii_lowercase();
    let limit = (lower.chars().count() / 3).clamp(1, 4);
    all_ids()
        .into_iter()
        .map(|(known, _)| (distance(&lower, &known.to_ascii_lowercase()), known))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, known)| known)
}

/// "unknown transform `x` in `--select`; did you mean `y`?" (or the list of names when nothing is
/// near). For a known analyzer rule that no transform covers, says so.
pub fn unknown(id: &str, place: &str) -> String {
    if let Some(about) = not_covered(id) {
        return format!(
            "`{id}` in {place} is an analyzer rule asyncfix does not check ({about}); no transform covers it"
        );
    }
    match suggest(id) {
        Some(near) => {
            format!("unknown transform `{id}` in {place}; did you mean `{near}`? (`asyncfix --list` lists them)")
        }
        None => {
            format!("unknown transform `{id}` in {place}; `asyncfix --list` lists the names, codes and analyzer IDs")
        }
    }
}

/// The Levenshtein distance between two strings, by characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let replaced = previous + usize::from(ca != cb);
            previous = row[j + 1];
            row[j + 1] = replaced.min(row[j] + 1).min(previous + 1);
        }
    }
    row[b.len()]
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
    fn a_near_miss_gets_a_suggestion_and_nonsense_does_not() {
        assert_eq!(suggest("missing-configure-awiat"), Some("missing-configure-await"));
        assert_eq!(suggest("CA2070"), Some("CA2007"));
        assert_eq!(suggest("async-viod"), Some("async-void"));
        assert_eq!(suggest("completely-unrelated-words"), None);
        assert!(unknown("async-viod", "`--select`").contains("did you mean `async-void`?"));
        assert_eq!(distance("kitten", "sitting"), 3);
    }

    #[test]
    fn every_table_line_names_at_least_one_known_transform() {
        for (id, names) in table() {
            assert!(!names.is_empty(), "{id} names no transform");
            assert!(names.iter().any(|n| transforms::find(n).is_some()), "{id}: {names:?}");
        }
    }

    #[test]
    fn rules_no_transform_covers_are_known_as_such() {
        let (covered, not) = parse("XX1 async-void\nXX2 - naming of things # comment\n");
        assert_eq!(covered, [("XX1".to_owned(), vec!["async-void".to_owned()])]);
        assert_eq!(not, [("XX2".to_owned(), "naming of things".to_owned())]);
        assert!(not_covered("vsthrd200").is_some_and(|about| about.contains("Async")));
        assert!(transforms_for("VSTHRD200").is_empty());
        assert!(
            unknown("VSTHRD200", "`--select`").contains("asyncfix does not check"),
            "{}",
            unknown("VSTHRD200", "`--select`")
        );
        assert!(not_covered("CA2007").is_none(), "a covered rule");
    }

    #[test]
    fn names_not_registered_yet_are_skipped() {
        let table = parse("XX1 async-void not-a-transform-yet\n").0;
        assert_eq!(table[0].1.len(), 2);
        assert!(transforms::find("not-a-transform-yet").is_none());
    }
}
