//! Which index questions a file that was not parsed could change the answer to, read from its
//! text alone.
//!
//! A file the pre-filter finds nothing to check in is not parsed at load: its index entries are
//! extracted the first time a question may need them. Every question about the index is keyed by
//! a name (a type, a method, a base type), and a file can hold an entry under a name only if its
//! text has that name in the right place: a type is declared after `class`, `struct`,
//! `interface` or `record` (a delegate type before the `(` after `delegate`); a base is named in a type's header; a method group is a word not
//! followed by `(`; a handler follows `+=` or `-=`. These sets are supersets (a word in a comment
//! counts, a call looks like a declaration), so a question may parse a file for nothing, but never
//! misses an entry. A name with a `\u` escape asks every deferred file.

use foldhash::fast::FixedState;
use foldhash::HashMap;
use std::hash::BuildHasher;

use crate::source::FileId;
use crate::syntax::{identifier_char_at, Literals};

/// The kinds of places a name can have in a deferred file's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// Anywhere in code, as a whole word.
    Word,
    /// As the name a type declaration declares (after `class`, `struct`, `interface`, `record`).
    TypeName,
    /// In the header of a type declaration (from `class`/`struct`/`interface`/`record` to the
    /// first `{` or `;`): its name, its bases, its constraints.
    TypeHeader,
    /// As a word whose next non-blank character is not `(`: possibly a method group.
    NotCalled,
    /// As a word followed by `(` or `<` after what may be a return type (a type name, `>`, `]`,
    /// `?`, `*`, `)`), itself possibly after an interface name and a dot: possibly the name of a
    /// method declaration. Not after `.` on an expression, an operator, `=>` or an expression
    /// keyword (`return`, `await`, `new`, …): `_list.Add(x);` and `return Load();` are calls.
    MethodName,
    /// In a statement after `+=` or `-=`: possibly an event handler.
    Subscribed,
    /// Anywhere, in a file that calls `MapGet`, `MapPost`, …: possibly a route handler.
    RouteMapping,
}

const PLACES: usize = 7;

/// What one file's text says (see the module documentation), as hashes of names.
#[derive(Clone, Debug, Default)]
pub struct Triggers {
    places: [Vec<u64>; PLACES],
    /// Whether the file has a `global using` (its imports count for every file: not deferred).
    pub global_using: bool,
}

/// The deferred files that may hold an entry under a name, by [`Place`].
#[derive(Debug, Default)]
pub struct Postings {
    /// File ids as `u32`: a large solution has millions of postings.
    places: [HashMap<u64, Vec<u32>>; PLACES],
    /// Every deferred file: asked when a name cannot be looked up by its words.
    all: Vec<u32>,
}

fn hash(word: &str) -> u64 {
    FixedState::with_seed(0x5eed).hash_one(word)
}

impl Postings {
    /// Adds the triggers of deferred file `file` (files are added in order).
    pub fn add(&mut self, file: FileId, triggers: &Triggers) {
        let file = u32::try_from(file).expect("fewer than 4 billion files");
        for (place, hashes) in self.places.iter_mut().zip(&triggers.places) {
            for &h in hashes {
                place.entry(h).or_default().push(file);
            }
        }
        self.all.push(file);
    }

    /// Drops the spare capacity of the lists (a large solution has millions of postings).
    pub fn shrink_to_fit(&mut self) {
        for place in &mut self.places {
            place.values_mut().for_each(Vec::shrink_to_fit);
            place.shrink_to_fit();
        }
    }

    /// The deferred files, in order, that may hold an entry under `name` in `place`.
    pub fn files(&self, place: Place, name: &str) -> impl Iterator<Item = FileId> + '_ {
        // `@class` is the identifier `class`; a `\u0041` escape is not the word the text has.
        let name = name.strip_prefix('@').unwrap_or(name);
        let files = if name.contains('\\') {
            &self.all
        } else {
            self.places[place as usize].get(&hash(name)).map_or(&[][..], Vec::as_slice)
        };
        files.iter().map(|&f| f as FileId)
    }
}

impl Triggers {
    /// Reads `text`: its code words (see [`Literals::code_words`]).
    pub fn of(text: &str) -> Self {
        Self::read(text, &Literals::of(text))
    }

