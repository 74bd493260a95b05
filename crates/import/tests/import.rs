//! Reading real files: CSV in several encodings, XLSX, and every kind of refusal.

use agora_core::ErrorCode;
use agora_core::consultation::{
    AnswerValue, Consultation, ConsultationDraft, Question, QuestionDraft,
};
use agora_core::process::{Phase, PhaseDraft, ProcessDraft};
use agora_core::stakeholder::StakeholderGroups;
use agora_import::{ColumnMap, Encoding, ImportError, Table, check_sheets, read_sheets};

struct Fixture {
    phase: Phase,
    consultation: Consultation,
    questions: Vec<Question>,
}

/// One questionnaire for every test (question ids are random, so it is built once).
fn fixture() -> &'static Fixture {
    static FIXTURE: std::sync::OnceLock<Fixture> = std::sync::OnceLock::new();
    FIXTURE.get_or_init(build_fixture)
}

fn build_fixture() -> Fixture {
    let groups = StakeholderGroups::default();
    let process = ProcessDraft {
        title: "WGEC".into(),
        mandate: "m".into(),
        display_zone: "Europe/Zurich".into(),
        ..Default::default()
    }
    .validate(&groups)
    .unwrap();
    let phase = PhaseDraft {
        kind: "consultation".into(),
        title: "Questionnaire".into(),
        opens_at: "2013-06-01T00:00".into(),
        closes_at: "2013-07-15T12:00".into(),
    }
    .validate(&process)
    .unwrap();
    let consultation = ConsultationDraft {
        languages: "en, fr".into(),
        ..Default::default()
    }
    .validate(&phase)
    .unwrap();
    let drafts = [
        QuestionDraft {
            prompt: "What is EC?".into(),
            word_limit: "10".into(),
            ..Default::default()
        },
        QuestionDraft {
            prompt: "Themes?".into(),
            kind: "multiple-choice".into(),
            choices: "Spam\nCybercrime\nHuman rights".into(),
            ..Default::default()
        },
        QuestionDraft {
            prompt: "Satisfied?".into(),
            kind: "scale".into(),
            ..Default::default()
        },
    ];
    let questions = drafts
        .iter()
        .enumerate()
        .map(|(i, d)| d.validate(phase.id, i as u32 + 1).unwrap())
        .collect();
    Fixture {
        phase,
        consultation,
        questions,
    }
}

const MAP: &str = r#"
timezone = "Europe/Zurich"
[respondent]
name = "Name"
email = "Email"
submitted_at = "Submitted"
[author]
stakeholder_group = "Group"
country = "Country"
organisation = "Organisation"
lang = { value = "fr" }
[answers]
1 = "Q1"
2 = "Q2"
3 = "Q3"
[values.stakeholder_group]
"Civil Society" = "civil-society"
"Government" = "government"
"#;

fn read(bytes: &[u8], encoding: Encoding) -> Result<Vec<agora_import::ImportedSheet>, ImportError> {
    let f = fixture();
    let table = Table::read(bytes, encoding, None)?;
    let map = ColumnMap::parse(MAP)?;
    read_sheets(
        &table,
        &map,
        &f.phase,
        &f.consultation,
        &f.questions,
        &StakeholderGroups::default(),
    )
}

const GOOD: &str = "Name,Email,Submitted,Group,Country,Organisation,Q1,Q2,Q3\n\
Joy,joy@example.org,2013-07-10 09:30,Civil Society,nz,APC,\"Equal footing, para. 69\",Spam; Human rights,4\n\
Franklin,,2013-07-15T11:59:59,Government,BR,Itamaraty,Rôle des gouvernements,,\n";

#[test]
fn a_good_csv_becomes_checked_sheets() {
    let sheets = read(GOOD.as_bytes(), Encoding::Auto).unwrap();
    assert_eq!(sheets.len(), 2);
    let joy = &sheets[0];
    assert_eq!(
        (joy.row, joy.author.stakeholder_group.as_str()),
        (2, "civil-society")
    );
    assert_eq!(joy.author.country.as_deref(), Some("NZ"));
    assert_eq!(joy.author.lang, "fr");
    assert_eq!(joy.respondent.email.as_deref(), Some("joy@example.org"));
    let f = fixture();
    assert_eq!(
        joy.answers[&f.questions[1].id],
        AnswerValue::Choices(vec!["Spam".into(), "Human rights".into()])
    );
    assert_eq!(joy.answers[&f.questions[2].id], AnswerValue::Scale(4));
    // 09:30 in Geneva in July is 07:30 UTC.
    assert_eq!(
        joy.submitted_at.unwrap().to_string(),
        "2013-07-10T07:30:00Z"
    );
    assert_eq!(
        sheets[1].answers.len(),
        1,
        "empty cells are unanswered questions"
    );
}

