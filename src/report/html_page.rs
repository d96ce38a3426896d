//! `tieout report`: one self-contained HTML page per document for a reviewer who never opens a
//! terminal. The document as it reads (paragraphs and tables), every recognised figure
//! highlighted by what tieout concluded, a click or hover on a figure showing its claim's
//! computation and rounding interval, a side panel of findings by severity linking to their
//! place, counts at the top, and each rule's `explain` text embedded. No server, no network:
//! styles and script are inline, and the page prints.
//!
//! The page is built from the same [`FileReport`] the other formats render (claims, figures,
//! findings, spans into the original bytes), placed in the document's checked text through the
//! inverse of its span map. Everything written is escaped.

use std::fmt::Write as _;
use std::ops::Range;

use rust_decimal::Decimal;

use super::{FileReport, Finding, Location, Status, Summary};
use crate::rules::Severity;
use crate::source::Document;

/// What a highlighted figure shows, most telling first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verdict {
    Mismatch,
    Warning,
    Unverifiable,
    Consistent,
    /// A recognised figure no claim relates to another.
    Plain,
}

impl Verdict {
    pub fn class(self) -> &'static str {
        match self {
            Verdict::Mismatch => "mismatch",
            Verdict::Warning => "warning",
            Verdict::Unverifiable => "unverifiable",
            Verdict::Consistent => "consistent",
            Verdict::Plain => "plain",
        }
    }
    fn label(self) -> &'static str {
        match self {
            Verdict::Mismatch => "mismatch",
            Verdict::Warning => "warning",
            Verdict::Unverifiable => "unverifiable",
            Verdict::Consistent => "consistent",
            Verdict::Plain => "not part of any claim",
        }
    }
    fn of_severity(s: Severity) -> Verdict {
        match s {
            Severity::Error => Verdict::Mismatch,
            Severity::Warning => Verdict::Warning,
            Severity::Note => Verdict::Unverifiable,
        }
    }
}

/// A highlighted range of the checked text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub range: Range<usize>,
    pub verdict: Verdict,
    /// Claims (indexes in the report) the figure belongs to.
    pub claims: Vec<usize>,
    /// Findings (indexes) that point here.
    pub findings: Vec<usize>,
}

/// The marks of a document: claim figures by their claim's verdict, finding spans by severity,
/// other recognised figures (`figures`, text ranges) as plain. Overlaps keep the most telling
/// mark; the result is in text order and disjoint.
pub fn marks(doc: &Document, file: &FileReport, figures: &[Range<usize>]) -> Vec<Mark> {
    let to_text = |l: &Location| doc.map.text_range(l.span());
    let mut cands: Vec<Mark> = Vec::new();
    for (i, f) in file.findings.iter().enumerate() {
        cands.push(Mark {
            range: to_text(&f.span),
            verdict: Verdict::of_severity(f.severity),
            claims: f.claim.into_iter().collect(),
            findings: vec![i],
        });
    }
    for (ci, c) in file.claims.iter().enumerate() {
        let verdict = claim_verdict(file, ci);
        for g in &c.figures {
            cands.push(Mark {
                range: to_text(&g.span),
                verdict,
                claims: vec![ci],
                findings: Vec::new(),
            });
        }
    }
    cands.extend(figures.iter().map(|r| Mark {
        range: r.clone(),
        verdict: Verdict::Plain,
        claims: Vec::new(),
        findings: Vec::new(),
    }));
    settle(cands)
}

/// What a claim's figures show: its status, a mismatch only as severe as its findings.
fn claim_verdict(file: &FileReport, ci: usize) -> Verdict {
    let c = &file.claims[ci];
    match c.status {
        Status::Consistent => Verdict::Consistent,
        Status::Unverifiable => Verdict::Unverifiable,
        Status::Mismatch => file
            .findings
            .iter()
            .filter(|f| f.claim == Some(ci))
            .map(|f| Verdict::of_severity(f.severity))
            .min()
            .unwrap_or(Verdict::Mismatch),
    }
}

