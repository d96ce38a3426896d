//! Change claims: figures of a sentence grouped, left to right, into comparisons of a base and a
//! current value with a stated percent, delta, multiple, points or direction.
//!
//! A group ends when a slot it already has comes again, the kind of figure changes, or a clause
//! break (a cause, "while", an item "(ii)") stands before a figure. Direction words go to the
//! figure they govern; the sign a loss, an expense or cash used gives a value is recorded for the
//! readings.

use super::words::{self, Tok, Vocab};
use std::ops::Range;

use super::{Claim, ClaimKind, DirWord, FigId, Polarity, Recognizer, Role, Sent};
use crate::extract::{Family, Figure, Unit};

/// A claim being assembled.
#[derive(Default)]
struct Group {
    c: Claim,
    family: Option<Family>,
    /// The current value is a plain value ("revenue was $5M"), not introduced by "to".
    weak_current: bool,
    members: Vec<FigId>,
    /// One of parallel claims paired from lists.
    parallel: bool,
}

impl Group {
    fn stated(&self) -> bool {
        let c = &self.c;
        c.percent.is_some() || c.delta.is_some() || c.multiple.is_some() || c.points.is_some()
    }
}

/// The left-to-right grouping of a sentence's figures.
#[derive(Default)]
struct Grouper {
    groups: Vec<Group>,
    g: Group,
    /// Values not (yet) in a group: a later base may belong to them.
    pending: Vec<FigId>,
    /// A ratio compared alongside an amount: "NII of $48.3 million and NIM of 2.77% increased
    /// $2.8 million and 9 basis points from NII of $45.5 million and NIM of 2.68%".
    side: Group,
}

impl Grouper {
    fn close(&mut self) {
        for done in [std::mem::take(&mut self.g), std::mem::take(&mut self.side)] {
            if !done.members.is_empty() {
                self.groups.push(done);
            }
        }
    }

    /// Points stated in a comparison of amounts belong to the ratio compared alongside: the
    /// ratio stated before them is its current value, the one after the amounts' base its base.
    fn side_points(&mut self, figs: &[Figure], id: FigId) {
        let cur = self
            .pending
            .iter()
            .rev()
            .copied()
            .find(|&p| figs[p].family() == Family::Ratio);
        let side = &mut self.side;
        side.family = Some(Family::Ratio);
        side.c.points = Some(id);
        side.c.current = cur;
        side.weak_current = true;
        side.members.extend(cur);
        side.members.push(id);
    }

    /// A base, current or plain value.
    fn value(&mut self, s: &Sent, id: FigId, role: Role) {
        let fam = s.figs[id].family();
        if fam == Family::Other || self.side_base(&fam, id) {
            return;
        }
        if self.g.family.as_ref().is_some_and(|gf| *gf != fam) {
            if role == Role::Value {
                self.pending.push(id);
                return;
            }
            self.close();
        }
        // a plain value after a base with no current is one of a list of values ("an increase
        // from 27% in 2021, 26% in 2019"), not the new value; so is one after a comma that
        // follows a stated change ("a $16.4 million increase in repurchases, $6.8 million of")
        let g = &self.g;
        let listed = g.c.base.is_some() || (g.stated() && after_comma(s, id));
        if role == Role::Value && listed && g.c.current.is_none() {
            self.pending.push(id);
            return;
        }
        if self.slot_taken(role) && !self.make_room(s, id, role) {
            return;
        }
        self.before_base(s.figs, id, role);
        let g = &mut self.g;
        g.family = Some(fam);
        match role {
            Role::Base => g.c.base = Some(id),
            _ => {
                g.c.current = Some(id);
                g.weak_current = role != Role::Current;
            }
        }
        g.members.push(id);
    }

    /// The base of the ratio compared alongside amounts ("... from NII of $45.5 million and a
    /// margin of 2.68%"): taken when it is `id`.
    fn side_base(&mut self, fam: &Family, id: FigId) -> bool {
        let side = &mut self.side;
        let fits = *fam == Family::Ratio
            && side.c.base.is_none()
            && side.c.points.is_some()
            && self.g.c.base.is_some();
        if fits {
            side.c.base = Some(id);
            side.members.push(id);
        }
        fits
    }

