//! Data is never markup: arbitrary text placed in every text field of a
//! document comes out literally in the PDF, and never breaks compilation or
//! reaches outside the workspace.

use proptest::prelude::*;

use crate::harness::{Case, pdf_text, persisted, squeeze};

/// Where the property test below keeps the failures it found (replayed
/// first on every run; committed).
const REGRESSIONS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/proptest-regressions/tests/cli/escaping.txt");

/// The characters the property draws from: all printable ASCII (every Typst
/// and Markdown special), Vietnamese letters in both cases, and the
/// punctuation offices type.
fn text_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => proptest::char::range(' ', '~'),
        3 => proptest::sample::select("ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵĂÂĐÊÔƠƯẤẦẨẪẬẮẰẲẴẶẾỀỂỄỆỐỒỔỖỘỚỜỞỠỢỨỪỬỮỰỲỶỸỴ".chars().collect::<Vec<_>>()),
        1 => proptest::sample::select(vec!['“', '”', '–', '—', '…', '№', '\t']),
    ]
}

/// A field value: starts and ends with a letter so the cleaning of list
/// lines (leading dash, trailing punctuation) leaves it whole.
fn field(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(text_char(), 0..max)
        .prop_map(|chars| format!("A{}Z", chars.into_iter().collect::<String>()))
}

/// Characters that a YAML double-quoted scalar may hold: JSON's escaping is
/// valid YAML.
fn yaml(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

#[derive(Debug, Clone)]
struct Fields {
    commune: String,
    issuer: String,
    superior: String,
    official: String,
    position: String,
    village: String,
    subtitle: String,
    title: String,
    ground: String,
    authority: String,
    recipient: String,
}

fn fields() -> impl Strategy<Value = Fields> {
    (
        (field(12), field(16), field(16), field(16), field(40), field(40)),
        (field(16), field(60), field(60), field(12), field(40)),
    )
        .prop_map(
            |(
                (commune, issuer, superior, official, position, village),
                (subtitle, title, ground, authority, recipient),
            )| Fields {
                commune,
                issuer,
                superior,
                official,
                position,
                village,
                subtitle,
                title,
                ground,
                authority: format!("T/M {authority}"),
                recipient,
            },
        )
}

fn workspace(case: &Case, f: &Fields) {
    case.write(
        "inputs/commune.yaml",
        &format!(
            "commune:\n  name: {}\n  province: Hà Tĩnh\n  region: Bắc Trung Bộ\n\
             issuers:\n  dang-uy:\n    family: party\n    name: {}\n    code: ĐU\n    superior: {}\n    term_starts: [2020-07-15]\n\
             officials:\n  - {{ id: a, name: {}, position: {} }}\n\
             villages:\n  - {{ id: thon-1, name: {} }}\n\
             steering_committee:\n  name: Ban Chỉ đạo\n  members:\n    - {{ official: a, role: Trưởng ban }}\n",
            yaml(&f.commune),
            yaml(&f.issuer),
            yaml(&f.superior),
            yaml(&f.official),
            yaml(&f.position),
            yaml(&f.village),
        ),
    );
    case.write(
        "inputs/documents/doc.yaml",
        &format!(
            "type: nghi-quyet\nissuer: dang-uy\nnumber: 3\ndate: 2024-03-05\nsubtitle: {}\ntitle: {}\ngrounds: [{}]\n\
             signature: {{ authority: {}, position: Bí thư, signer: a }}\nrecipients: [{}, Lưu VPĐU]\n\
             body: |\n  Thôn: {{{{ commune.villages[0].name }}}}\n\n  Chức vụ: {{{{ commune.officials.a.position }}}}\n",
            yaml(&f.subtitle),
            yaml(&f.title),
            yaml(&f.ground),
            yaml(&f.authority),
            yaml(&f.recipient),
        ),
    );
}

/// What a field should look like in the PDF: tabs are spaces (and spaces do
/// not count), and the layout prints some fields in capitals.
fn expect(s: &str, upper: bool) -> String {
    let s = if upper { s.to_uppercase() } else { s.to_string() };
    squeeze(&s)
}

fn check(f: &Fields) -> Result<(), TestCaseError> {
    let case = Case::empty();
    workspace(&case, f);
    let run = case.ntm(&["build"]);
    prop_assert_eq!(run.code, 0, "stderr:\n{}", run.stderr);
    let text = squeeze(&pdf_text(&case.path("output/2024-03-05_03-NQ-DU.pdf")));
    for (value, upper) in [
        (&f.commune, false),
        (&f.issuer, true),
        (&f.superior, true),
        (&f.official, false),
        (&f.position, false),
        (&f.village, false),
        (&f.subtitle, true),
        (&f.title, false),
        (&f.ground, false),
        (&f.authority, true),
        (&f.recipient, false),
    ] {
        let wanted = expect(value, upper);
        prop_assert!(text.contains(&wanted), "`{}` not found literally in the PDF text:\n{}", wanted, text);
    }
    Ok(())
}

proptest! {
    #![proptest_config(persisted(16, REGRESSIONS))]

    #[test]
    fn any_text_in_any_field_comes_out_literally(f in fields()) {
        check(&f)?;
    }
}

/// The classic attacks, every one in every field at once.
#[test]
fn typst_and_markdown_syntax_stay_text() {
    let nasty = [
        "#import \"/etc/passwd\"",
        "#read(\"/etc/passwd\")",
        "$x^2$ \\ ] [ // /* */ `code` <label> @ref",
        "*bold* _em_ # heading = heading - list + enum 1. item",
        "[link](http://x) ![img](y.png) <b>html</b> &amp; | a | b |",
        "\\u{41} ~ -- --- ... 'q' \"q\" {{ }} {% %}",
    ];
    for (i, s) in nasty.iter().enumerate() {
        let s = format!("A{s}Z");
        let f = Fields {
            commune: s.clone(),
            issuer: s.clone(),
            superior: s.clone(),
            official: s.clone(),
            position: s.clone(),
            village: s.clone(),
            subtitle: s.clone(),
            title: s.clone(),
            ground: s.clone(),
            authority: format!("T/M {s}"),
            recipient: s.clone(),
        };
        if let Err(e) = check(&f) {
            panic!("case {i} `{s}`: {e}");
        }
    }
}