/// Merge marks of the same range, then keep the most telling of overlapping ones.
fn settle(mut cands: Vec<Mark>) -> Vec<Mark> {
    cands.retain(|m| !m.range.is_empty());
    cands.sort_by_key(|a| (a.range.start, a.range.end));
    let mut merged: Vec<Mark> = Vec::new();
    for m in cands {
        match merged.last_mut() {
            Some(last) if last.range == m.range => {
                last.verdict = last.verdict.min(m.verdict);
                for c in m.claims {
                    if !last.claims.contains(&c) {
                        last.claims.push(c);
                    }
                }
                last.findings.extend(m.findings);
            }
            _ => merged.push(m),
        }
    }
    // most telling first, then findings, then the shorter
    merged.sort_by_key(|m| (m.verdict, m.findings.is_empty(), m.range.len()));
    let mut kept: Vec<Mark> = Vec::new();
    for m in merged {
        let overlap = kept
            .iter_mut()
            .find(|k| k.range.start < m.range.end && m.range.start < k.range.end);
        match overlap {
            // what a covered figure knows stays reachable from the mark that covers it
            Some(k) => {
                for c in m.claims {
                    if !k.claims.contains(&c) {
                        k.claims.push(c);
                    }
                }
                k.findings.extend(m.findings);
            }
            None => kept.push(m),
        }
    }
    kept.sort_by_key(|m| m.range.start);
    for k in &mut kept {
        k.findings.sort_unstable();
        k.findings.dedup();
    }
    kept
}

/// Escape text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Where a finding is, for a reader: `¶3`, `table 2 r3c4`, `line 5`.
pub fn place_text(l: &Location) -> String {
    match l.place {
        Some(p) => p.to_string(),
        None => format!("line {}", l.line),
    }
}

/// Links a page has besides its own content.
#[derive(Debug, Clone, Default)]
pub struct PageLinks {
    /// The index page, when the run made one.
    pub index: Option<String>,
}

/// The page for one document: `figures` are the text ranges of every figure recognised.
pub fn page(
    doc: &Document,
    file: &FileReport,
    figures: &[Range<usize>],
    links: &PageLinks,
) -> String {
    let marks = marks(doc, file, figures);
    let mut mark_of_finding = vec![None; file.findings.len()];
    for (mi, m) in marks.iter().enumerate() {
        for &fi in &m.findings {
            mark_of_finding[fi].get_or_insert(mi);
        }
    }
    let summary = Summary::of(std::slice::from_ref(file));
    let mut body = String::new();
    body.push_str(&header(&file.path, &summary, figures.len(), links));
    body.push_str("<div class=\"layout\">\n<main id=\"doc\" aria-label=\"document\">\n");
    body.push_str(&document(doc, &marks));
    body.push_str("</main>\n<aside id=\"panel\" aria-label=\"findings\">\n");
    body.push_str(&panel(file, &mark_of_finding));
    body.push_str("</aside>\n</div>\n");
    body.push_str(&cards(file));
    shell(&format!("tieout review: {}", file.path), &body)
}