    /// Does the group already have the slot this role fills? A weak value ("revenue was $5M")
    /// gives way to "to $X" only while nothing else is known.
    fn slot_taken(&self, role: Role) -> bool {
        let g = &self.g;
        match role {
            Role::Base => g.c.base.is_some(),
            Role::Current => {
                g.c.current.is_some() && (!g.weak_current || g.c.base.is_some() || g.stated())
            }
            _ => g.c.current.is_some(),
        }
    }

    /// The slot is taken: close the group, or split off a from-to pair ("from $10.6 billion to
    /// $13.0 billion" after an unrelated value). `false` when the value waits instead (a second
    /// value after a complete comparison: "..., and cash reached $20.4M, a $15.2M increase").
    fn make_room(&mut self, s: &Sent, id: FigId, role: Role) -> bool {
        let g = &self.g;
        let figs = s.figs;
        let close_pair = g.c.base.is_some_and(|b| {
            let between = &s.text[figs[b].range.end..figs[id].range.start];
            !between.contains(['.', ';']) && between.split_whitespace().count() <= 10
        });
        if role == Role::Current
            && g.weak_current
            && !g.stated()
            && g.members.last() == g.c.base.as_ref()
            && close_pair
        {
            let base = self.g.c.base.take();
            self.g.members.pop();
            self.close();
            self.g.family = Some(figs[id].family());
            self.g.c.base = base;
            self.g.members.extend(base);
        } else if role == Role::Value && g.c.base.is_none() && !g.stated() {
            self.pending.push(id);
            return false;
        } else {
            self.close();
        }
        true
    }

    /// Before a base is placed: it belongs to the value stated last ("improving to 0.41%, and
    /// ... were at 0.97%, down from 0.98%"), or, in a new group, to a value of its family
    /// stated just before ("margin was 40%, up from 38%").
    fn before_base(&mut self, figs: &[Figure], id: FigId, role: Role) {
        if role != Role::Base {
            return;
        }
        let fam = figs[id].family();
        let later_value = |g: &Group, pending: &[FigId]| {
            g.c.current
                .is_some_and(|cur| pending.iter().any(|&p| p > cur && figs[p].family() == fam))
        };
        if self.g.c.base.is_none()
            && self.g.family.as_ref() == Some(&fam)
            && later_value(&self.g, &self.pending)
        {
            self.close();
        }
        if self.g.family.is_none() {
            if let Some(&pv) = self
                .pending
                .iter()
                .rev()
                .find(|&&p| figs[p].family() == fam)
            {
                self.g.c.current = Some(pv);
                self.g.weak_current = true;
                self.g.members.push(pv);
            }
        }
    }

    /// A stated change in dollars and percent ("$1.0 billion, or 8% increase"): a claim of its
    /// own, the amount taken back from where it was placed.
    fn paired_change(&mut self, figs: &[Figure], amount: FigId, id: FigId) {
        self.pending.retain(|&p| p != amount);
        if self.g.c.current == Some(amount) && self.g.members.last() == Some(&amount) {
            self.g.c.current = None;
            self.g.members.pop();
        }
        self.close();
        self.g.family = Some(figs[amount].family());
        self.g.c.delta = Some(amount);
        self.g.c.percent = Some(id);
        self.g.members.extend([amount, id]);
    }

    /// A stated change: percent, multiple, points or delta.
    fn change(&mut self, figs: &[Figure], id: FigId) {
        let f = &figs[id];
        let fam = f.family();
        let points = matches!(f.unit, Unit::BasisPoints | Unit::PercentagePoints);
        if points
            && self.side.members.is_empty()
            && self
                .g
                .family
                .as_ref()
                .is_some_and(|gf| *gf != Family::Ratio)
        {
            self.side_points(figs, id);
            return;
        }
        let is_delta = !matches!(
            f.unit,
            Unit::Percent | Unit::Multiple | Unit::BasisPoints | Unit::PercentagePoints
        );
        let taken = stated_slot(&mut self.g.c, &f.unit).is_some();
        let fam_clash = is_delta && self.g.family.as_ref().is_some_and(|gf| *gf != fam);
        if taken || fam_clash {
            self.close();
        }
        *stated_slot(&mut self.g.c, &f.unit) = Some(id);
        if is_delta {
            self.g.family = Some(fam);
        }
        if matches!(f.unit, Unit::BasisPoints | Unit::PercentagePoints) && self.g.family.is_none() {
            self.g.family = Some(Family::Ratio);
        }
        self.g.members.push(id);
    }
}

