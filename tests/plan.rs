//! `--apply-plan` applies only what asyncfix itself would apply: the fixes a plan records that it
//! finds again, identical, in files that still have the recorded hashes, inside the paths it is
//! run on. The real binary on small projects in temporary folders, with plans made by
//! `--dry-run --format json` and then tampered with.

mod common;

use std::path::Path;
use std::process::Output;

use assert_cmd::Command;
use common::*;
use serde_json::Value;

/// The binary, run in `dir` without colors.
fn asyncfix(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("asyncfix").expect("asyncfix binary");
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

/// Runs asyncfix in `dir` with `args`, asserts its exit status and returns what it printed.
fn run(dir: &Path, args: &[&str], code: i32) -> Output {
    asyncfix(dir).args(args).assert().code(code).get_output().clone()
}

/// Makes the plan of `args` (`--dry-run --format json`), writes it to `plan.json` and returns it.
fn make_plan(dir: &Path, args: &[&str]) -> Value {
    let mut all = vec!["--dry-run", "--format", "json"];
    all.extend_from_slice(args);
    let out = asyncfix(dir).args(&all).output().expect("asyncfix runs");
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
    write(dir, "plan.json", &out.stdout);
    serde_json::from_slice(&out.stdout).expect("a JSON plan")
}

fn save(dir: &Path, plan: &Value) {
    write(dir, "plan.json", serde_json::to_string_pretty(plan).unwrap().as_bytes());
}

/// The first edit of the `i`-th diagnostic of a plan.
fn edit(plan: &mut Value, i: usize) -> &mut Value {
    &mut plan["diagnostics"][i]["fix"]["edits"][0]
}

const AF001: [&str; 2] = ["--select", "AF001"];

/// Two library files with two `ConfigureAwait` fixes each.
fn two_files() -> tempfile::TempDir {
    library(&[("src/A.cs", TWO_AWAITS.as_bytes()), ("src/B.cs", TWO_AWAITS.replace("class A", "class B").as_bytes())])
}

#[test]
fn a_plan_is_byte_stable_and_applies_except_where_a_file_changed() {
    let dir = two_files();
    let plan = make_plan(dir.path(), &AF001);
    let again = stdout(&run(dir.path(), &["--select", "AF001", "--dry-run", "--format", "json"], 1));
    assert_eq!(read_text(dir.path(), "plan.json"), again, "the same tree gives the same plan");
    assert_eq!(plan["diagnostics"][0]["fix"]["sha256"]["src/A.cs"].as_str().unwrap().len(), 64, "{plan:#}");

    // B.cs changes after the plan was made: its fixes are not applied, A.cs's are.
    let changed_b = TWO_AWAITS.replace("class A", "class B").replace("Delay(2)", "Delay(3)");
    write(dir.path(), "src/B.cs", changed_b.as_bytes());
    let err = stderr(&run(dir.path(), &["--apply-plan", "plan.json"], 2));
    assert!(
        err.contains(
            "error: src/B.cs: changed since the plan was made; the `missing-configure-await` fix at 9:13 in src/B.cs was not applied"
        ),
        "{err}"
    );
    assert!(err.contains("applied 2 fixes to 1 file"), "{err}");
    assert_eq!(read_text(dir.path(), "src/A.cs"), TWO_AWAITS_FIXED);
    assert_eq!(read_text(dir.path(), "src/B.cs"), changed_b);
}

#[test]
fn a_replacement_changed_after_review_is_refused_by_name_and_the_rest_applied() {
    let dir = two_files();
    let mut plan = make_plan(dir.path(), &AF001);
    assert_eq!(plan["diagnostics"][2]["path"], "src/B.cs");
    edit(&mut plan, 2)["replacement"] = ".ConfigureAwait(false); System.IO.File.Delete(\"x\")".into();
    save(dir.path(), &plan);
    let err = stderr(&run(dir.path(), &["--apply-plan", "plan.json"], 2));
    assert!(
        err.contains(
            "error: src/B.cs: the `missing-configure-await` fix at 9:13 is not a fix asyncfix finds there \
             (the plan was edited, or made with other options); it was not applied"
        ),
        "{err}"
    );
    assert!(!read_text(dir.path(), "src/B.cs").contains("Delete"));
    assert_eq!(read_text(dir.path(), "src/A.cs"), TWO_AWAITS_FIXED, "the untampered fixes apply");
    assert!(read_text(dir.path(), "src/B.cs").contains("await Task.Delay(2).ConfigureAwait(false);"));
    assert!(read_text(dir.path(), "src/B.cs").contains("await Task.Delay(1);\n"), "only the tampered one is left");
}

#[test]
fn an_edit_moved_to_other_bytes_or_a_fix_made_up_is_refused() {
    let dir = library(&[("A.cs", TWO_AWAITS.as_bytes())]);
    let mut plan = make_plan(dir.path(), &AF001);
    // The same text, one byte further: still a valid edit, but not the reviewed one.
    let start = edit(&mut plan, 0)["start_byte"].as_u64().unwrap();
    edit(&mut plan, 0)["start_byte"] = (start - 1).into();
    edit(&mut plan, 0)["end_byte"] = (start - 1).into();
    // A fix no transform would make, with the right hash.
    let mut made_up = plan["diagnostics"][1].clone();
    made_up["transform"] = "async-void".into();
    made_up["fix"]["edits"][0]["replacement"] = "((".into();
    plan["diagnostics"].as_array_mut().unwrap().push(made_up);
    save(dir.path(), &plan);
    let err = stderr(&run(dir.path(), &["--apply-plan", "plan.json"], 2));
    assert!(err.contains("A.cs: the `missing-configure-await` fix at 9:13 is not a fix asyncfix finds there"), "{err}");
    assert!(err.contains("A.cs: the `async-void` fix at 10:13 is not a fix asyncfix finds there"), "{err}");
    assert!(err.contains("applied 1 fix to 1 file"), "{err}");
    let text = read_text(dir.path(), "A.cs");
    assert!(text.contains("await Task.Delay(1);\n") && text.contains("Delay(2).ConfigureAwait(false);"), "{text}");
}

#[test]
fn a_plan_that_writes_outside_the_folder_is_refused_by_name() {
    let outer = tempfile::tempdir().unwrap();
    write(outer.path(), "Outside.cs", TWO_AWAITS.as_bytes());
    write(outer.path(), "Outside.csproj", LIB_CSPROJ.as_bytes());
    // The plan is made where Outside.cs is inside, then applied from a folder below.
    write(outer.path(), "repo/A.cs", TWO_AWAITS.as_bytes());
    write(outer.path(), "repo/Lib.csproj", LIB_CSPROJ.as_bytes());
    let repo = outer.path().join("repo");
    let plan = make_plan(&repo, &["--select", "AF001", "..", "."]);
    let text = serde_json::to_string(&plan).unwrap();
    assert!(text.contains("\"../Outside.cs\""), "{text}");
    write(&repo, "plan.json", text.as_bytes());

    let err = stderr(&run(&repo, &["--apply-plan", "plan.json"], 2));
    assert!(
        err.contains(
            "error: ../Outside.cs: outside the paths the plan is applied to (.); \
             the `missing-configure-await` fix at 9:13 in ../Outside.cs was not applied"
        ),
        "{err}"
    );
    assert_eq!(read_text(outer.path(), "Outside.cs"), TWO_AWAITS);
    assert_eq!(read_text(&repo, "A.cs"), TWO_AWAITS_FIXED, "the fixes inside are applied");

    // The same with `..` inside the path, and with the folder named explicitly.
    let sneaky = text.replace("\"../Outside.cs\"", "\"sub/../../Outside.cs\"");
    write(&repo, "plan.json", sneaky.as_bytes());
    let err = stderr(&run(&repo, &["--apply-plan", "plan.json", "."], 2));
    assert!(err.contains("error: sub/../../Outside.cs: outside the paths the plan is applied to (.)"), "{err}");
    assert_eq!(read_text(outer.path(), "Outside.cs"), TWO_AWAITS);
}

#[test]
fn a_plan_that_writes_through_a_symbolic_link_to_outside_is_refused() {
    let outer = tempfile::tempdir().unwrap();
    write(outer.path(), "elsewhere/Target.cs", TWO_AWAITS.as_bytes());
    let repo = outer.path().join("repo");
    write(&repo, "Lib.csproj", LIB_CSPROJ.as_bytes());
    write(&repo, "A.cs", TWO_AWAITS.as_bytes());
    std::os::unix::fs::symlink(outer.path().join("elsewhere/Target.cs"), repo.join("Link.cs")).unwrap();
    // The plan names the link as if it were a file of the repository (a listing given the link
    // as a path makes one).
    let plan = make_plan(&repo, &["--select", "AF001", "Link.cs", "A.cs"]);
    assert!(serde_json::to_string(&plan).unwrap().contains("\"Link.cs\""), "{plan:#}");

    let err = stderr(&run(&repo, &["--apply-plan", "plan.json"], 2));
    assert!(err.contains("error: Link.cs: outside the paths the plan is applied to (.)"), "{err}");
    assert_eq!(read_text(outer.path(), "elsewhere/Target.cs"), TWO_AWAITS);
    assert_eq!(read_text(&repo, "A.cs"), TWO_AWAITS_FIXED);
}

#[test]
fn a_plan_applied_to_a_subfolder_writes_only_there() {
    let dir = two_files();
    write(dir.path(), "other/C.cs", TWO_AWAITS.replace("class A", "class C").as_bytes());
    make_plan(dir.path(), &AF001);
    let err = stderr(&run(dir.path(), &["--apply-plan", "plan.json", "src/A.cs", "other"], 2));
    assert!(err.contains("error: src/B.cs: outside the paths the plan is applied to (src/A.cs, other)"), "{err}");
    assert_eq!(read_text(dir.path(), "src/A.cs"), TWO_AWAITS_FIXED);
    assert!(read_text(dir.path(), "other/C.cs").contains("Delay(1).ConfigureAwait(false)"));
    assert!(!read_text(dir.path(), "src/B.cs").contains("ConfigureAwait"));
}

#[test]
fn a_partial_plan_applies_only_the_fixes_it_still_records() {
    let dir = two_files();
    let mut plan = make_plan(dir.path(), &AF001);
    // The reviewer keeps the first fix of A.cs and the second of B.cs.
    let all = plan["diagnostics"].as_array().unwrap().clone();
    plan["diagnostics"] = Value::Array(vec![all[0].clone(), all[3].clone()]);
    save(dir.path(), &plan);
    let err = stderr(&run(dir.path(), &["--apply-plan", "plan.json"], 0));
    assert!(err.contains("applied 2 fixes to 2 files"), "{err}");
    // One line per written file, as after `--yes`.
    assert!(err.contains("src/A.cs: 1 fix (missing-configure-await ×1)"), "{err}");
    assert!(err.contains("src/B.cs: 1 fix (missing-configure-await ×1)"), "{err}");
    let (a, b) = (read_text(dir.path(), "src/A.cs"), read_text(dir.path(), "src/B.cs"));
    assert!(a.contains("Delay(1).ConfigureAwait(false);") && a.contains("Delay(2);\n"), "{a}");
    assert!(b.contains("Delay(1);\n") && b.contains("Delay(2).ConfigureAwait(false);"), "{b}");
}

#[test]
fn select_applies_a_subset_of_the_plan_and_unsafe_fixes_need_the_flag() {
    let src = TWO_AWAITS.replace(
        "        public async Task RunAsync()",
        "        public async void OnClick() { await Task.Delay(3).ConfigureAwait(false); }\n\n        public async Task RunAsync()",
    );
    let dir = library(&[("A.cs", src.as_bytes())]);
    make_plan(dir.path(), &["--select", "AF001,async-void"]);
    let err = stderr(&run(dir.path(), &["--apply-plan", "plan.json", "--select", "async-void"], 0));
    assert!(
        err.contains("note: plan.json: 1 unsafe fix of the plan not applied; pass --unsafe-fixes to apply it"),
        "{err}"
    );
    assert_eq!(read_text(dir.path(), "A.cs"), src, "the async-void fix is unsafe");
    run(dir.path(), &["--apply-plan", "plan.json", "--select", "async-void", "--unsafe-fixes"], 0);
    let text = read_text(dir.path(), "A.cs");
    assert!(text.contains("public async Task OnClick()"), "{text}");
    assert!(text.contains("await Task.Delay(1);\n"), "AF001 was not selected:\n{text}");
}

#[test]
fn recorded_fixes_that_overlap_one_applied_before_are_left_for_a_new_plan() {
    // redundant-await rewrites `return await F();`, where missing-configure-await also inserts:
    // both are in the plan, only the first applies.
    let src = "using System.Threading.Tasks;

namespace Lib
{
    public class A
    {
        public async Task<int> G()
        {
            return await F();
        }

        public Task<int> F() => Task.FromResult(1);
    }
}
";
    let dir = library(&[("A.cs", src.as_bytes())]);
    let plan = make_plan(dir.path(), &["--select", "AF001,redundant-await", "--unsafe-fixes"]);
    assert_eq!(plan["diagnostics"].as_array().unwrap().len(), 2, "{plan:#}");
    let err = stderr(&run(dir.path(), &["--apply-plan", "plan.json", "--unsafe-fixes"], 1));
    assert!(
        err.contains(
            "note: A.cs: the `missing-configure-await` fix at 9:20 overlaps a fix applied before it and was not \
             applied; make a new plan for it"
        ),
        "{err}"
    );
    assert!(read_text(dir.path(), "A.cs").contains("public Task<int> G()"));
}

#[test]
fn unknown_transforms_and_plans_without_hashes_are_refused() {
    let dir = library(&[("A.cs", TWO_AWAITS.as_bytes())]);
    let mut plan = make_plan(dir.path(), &AF001);
    plan["diagnostics"][1]["transform"] = "delete-everything".into();
    save(dir.path(), &plan);
    let err = stderr(&run(dir.path(), &["--apply-plan", "plan.json"], 2));
    assert!(
        err.contains("error: plan.json: unknown transform `delete-everything`; its fixes were not applied"),
        "{err}"
    );
    assert!(err.contains("applied 1 fix to 1 file"), "{err}");

    let dir = library(&[("A.cs", TWO_AWAITS.as_bytes())]);
    let mut plan = make_plan(dir.path(), &AF001);
    plan["diagnostics"][0]["fix"].as_object_mut().unwrap().remove("sha256");
    save(dir.path(), &plan);
    let err = stderr(&run(dir.path(), &["--apply-plan", "plan.json"], 2));
    assert!(err.contains("plan.json: the plan has no file hashes"), "{err}");
    assert_eq!(read_text(dir.path(), "A.cs"), TWO_AWAITS);
}

#[test]
fn a_plan_is_refused_in_files_with_uncommitted_changes_unless_allowed() {
    let dir = library(&[("src/A.cs", TWO_AWAITS.as_bytes())]);
    git(dir.path(), &["init", "-q"]);
    make_plan(dir.path(), &AF001);
    let err = stderr(&run(dir.path(), &["--apply-plan", "plan.json"], 2));
    assert!(err.contains("uncommitted changes") && err.contains("  src/A.cs (untracked)"), "{err}");
    git(dir.path(), &["add", "src"]);
    let err = stderr(&run(dir.path(), &["--apply-plan", "plan.json"], 2));
    assert!(err.contains("  src/A.cs (staged)") && err.contains("--allow-staged"), "{err}");
    run(dir.path(), &["--apply-plan", "plan.json", "--allow-staged"], 0);
    assert_eq!(read_text(dir.path(), "src/A.cs"), TWO_AWAITS_FIXED);
}