fn header(path: &str, s: &Summary, figures: usize, links: &PageLinks) -> String {
    let mut h = String::from("<header class=\"top\">\n<div class=\"title\">");
    if let Some(index) = &links.index {
        let _ = write!(
            h,
            "<a class=\"back\" href=\"{}\">&larr; all files</a>",
            esc(index)
        );
    }
    let _ = write!(
        h,
        "<span class=\"brand\">tieout review</span><h1>{}</h1></div>\n<div class=\"counts\">",
        esc(path)
    );
    let chip = |class: &str, n: usize, what: &str| {
        format!("<span class=\"chip {class}\" data-count=\"{class}\"><b>{n}</b> {what}</span>")
    };
    let plural = |n: usize, w: &str| {
        if n == 1 {
            w.to_string()
        } else {
            format!("{w}s")
        }
    };
    h.push_str(&chip("error", s.errors, &plural(s.errors, "error")));
    h.push_str(&chip("warning", s.warnings, &plural(s.warnings, "warning")));
    h.push_str(&chip("note", s.notes, &plural(s.notes, "note")));
    let _ = write!(
        h,
        "<span class=\"sep\"></span><span class=\"stat\"><b>{}</b> {}: {} consistent, {} mismatched, {} unverifiable</span><span class=\"stat\"><b>{figures}</b> {}</span>",
        s.claims,
        plural(s.claims, "claim"),
        s.consistent,
        s.mismatched,
        s.unverifiable,
        plural(figures, "figure"),
    );
    h.push_str("</div>\n<div class=\"legend\" aria-label=\"legend\">");
    for v in [
        Verdict::Mismatch,
        Verdict::Warning,
        Verdict::Unverifiable,
        Verdict::Consistent,
        Verdict::Plain,
    ] {
        let _ = write!(
            h,
            "<span><mark class=\"fig {}\">$1.5M</mark> {}</span>",
            v.class(),
            v.label()
        );
    }
    h.push_str("</div>\n</header>\n");
    h
}

/// The document as it reads: tables from their cells, the rest as paragraphs.
fn document(doc: &Document, marks: &[Mark]) -> String {
    let mut out = String::with_capacity(doc.text.len() * 2);
    let mut at = 0;
    let mut tables: Vec<&crate::source::Table> = doc.tables.iter().collect();
    tables.sort_by_key(|t| t.range.start);
    for (ti, t) in tables.iter().enumerate() {
        if t.range.start < at {
            continue;
        }
        paragraphs(&doc.text, at..t.range.start, marks, &mut out);
        table(&doc.text, t, ti + 1, marks, &mut out);
        at = t.range.end;
    }
    paragraphs(&doc.text, at..doc.text.len(), marks, &mut out);
    out
}