/// Is figure `id` another item of a list after the figure before it: the text between ends
/// with a comma, or has ", and" ("$6.8 million of repurchases, and dividends of $9.3 million")?
fn after_comma(s: &Sent, id: FigId) -> bool {
    s.ids.iter().position(|&i| i == id).is_some_and(|n| {
        let gap = &s.text[s.gap_before(n)];
        n > 0 && (gap.trim_end().ends_with(',') || gap.contains(", and "))
    })
}

/// Runs of two or more figures of one unit joined as a list ("44% and 46%", "$5.1 million and
/// $9.8 million", "27%, 26% and 22%"), as ranges of indices into the sentence's figures.
fn lists(s: &Sent) -> Vec<Range<usize>> {
    let joined = |n: usize| {
        let (a, b) = (&s.figs[s.ids[n - 1]], &s.figs[s.ids[n]]);
        a.unit == b.unit
            && a.family() != Family::Other
            && matches!(
                s.text[a.range.end..b.range.start.max(a.range.end)].trim(),
                "and" | "," | ", and" | "or"
            )
    };
    let mut out = Vec::new();
    let mut start = 0;
    for n in 1..=s.ids.len() {
        if n < s.ids.len() && joined(n) {
            continue;
        }
        if n - start >= 2 {
            out.push(start..n);
        }
        start = n;
    }
    out
}

/// Claims paired from lists of one length ("grew 44% and 46%, respectively, to $12.1 million
/// and $20.3 million from $8.4 million and $13.9 million"): a list of stated changes, a list of
/// values, and a list of bases, the i-th of each together. `None` when the sentence's lists do
/// not pair so.
fn parallel_groups(s: &Sent, lists: &[Range<usize>]) -> Option<Vec<Group>> {
    let role_of = |l: &Range<usize>| s.roles[l.start];
    let find = |want: &[Role]| lists.iter().find(|l| want.contains(&role_of(l)));
    let changes = find(&[Role::Change])?;
    let values = find(&[Role::Value, Role::Current])?;
    let k = changes.len();
    if values.len() != k {
        return None;
    }
    let bases = find(&[Role::Base]).filter(|b| b.len() == k);
    let groups = (0..k)
        .map(|i| {
            let mut g = Group {
                parallel: true,
                ..Group::default()
            };
            let (c, v) = (s.ids[changes.start + i], s.ids[values.start + i]);
            *stated_slot(&mut g.c, &s.figs[c].unit) = Some(c);
            g.c.current = Some(v);
            g.family = Some(s.figs[v].family());
            g.members.extend([c, v]);
            if let Some(b) = bases {
                g.c.base = Some(s.ids[b.start + i]);
                g.members.push(s.ids[b.start + i]);
            }
            g.members.sort_unstable();
            g
        })
        .collect();
    Some(groups)
}

/// A list of bases or stated changes after as many values stated apart ("$12.0 million for the
/// three months and $30.0 million for the nine months, compared to $10.0 million and $27.0
/// million, respectively, increases of 20% and 11%"): its i-th member goes with the i-th value.
/// The binding the left-to-right grouping made is kept as another reading.
fn distribute(s: &Sent, list: &Range<usize>, groups: &mut [Group]) {
    let role = s.roles[list.start];
    if !matches!(role, Role::Base | Role::Change) {
        return;
    }
    let figs = s.figs;
    let ids = &s.ids[list.clone()];
    let unit = &figs[ids[0]].unit;
    let start = figs[ids[0]].range.start;
    let slot = |c: &mut Claim| -> Option<FigId> { *list_slot(c, role, unit) };
    let mut cands: Vec<usize> = (0..groups.len())
        .filter(|&gi| {
            let g = &mut groups[gi];
            let free = slot(&mut g.c).is_none_or(|x| ids.contains(&x));
            let before = g.c.current.is_some_and(|cur| figs[cur].range.end <= start);
            let fits = role != Role::Base || g.family.as_ref() == Some(&figs[ids[0]].family());
            free && before && fits
        })
        .collect();
    cands.sort_by_key(|&gi| groups[gi].c.current);
    let respectively = s.text[s.range.clone()]
        .to_lowercase()
        .contains("respectively");
    let k = ids.len();
    if cands.len() < k || (cands.len() > k && !respectively) {
        return;
    }
    // the grouping placed the list's first member in one group: it goes where its rank says
    for g in groups.iter_mut() {
        if slot(&mut g.c) == Some(ids[0]) {
            *list_slot(&mut g.c, role, unit) = None;
            g.members.retain(|&m| m != ids[0]);
            let mut before = g.c.clone();
            *list_slot(&mut before, role, unit) = Some(ids[0]);
            g.c.alternatives.push(before);
        }
    }
    for (&gi, &id) in cands[cands.len() - k..].iter().zip(ids) {
        let g = &mut groups[gi];
        *list_slot(&mut g.c, role, unit) = Some(id);
        g.members.push(id);
        g.members.sort_unstable();
    }
}

