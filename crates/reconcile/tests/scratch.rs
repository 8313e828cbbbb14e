#[test]
fn dump() {
    for f in ["Childrens_social_care_in_England_2023_underlying_data.ods", "LA_Inspection_Outcomes_as_at_31_March_2025.ods"] {
        let p = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/official").join(f);
        let d = lacs_official::read(&p).unwrap();
        for e in &d.events {
            println!("{}", serde_json::to_string(&serde_json::json!({"src": f, "e": e})).unwrap());
        }
    }
}
