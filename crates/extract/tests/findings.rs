//! Improvement items checked word for word against the reports' own text (as `pdftotext`
//! prints it, apostrophes straightened), and in order.

use lacs_domain::FindingSection;
use lacs_extract::{extract, Hints};
use std::path::Path;

fn improvements(relative: &str) -> Option<Vec<String>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus").join(relative);
    if !path.exists() {
        eprintln!("\n*** SKIPPED: {} not found (../shared absent?) ***\n", path.display());
        return None;
    }
    let report = extract(&std::fs::read(&path).unwrap(), &Hints::from_path(&path)).unwrap();
    let items: Vec<_> = report.findings.iter().filter(|f| f.section == FindingSection::Improvement).collect();
    assert!(items.iter().enumerate().all(|(i, f)| f.position as usize == i + 1), "positions run 1, 2, 3…");
    Some(items.into_iter().map(|f| f.text.clone()).collect())
}

#[test]
fn ilacs_2018_bulleted_list() {
    let Some(items) = improvements("80426_barnsley/children's services inspection - 19 november 2018.pdf") else { return };
    assert_eq!(
        items,
        [
            "Risk assessment and the understanding of the wider risks to which young people are exposed in the community, including the timeliness and quality of return home interviews when children are reported missing from home and care.",
            "Regular review of the use of private fostering arrangements to ensure that they remain appropriate to meet children's needs.",
            "The numbers of care leavers aged 19–21 in education, employment and training.",
            "The rigour of audit and dip sampling activity and how data informs an understanding of the quality of practice and timeliness performance for initial child protection case conferences.",
        ]
    );
}

#[test]
fn ilacs_2025_single_item_on_page_one() {
    let Some(items) = improvements("80545_kingston upon thames/children's services inspection - 29 january 2025.pdf") else { return };
    assert_eq!(
        items,
        ["Clarity of pre-proceedings letters for parents, so that they are clear about what needs to change so children can safely remain in their care."]
    );
}

#[test]
fn ilacs_2022_list_given_as_prose() {
    let Some(items) = improvements("80527_north lincolnshire/children's services inspection - 25 november 2022.pdf") else { return };
    assert_eq!(items.len(), 1);
    assert!(items[0].starts_with("There are an extremely small number of areas of variability in what is otherwise an exceptional practice."));
    assert!(items[0].ends_with("the relevant plans for addressing the issue of variability in practice across the service."));
}

#[test]
fn sif_numbered_areas_for_improvement_across_a_page_break() {
    let Some(items) = improvements("80426_barnsley/children's services inspection - 08 august 2014.pdf") else { return };
    assert_eq!(items.len(), 25);
    assert_eq!(
        items[0],
        "The local authority and its partners need to build upon and embed their Think Family Strategy to ensure the overarching approach to early help is properly understood and implemented across the partnership. This should include developing a system to evaluate its effectiveness."
    );
    // Item 11 runs from page 4 onto page 5, past the page number and running header.
    assert_eq!(
        items[11],
        "The quality of the review reports for children subject to a child protection plan and for children looked after needs to be improved so that all involved can easily read and understand the review records."
    );
}