    /// [`Triggers::of`] with the text's literals already found.
    pub fn read(text: &str, literals: &Literals) -> Self {
        let words = Words::of(text, literals);
        let mut places: [Vec<u64>; PLACES] = Default::default();
        let routes = words.iter().any(|w| {
            matches!(w.text, "MapGet" | "MapPost" | "MapPut" | "MapDelete" | "MapPatch" | "MapMethods" | "MapFallback")
        });
        let mut global_using = false;
        let mut header_end = 0;
        for (i, word) in words.iter().enumerate() {
            let h = hash(word.text);
            places[Place::Word as usize].push(h);
            if routes {
                places[Place::RouteMapping as usize].push(h);
            }
            if word.next != b'(' {
                places[Place::NotCalled as usize].push(h);
            }
            // (`next` does not skip comments: `Many /* c */ ()`.)
            let next = if word.next == b'/' { code_byte_after(text.as_bytes(), word.end, literals) } else { word.next };
            if matches!(next, b'(' | b'<') && may_declare_method(text, word.start, literals) {
                places[Place::MethodName as usize].push(h);
            }
            if matches!(word.text, "class" | "struct" | "interface" | "record") {
                // Inside a header the end is the same: no `{` or `;` lies between (each byte is
                // scanned once, however many keywords a text has).
                if word.end >= header_end {
                    header_end = statement_end(text, word.end, b'{', literals);
                }
                if let Some(name) = declared_name(text, word.text, word.end, literals) {
                    places[Place::TypeName as usize].push(hash(name));
                }
            }
            if word.start < header_end {
                places[Place::TypeHeader as usize].push(h);
            }
            // `delegate void Handler(…);`: the name is the last word before `(` (an anonymous
            // `delegate (…) { }` has none, and costs nothing).
            if word.text == "delegate" {
                let open = statement_end(text, word.end, b'(', literals);
                for next in words.0[i + 1..].iter().take_while(|w| w.start < open) {
                    places[Place::TypeName as usize].push(hash(next.text));
                }
            }
            if word.text == "global" && words.get(i + 1).is_some_and(|n| n.text == "using") {
                global_using = true;
            }
        }
        // The rest of the statement after `+=` or `-=` may name a handler.
        let mut subscribed_end = 0;
        for at in operator_positions(text) {
            let first = words.0.partition_point(|w| w.start < at.max(subscribed_end));
            if at >= subscribed_end {
                subscribed_end = statement_end(text, at, b';', literals);
            }
            for word in words.0[first..].iter().take_while(|w| w.start < subscribed_end) {
                places[Place::Subscribed as usize].push(hash(word.text));
            }
        }
        for place in &mut places {
            place.sort_unstable();
            place.dedup();
        }
        Triggers { places, global_using }
    }
}

/// A word of the text and what follows it.
struct Word<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    /// The next non-blank byte after the word (`0` at the end).
    next: u8,
}

struct Words<'a>(Vec<Word<'a>>);

impl<'a> Words<'a> {
    /// The code words of `text`, each with the next non-blank byte after it.
    fn of(text: &'a str, literals: &Literals) -> Self {
        let bytes = text.as_bytes();
        let words = literals.code_words(text).map(|word| {
            let next = bytes[word.end..].iter().find(|b| !b.is_ascii_whitespace()).copied().unwrap_or(0);
            Word { text: &text[word.clone()], start: word.start, end: word.end, next }
        });
        Words(words.collect())
    }

    fn iter(&self) -> std::slice::Iter<'_, Word<'a>> {
        self.0.iter()
    }

    fn get(&self, i: usize) -> Option<&Word<'a>> {
        self.0.get(i)
    }
}

/// The name declared after the type keyword `keyword` ending at `from`: the next identifier past
/// blanks and comments, or the one after that for `record class` and `record struct`.
fn declared_name<'t>(text: &'t str, keyword: &str, from: usize, literals: &Literals) -> Option<&'t str> {
    let name = next_identifier(text, from, literals);
    match name {
        Some(n) if keyword == "record" && matches!(&text[n.clone()], "class" | "struct") => {
            next_identifier(text, n.end, literals).map(|n| &text[n])
        }
        _ => name.map(|n| &text[n]),
    }
}