/// A table, its rows aligned from the right as the table model reads them (spacer cells were
/// dropped): a short row of values gets empty cells before them, a short row of text a wide
/// last cell.
fn table(text: &str, t: &crate::source::Table, n: usize, marks: &[Mark], out: &mut String) {
    let width = t.rows.iter().map(|r| r.len()).max().unwrap_or(0);
    let _ = writeln!(out, "<table class=\"doc-table\" id=\"table-{n}\">");
    for row in &t.rows {
        out.push_str("<tr>");
        let missing = width - row.len();
        let numeric: Vec<bool> = row
            .iter()
            .map(|c| looks_numeric(&text[c.clone()]))
            .collect();
        let values_after_label = numeric.iter().skip(1).all(|&x| x);
        let pad = |out: &mut String| out.push_str(&"<td></td>".repeat(missing));
        if numeric.first() == Some(&true) {
            pad(out);
        }
        for (ci, cell) in row.iter().enumerate() {
            let last = ci + 1 == row.len();
            if numeric[ci] {
                out.push_str("<td class=\"num\">");
            } else if last && missing > 0 && !values_after_label {
                let _ = write!(out, "<td colspan=\"{}\">", missing + 1);
            } else {
                out.push_str("<td>");
            }
            inline(text, cell.clone(), marks, out);
            out.push_str("</td>");
            if ci == 0 && !numeric[0] && values_after_label {
                pad(out);
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n");
}

fn looks_numeric(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty()
        && t.chars().any(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || " $€£¥%.,()-–—".contains(c))
}

/// Paragraphs (separated by blank lines) of a text range.
fn paragraphs(text: &str, r: Range<usize>, marks: &[Mark], out: &mut String) {
    let mut start = r.start;
    let chunk = &text[r.clone()];
    let mut offsets: Vec<usize> = chunk
        .match_indices("\n\n")
        .map(|(i, _)| r.start + i)
        .collect();
    offsets.push(r.end);
    for end in offsets {
        let (a, b) = trim_range(text, start..end);
        if a < b {
            out.push_str("<p>");
            inline(text, a..b, marks, out);
            out.push_str("</p>\n");
        }
        start = end + 2;
    }
}

fn trim_range(text: &str, r: Range<usize>) -> (usize, usize) {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    (r.start + lead, (r.end - trail).max(r.start + lead))
}

/// Text with its marks, escaped.
fn inline(text: &str, r: Range<usize>, marks: &[Mark], out: &mut String) {
    let first = marks.partition_point(|m| m.range.end <= r.start);
    let mut at = r.start;
    for (mi, m) in marks.iter().enumerate().skip(first) {
        if m.range.start >= r.end {
            break;
        }
        let (a, b) = (m.range.start.max(at), m.range.end.min(r.end));
        if a >= b || !text.is_char_boundary(a) || !text.is_char_boundary(b) {
            continue;
        }
        out.push_str(&esc(&text[at..a]));
        let cards: Vec<String> = m
            .claims
            .iter()
            .map(|c| format!("c{c}"))
            .chain(m.findings.iter().map(|f| format!("f{f}")))
            .collect();
        let cards = if cards.is_empty() {
            "plain".to_string()
        } else {
            cards.join(" ")
        };
        let _ =
            write!(
            out,
            "<mark class=\"fig {}{}\" id=\"m{mi}\" tabindex=\"0\" data-cards=\"{cards}\">{}</mark>",
            m.verdict.class(),
            if m.findings.is_empty() { "" } else { " primary" },
            esc(&text[a..b])
        );
        at = b;
    }
    out.push_str(&esc(&text[at..r.end]));
}

/// Findings by severity, each linking to its figure, then the rules they cite.
fn panel(file: &FileReport, mark_of_finding: &[Option<usize>]) -> String {
    let mut p = String::new();
    let mut rules: Vec<&str> = Vec::new();
    for sev in [Severity::Error, Severity::Warning, Severity::Note] {
        let list: Vec<(usize, &Finding)> = file
            .findings
            .iter()
            .enumerate()
            .filter(|(_, f)| f.severity == sev)
            .collect();
        let title = match sev {
            Severity::Error => "Errors",
            Severity::Warning => "Warnings",
            Severity::Note => "Notes (unverifiable)",
        };
        let _ = writeln!(
            p,
            "<section class=\"group {}\"><h2>{title} <span class=\"n\">{}</span></h2>",
            sev.as_str(),
            list.len()
        );
        if list.is_empty() {
            p.push_str("<p class=\"none\">None.</p>\n");
        }
        for (i, f) in list {
            if !rules.contains(&f.rule.as_str()) {
                rules.push(&f.rule);
            }
            p.push_str(&finding_item(i, f, mark_of_finding[i]));
        }
        p.push_str("</section>\n");
    }
    p.push_str("<section class=\"rules\"><h2>Rules cited</h2>\n");
    if rules.is_empty() {
        p.push_str("<p class=\"none\">None.</p>\n");
    }
    rules.sort_unstable();
    for id in rules {
        if let Some(r) = crate::rules::by_id(id) {
            let _ = writeln!(
                p,
                "<details class=\"rule\" id=\"rule-{}\"><summary><code>{}</code> {}</summary><pre>{}</pre></details>",
                esc(r.id),
                esc(r.id),
                esc(r.summary),
                esc(r.docs)
            );
        }
    }
    p.push_str("</section>\n");
    p
}

fn finding_item(i: usize, f: &Finding, mark: Option<usize>) -> String {
    let target = mark.map(|m| format!("m{m}")).unwrap_or_default();
    let mut s = format!(
        "<div class=\"finding {}\" id=\"finding-{i}\">\n<a class=\"goto\" href=\"#{target}\" data-target=\"{target}\"><span class=\"rule-id\">{}</span><span class=\"where\">{}</span></a>\n<p class=\"msg\">{}</p>\n",
        f.severity.as_str(),
        esc(&f.rule),
        esc(&place_text(&f.span)),
        esc(&f.message)
    );
    if let Some(h) = &f.help {
        let _ = writeln!(s, "<p class=\"help\">{}</p>", esc(h));
    }
    for r in &f.related {
        let at = r
            .span
            .map(|l| format!(" ({})", place_text(&l)))
            .unwrap_or_default();
        let _ = writeln!(
            s,
            "<p class=\"related\">{}: {}{}</p>",
            esc(&r.message),
            esc(&r.path),
            esc(&at)
        );
    }
    let _ = writeln!(
        s,
        "<a class=\"explain\" href=\"#rule-{}\" data-rule=\"rule-{}\">explain {}</a>\n</div>",
        esc(&f.rule),
        esc(&f.rule),
        esc(&f.rule)
    );
    s
}

/// The cards a click on a figure shows: one per claim (kind, status, figures with their
/// intervals, each rule's result, the findings with their computation), one per finding
/// without a claim, and one for figures no claim uses. Templates: never shown or printed as
/// they are.
fn cards(file: &FileReport) -> String {
    let mut out = String::from("<div id=\"cards\" hidden>\n");
    for (ci, c) in file.claims.iter().enumerate() {
        let _ = write!(
            out,
            "<template id=\"card-c{ci}\"><div class=\"card {}\"><div class=\"card-head\"><span class=\"kind\">{} claim</span><span class=\"status {}\">{}</span></div>\n<blockquote>{}</blockquote>\n<table class=\"figs\"><tr><th>role</th><th>as written</th><th>value</th><th>interval</th></tr>",
            claim_verdict(file, ci).class(),
            esc(c.kind),
            claim_verdict(file, ci).class(),
            status_word(c.status),
            esc(&c.text)
        );
        for g in &c.figures {
            let _ = write!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{} .. {}</td></tr>",
                esc(g.role),
                esc(&g.text),
                esc(&pretty(&g.value, &g.unit)),
                esc(&pretty(&g.interval[0], &g.unit)),
                esc(&pretty(&g.interval[1], &g.unit))
            );
        }
        out.push_str("</table>\n");
        if let Some(line) = computation(c) {
            let _ = write!(out, "<p class=\"calc\">{}</p>", esc(&line));
        }
        out.push_str("<ul class=\"checks\">");
        let mut seen = std::collections::HashSet::new();
        for k in c
            .checks
            .iter()
            .filter(|k| seen.insert((&k.rule, status_word(k.status), &k.reason)))
        {
            let _ = write!(
                out,
                "<li><code>{}</code> <span class=\"status {}\">{}</span>{}</li>",
                esc(&k.rule),
                status_word(k.status),
                status_word(k.status),
                k.reason
                    .as_ref()
                    .map(|r| format!(": {}", esc(r)))
                    .unwrap_or_default()
            );
        }
        out.push_str("</ul>");
        if let Some(b) = &c.base_source {
            let _ = write!(out, "<p class=\"base\">base from {}</p>", esc(b));
        }
        for f in file.findings.iter().filter(|f| f.claim == Some(ci)) {
            out.push_str(&finding_card_body(f));
        }
        out.push_str("</div></template>\n");
    }
    for (fi, f) in file.findings.iter().enumerate() {
        let _ = writeln!(
            out,
            "<template id=\"card-f{fi}\"><div class=\"card {}\"><div class=\"card-head\"><span class=\"kind\">{}</span><span class=\"status {}\">{}</span></div>{}</div></template>",
            Verdict::of_severity(f.severity).class(),
            esc(&f.rule),
            Verdict::of_severity(f.severity).class(),
            f.severity.as_str(),
            finding_card_body(f)
        );
    }
    out.push_str("<template id=\"card-plain\"><div class=\"card plain\"><div class=\"card-head\"><span class=\"kind\">figure</span><span class=\"status plain\">not part of any claim</span></div><p>tieout recognised this figure; no claim in its sentence relates it to another figure, so there is nothing to recompute.</p></div></template>\n</div>\n");
    out
}

/// A value as a reader writes it: `$4,140,000`, `21.5%`, `900 bp`.
pub fn pretty(value: &str, unit: &str) -> String {
    let Ok(d) = value.parse::<Decimal>() else {
        return value.to_string();
    };
    let d = d.round_dp(4).normalize();
    let grouped = crate::rules::group_thousands(&d.abs().to_string());
    let sign = if d.is_sign_negative() { "\u{2212}" } else { "" };
    match unit {
        "USD" => format!("{sign}${grouped}"),
        "USD/share" => format!("{sign}${grouped} per share"),
        "percent" => format!("{sign}{grouped}%"),
        "basis-points" => format!("{sign}{grouped} bp"),
        "percentage-points" => format!("{sign}{grouped} pp"),
        "multiple" => format!("{sign}{grouped}\u{d7}"),
        "shares" => format!("{sign}{grouped} shares"),
        "count" | "" => format!("{sign}{grouped}"),
        code => format!("{sign}{code} {grouped}"),
    }
}

/// What a change recomputes to from its base and current value, over their intervals:
/// `$1,420,000 − $4,140,000 = −$2,720,000 (−$2,730,000 .. −$2,710,000), −65.7% (…)`.
fn computation(c: &super::ClaimRecord) -> Option<String> {
    let fig = |role: &str| c.figures.iter().find(|g| g.role == role);
    let (b, n) = (fig("base")?, fig("current")?);
    if b.unit != n.unit {
        return None;
    }
    let num = |s: &str| s.parse::<Decimal>().ok();
    let (bv, blo, bhi) = (num(&b.value)?, num(&b.interval[0])?, num(&b.interval[1])?);
    let (nv, nlo, nhi) = (num(&n.value)?, num(&n.interval[0])?, num(&n.interval[1])?);
    let u = b.unit.as_str();
    let diff_unit = if u == "percent" {
        "percentage-points"
    } else {
        u
    };
    let mut line = format!(
        "{} \u{2212} {} = {} (from {} to {})",
        pretty(&n.value, u),
        pretty(&b.value, u),
        pretty(&(nv - bv).to_string(), diff_unit),
        pretty(&(nlo - bhi).to_string(), diff_unit),
        pretty(&(nhi - blo).to_string(), diff_unit)
    );
    if u != "percent" && !blo.is_zero() && blo.is_sign_positive() == bhi.is_sign_positive() {
        let hundred = Decimal::ONE_HUNDRED;
        let pct = |x: Decimal, y: Decimal| ((x - y) / y * hundred).round_dp(1);
        let corners = [pct(nlo, blo), pct(nlo, bhi), pct(nhi, blo), pct(nhi, bhi)];
        let lo = corners.iter().min().copied().unwrap_or_default();
        let hi = corners.iter().max().copied().unwrap_or_default();
        let _ = write!(
            line,
            "; as a percent of the base: {} (from {} to {})",
            pretty(&pct(nv, bv).to_string(), "percent"),
            pretty(&lo.to_string(), "percent"),
            pretty(&hi.to_string(), "percent")
        );
    }
    Some(line)
}

fn finding_card_body(f: &Finding) -> String {
    let mut s = format!(
        "<div class=\"card-finding {}\"><p class=\"msg\">{}</p>",
        f.severity.as_str(),
        esc(&f.message)
    );
    if let Some(h) = &f.help {
        let _ = write!(s, "<p class=\"help\">{}</p>", esc(h));
    }
    s.push_str("</div>");
    s
}

fn status_word(s: Status) -> &'static str {
    match s {
        Status::Consistent => "consistent",
        Status::Mismatch => "mismatch",
        Status::Unverifiable => "unverifiable",
    }
}

/// One line of the index page.
#[derive(Debug, Clone)]
pub struct IndexEntry {
    pub path: String,
    /// The page's file name, relative to the index.
    pub href: String,
    pub summary: Summary,
}

/// The index of a run over several files: each file with its counts, linking to its page.
pub fn index(entries: &[IndexEntry], errors: &[String]) -> String {
    let mut total = Summary::default();
    for e in entries {
        total.add(&e.summary);
    }
    let mut b = String::from(
        "<header class=\"top\"><div class=\"title\"><span class=\"brand\">tieout review</span>",
    );
    let _ = write!(
        b,
        "<h1>{} files</h1></div><div class=\"counts\"><span class=\"chip error\"><b>{}</b> errors</span><span class=\"chip warning\"><b>{}</b> warnings</span><span class=\"chip note\"><b>{}</b> notes</span><span class=\"sep\"></span><span class=\"stat\"><b>{}</b> claims: {} consistent, {} mismatched, {} unverifiable</span></div></header>\n<main class=\"index\"><table class=\"files\"><thead><tr><th>file</th><th>errors</th><th>warnings</th><th>notes</th><th>claims</th><th>consistent</th><th>mismatched</th><th>unverifiable</th></tr></thead><tbody>\n",
        entries.len(),
        total.errors,
        total.warnings,
        total.notes,
        total.claims,
        total.consistent,
        total.mismatched,
        total.unverifiable
    );
    for e in entries {
        let s = &e.summary;
        let _ = writeln!(
            b,
            "<tr><td><a href=\"{}\">{}</a></td><td class=\"num{}\">{}</td><td class=\"num{}\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            esc(&e.href),
            esc(&e.path),
            if s.errors > 0 { " hot-error" } else { "" },
            s.errors,
            if s.warnings > 0 { " hot-warning" } else { "" },
            s.warnings,
            s.notes,
            s.claims,
            s.consistent,
            s.mismatched,
            s.unverifiable
        );
    }
    b.push_str("</tbody></table>\n");
    if !errors.is_empty() {
        b.push_str("<section class=\"input-errors\"><h2>Files that could not be read</h2><ul>");
        for e in errors {
            let _ = write!(b, "<li>{}</li>", esc(e));
        }
        b.push_str("</ul></section>\n");
    }
    b.push_str("</main>\n");
    shell("tieout review", &b)
}

/// A whole page: inline styles and script, nothing fetched.
fn shell(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"tieout {}\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}<div id=\"pop\" class=\"pop\" role=\"dialog\" hidden></div>\n<script>{JS}</script>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION"),
        esc(title),
    )
}

