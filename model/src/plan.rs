//! A person's own plan: which steps apply to them, in what order, when each is due, and the few
//! things to do next. Everything is computed from the structure, the progress replica (ticks and
//! intake answers) and today's date, so the plan is always current and nothing derived is stored.

use crate::content::{Step, Structure};
use crate::date::Date;
use crate::deadline::Rule;
use crate::intake::{Field, Intake};
use crate::progress::Progress;
use crate::Profile;

/// When a step is due for this person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Due {
    /// No deadline applies.
    None,
    /// Due on this date.
    On(Date),
    /// It depends on answers not given: `needs` names them (a condition's answers, or the date a
    /// rule counts from). `maybe` is the earliest date it could be, when one is known.
    Unknown { maybe: Option<Date>, needs: Vec<Field> },
}

/// The first rule of `rules` that holds gives the date; a rule whose condition is not known yet
/// makes the date unknown, and the earliest possible date is kept so erring is always early.
pub fn due(rules: &[Rule], profile: &Profile, intake: Intake, today: Date) -> Due {
    let mut needs: Vec<Field> = Vec::new();
    let mut maybe: Option<Date> = None;
    let need = |f: Field, needs: &mut Vec<Field>| {
        if !needs.contains(&f) && intake.answer(f).is_none_or(|v| v == crate::intake::UNKNOWN) {
            needs.push(f);
        }
    };
    for rule in rules {
        let holds = rule.when.as_ref().map_or(Some(true), |c| c.eval(profile));
        if holds == Some(false) {
            continue;
        }
        let date = rule.deadline.due(|e| intake.date(e), today);
        if date.is_none() {
            if let crate::Deadline::Within { after, .. } = rule.deadline {
                need(Field::of_event(after), &mut needs);
            }
        }
        maybe = match (maybe, date) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        match holds {
            Some(_) if needs.is_empty() => return date.map_or(Due::Unknown { maybe: None, needs }, Due::On),
            Some(_) => break,
            None => {
                for f in rule.when.as_ref().map(|c| c.fields()).unwrap_or_default() {
                    need(f, &mut needs);
                }
            }
        }
    }
    if needs.is_empty() {
        Due::None
    } else {
        Due::Unknown { maybe, needs }
    }
}

/// One step in a person's plan.
#[derive(Clone, Debug, PartialEq)]
pub struct Item<'a> {
    pub step: &'a Step,
    /// Whether the step is for this person; `None` when an answer it needs is missing.
    pub applies: Option<bool>,
    pub done: bool,
    pub due: Due,
}

impl Item<'_> {
    /// The date to plan by: the due date, or the earliest it could be.
    pub fn date(&self) -> Option<Date> {
        match self.due {
            Due::On(d) => Some(d),
            Due::Unknown { maybe, .. } => maybe,
            Due::None => None,
        }
    }

    /// Open, for this person (or maybe), and its date has passed.
    pub fn overdue(&self, today: Date) -> bool {
        self.open() && self.date().is_some_and(|d| d < today)
    }

    /// Not done, and not ruled out by the answers.
    pub fn open(&self) -> bool {
        !self.done && self.applies != Some(false)
    }
}

/// Every step, in guide order except that a step comes after the steps it names in `after`
/// (wherever they are); steps in a cycle, which the content checks forbid, keep guide order.
pub fn order(structure: &Structure) -> Vec<&Step> {
    let in_guides: Vec<&Step> =
        structure.guides.iter().flat_map(|g| &g.steps).filter_map(|id| structure.step(id)).collect();
    let mut placed: Vec<&Step> = Vec::with_capacity(in_guides.len());
    let mut left = in_guides;
    while !left.is_empty() {
        let ready = left.iter().position(|s| {
            s.after.iter().all(|a| placed.iter().any(|p| &p.id == a) || !left.iter().any(|l| &l.id == a))
        });
        placed.push(left.remove(ready.unwrap_or(0)));
    }
    placed
}

/// The plan: every step in [`order`], with whether it applies, whether it is done and when due.
pub fn plan<'a>(structure: &'a Structure, progress: &Progress, today: Date) -> Vec<Item<'a>> {
    let intake = Intake::new(progress);
    let profile = intake.profile(today);
    order(structure)
        .into_iter()
        .map(|step| Item {
            step,
            applies: step.applies.as_ref().map_or(Some(true), |c| c.eval(&profile)),
            done: progress.is_done(&step.id),
            due: due(&step.deadline, &profile, intake, today),
        })
        .collect()
}

/// Why a step is among the next things to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    /// Its date has passed.
    Overdue,
    /// It has the nearest date to come.
    Soonest,
    /// It is the next open step in order, and the steps before it are done.
    Ready,
}

/// Up to `count` things to do next: overdue steps (earliest first), then the step with the
/// nearest date, then open steps in order whose `after` steps are done or not for this person;
/// further dated steps fill what is left.
///
/// A date that comes round every year (the tax return, the allowances' 1 September) says nothing
/// about this person's situation, so it is the nearest date only once the steps before it are
/// settled: otherwise a person who has just arrived, with nothing told yet, is first sent to a
/// tax return months away that needs a DigiD they do not have. Dates counted from the person's
/// own events (a letter, the decision) stay first whatever is still open before them: those are
/// the ones that are missed.
pub fn next<'p, 'a>(items: &'p [Item<'a>], today: Date, count: usize) -> Vec<(&'p Item<'a>, Why)> {
    let mut out: Vec<(&Item, Why)> = Vec::new();
    // Insertion in date order, stable: the standard sort would add kilobytes to the wasm for a
    // list of a few dozen steps.
    let mut dated: Vec<&Item> = Vec::new();
    for item in items.iter().filter(|i| i.open() && i.date().is_some()) {
        let at = dated.iter().position(|d| d.date() > item.date()).unwrap_or(dated.len());
        dated.insert(at, item);
    }
    let (overdue, upcoming): (Vec<&Item>, Vec<&Item>) = dated.into_iter().partition(|i| i.overdue(today));
    out.extend(overdue.into_iter().map(|i| (i, Why::Overdue)));
    let settled = |id: &String| items.iter().any(|i| &i.step.id == id && (i.done || i.applies == Some(false)));
    let yearly = |i: &Item| i.step.deadline.iter().all(|r| matches!(r.deadline, crate::Deadline::Yearly { .. }));
    let soonest = upcoming.iter().find(|i| !yearly(i) || i.step.after.iter().all(settled));
    out.extend(soonest.map(|i| (*i, Why::Soonest)));
    for item in items.iter().filter(|i| i.open() && i.step.after.iter().all(settled)) {
        if out.len() >= count {
            break;
        }
        if !out.iter().any(|(o, _)| o.step.id == item.step.id) {
            out.push((item, Why::Ready));
        }
    }
    for item in upcoming {
        if out.len() >= count {
            break;
        }
        if !out.iter().any(|(o, _)| o.step.id == item.step.id) {
            out.push((item, Why::Soonest));
        }
    }
    out.truncate(count);
    out
}

#[cfg(test)]
mod tests;
