//! Figures by where they start: which figures lie inside a range and which comes next, found
//! by binary search instead of a scan of every figure of the document (a scan per figure made
//! the time grow with the square of the document's size).

use std::ops::Range;

use super::Figure;

/// The figures of a document ordered by their start (the readings append figures out of text
/// order, so the order is kept apart from the slice).
pub struct ByStart<'a> {
    figs: &'a [Figure],
    /// Indexes of `figs` by (start, index).
    order: Vec<usize>,
    /// `figs` itself is in order of start.
    sorted: bool,
}

impl<'a> ByStart<'a> {
    pub fn new(figs: &'a [Figure]) -> ByStart<'a> {
        let mut order: Vec<usize> = (0..figs.len()).collect();
        order.sort_by_key(|&i| (figs[i].range.start, i));
        let sorted = figs
            .windows(2)
            .all(|w| w[0].range.start <= w[1].range.start);
        ByStart {
            figs,
            order,
            sorted,
        }
    }

    /// The figures wholly inside `r`, by ascending index.
    pub fn within(&self, r: &Range<usize>) -> Vec<usize> {
        let mut ids: Vec<usize> = self.inside(r).collect();
        ids.sort_unstable();
        ids
    }

    /// Does a figure lie wholly inside `r`?
    pub fn any_within(&self, r: &Range<usize>) -> bool {
        self.inside(r).next().is_some()
    }

    fn inside(&self, r: &Range<usize>) -> impl Iterator<Item = usize> + '_ {
        let from = self
            .order
            .partition_point(|&i| self.figs[i].range.start < r.start);
        let end = r.end;
        self.order[from..]
            .iter()
            .copied()
            .take_while(move |&i| self.figs[i].range.start <= end)
            .filter(move |&i| self.figs[i].range.end <= end)
    }

    /// The start of the first figure of the slice that starts at or after `at`.
    pub fn next_start(&self, at: usize) -> Option<usize> {
        if !self.sorted {
            return self.figs.iter().map(|f| f.range.start).find(|&s| s >= at);
        }
        let i = self.figs.partition_point(|f| f.range.start < at);
        self.figs.get(i).map(|f| f.range.start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every answer is the one a scan of every figure gives, figures out of text order too (the
    /// readings append some).
    #[test]
    fn answers_as_a_scan_of_every_figure() {
        let text = "Revenue was $5.5M, up 12% from $4.9M. Costs fell 3% to $2M; margin 40%.";
        let figs = super::super::Extractor::new(&crate::pack::Pack::builtin()).extract(text);
        assert!(figs.len() >= 6, "{figs:?}");
        let mut unsorted = figs.clone();
        let mut late = figs[1].clone();
        late.range = 2..9;
        unsorted.push(late);
        for figs in [&figs, &unsorted] {
            let index = ByStart::new(figs);
            for a in 0..=text.len() {
                for b in a..=text.len() {
                    let scan: Vec<usize> = (0..figs.len())
                        .filter(|&i| figs[i].range.start >= a && figs[i].range.end <= b)
                        .collect();
                    assert_eq!(index.within(&(a..b)), scan, "{a}..{b}");
                    assert_eq!(index.any_within(&(a..b)), !scan.is_empty());
                }
                let next = figs.iter().map(|f| f.range.start).find(|&s| s >= a);
                assert_eq!(index.next_start(a), next, "{a}");
            }
        }
    }
}