/// "from $1.0 million to $1.4 million, and a $0.2 million increase in professional fees": a
/// stated change joined by "and" after a complete comparison is another item.
fn another_item(s: &Sent, n: usize, g: &Group) -> bool {
    let gap = s.text[s.gap_before(n)].trim_start();
    let joined = gap.starts_with(", and ") || gap.starts_with("and ");
    joined && g.c.base.is_some() && g.c.current.is_some()
}

/// The slot a member of a list of this role and unit fills.
fn list_slot<'c>(c: &'c mut Claim, role: Role, unit: &Unit) -> &'c mut Option<FigId> {
    match role {
        Role::Base => &mut c.base,
        _ => stated_slot(c, unit),
    }
}

/// The slot of a claim a stated change of this unit fills.
fn stated_slot<'c>(c: &'c mut Claim, unit: &Unit) -> &'c mut Option<FigId> {
    match unit {
        Unit::Percent => &mut c.percent,
        Unit::Multiple => &mut c.multiple,
        Unit::BasisPoints | Unit::PercentagePoints => &mut c.points,
        _ => &mut c.delta,
    }
}

impl Recognizer {
    pub(super) fn change_groups(&self, s: &Sent, out: &mut Vec<Claim>) {
        let lists = lists(s);
        let groups = match parallel_groups(s, &lists) {
            Some(groups) => groups,
            None => {
                let mut groups = self.groups(s, &lists);
                for l in &lists {
                    distribute(s, l, &mut groups);
                }
                groups
            }
        };
        let dirs = self
            .vocab
            .direction_words(s.text, s.range.clone(), s.figs, &s.ids);
        let mut group_dirs: Vec<Vec<DirWord>> = vec![Vec::new(); groups.len()];
        for d in &dirs {
            if let Some(gi) = governed_group(s, &groups, &dirs, d, &self.vocab) {
                group_dirs[gi].push(d.clone());
            }
        }
        // parallel claims share their verb ("grew 44% and 46%, respectively, to ...")
        if groups.iter().all(|g| g.parallel) {
            let all: Vec<DirWord> = group_dirs.concat();
            group_dirs.iter_mut().for_each(|d| d.clone_from(&all));
        }
        for (g, dirs) in groups.into_iter().zip(group_dirs) {
            if let Some(c) = self.finish(s, g, dirs, out) {
                out.push(c);
            }
        }
    }

    /// The left-to-right grouping of a sentence's figures. A member of a list after the first
    /// ("44% and 46%") stands beside it, not after it: it is left out.
    fn groups(&self, s: &Sent, lists: &[Range<usize>]) -> Vec<Group> {
        let mut gr = Grouper::default();
        for (n, &id) in s.ids.iter().enumerate() {
            if lists.iter().any(|l| l.start < n && l.contains(&n)) {
                continue;
            }
            if s.breaks[n] {
                gr.close();
                gr.pending.clear();
            }
            match s.roles[n] {
                Role::Base | Role::Current | Role::Value => gr.value(s, id, s.roles[n]),
                Role::Change if self.amount_of_change(s, n) => {
                    gr.paired_change(s.figs, s.ids[n - 1], id)
                }
                Role::Change => {
                    if another_item(s, n, &gr.g) {
                        gr.close();
                    }
                    gr.change(s.figs, id)
                }
                _ => {}
            }
        }
        gr.close();
        gr.groups
    }

    /// "the $1.0 billion, or 8% increase in the average balance": the amount before a percent
    /// change noun, joined by "or", is the same change in dollars.
    fn amount_of_change(&self, s: &Sent, n: usize) -> bool {
        if n == 0 || s.roles[n - 1] != Role::Value || !s.figs[s.ids[n - 1]].is_amount() {
            return false;
        }
        if s.figs[s.ids[n]].unit != Unit::Percent {
            return false;
        }
        let joined = matches!(s.text[s.gap_before(n)].trim(), ", or" | "or" | "(");
        let after = words::tokens(&s.text[s.gap_after(n)]);
        let noun = after
            .iter()
            .map(|t| t.lower.as_str())
            .find(|w| !self.vocab.is_qualifier(w));
        joined && noun.is_some_and(|w| self.vocab.is_change_noun(w))
    }

