//! Improvement items checked word for word against the reports' own text (as `pdftotext`
//! prints it, apostrophes straightened), and in order.

use lacs_domain::{FindingSection, Judgement};
use lacs_extract::{extract, Hints};
use std::path::Path;

fn improvements(relative: &str) -> Option<Vec<String>> {
    section(relative, FindingSection::Improvement, None).map(|items| items.into_iter().map(|(_, text)| text).collect())
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

/// The text of each finding of one section (and judgement), with its page, in order.
fn section(relative: &str, section: FindingSection, judgement: Option<Judgement>) -> Option<Vec<(u32, String)>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus").join(relative);
    if !path.exists() {
        eprintln!("\n*** SKIPPED: {} not found (../shared absent?) ***\n", path.display());
        return None;
    }
    let report = extract(&std::fs::read(&path).unwrap(), &Hints::from_path(&path)).unwrap();
    let items: Vec<_> = report.findings.iter().filter(|f| f.section == section && f.judgement == judgement).collect();
    assert!(items.iter().enumerate().all(|(i, f)| f.position as usize == i + 1), "positions run 1, 2, 3…");
    Some(items.into_iter().map(|f| (f.page, f.text.clone())).collect())
}

#[test]
fn sif_2016_judgement_summary_paragraphs() {
    // Heading over three lines, the grade beside it, "Summary", then unnumbered paragraphs on
    // page 17; "Inspection findings" on the next page is passed over and the section's numbered
    // detailed findings follow the summary.
    let Some(items) =
        section("80443_bury/children's services inspection - 16 may 2016.pdf", FindingSection::Judgement, Some(Judgement::InCare))
    else {
        return;
    };
    let texts: Vec<&str> = items.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(
        texts[..9],
        [
            "When children and young people need to become looked after, decisions are appropriate. Children and young people who are on the edge of care benefit from good use of legal proceedings and the Public Law Outline (PLO) that is helping families to access a range of support services. This helps some children and young people to remain safely at home with their families.",
            "When children and young people looked after return home to the care of their parents, there is not always a comprehensive assessment and plan in place to help families to prepare for this. Assessments of the needs of children and young people looked after are not updated regularly and do not contain enough information and analysis about important issues. Care plans are not specific enough and lack timescales and contingencies.",
            "Some children and young people have too many changes of social worker, which makes it difficult to progress plans in a timely way and to build trusting relationships over time. IROs are not providing sufficiently robust challenge or quality assurance of children's and young people's plans. They do not routinely monitor the progress of plans between reviews.",
            "The timeliness and quality of initial health assessments for children and young people looked after are improving. However, some children and young people still wait too long to have their health needs identified and addressed.",
            "Children's and young people's educational outcomes at key stages 2 and 4 require improvement.",
            "When children and young people looked after go missing, they receive timely, independent return interviews to identify and reduce any risk of harm, including sexual exploitation.",
            "Adoption is considered for all children and young people at the earliest stage, and delay is minimised through the adoption process. Social work with birth families and adopters is sensitive and robust.",
            "The vast majority of children and young people live in suitable placements with carers who meet their needs well. A high proportion of young people looked after aged 16 to 18 live in semi-independent accommodation. Accommodation options for 16 to 18-year-olds require analysis to establish the best way to promote good outcomes for these young people.",
            "Care leavers have good access to a range of suitable health services and good support from their personal advisors (PAs). Despite this, too many are NEET.",
        ]
    );
    assert!(items[..9].iter().all(|(page, _)| *page == 17));
    assert_eq!(items.len(), 9 + 37, "the summary, then paragraphs 36 to 72");
    assert!(texts[9].starts_with("Decisions to look after children and young people are proportionate and appropriate."));
    assert!(items[9..].iter().all(|(page, _)| *page > 17));
}

#[test]
fn sif_2015_overall_summary_passes_over_its_subheadings() {
    // "… are good because:", then bulleted points under "Leadership and management" and
    // "Quality of practice" (set in a larger type): the sub-headings are not findings, and
    // neither ends the summary. The numbered paragraphs under "Progress since the last
    // inspection" (25 to 34) are the overall judgement's too.
    let Some(items) =
        section("80481_leeds/children's services inspection - 27 march 2015.pdf", FindingSection::Judgement, Some(Judgement::Overall))
    else {
        return;
    };
    assert_eq!(items.len(), 19);
    assert!(items[9].1.starts_with("In July 2009, the unannounced inspection of contact, referral and assessment arrangements"));
    assert_eq!(items[0].1, "Children's services in Leeds are good because:");
    assert_eq!(
        items[1].1,
        "Children's services in Leeds benefit from outstanding, inspirational and confident operational and political leadership. The 'Child Friendly' Leeds ambition has cross-party political support, reflected in ongoing investment in Children's Services despite the challenging financial context."
    );
    assert_eq!(
        items[5].1,
        "There is a robust and well-coordinated response to children who are missing and/or at risk of experiencing child sexual exploitation."
    );
    assert!(items.iter().all(|(_, t)| t != "Leadership and management" && t != "Quality of practice"));
}

#[test]
fn ilacs_list_runs_on_past_a_footnote() {
    // Page 2 ends with a footnote about the national framework; paragraph 6 stops before it
    // and paragraph 7 continues on page 3.
    let Some(items) = section(
        "80465_durham/children's services inspection - 13 may 2025.pdf",
        FindingSection::Judgement,
        Some(Judgement::HelpProtection),
    ) else {
        return;
    };
    assert_eq!(
        items[5],
        (2, "Children receive effective support and interventions from the out-of-hours emergency duty team (EDT). EDT workers make clear and effective decisions and identify and respond to risk well. Sound communication between out-of-hours and daytime services means that children receive a seamless service that improves their immediate situation.".to_string())
    );
    assert_eq!(items[6].0, 3);
    assert!(items[6].1.starts_with("When safeguarding concerns are identified, the decisions for progressing to a strategy meeting are appropriate."));
    assert!(items.iter().all(|(_, t)| !t.contains("cross-referenced")));
}

#[test]
fn sif_lscb_lists_are_kept_apart_from_the_local_authority() {
    // The LSCB's part repeats "Areas for improvement": its items are the board's
    // recommendations, and the local authority's list stays its own.
    let path = "80426_barnsley/children's services inspection - 08 august 2014.pdf";
    let Some(la) = section(path, FindingSection::Improvement, None) else { return };
    let Some(lscb) = section(path, FindingSection::Recommendation, Some(Judgement::Lscb)) else { return };
    assert_eq!(la.len(), 25);
    assert!(la.iter().all(|(page, _)| *page <= 6));
    assert_eq!(lscb.len(), 7);
    assert_eq!(
        lscb[0],
        (33, "Increase the influence of the Barnsley Safeguarding Children's Board (BSCB) by strengthening relationships with the Health and Wellbeing Board.".to_string())
    );
}