/// The next identifier from `from`, past blanks and comments (`@` not included).
fn next_identifier(text: &str, from: usize, literals: &Literals) -> Option<std::ops::Range<usize>> {
    let b = text.as_bytes();
    let mut i = from;
    loop {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        match literals.comment_at(i) {
            Some(comment) => i = comment.range.end,
            None => break,
        }
    }
    if b.get(i) == Some(&b'@') {
        i += 1;
    }
    let start = i;
    while i < b.len() {
        let (is_word, len) = identifier_char_at(text, i);
        if !is_word {
            break;
        }
        i += len;
    }
    (i > start).then_some(start..i)
}

/// Words after which a name followed by `(` is an expression, never a method being declared.
const EXPRESSION_KEYWORDS: &[&[u8]] = &[
    b"return",
    b"await",
    b"new",
    b"throw",
    b"in",
    b"is",
    b"as",
    b"case",
    b"else",
    b"do",
    b"goto",
    b"ref",
    b"out",
    b"yield",
    b"when",
    b"not",
    b"and",
    b"or",
    b"select",
    b"where",
    b"from",
    b"orderby",
    b"let",
    b"on",
    b"equals",
    b"by",
    b"group",
    b"into",
    b"join",
    b"ascending",
    b"descending",
    b"default",
    b"checked",
    b"unchecked",
    b"stackalloc",
    b"nameof",
    b"typeof",
    b"sizeof",
];

/// Whether the word starting at `start` (followed by `(` or `<`) may be the name of a method
/// declaration: whether what comes before it may be a return type, with an explicit interface
/// implementation's `IStore.` or `global::N.IStore<T>.` in between (see [`Place::MethodName`]).
/// A superset: `(T)x` or `a * F(` count too.
fn may_declare_method(text: &str, start: usize, literals: &Literals) -> bool {
    let b = text.as_bytes();
    let mut i = start;
    if i > 0 && b[i - 1] == b'@' {
        i -= 1;
    }
    // Back over an interface name and its dot (or `::`), as often as they come.
    loop {
        let j = blank_before(b, i, literals);
        let sep = if j > 0 && b[j - 1] == b'.' {
            1
        } else if j > 1 && b[j - 1] == b':' && b[j - 2] == b':' {
            2
        } else {
            i = j;
            break;
        };
        let mut k = blank_before(b, j - sep, literals);
        if k > 0 && b[k - 1] == b'>' {
            match angles_before(b, k - 1) {
                Some(open) => k = blank_before(b, open, literals),
                None => return true,
            }
        }
        let word = identifier_before(b, k);
        if word == k {
            // A member of an expression: `F().Save(`, `a[i].Save(`, `x?.Save(`.
            return false;
        }
        i = if word > 0 && b[word - 1] == b'@' { word - 1 } else { word };
    }
    if i == 0 {
        return false;
    }
    match b[i - 1] {
        // `=>` is an arrow, `??` an operator.
        b'>' => !(i >= 2 && b[i - 2] == b'='),
        b'?' => !(i >= 2 && b[i - 2] == b'?'),
        b']' | b'*' | b')' => true,
        c if c == b'_' || c.is_ascii_alphanumeric() || c >= 0x80 => {
            let word = identifier_before(b, i);
            let verbatim = word > 0 && b[word - 1] == b'@';
            verbatim || !EXPRESSION_KEYWORDS.contains(&&b[word..i])
        }
        _ => false,
    }
}

/// The first byte from `i` that is neither blank nor in a comment or literal (`0` at the end).
fn code_byte_after(b: &[u8], mut i: usize, literals: &Literals) -> u8 {
    while i < b.len() && (b[i].is_ascii_whitespace() || literals.contains(i)) {
        i += 1;
    }
    b.get(i).copied().unwrap_or(0)
}

/// The offset before the blanks and comments that end at `i`.
fn blank_before(b: &[u8], mut i: usize, literals: &Literals) -> usize {
    while i > 0 && (b[i - 1].is_ascii_whitespace() || literals.contains(i - 1)) {
        i -= 1;
    }
    i
}