    /// A group as a claim: its direction words, a current value taken from before it when it
    /// has only a base, its kind, the signs of its values, its range. `None` when it states
    /// nothing.
    fn finish(&self, s: &Sent, g: Group, dirs: Vec<DirWord>, out: &[Claim]) -> Option<Claim> {
        let stated = g.stated();
        let mut c = g.c;
        c.directions = dirs;
        if !stated && c.directions.is_empty() {
            return None;
        }
        let figs = s.figs;
        let first = g.members.iter().copied().min()?;
        if let (Some(base), None) = (c.base, c.current) {
            let (nearest, adjacent) = current_before(s, base, first, &self.vocab);
            c.current = adjacent.or(nearest);
            if let (Some(a), Some(n)) = (adjacent, nearest) {
                if a != n {
                    c.alternatives.push(Claim {
                        current: Some(n),
                        ..c.clone()
                    });
                }
            }
        }
        if !stated && (c.current.is_none() || c.base.is_none()) {
            return None;
        }
        if let (Some(base), None) = (c.base, c.current) {
            // the current value of the claim before it in the paragraph, of the same metric
            let fam = figs[base].family();
            if let Some(prev) = out.iter().rev().find(|p| {
                p.kind() == ClaimKind::Change
                    && p.current.is_some_and(|cur| figs[cur].family() == fam)
                    && same_metric(s, p, figs[first].range.start, &self.vocab)
            }) {
                c.current = prev.current;
                c.current_from_context = true;
            }
        }
        let ratio = g.family == Some(Family::Ratio)
            && (c.base.is_some() || c.current.is_some() || c.points.is_some());
        c.kind = Some(if ratio {
            ClaimKind::PointChange
        } else {
            ClaimKind::Change
        });
        let first_start = figs[first].range.start;
        let clause_start = out
            .last()
            .filter(|p| p.range.end <= first_start && p.range.end >= s.range.start)
            .map(|p| p.range.end)
            .unwrap_or(s.range.start);
        self.signs(s, &mut c, clause_start..first_start);
        let last = g.members.iter().map(|&m| figs[m].range.end).max()?;
        let start = c
            .directions
            .iter()
            .map(|d| d.range.start)
            .fold(first_start, usize::min);
        let end = c
            .directions
            .iter()
            .map(|d| d.range.end)
            .fold(last, usize::max);
        c.range = start..end;
        for a in &mut c.alternatives {
            a.kind = c.kind;
            a.range = c.range.clone();
        }
        Some(c)
    }

