//! A minimal PDF writer for test files: numbered objects, a correct cross-reference table and
//! trailer, so that only the thing under test is wrong.

/// A PDF around `objects` (object `i + 1` is `objects[i]`; object 1 must be the catalog), with
/// a correct xref table. `trailer_extra` goes into the trailer dictionary after `/Root`.
pub fn pdf(objects: &[Vec<u8>], trailer_extra: &str) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    let extra = if trailer_extra.is_empty() { String::new() } else { format!(" {trailer_extra}") };
    out.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R{extra} >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes(),
    );
    out
}

/// A stream object: `dict` entries (e.g. `/Filter /FlateDecode`, or none) and `data`.
pub fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut out = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
    out
}

/// The objects of a one-page document (A4) whose page's content stream is `content`
/// (object 4), with no resources.
pub fn one_page(content: Vec<u8>) -> Vec<Vec<u8>> {
    vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".to_vec(),
        content,
    ]
}

/// A one-page PDF whose page shows `lines` of text (Helvetica), e.g. a visit letter.
pub fn text_pdf(lines: &[&str]) -> Vec<u8> {
    let mut content = String::from("BT /F1 12 Tf 72 760 Td 14 TL\n");
    for l in lines {
        content.push_str(&format!("({}) Tj T*\n", l.replace('\\', "\\\\").replace('(', "\\(").replace(')', "\\)")));
    }
    content.push_str("ET");
    let objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_vec(),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()).into_bytes(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_vec(),
    ];
    pdf(&objects, "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_xref_table_points_at_every_object() {
        let bytes = pdf(&one_page(stream("", b"BT ET")), "");
        let text = String::from_utf8(bytes).unwrap();
        let xref: usize = text.rsplit("startxref\n").next().unwrap().lines().next().unwrap().parse().unwrap();
        assert!(text[xref..].starts_with("xref\n0 5\n"));
        for (i, line) in text[xref..].lines().skip(3).take(4).enumerate() {
            let at: usize = line[..10].parse().unwrap();
            assert!(text[at..].starts_with(&format!("{} 0 obj\n", i + 1)), "{line}");
        }
        assert!(text.contains("<< /Size 5 /Root 1 0 R >>"));
        assert!(pdf(&[], "/Encrypt 9 0 R").windows(22).any(|w| w == b"/Root 1 0 R /Encrypt 9"));
    }

    #[test]
    fn text_is_escaped() {
        let bytes = text_pdf(&["a (b) \\ c"]);
        assert!(String::from_utf8(bytes).unwrap().contains("(a \\(b\\) \\\\ c) Tj T*"));
    }
}