/// The start of the identifier that ends at `i` (`i` itself when none does). Any non-ASCII byte
/// counts as a letter.
fn identifier_before(b: &[u8], mut i: usize) -> usize {
    while i > 0 && (b[i - 1] == b'_' || b[i - 1].is_ascii_alphanumeric() || b[i - 1] >= 0x80) {
        i -= 1;
    }
    i
}

/// The offset of the `<` that opens the type arguments whose `>` is at `close`; `None` when it is
/// not found before a statement boundary.
fn angles_before(b: &[u8], close: usize) -> Option<usize> {
    let mut depth = 0usize;
    for at in (0..=close).rev() {
        match b[at] {
            b'>' => depth += 1,
            b'<' => {
                depth -= 1;
                if depth == 0 {
                    return Some(at);
                }
            }
            b';' | b'{' | b'}' => return None,
            _ => {}
        }
    }
    None
}

/// The offsets just after each `+=` and `-=` of the text.
fn operator_positions(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    (1..bytes.len()).filter(move |&i| bytes[i] == b'=' && matches!(bytes[i - 1], b'+' | b'-')).map(|i| i + 1)
}

/// The offset of the first `stop` or `;` from `from` outside comments and literals (a type header
/// ends at `{` or `;`, a statement at `;`).
fn statement_end(text: &str, from: usize, stop: u8, literals: &Literals) -> usize {
    let bytes = text.as_bytes();
    (from..bytes.len())
        .find(|&i| (bytes[i] == stop || bytes[i] == b';') && !literals.contains(i))
        .unwrap_or(bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(triggers: &Triggers, place: Place, name: &str) -> bool {
        let mut postings = Postings::default();
        postings.add(0, triggers);
        let found = postings.files(place, name).next().is_some();
        found
    }

    #[test]
    fn type_headers_hold_names_bases_and_constraints() {
        let t = Triggers::of(
            "namespace N;\n[Attr] public sealed partial class Repo<T> : Base<T>, // a { in a comment\n IRepo where T : class, IEntity { void F() { Helper(); } }\nrecord struct Point(int X);",
        );
        for name in ["Repo", "Base", "IRepo", "IEntity", "Point"] {
            assert!(has(&t, Place::TypeHeader, name), "{name}");
        }
        assert!(has(&t, Place::TypeName, "Repo") && has(&t, Place::TypeName, "Point"));
        assert!(!has(&t, Place::TypeName, "Base") && !has(&t, Place::TypeName, "struct"));
        assert!(has(&Triggers::of("class /* odd */ @Odd {}"), Place::TypeName, "Odd"));
        let delegates = Triggers::of("public delegate Task<T> Handler<T>(object sender); F(delegate (int x) { });");
        assert!(has(&delegates, Place::TypeName, "Handler") && !has(&delegates, Place::TypeName, "sender"));
        assert!(!has(&t, Place::TypeHeader, "Helper"));
        assert!(!has(&t, Place::TypeHeader, "Attr"));
        assert!(has(&t, Place::Word, "Helper"));
    }

    #[test]
    fn method_groups_are_words_not_followed_by_a_parenthesis() {
        let t = Triggers::of("var a = Run; Save (x); Load(y); list.ForEach(Print);");
        assert!(has(&t, Place::NotCalled, "Run"));
        assert!(has(&t, Place::NotCalled, "Print"));
        assert!(!has(&t, Place::NotCalled, "Save"));
        assert!(!has(&t, Place::NotCalled, "Load"));
    }

    #[test]
    fn method_names_follow_what_may_be_a_return_type() {
        let declared = Triggers::of(
            "class A : IStore { Task IStore.Save(int id) => null; int? Maybe<T>(T x) => null; (int, int) Pair() => (0, 0);
             int[] Many /* c */ () => null; global::System.Threading.Tasks.Task<int> Full() => null;
             Task<int> IRepo<int>.Get() => null; public static async Task @Run() { } Dictionary<string, List<int>> Map() => null;
             void Local() { int Inner(int x) => x; } }",
        );
        for name in ["Save", "Maybe", "Pair", "Many", "Full", "Get", "Run", "Map", "Local", "Inner"] {
            assert!(has(&declared, Place::MethodName, name), "{name}");
        }
        let called = Triggers::of(
            "void F() { _list.Add(1); return Load(); await _db.SaveAsync(); var x = Make(); F(a, Build()); x => Go(x);
             a ?? Other(); query.Where(p)\n .Select(q); Get().Then(); new Thing(); yield return Next(); Log(\"x\", Format(y)); }",
        );
        for name in
            ["Add", "Load", "SaveAsync", "Make", "Build", "Go", "Other", "Select", "Then", "Thing", "Next", "Format"]
        {
            assert!(!has(&called, Place::MethodName, name), "{name}");
        }
    }

    #[test]
    fn handlers_follow_plus_or_minus_equals_to_the_end_of_the_statement() {
        let t = Triggers::of(
            "b.Click += OnClick; b.Tick -= new EventHandler(this.OnTick); x[0] += Other; count += 1; F(Later);",
        );
        for name in ["OnClick", "OnTick", "EventHandler", "Other"] {
            assert!(has(&t, Place::Subscribed, name), "{name}");
        }
        assert!(!has(&t, Place::Subscribed, "Later"));
        assert!(!has(&t, Place::Subscribed, "Click"));
    }

    #[test]
    fn comments_and_plain_strings_are_not_code_until_an_interpolated_string() {
        let t = Triggers::of("b.Property<bool>(\"Flag\"); // Hidden\nvar s = $\"{Shown}\"; F(\"After\");");
        assert!(!has(&t, Place::Word, "Flag"));
        assert!(!has(&t, Place::Word, "Hidden"));
        assert!(has(&t, Place::Word, "Shown"));
        assert!(has(&t, Place::Word, "After"), "after an interpolated string every word counts");
    }

    #[test]
    fn many_keywords_or_operators_without_an_end_stay_linear() {
        // Each would scan to the end of the text again: minutes at this size if quadratic.
        let keywords = "class ".repeat(200_000);
        assert!(has(&Triggers::of(&keywords), Place::TypeName, "class"));
        let operators = "a += b ".repeat(200_000);
        assert!(has(&Triggers::of(&operators), Place::Subscribed, "b"));
        let records = "record class ".repeat(100_000);
        assert!(has(&Triggers::of(&records), Place::TypeName, "record"));
    }

    #[test]
    fn route_handlers_only_in_files_that_map_routes() {
        assert!(has(&Triggers::of("app.MapGet(\"/\", GetItems);"), Place::RouteMapping, "GetItems"));
        assert!(!has(&Triggers::of("app.Use(GetItems);"), Place::RouteMapping, "GetItems"));
    }

    #[test]
    fn words_split_at_unicode_spaces_and_keep_unicode_letters() {
        let t = Triggers::of("class\u{a0}Größe : Basis {}");
        assert!(has(&t, Place::TypeHeader, "Größe"));
        assert!(has(&t, Place::TypeHeader, "Basis"));
        assert!(has(&t, Place::Word, "@Größe"), "a verbatim identifier is its word");
    }

    #[test]
    fn escaped_names_ask_every_file_and_global_usings_are_seen() {
        let t = Triggers::of("global using System.Text;");
        assert!(t.global_using);
        assert!(!Triggers::of("global::System.Console.WriteLine();").global_using);
        let mut postings = Postings::default();
        postings.add(3, &Triggers::of("class A {}"));
        assert_eq!(postings.files(Place::Word, "\\u0041").collect::<Vec<_>>(), [3]);
        postings.add(4, &Triggers::of("class B { void F() { a\u{203f}b(); c\u{200d}d(); } }"));
        assert_eq!(postings.files(Place::Word, "a\u{203f}b").collect::<Vec<_>>(), [4]);
        assert_eq!(postings.files(Place::Word, "c\u{200d}d").collect::<Vec<_>>(), [4]);
        assert_eq!(postings.files(Place::Word, "x…").count(), 0, "an abbreviated receiver names nothing");
        assert_eq!(postings.files(Place::Word, "C").count(), 0);
    }
}