    /// The signs the words give the values: "a loss of", "income of", "cash used", "cash
    /// provided". A later value marked as a loss or a gain, after an unmarked one, is the
    /// contrast: the first is of the other sign ("free cash flow of $11.4M, compared to free
    /// cash flow used of $21.7M").
    fn signs(&self, s: &Sent, c: &mut Claim, metric: std::ops::Range<usize>) {
        let clause_start = metric.start;
        let metric = &s.text[metric];
        let pol = |id: Option<FigId>| id.map(|i| polarity(s, i, clause_start)).unwrap_or_default();
        let (mut pb, mut pc) = (pol(c.base), pol(c.current));
        let (pb_written, pc_written) = (pb, pc);
        let explicit_opposite = matches!(
            (pb, pc),
            (Polarity::Gain, Polarity::Loss) | (Polarity::Loss, Polarity::Gain)
        );
        if let (Some(b), Some(cur)) = (c.base, c.current) {
            let (earlier, later) = if b < cur {
                (&mut pb, pc)
            } else {
                (&mut pc, pb)
            };
            if *earlier == Polarity::Unknown && later != Polarity::Unknown {
                *earlier = if later == Polarity::Loss {
                    Polarity::Gain
                } else {
                    Polarity::Loss
                };
            }
        }
        c.lower_is_better = self.vocab.lower_is_better(metric)
            || (!explicit_opposite && (pb == Polarity::Loss || pc == Polarity::Loss));
        c.base_polarity = pb;
        c.current_polarity = pc;
        c.mixed_sign = explicit_opposite && c.kind() == ClaimKind::Change;
        // what the claim measures: the subject ("Pre-tax income ... was 131% higher"), unless a
        // direction names another ("loss from operations of $2.5M, a decrease in income of")
        let subject = subject_polarity(metric);
        let named = c.directions.iter().find_map(|d| {
            let end = crate::span::floor_char(s.text, (d.range.end + 30).min(s.text.len()));
            let after = words::tokens(&s.text[d.range.end..end]);
            (after.first().is_some_and(|t| t.lower == "in"))
                .then(|| {
                    after[1..]
                        .iter()
                        .take(3)
                        .map(|t| match t.lower.as_str() {
                            "cash" => Polarity::Gain,
                            w => polarity_of(w),
                        })
                        .find(|&p| p != Polarity::Unknown)
                })
                .flatten()
        });
        // a change stated as a noun beside a loss and a profit ("net loss of $1.0 million
        // compared to net income of $0.5 million, a decrease of $1.5 million") may be of either
        let appositive = !c.directions.is_empty()
            && c.directions
                .iter()
                .all(|d| self.vocab.is_change_noun(&d.word.to_lowercase()));
        c.measures = match named {
            Some(p) if p != subject => Polarity::Unknown,
            None if appositive && explicit_opposite => Polarity::Unknown,
            _ => subject,
        };
        // a value marked the other way from what the claim measures ("Pre-tax income ... $166k
        // vs. a loss of $539k") has the other sign: it is read only with signs
        let against = |p: Polarity| {
            c.measures != Polarity::Unknown && p != Polarity::Unknown && p != c.measures
        };
        // (both marked alike, "from $228 million of other income to $76 million of other
        // income", they compare as written)
        if c.kind() == ClaimKind::Change
            && (against(pb_written) || against(pc_written))
            && pb_written != pc_written
        {
            c.mixed_sign = true;
            // the unmarked value is of the kind the claim measures
            for p in [&mut c.base_polarity, &mut c.current_polarity] {
                if *p == Polarity::Unknown {
                    *p = c.measures;
                }
            }
        }
    }
}

/// The sign of what the words before a claim's first figure name: the marking word nearest the
/// figure, the head of its noun phrase ("Income tax expense", "Operating Profit Selling,
/// general and administrative expenses", "Adjustments to reconcile net loss to net cash
/// provided by operating activities"). "Income" before "tax" names the tax, not income ("Loss
/// before income taxes").
fn subject_polarity(metric: &str) -> Polarity {
    let toks = outside_parentheses(words::tokens(metric));
    let pol = |i: usize| {
        toks.get(i)
            .map_or(Polarity::Unknown, |t| polarity_of(&t.lower))
    };
    // "gains and losses", "income or loss": a pair of opposite marks names both cases
    let paired = |i: usize| {
        let joined = |j: usize| {
            toks.get(j)
                .is_some_and(|t| matches!(t.lower.as_str(), "and" | "or"))
        };
        let opposite = |j: usize| pol(j) != Polarity::Unknown && pol(j) != pol(i);
        (i >= 2 && joined(i - 1) && opposite(i - 2)) || (joined(i + 1) && opposite(i + 2))
    };
    toks.iter()
        .enumerate()
        .rev()
        .filter(|&(i, t)| {
            let next = toks.get(i + 1).map(|n| n.lower.as_str());
            let names_tax = t.lower == "income" && matches!(next, Some("tax" | "taxes"));
            !names_tax && !paired(i)
        })
        .map(|(_, t)| polarity_of(&t.lower))
        .find(|&p| p != Polarity::Unknown)
        .unwrap_or_default()
}

/// The tokens outside parentheses: "(loss)" in "Earnings (loss) from operations" or "(used in)"
/// in "Net cash provided by (used in)" names the other case of a caption, not the value's sign.
/// Nor does "net of expenses" in "other income, net of expenses".
fn outside_parentheses(toks: Vec<Tok>) -> Vec<Tok> {
    let mut depth = 0usize;
    let mut out: Vec<Tok> = Vec::with_capacity(toks.len());
    for t in toks {
        match t.lower.as_str() {
            "(" => depth += 1,
            ")" => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            _ => {
                let n = out.len();
                let net_of = n >= 2 && out[n - 1].lower == "of" && out[n - 2].lower == "net";
                if !net_of {
                    out.push(t);
                }
            }
        }
    }
    out
}