#[test]
fn latin1_and_utf16_files() {
    let latin1: Vec<u8> = GOOD
        .chars()
        .map(|c| u8::try_from(c as u32).unwrap())
        .collect();
    assert!(matches!(
        read(&latin1, Encoding::Auto),
        Err(ImportError::Encoding { line: 3, .. })
    ));
    assert_eq!(read(&latin1, Encoding::Latin1).unwrap().len(), 2);
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(GOOD.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    assert_eq!(read(&utf16, Encoding::Auto).unwrap()[1].answers.len(), 1);
}

#[test]
fn every_bad_cell_is_named_by_row_and_column() {
    let bad = "Name,Email,Submitted,Group,Country,Organisation,Q1,Q2,Q3\n\
Joy,joy@example.org,2013-07-10 09:30,Civil Society,nz,APC,fine,Spam,4\n\
X,not-an-email,2013-07-15 12:00,Media,XX,,one two three four five six seven eight nine ten eleven,Gardening,9\n";
    let Err(ImportError::Rows(errors)) = read(bad.as_bytes(), Encoding::Auto) else {
        panic!("refused")
    };
    let found: Vec<(usize, Option<&str>, ErrorCode)> = errors
        .iter()
        .map(|e| (e.row, e.column.as_deref(), e.code.clone()))
        .collect();
    assert_eq!(
        found,
        [
            (3, Some("Group"), ErrorCode::UnknownStakeholderGroup),
            (3, Some("Country"), ErrorCode::InvalidCountry),
            (3, Some("Q1"), ErrorCode::TooManyWords { max: 10 }),
            (3, Some("Q2"), ErrorCode::InvalidChoice),
            (3, Some("Q3"), ErrorCode::InvalidChoice),
            (3, Some("Submitted"), ErrorCode::OutsideWindow),
            (3, Some("Email"), ErrorCode::InvalidEmail),
        ]
    );
    assert!(
        errors[0].to_string().starts_with("row 3, column \"Group\""),
        "{}",
        errors[0]
    );

    // A preview sees the good rows beside the errors of the bad ones.
    let f = fixture();
    let checked = check_sheets(
        &Table::read(bad.as_bytes(), Encoding::Auto, None).unwrap(),
        &ColumnMap::parse(MAP).unwrap(),
        &f.phase,
        &f.consultation,
        &f.questions,
        &StakeholderGroups::default(),
    )
    .unwrap();
    assert_eq!(checked.sheets.len(), 1);
    assert_eq!(checked.sheets[0].row, 2);
    assert_eq!(checked.errors, errors);
}

#[test]
fn a_missing_column_and_a_ragged_row_are_refused_whole() {
    let missing = "Name,Email,Submitted,Group,Country,Organisation,Q1,Q2\nJoy,,,Government,,,a,\n";
    match read(missing.as_bytes(), Encoding::Auto) {
        Err(ImportError::MissingColumn {
            column, mapped_as, ..
        }) => assert_eq!((column.as_str(), mapped_as.as_str()), ("Q3", "answers.3")),
        other => panic!("{other:?}"),
    }
    let ragged = format!("{GOOD}Short,row\n");
    assert!(matches!(
        read(ragged.as_bytes(), Encoding::Auto),
        Err(ImportError::Ragged {
            line: 4,
            cells: 2,
            expected: 9
        })
    ));
    assert!(matches!(
        read(b"Name,Group\n", Encoding::Auto),
        Err(ImportError::Empty)
    ));
}

#[test]
fn an_xlsx_export_reads_like_its_csv() {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (r, line) in GOOD.lines().enumerate() {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(line.as_bytes());
        let record = reader.records().next().unwrap().unwrap();
        for (c, cell) in record.iter().enumerate() {
            match cell.parse::<f64>() {
                Ok(number) => sheet.write_number(r as u32, c as u16, number).unwrap(),
                Err(_) => sheet.write_string(r as u32, c as u16, cell).unwrap(),
            };
        }
    }
    let bytes = workbook.save_to_buffer().unwrap();
    assert_eq!(
        read(&bytes, Encoding::Auto).unwrap(),
        read(GOOD.as_bytes(), Encoding::Auto).unwrap()
    );
}

#[test]
fn on_behalf_and_publication_are_read_as_yes_or_no() {
    let map = ColumnMap::parse(
        r#"
        [respondent]
        public = "Published"
        [author]
        stakeholder_group = "Group"
        organisation = "Organisation"
        on_behalf = "On behalf"
        lang = { value = "en" }
        [answers]
        3 = "Q3"
        [values.public]
        "oui" = "true"
        "#,
    )
    .unwrap();
    let f = fixture();
    let read_with = |consultation: &Consultation, text: &str| {
        let table = Table::read(text.as_bytes(), Encoding::Auto, None).unwrap();
        read_sheets(
            &table,
            &map,
            &f.phase,
            consultation,
            &f.questions,
            &StakeholderGroups::default(),
        )
    };
    let allowing = Consultation {
        on_behalf_allowed: true,
        ..f.consultation.clone()
    };
    let text = "Group,Organisation,On behalf,Published,Q3\n\
                government,Itamaraty,TRUE,no,3\n\
                civil-society,,,oui,4\n\
                private-sector,,,,5\n";
    let sheets = read_with(&allowing, text).unwrap();
    let found: Vec<(bool, Option<bool>)> = sheets
        .iter()
        .map(|s| (s.author.on_behalf, s.public))
        .collect();
    assert_eq!(
        found,
        [(true, Some(false)), (false, Some(true)), (false, None)]
    );
    let stored: Vec<bool> = sheets
        .into_iter()
        .map(|s| {
            let id = agora_core::new_id();
            s.into_submission(f.phase.id, id, true, f.phase.opens_at)
                .public
        })
        .collect();
    assert_eq!(stored, [false, true, true], "an empty cell: the default");

    let Err(ImportError::Rows(errors)) = read_with(
        &f.consultation,
        "Group,Organisation,On behalf,Published,Q3\ngovernment,Itamaraty,true,maybe,3\ngovernment,,perhaps,,3\n",
    ) else {
        panic!("refused")
    };
    let found: Vec<(usize, Option<&str>, &str)> = errors
        .iter()
        .map(|e| (e.row, e.column.as_deref(), e.field.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (2, Some("On behalf"), "author.on_behalf"),
            (2, Some("Published"), "respondent.public"),
            (3, Some("On behalf"), "author.on_behalf"),
        ],
        "not allowed by the consultation; not a yes or no"
    );
}
