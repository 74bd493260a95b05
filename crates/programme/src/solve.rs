//! The timetable solver: a greedy placement, most-constrained session first, then a
//! simulated-annealing local search over moves and swaps that never breaks a hard constraint.
//!
//! Hard constraints (a free room, the room's capacity, availability and accessibility, the
//! slot's length, nobody in two sessions at once) are checked before every change, so every
//! state the search visits is publishable; only sessions that find no place at all are left
//! unscheduled, and [`check`] reports them. Soft costs (theme spread, theme clashes, remote
//! hours) are kept up to date incrementally, so a move costs a few dozen operations.

use serde::{Deserialize, Serialize};

use crate::check::{Placement, Report, check};
use crate::instance::{Indexed, InputError, Instance};
use crate::rng::Rng;

/// The solver's result: the placements and their [`Report`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Timetable {
    pub placements: Vec<Placement>,
    pub report: Report,
}

/// The search state: where each session is and what that costs.
struct State<'a> {
    ix: &'a Indexed<'a>,
    /// Per session: (room, slot).
    at: Vec<Option<(usize, usize)>>,
    /// Per room × slot: the session there.
    cell: Vec<Option<usize>>,
    /// Per session: the sessions it shares a person with.
    shares_person: Vec<Vec<usize>>,
    /// Per session: the other sessions of its theme.
    same_theme: Vec<Vec<usize>>,
    /// Per theme × day: sessions placed.
    per_day: Vec<usize>,
    /// Per theme: its day cap.
    cap: Vec<usize>,
    /// Per session: its usable (room, slot) cells.
    cells: Vec<Vec<(usize, usize)>>,
    weights: [f64; 3],
    cost: f64,
}