/// Words that mark a value as a loss or a gain.
fn polarity_of(w: &str) -> Polarity {
    match w {
        "loss" | "losses" | "deficit" | "used" | "expense" | "expenses" | "outflow"
        | "outflows" | "provision" => Polarity::Loss,
        "income" | "profit" | "profits" | "earnings" | "gain" | "gains" | "provided"
        | "surplus" | "inflow" | "inflows" | "benefit" => Polarity::Gain,
        _ => Polarity::Unknown,
    }
}

/// The sign the words give figure `id`: a marking word in the noun phrase right after it ("a $7M
/// loss", "$228 million of other income"), else the last one before it, back to the clause
/// start for the first figure; for a later figure, only the words after the first comma or
/// comparison word of the gap (the words right after the figure before belong to that one:
/// "$228 million of other income, net, to $76 million").
fn polarity(s: &Sent, id: FigId, clause_start: usize) -> Polarity {
    let f = &s.figs[id];
    let n = s.ids.iter().position(|&i| i == id);
    let prev_end = match n {
        Some(n) if n > 0 => Some(s.figs[s.ids[n - 1]].range.end).filter(|&e| e > clause_start),
        _ => None,
    };
    let from = prev_end.unwrap_or(clause_start);
    if from > f.range.start {
        return Polarity::Unknown;
    }
    let gap = outside_parentheses(words::tokens(&s.text[from..f.range.start]));
    let own = match prev_end {
        None => &gap[..],
        Some(_) => {
            let cue = gap.iter().position(|t| {
                matches!(
                    t.lower.as_str(),
                    "," | ";"
                        | "to"
                        | "from"
                        | "compared"
                        | "versus"
                        | "vs"
                        | "vs."
                        | "than"
                        | "and"
                )
            });
            cue.map(|c| &gap[c + 1..]).unwrap_or(&[])
        }
    };
    let marked = |ts: &mut dyn Iterator<Item = &Tok>| {
        ts.map(|t| polarity_of(&t.lower))
            .find(|&p| p != Polarity::Unknown)
    };
    // the noun phrase right after it is its own: "a $7M loss", "$228 million of other income"
    let after_end = crate::span::floor_char(s.text, (f.range.end + 40).min(s.range.end));
    let after = words::tokens(&s.text[f.range.end..after_end.max(f.range.end)]);
    let skip_of = usize::from(after.first().is_some_and(|t| t.lower == "of"));
    let phrase: Vec<&Tok> = after[skip_of..]
        .iter()
        .take(4)
        .take_while(|t| t.lower.chars().all(char::is_alphabetic) && !ends_phrase(&t.lower))
        .collect();
    marked(&mut phrase.into_iter().rev())
        .or_else(|| marked(&mut own.iter().rev()))
        .unwrap_or_default()
}

/// Words that end the noun phrase after a figure.
fn ends_phrase(w: &str) -> bool {
    matches!(
        w,
        "compared"
            | "to"
            | "from"
            | "versus"
            | "vs"
            | "than"
            | "and"
            | "or"
            | "for"
            | "in"
            | "during"
            | "as"
            | "was"
            | "were"
            | "is"
            | "are"
            | "at"
            | "on"
            | "by"
            | "with"
            | "a"
            | "an"
            | "the"
            | "of"
    )
}

/// The figure a direction word governs and the group it belongs to. A word governs the first
/// figure after it in its clause (no comma between, at most eight words, no other direction
/// word between); with none, the figure right before it when only light words stand between
/// ("a 22% improvement", "$2.3M decrease", "$4M last year, an increase"). A word whose figure
/// is in no group governs nothing.
fn governed_group(
    s: &Sent,
    groups: &[Group],
    dirs: &[DirWord],
    d: &DirWord,
    v: &Vocab,
) -> Option<usize> {
    let figs = s.figs;
    let group_of = |id: FigId| groups.iter().position(|g| g.members.contains(&id));
    let after = s
        .ids
        .iter()
        .copied()
        .find(|&i| figs[i].range.start >= d.range.end);
    if let Some(next) = after {
        let between = &s.text[d.range.end..figs[next].range.start];
        // another direction word between governs it, unless the two are joined ("growth and
        // up from")
        let other_word = dirs.iter().any(|o| {
            o.range.start >= d.range.end
                && o.range.end <= figs[next].range.start
                && s.text[d.range.end..o.range.start]
                    .split_whitespace()
                    .count()
                    > 1
        });
        // "The decrease was primarily due to having $47.0 million": a cause, not the figure
        if between.split_whitespace().count() <= 8
            && !between.contains([',', ';'])
            && !other_word
            && !v.has_break(between)
        {
            return group_of(next);
        }
    }
    let before = s
        .ids
        .iter()
        .rev()
        .copied()
        .find(|&i| figs[i].range.end <= d.range.start)?;
    let between = &s.text[figs[before].range.end..d.range.start];
    let toks = words::tokens(between);
    (between.len() <= 40 && toks.iter().all(|t| is_light(&t.lower, v))).then_some(())?;
    group_of(before)
}

