//! The interactive prompt, driven through a pseudo-terminal like a person at a keyboard.

mod common;

use std::path::Path;

use common::*;
use rexpect::process::wait::WaitStatus;
use rexpect::session::{spawn_with_options, Options, PtySession};

/// The question, after the counter and the tag: `(1/2) [safe] Apply this fix [y,n,a,q,d,s,e,?]? `.
const QUESTION: &str = "Apply this fix [y,n,a,q,d,s,e,?]";

/// asyncfix with `args`, in `dir`, on a terminal (its stdin, stdout and stderr), without colors
/// and without a pager.
fn spawn(dir: &Path, args: &[&str]) -> PtySession {
    spawn_with(dir, args, &[("PAGER", "cat")])
}

/// [`spawn`] with more environment variables.
fn spawn_with(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> PtySession {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_asyncfix"));
    // The two-await library would also get a token parameter: keep the prompts to ConfigureAwait.
    let args: Vec<&str> = if args.contains(&"--select") {
        args.to_vec()
    } else {
        [args, &["--select", "missing-configure-await"]].concat()
    };
    cmd.args(args).current_dir(dir).env("NO_COLOR", "1");
    for (key, value) in env {
        cmd.env(key, value);
    }
    spawn_with_options(cmd, Options::new().timeout_ms(Some(30_000)).strip_ansi_escape_codes(true))
        .expect("spawn asyncfix in a pty")
}

/// Waits for the finding at `line:col`, its diff line `added`, then the question with its
/// counter `(n/total)`.
fn expect_prompt(p: &mut PtySession, at: &str, added: &str, counter: &str) {
    p.exp_string(&format!("A.cs:{at}: missing-configure-await: ")).unwrap_or_else(|e| panic!("finding {at}: {e}"));
    p.exp_string(&format!("+{added}")).unwrap_or_else(|e| panic!("diff line {added:?}: {e}"));
    p.exp_string(&format!("{counter} [safe] {QUESTION}")).unwrap_or_else(|e| panic!("question {counter}: {e}"));
}

/// Sends one key, as a person presses it: no Enter.
fn press(p: &mut PtySession, key: char) {
    p.send(&key.to_string()).expect("send a key");
    p.flush().expect("flush the key");
}

/// Reads everything up to the end of output and returns it with the exit status.
fn finish(mut p: PtySession) -> (String, i32) {
    let rest = p.exp_eof().expect("asyncfix ends");
    match p.process().wait().expect("wait for asyncfix") {
        WaitStatus::Exited(_, code) => (rest, code),
        other => panic!("asyncfix did not exit normally: {other:?}\n{rest}"),
    }
}

/// Whether `output` shows another fix to decide on.
fn asks_again(output: &str) -> bool {
    output.lines().any(|l| l.starts_with("fix: "))
}

const FIRST_FIXED: &str = "            await Task.Delay(1).ConfigureAwait(false);";
const SECOND_FIXED: &str = "            await Task.Delay(2).ConfigureAwait(false);";

#[test]
fn single_keys_answer_each_question_and_the_counter_counts_them() {
    let dir = library(&[("A.cs", TWO_AWAITS.as_bytes())]);
    let mut p = spawn(dir.path(), &[]);
    expect_prompt(&mut p, "9:13", FIRST_FIXED, "(1/2)");
    press(&mut p, 'y');
    expect_prompt(&mut p, "10:13", SECOND_FIXED, "(2/2)");
    press(&mut p, 'n');
    let (output, code) = finish(p);
    assert_eq!(code, 1, "a declined finding remains:\n{output}");
    assert!(output.contains("A.cs: 1 fix (missing-configure-await "), "the per-file line:\n{output}");
    assert_eq!(
        read_text(dir.path(), "A.cs"),
        TWO_AWAITS.replace("await Task.Delay(1);", "await Task.Delay(1).ConfigureAwait(false);")
    );
}

#[test]
fn all_remaining_at_the_first_prompt_applies_every_fix() {
    let dir = library(&[("A.cs", TWO_AWAITS.as_bytes())]);
    let mut p = spawn(dir.path(), &["-i"]);
    expect_prompt(&mut p, "9:13", FIRST_FIXED, "(1/2)");
    press(&mut p, 'a');
    let (output, code) = finish(p);
    assert!(!asks_again(&output), "no second question after `a`:\n{output}");
    assert_eq!(code, 0, "{output}");
    assert_eq!(read_text(dir.path(), "A.cs"), TWO_AWAITS_FIXED);
}

#[test]
fn quit_at_the_first_prompt_writes_nothing() {
    let dir = library(&[("A.cs", TWO_AWAITS.as_bytes())]);
    let before = snapshot(dir.path());
    let mut p = spawn(dir.path(), &[]);
    expect_prompt(&mut p, "9:13", FIRST_FIXED, "(1/2)");
    press(&mut p, 'q');
    let (output, code) = finish(p);
    assert!(!asks_again(&output), "no second question after `q`:\n{output}");
    assert_eq!(code, 1, "the findings remain:\n{output}");
    assert_eq!(snapshot(dir.path()), before, "quit must write nothing");
}

#[test]
fn quit_after_accepting_writes_what_was_accepted() {
    let dir = library(&[("A.cs", TWO_AWAITS.as_bytes())]);
    let mut p = spawn(dir.path(), &[]);
    expect_prompt(&mut p, "9:13", FIRST_FIXED, "(1/2)");
    press(&mut p, 'y');
    expect_prompt(&mut p, "10:13", SECOND_FIXED, "(2/2)");
    press(&mut p, 'q');
    let (output, code) = finish(p);
    assert_eq!(code, 1, "{output}");
    assert!(output.contains("Applied 1 fix in 1 file"), "{output}");
    assert_eq!(
        read_text(dir.path(), "A.cs"),
        TWO_AWAITS.replace("await Task.Delay(1);", "await Task.Delay(1).ConfigureAwait(false);")
    );
}

#[test]
fn ctrl_c_after_accepting_writes_nothing_and_says_so() {
    let dir = library(&[("A.cs", TWO_AWAITS.as_bytes())]);
    let before = snapshot(dir.path());
    let mut p = spawn(dir.path(), &[]);
    expect_prompt(&mut p, "9:13", FIRST_FIXED, "(1/2)");
    press(&mut p, 'y');
    expect_prompt(&mut p, "10:13", SECOND_FIXED, "(2/2)");
    p.send_control('c').expect("send Ctrl-C");
    let (output, code) = finish(p);
    assert_eq!(code, 130, "{output}");
    assert!(
        output.contains("interrupted: nothing was written (1 accepted fix discarded)"),
        "Ctrl-C says that nothing was written:\n{output}"
    );
    assert_eq!(snapshot(dir.path()), before, "Ctrl-C must write nothing");
}

#[test]
fn unrecognised_key_asks_again() {
    let dir = library(&[("A.cs", TWO_AWAITS.as_bytes())]);
    let mut p = spawn(dir.path(), &[]);
    expect_prompt(&mut p, "9:13", FIRST_FIXED, "(1/2)");
    press(&mut p, 'x');
    p.exp_string("answer y, n, a, q, d, s or e (? explains each)").expect("the accepted keys are named");
    p.exp_string(&format!("(1/2) [safe] {QUESTION}")).expect("the same question again");
    press(&mut p, 'y');
    expect_prompt(&mut p, "10:13", SECOND_FIXED, "(2/2)");
    press(&mut p, 'y');
    let (output, code) = finish(p);
    assert_eq!(code, 0, "{output}");
    assert_eq!(read_text(dir.path(), "A.cs"), TWO_AWAITS_FIXED);
}

#[test]
fn help_lists_every_key_and_asks_again() {
    let dir = library(&[("A.cs", TWO_AWAITS.as_bytes())]);
    let mut p = spawn(dir.path(), &[]);
    expect_prompt(&mut p, "9:13", FIRST_FIXED, "(1/2)");
    press(&mut p, '?');
    for line in [
        "y - apply this fix",
        "n - do not apply this fix",
        "a - apply this fix and every remaining one",
        "q - quit: write the fixes accepted so far and ask no more",
        "d - do not apply this fix or any later one in this file",
        "s - do not apply this fix or any later one of missing-configure-await",
        "e - explain: why this is a problem, and when its fix is safe",
        "Ctrl-C - stop at once: write nothing",
    ] {
        p.exp_string(line).unwrap_or_else(|e| panic!("help line {line:?}: {e}"));
    }
    p.exp_string(&format!("(1/2) [safe] {QUESTION}")).expect("the same question again");
    press(&mut p, 'e');
    p.exp_string("Why is this bad?").expect("explain shows why");
    p.exp_string("Fix safety").expect("explain shows when the fix is safe");
    p.exp_string(&format!("(1/2) [safe] {QUESTION}")).expect("the same question again");
    press(&mut p, 'q');
    let (_, code) = finish(p);
    assert_eq!(code, 1);
}

#[test]
fn skip_file_moves_on_to_the_next_file() {
    let dir =
        library(&[("A.cs", TWO_AWAITS.as_bytes()), ("B.cs", TWO_AWAITS.replace("class A", "class B").as_bytes())]);
    let mut p = spawn(dir.path(), &[]);
    expect_prompt(&mut p, "9:13", FIRST_FIXED, "(1/4)");
    press(&mut p, 'd');
    p.exp_string("B.cs:9:13: missing-configure-await: ").expect("the next question is in B.cs");
    p.exp_string(&format!("(2/3) [safe] {QUESTION}")).expect("A.cs's second fix is no longer counted");
    press(&mut p, 'y');
    p.exp_string("B.cs:10:13: missing-configure-await: ").expect("B.cs's second fix");
    p.exp_string(&format!("(3/3) [safe] {QUESTION}")).expect("the last question");
    press(&mut p, 'y');
    let (output, code) = finish(p);
    assert_eq!(code, 1, "A.cs's findings remain:\n{output}");
    assert!(!output.contains("A.cs:10:13: missing-configure-await: `await`\n"), "{output}");
    assert_eq!(read_text(dir.path(), "A.cs"), TWO_AWAITS, "the skipped file is untouched");
    assert_eq!(read_text(dir.path(), "B.cs"), TWO_AWAITS_FIXED.replace("class A", "class B"));
}

/// A library class with two awaits and an `async void` method (whose fix is unsafe) after them.
const AWAITS_AND_ASYNC_VOID: &str = "\
using System.Threading.Tasks;

namespace Lib
{
    public class A
    {
        public async Task RunAsync()
        {
            await Task.Delay(1);
            await Task.Delay(2);
        }

        private async void Fire()
        {
            await Task.Delay(3);
        }
    }
}
";

#[test]
fn skip_transform_asks_no_more_of_it_but_goes_on_with_the_others() {
    let dir = library(&[("A.cs", AWAITS_AND_ASYNC_VOID.as_bytes())]);
    let mut p = spawn(dir.path(), &["--select", "missing-configure-await,async-void"]);
    expect_prompt(&mut p, "9:13", FIRST_FIXED, "(1/4)");
    p.exp_string("(`a` includes 1 unsafe)").expect("the question says that `a` includes the unsafe fix");
    press(&mut p, 's');
    p.exp_string("A.cs:13:9: async-void: ").expect("the async-void finding is still asked");
    p.exp_string("unsafe because callers now wait for the method").expect("why the fix is unsafe");
    p.exp_string(&format!("(2/2) [unsafe] {QUESTION}")).expect("the rest of missing-configure-await is not counted");
    press(&mut p, 'y');
    let (output, code) = finish(p);
    assert!(!output.contains("Task.Delay(3).ConfigureAwait"), "no more missing-configure-await:\n{output}");
    assert_eq!(code, 1, "{output}");
    let fixed = read_text(dir.path(), "A.cs");
    assert!(fixed.contains("private async Task Fire()"), "{fixed}");
    assert!(fixed.contains("await Task.Delay(1);") && fixed.contains("await Task.Delay(3);"), "{fixed}");
}

/// An async method blocking on `.Result`: once replaced with `await`, that `await` needs
/// `.ConfigureAwait(false)`, a fix of the next round.
const RESULT_IN_ASYNC: &str = "\
using System.Threading.Tasks;

namespace Lib
{
    public class A
    {
        public async Task<int> RunAsync()
        {
            var x = Task.FromResult(1).Result;
            return x;
        }
    }
}
";

#[test]
fn a_new_round_says_how_many_fixes_appeared_and_the_counter_grows() {
    let dir = library(&[("A.cs", RESULT_IN_ASYNC.as_bytes())]);
    let mut p = spawn(dir.path(), &["--select", "sync-over-async,missing-configure-await"]);
    p.exp_string("A.cs:9:21: sync-over-async: ").expect("the first finding");
    p.exp_string(&format!("(1/1) [unsafe] {QUESTION}")).expect("one question so far");
    press(&mut p, 'y');
    p.exp_string(" 1 more fix appeared after the ones you accepted ").expect("the new round is announced");
    p.exp_string("+            var x = await Task.FromResult(1).ConfigureAwait(false);").expect("its diff");
    p.exp_string(&format!("(2/2) [safe] {QUESTION}")).expect("the counter counts it");
    press(&mut p, 'y');
    let (output, code) = finish(p);
    assert_eq!(code, 0, "{output}");
    assert!(output.contains("(1 of them for findings that appeared after others were applied)"), "{output}");
    assert!(read_text(dir.path(), "A.cs").contains("var x = await Task.FromResult(1).ConfigureAwait(false);"));
}

#[test]
fn a_diff_longer_than_the_terminal_goes_through_the_pager() {
    let dir = library(&[("A.cs", TWO_AWAITS.as_bytes())]);
    let mut p = spawn_with(dir.path(), &[], &[("PAGER", "tee paged.txt"), ("LINES", "5")]);
    p.exp_string(&format!("(1/2) [safe] {QUESTION}")).expect("the question after the pager");
    press(&mut p, 'q');
    finish(p);
    let paged = read_text(dir.path(), "paged.txt");
    assert!(paged.contains(&format!("+{FIRST_FIXED}")), "the pager got the diff:\n{paged}");
}

#[test]
fn a_diff_that_fits_is_not_paged() {
    let dir = library(&[("A.cs", TWO_AWAITS.as_bytes())]);
    let mut p = spawn_with(dir.path(), &[], &[("PAGER", "tee paged.txt"), ("LINES", "200")]);
    expect_prompt(&mut p, "9:13", FIRST_FIXED, "(1/2)");
    press(&mut p, 'q');
    finish(p);
    assert!(!dir.path().join("paged.txt").exists(), "no pager for a short diff");
}

#[test]
fn dry_run_on_a_terminal_pages_a_long_patch_and_a_pipe_never_does() {
    let dir = library(&[("A.cs", TWO_AWAITS.as_bytes())]);
    let p = spawn_with(dir.path(), &["--dry-run"], &[("PAGER", "tee paged.txt"), ("LINES", "5")]);
    let (output, code) = finish(p);
    assert_eq!(code, 1, "{output}");
    assert!(read_text(dir.path(), "paged.txt").contains(&format!("+{FIRST_FIXED}")), "{output}");

    std::fs::remove_file(dir.path().join("paged.txt")).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_asyncfix"))
        .args(["--dry-run", "--select", "missing-configure-await"])
        .current_dir(dir.path())
        .env("PAGER", "tee paged.txt")
        .env("LINES", "5")
        .output()
        .expect("run asyncfix");
    assert!(String::from_utf8_lossy(&out.stdout).contains(&format!("+{FIRST_FIXED}")), "the patch on stdout");
    assert!(!dir.path().join("paged.txt").exists(), "no pager when stdout is not a terminal");
}

#[test]
fn file_changed_on_disk_while_asking_is_not_overwritten() {
    let dir = library(&[("A.cs", TWO_AWAITS.as_bytes())]);
    let mut p = spawn(dir.path(), &[]);
    expect_prompt(&mut p, "9:13", FIRST_FIXED, "(1/2)");
    let edited_meanwhile = TWO_AWAITS.replace("RunAsync", "RenamedAsync");
    write(dir.path(), "A.cs", edited_meanwhile.as_bytes());
    press(&mut p, 'y');
    expect_prompt(&mut p, "10:13", SECOND_FIXED, "(2/2)");
    press(&mut p, 'y');
    let (output, code) = finish(p);
    assert!(
        output.lines().any(|l| l.contains("A.cs") && l.contains("changed on disk")),
        "a line names the file and says it changed on disk:\n{output}"
    );
    assert_eq!(code, 2, "{output}");
    assert_eq!(read_text(dir.path(), "A.cs"), edited_meanwhile, "the user's edit must survive");
}

/// A chain across two files: `Client.FetchAsync` needs a token and `Service.LoadAsync`, which has
/// one, calls it.
const CLIENT: &str = "\
using System.Threading.Tasks;

namespace Web
{
    public class Client
    {
        public async Task FetchAsync()
        {
            await Task.Delay(1);
        }
    }
}
";

const SERVICE: &str = "\
using System.Threading;
using System.Threading.Tasks;

namespace Web
{
    public class Service
    {
        private readonly Client _client = new Client();

        public async Task LoadAsync(CancellationToken cancellationToken)
        {
            await _client.FetchAsync();
        }
    }
}
";

#[test]
fn a_chain_fix_shows_its_tree_from_the_origin_then_its_diff_origin_first() {
    let dir = project(WEB_CSPROJ, &[("Client.cs", CLIENT.as_bytes()), ("Service.cs", SERVICE.as_bytes())]);
    let mut p = spawn(dir.path(), &["--select", "missing-cancellation"]);
    p.exp_string("[unsafe] Client.cs:7:27: missing-cancellation: ").expect("the finding, tagged");
    p.exp_string("unsafe because the fix changes signatures").expect("why it is unsafe");
    p.exp_string("chain: 2 methods in 2 files").expect("the chain's size");
    p.exp_string("  Client.FetchAsync (Client.cs)").expect("the origin");
    // (rexpect reads bytes as characters: the arrow before it is not matched.)
    p.exp_string(" Service.LoadAsync (Service.cs)").expect("its caller");
    p.exp_string("--- a/Client.cs").expect("the origin's diff first");
    p.exp_string("--- a/Service.cs").expect("then the caller's");
    p.exp_string(&format!("(1/1) [unsafe] {QUESTION}")).expect("the question");
    press(&mut p, 'n');
    let (_, code) = finish(p);
    assert_eq!(code, 1);
}

#[test]
fn a_fix_spanning_files_is_not_written_at_all_when_one_of_them_changed_on_disk() {
    let dir = project(WEB_CSPROJ, &[("Client.cs", CLIENT.as_bytes()), ("Service.cs", SERVICE.as_bytes())]);
    let mut p = spawn(dir.path(), &["--select", "missing-cancellation"]);
    p.exp_string("Client.cs:7:27: missing-cancellation: ").expect("the finding");
    p.exp_string("+            await _client.FetchAsync(cancellationToken);").expect("the caller's diff");
    p.exp_string(QUESTION).expect("the prompt");
    let edited_meanwhile = SERVICE.replace("LoadAsync", "ReloadAsync");
    write(dir.path(), "Service.cs", edited_meanwhile.as_bytes());
    press(&mut p, 'y');
    let (output, code) = finish(p);
    assert_eq!(code, 2, "{output}");
    assert!(
        output.lines().any(|l| l.contains("Client.cs") && l.contains("Service.cs") && l.contains("changed on disk")),
        "the untouched file names the changed one:\n{output}"
    );
    assert_eq!(read_text(dir.path(), "Service.cs"), edited_meanwhile, "the user's edit must survive");
    assert_eq!(read_text(dir.path(), "Client.cs"), CLIENT, "half a chain must not be written");
}