impl<'a> State<'a> {
    fn new(ix: &'a Indexed<'a>) -> State<'a> {
        let inst = ix.instance;
        let n = inst.sessions.len();
        let mut by_person: Vec<Vec<usize>> = vec![Vec::new(); inst.people.len()];
        for (x, people) in ix.people.iter().enumerate() {
            for &p in people {
                by_person[p].push(x);
            }
        }
        let mut shares_person = vec![Vec::new(); n];
        for list in &by_person {
            for &x in list {
                shares_person[x].extend(list.iter().filter(|&&y| y != x));
            }
        }
        for list in &mut shares_person {
            list.sort_unstable();
            list.dedup();
        }
        let mut by_theme: Vec<Vec<usize>> = vec![Vec::new(); ix.themes.len()];
        for x in 0..n {
            by_theme[ix.theme_of[x]].push(x);
        }
        let same_theme = (0..n)
            .map(|x| {
                by_theme[ix.theme_of[x]]
                    .iter()
                    .copied()
                    .filter(|&y| y != x)
                    .collect()
            })
            .collect();
        let cells = (0..n)
            .map(|x| {
                (0..inst.slots.len())
                    .flat_map(|s| (0..inst.rooms.len()).map(move |r| (r, s)))
                    .filter(|&(r, s)| ix.fits(x, r, s))
                    .collect()
            })
            .collect();
        let o = &inst.options;
        State {
            ix,
            at: vec![None; n],
            cell: vec![None; inst.rooms.len() * inst.slots.len()],
            shares_person,
            same_theme,
            per_day: vec![0; ix.themes.len() * inst.days.len()],
            cap: by_theme.iter().map(|t| ix.day_cap(t.len())).collect(),
            cells,
            weights: [
                o.weight_theme_spread,
                o.weight_theme_clash,
                o.weight_remote_hours,
            ],
            cost: 0.0,
        }
    }

    fn cell_index(&self, r: usize, s: usize) -> usize {
        r * self.ix.instance.slots.len() + s
    }

    fn day_index(&self, x: usize, s: usize) -> usize {
        self.ix.theme_of[x] * self.ix.instance.days.len() + self.ix.instance.slots[s].day
    }

    /// Whether `x` may go to (r, s) given everyone else's place (the room is free, nobody
    /// is elsewhere at the time).
    fn allowed(&self, x: usize, r: usize, s: usize) -> bool {
        self.cell[self.cell_index(r, s)].is_none()
            && self.shares_person[x]
                .iter()
                .all(|&y| self.at[y].is_none_or(|(_, t)| !self.ix.overlap(s, t)))
    }

    /// The soft cost `x` adds at slot `s` against everyone else (not the day count).
    fn local_cost(&self, x: usize, s: usize) -> f64 {
        let clashes = self.same_theme[x]
            .iter()
            .filter(|&&y| self.at[y].is_some_and(|(_, t)| self.ix.overlap(s, t)))
            .count();
        let remote = self.ix.remote_misfits(x, s).count();
        self.weights[1] * clashes as f64 + self.weights[2] * remote as f64
    }

    /// The theme-spread cost of one more (or one fewer) session on the day of `x` at `s`.
    fn crowding(&self, x: usize, s: usize, adding: bool) -> f64 {
        let count = self.per_day[self.day_index(x, s)];
        let cap = self.cap[self.ix.theme_of[x]];
        let over = if adding { count >= cap } else { count > cap };
        if over { self.weights[0] } else { 0.0 }
    }

    fn place(&mut self, x: usize, r: usize, s: usize) {
        self.cost += self.local_cost(x, s) + self.crowding(x, s, true);
        let (c, d) = (self.cell_index(r, s), self.day_index(x, s));
        self.cell[c] = Some(x);
        self.per_day[d] += 1;
        self.at[x] = Some((r, s));
    }

    fn unplace(&mut self, x: usize) {
        let Some((r, s)) = self.at[x].take() else {
            return;
        };
        let (c, d) = (self.cell_index(r, s), self.day_index(x, s));
        self.cell[c] = None;
        self.cost -= self.local_cost(x, s) + self.crowding(x, s, false);
        self.per_day[d] -= 1;
    }

    /// The cost of placing `x` at (r, s) now, or `None` when a hard constraint forbids it.
    fn price(&self, x: usize, r: usize, s: usize) -> Option<f64> {
        self.allowed(x, r, s)
            .then(|| self.local_cost(x, s) + self.crowding(x, s, true))
    }

    /// Places `x` in its cheapest allowed cell; false when none is allowed.
    fn place_best(&mut self, x: usize, rng: &mut Rng) -> bool {
        let best = self.cells[x]
            .iter()
            .filter_map(|&(r, s)| Some((self.price(x, r, s)?, rng.next_u64(), r, s)))
            .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        match best {
            Some((_, _, r, s)) => {
                self.place(x, r, s);
                true
            }
            None => false,
        }
    }

    /// Makes room for `x` by moving one session out of a cell `x` could use.
    fn evict_for(&mut self, x: usize, rng: &mut Rng) -> bool {
        for i in 0..self.cells[x].len() {
            let (r, s) = self.cells[x][i];
            let Some(y) = self.cell[self.cell_index(r, s)] else {
                continue;
            };
            self.unplace(y);
            if self.allowed(x, r, s) {
                self.place(x, r, s);
                if self.place_best(y, rng) {
                    return true;
                }
                self.unplace(x);
            }
            self.place(y, r, s);
        }
        false
    }

    fn placements(&self) -> Vec<Placement> {
        let inst = self.ix.instance;
        self.at
            .iter()
            .enumerate()
            .filter_map(|(x, c)| {
                c.map(|(r, s)| Placement {
                    session: inst.sessions[x].id.clone(),
                    room: inst.rooms[r].id.clone(),
                    slot: inst.slots[s].id.clone(),
                })
            })
            .collect()
    }

    /// One annealing step: move `x` to a random usable cell, swapping with its occupant when
    /// there is one. Returns whether the step was kept.
    fn step(&mut self, rng: &mut Rng, temperature: f64) -> bool {
        if self.at.is_empty() {
            return false;
        }
        let x = rng.below(self.at.len());
        let Some((r0, s0)) = self.at[x] else {
            return false;
        };
        if self.cells[x].len() < 2 {
            return false;
        }
        let (r1, s1) = self.cells[x][rng.below(self.cells[x].len())];
        if (r1, s1) == (r0, s0) {
            return false;
        }
        let before = self.cost;
        let other = self.cell[self.cell_index(r1, s1)];
        if other.is_some_and(|y| !self.ix.fits(y, r0, s0)) {
            return false;
        }
        self.unplace(x);
        if let Some(y) = other {
            self.unplace(y);
        }
        let ok = self.allowed(x, r1, s1) && {
            self.place(x, r1, s1);
            match other {
                Some(y) if self.allowed(y, r0, s0) => {
                    self.place(y, r0, s0);
                    true
                }
                Some(_) => {
                    self.unplace(x);
                    false
                }
                None => true,
            }
        };
        let delta = self.cost - before;
        if ok && (delta <= 0.0 || rng.unit() < (-delta / temperature).exp()) {
            return true;
        }
        if ok {
            self.unplace(x);
            if let Some(y) = other {
                self.unplace(y);
            }
        }
        self.place(x, r0, s0);
        if let Some(y) = other {
            self.place(y, r1, s1);
        }
        false
    }
}

/// Places every session it can and reports the result.
pub fn solve(instance: &Instance) -> Result<Timetable, InputError> {
    let ix = Indexed::new(instance)?;
    let mut state = State::new(&ix);
    let mut rng = Rng::new(instance.options.seed);
    let mut order: Vec<usize> = (0..instance.sessions.len()).collect();
    order.sort_by_key(|&x| {
        (
            state.cells[x].len(),
            usize::MAX - state.shares_person[x].len(),
            x,
        )
    });
    for x in order {
        if !state.place_best(x, &mut rng) {
            state.evict_for(x, &mut rng);
        }
    }
    let iterations = instance.options.iterations;
    let (hot, cold): (f64, f64) = (2.0, 0.02);
    let mut best = (state.cost, state.at.clone());
    for i in 0..iterations {
        let temperature = hot * (cold / hot).powf(i as f64 / iterations.max(1) as f64);
        if state.step(&mut rng, temperature) && state.cost < best.0 - 1e-9 {
            best = (state.cost, state.at.clone());
        }
        if state.cost <= 0.0 {
            break;
        }
    }
    let mut final_state = State::new(&ix);
    for (x, c) in best.1.iter().enumerate() {
        if let Some((r, s)) = *c {
            final_state.place(x, r, s);
        }
    }
    let placements = final_state.placements();
    let report = check(&ix, &placements);
    Ok(Timetable { placements, report })
}