/// Words that may stand between a figure and the direction word after it that describes it.
fn is_light(w: &str, v: &Vocab) -> bool {
    v.is_qualifier(w)
        || w.chars().all(|c| c.is_ascii_digit())
        || matches!(
            w,
            "," | "("
                | ")"
                | "or"
                | "last"
                | "this"
                | "prior"
                | "previous"
                | "year"
                | "years"
                | "quarter"
                | "period"
                | "ago"
                | "in"
                | "for"
                | "same"
                | "fiscal"
                | "representing"
                | "reflecting"
                | "which"
                | "is"
                | "was"
                | "million"
                | "billion"
                | "thousand"
        )
}

/// For a base with no current value in its group: the value of its family right before the
/// claim ("$25 million, up from $20 million"), when only light and direction words stand
/// between (`adjacent`), and the nearest plain or current value of its family before the claim
/// (`nearest`).
fn current_before(
    s: &Sent,
    base: FigId,
    first: FigId,
    v: &Vocab,
) -> (Option<FigId>, Option<FigId>) {
    let figs = s.figs;
    let fam = figs[base].family();
    let fam = &fam;
    let earlier = || {
        s.ids
            .iter()
            .zip(&s.roles)
            .rev()
            .filter(move |(&i, _)| i < first && figs[i].family() == *fam)
    };
    let nearest = earlier()
        .find(|(_, &r)| matches!(r, Role::Value | Role::Current))
        .map(|(&i, _)| i);
    let adjacent = earlier().next().map(|(&i, _)| i).filter(|&i| {
        let toks: Vec<Tok> = words::tokens(&s.text[figs[i].range.end..figs[first].range.start]);
        toks.len() <= 4
            && toks.iter().all(|t| {
                v.is_direction(&t.lower) || matches!(t.lower.as_str(), "," | "from" | "or")
            })
    });
    (nearest, adjacent)
}

/// Does a claim earlier in the paragraph speak of the same metric as this one, whose first
/// figure starts at `first`? Every content word of the earlier metric ("sales and marketing
/// expenses") is in this sentence, or this metric ("net revenues") names the earlier one
/// ("net revenues in the Force Sensors segment") for short.
fn same_metric(s: &Sent, prev: &Claim, first: usize, v: &Vocab) -> bool {
    let content = |r: std::ops::Range<usize>| -> Vec<String> {
        words::tokens(&s.text[r])
            .into_iter()
            .map(|t| t.lower)
            .filter(|w| {
                w.len() > 3
                    && w.chars().all(char::is_alphabetic)
                    && !v.is_direction(w)
                    && !v.is_change_noun(w)
                    && !matches!(
                        w.as_str(),
                        "compared"
                            | "with"
                            | "from"
                            | "that"
                            | "this"
                            | "year"
                            | "quarter"
                            | "period"
                            | "prior"
                            | "same"
                            | "last"
                            | "million"
                            | "billion"
                            | "thousand"
                            | "were"
                            | "approximately"
                            | "results"
                            | "months"
                            | "ended"
                            | "fiscal"
                            | "first"
                            | "second"
                            | "third"
                            | "fourth"
                            | "nine"
                            | "three"
                            | "twelve"
                            | "over"
                            | "versus"
                            | "during"
                            | "total"
                            | "they"
                            | "their"
                            | "sequentially"
                    )
            })
            .collect()
    };
    let prev_first = prev.range.start;
    let window = crate::span::floor_char(s.text, prev_first.saturating_sub(120));
    let prev_start = s.text[window..prev_first]
        .rfind(". ")
        .map(|p| window + p + 2)
        .unwrap_or(window);
    let theirs = content(prev_start..prev_first);
    let mine = content(s.range.start..first.max(s.range.start));
    let sentence = content(s.range.clone());
    !theirs.is_empty()
        && (theirs.iter().all(|w| sentence.contains(w))
            || (!mine.is_empty() && mine.iter().all(|w| theirs.contains(w))))
}