const CSS: &str = include_str!("html_page.css");
const JS: &str = include_str!("html_page.js");

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(r: Range<usize>, v: Verdict, claims: &[usize], findings: &[usize]) -> Mark {
        Mark {
            range: r,
            verdict: v,
            claims: claims.to_vec(),
            findings: findings.to_vec(),
        }
    }

    #[test]
    fn overlapping_marks_keep_the_most_telling() {
        let got = settle(vec![
            mark(10..14, Verdict::Plain, &[], &[]),
            mark(10..14, Verdict::Consistent, &[0], &[]),
            mark(10..20, Verdict::Mismatch, &[1], &[0]),
            mark(30..33, Verdict::Warning, &[2], &[]),
            mark(31..33, Verdict::Plain, &[], &[]),
            mark(40..40, Verdict::Plain, &[], &[]),
        ]);
        assert_eq!(
            got,
            [
                mark(10..20, Verdict::Mismatch, &[1, 0], &[0]),
                mark(30..33, Verdict::Warning, &[2], &[]),
            ]
        );
    }

    #[test]
    fn values_read_as_written() {
        assert_eq!(pretty("4140000", "USD"), "$4,140,000");
        assert_eq!(pretty("-2720000.00", "USD"), "\u{2212}$2,720,000");
        assert_eq!(pretty("0.0040", "USD/share"), "$0.004 per share");
        assert_eq!(pretty("21.45", "percent"), "21.45%");
        assert_eq!(pretty("250000000", "shares"), "250,000,000 shares");
        assert_eq!(pretty("13.1", "EUR"), "EUR 13.1");
        assert_eq!(pretty("n/a", "USD"), "n/a");
    }

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }
}
