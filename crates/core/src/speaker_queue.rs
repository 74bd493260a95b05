//! The live speaker queue of a meeting: who asked for the floor, in which order, who speaks
//! now, and how long each stakeholder group has spoken. A remote participant whose voice does
//! not carry (Janis Karklins in Beijing) writes instead, and the text enters the record.
//!
//! The rules are pure functions over the queue's open entries (waiting or speaking) and an
//! injected `now`: each returns the entries it changed, which the store writes in one
//! transaction. Order is by `position`, then by when the hand went up.

use jiff::Timestamp;
use serde::Serialize;
use uuid::Uuid;

use crate::meeting::Participant;
use crate::validate::{ErrorCode, ValidationErrors};

/// The longest written intervention, in characters: a statement, not a document.
pub const MAX_INTERVENTION_CHARS: usize = 4000;
/// The longest speaking-time limit a moderator may set, in minutes.
pub const MAX_TURN_MINUTES: u32 = 60;

/// Where a raised hand stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum TurnState {
    Waiting,
    Speaking,
    Done,
    /// Lowered before the turn came.
    Withdrawn,
}

impl TurnState {
    pub const ALL: [TurnState; 4] = [
        TurnState::Waiting,
        TurnState::Speaking,
        TurnState::Done,
        TurnState::Withdrawn,
    ];

    pub fn code(self) -> &'static str {
        match self {
            TurnState::Waiting => "waiting",
            TurnState::Speaking => "speaking",
            TurnState::Done => "done",
            TurnState::Withdrawn => "withdrawn",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Waiting or speaking: the hand is still up.
    pub fn is_open(self) -> bool {
        matches!(self, TurnState::Waiting | TurnState::Speaking)
    }
}

/// One raised hand. The name, group and place are the participant's as they were when the
/// hand went up, so the record of who spoke for which group does not change afterwards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QueueEntry {
    pub id: Uuid,
    pub meeting_id: Uuid,
    /// None once the participant has been removed from the meeting.
    pub participant_id: Option<Uuid>,
    pub name: String,
    pub stakeholder_group: String,
    pub remote: bool,
    pub state: TurnState,
    pub position: i64,
    pub raised_at: Timestamp,
    pub started_at: Option<Timestamp>,
    pub ended_at: Option<Timestamp>,
    /// The index of the agenda item under discussion when the hand went up or the turn began.
    pub agenda_item: Option<u32>,
}

impl QueueEntry {
    /// A hand raised by `participant` at `now`, after every open entry.
    pub fn raised(
        participant: &Participant,
        open: &[QueueEntry],
        agenda_item: Option<u32>,
        now: Timestamp,
    ) -> QueueEntry {
        QueueEntry {
            id: crate::new_id(),
            meeting_id: participant.meeting_id,
            participant_id: Some(participant.id),
            name: participant.name.clone(),
            stakeholder_group: participant.stakeholder_group.clone(),
            remote: participant.remote,
            state: TurnState::Waiting,
            position: open.iter().map(|e| e.position).max().unwrap_or(0) + 1,
            raised_at: now,
            started_at: None,
            ended_at: None,
            agenda_item,
        }
    }

    /// How long this entry has held the floor, in milliseconds: a finished turn from its start
    /// to its end, the current one up to `now`.
    pub fn spoken_ms(&self, now: Timestamp) -> i64 {
        match (self.started_at, self.ended_at) {
            (Some(start), Some(end)) => (end.as_millisecond() - start.as_millisecond()).max(0),
            (Some(start), None) => (now.as_millisecond() - start.as_millisecond()).max(0),
            _ => 0,
        }
    }
}

/// Why a queue change was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum QueueError {
    #[error("no such raised hand")]
    NotFound,
    #[error("the hand is not waiting")]
    NotWaiting,
    #[error("the hand is already up")]
    AlreadyRaised,
    #[error("the entry cannot move further")]
    AtEdge,
}

/// A moderator's or a participant's change to the queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "command", content = "entry")]
pub enum Command {
    /// The current speaker is done; the first waiting hand gets the floor.
    CallNext,
    /// The current speaker is done; this waiting hand gets the floor.
    Call(Uuid),
    /// The current speaker is done; nobody speaks until the next call.
    EndTurn,
    /// One place earlier in the queue.
    MoveUp(Uuid),
    /// One place later.
    MoveDown(Uuid),
    /// A hand lowered: a waiting one is withdrawn, a speaking one is done.
    Withdraw(Uuid),
}

impl Command {
    pub fn code(self) -> &'static str {
        match self {
            Command::CallNext => "call-next",
            Command::Call(_) => "call",
            Command::EndTurn => "end-turn",
            Command::MoveUp(_) => "move-up",
            Command::MoveDown(_) => "move-down",
            Command::Withdraw(_) => "withdraw",
        }
    }

    /// Reads a command from its code and, for those that name one, the entry.
    pub fn parse(code: &str, entry: Option<Uuid>) -> Option<Command> {
        Some(match (code, entry) {
            ("call-next", _) => Command::CallNext,
            ("end-turn", _) => Command::EndTurn,
            ("call", Some(id)) => Command::Call(id),
            ("move-up", Some(id)) => Command::MoveUp(id),
            ("move-down", Some(id)) => Command::MoveDown(id),
            ("withdraw", Some(id)) => Command::Withdraw(id),
            _ => return None,
        })
    }

    /// The entry the command names, if any.
    pub fn entry(self) -> Option<Uuid> {
        match self {
            Command::CallNext | Command::EndTurn => None,
            Command::Call(id)
            | Command::MoveUp(id)
            | Command::MoveDown(id)
            | Command::Withdraw(id) => Some(id),
        }
    }

    /// Applies the command to the open entries; returns the entries it changed, as they are
    /// afterwards. `agenda_item` is the item under discussion, recorded on a turn that begins.
    pub fn apply(
        self,
        open: &[QueueEntry],
        agenda_item: Option<u32>,
        now: Timestamp,
    ) -> Result<Vec<QueueEntry>, QueueError> {
        match self {
            Command::CallNext => {
                let first = waiting(open).into_iter().next().map(|e| e.id);
                Ok(give_floor(open, first, agenda_item, now))
            }
            Command::Call(id) => {
                let entry = find(open, id)?;
                if entry.state != TurnState::Waiting {
                    return Err(QueueError::NotWaiting);
                }
                Ok(give_floor(open, Some(id), agenda_item, now))
            }
            Command::EndTurn => Ok(give_floor(open, None, agenda_item, now)),
            Command::MoveUp(id) => move_by(open, id, -1),
            Command::MoveDown(id) => move_by(open, id, 1),
            Command::Withdraw(id) => {
                let entry = find(open, id)?;
                let state = if entry.state == TurnState::Speaking {
                    TurnState::Done
                } else {
                    TurnState::Withdrawn
                };
                Ok(vec![QueueEntry {
                    state,
                    ended_at: Some(now),
                    ..entry.clone()
                }])
            }
        }
    }
}

fn find(open: &[QueueEntry], id: Uuid) -> Result<&QueueEntry, QueueError> {
    open.iter()
        .find(|e| e.id == id && e.state.is_open())
        .ok_or(QueueError::NotFound)
}

/// The waiting entries in queue order: by position, then by when the hand went up.
pub fn waiting(open: &[QueueEntry]) -> Vec<&QueueEntry> {
    let mut waiting: Vec<&QueueEntry> = open
        .iter()
        .filter(|e| e.state == TurnState::Waiting)
        .collect();
    waiting.sort_by_key(|e| (e.position, e.raised_at, e.id));
    waiting
}

/// The entry that holds the floor, if any.
pub fn speaking(open: &[QueueEntry]) -> Option<&QueueEntry> {
    open.iter().find(|e| e.state == TurnState::Speaking)
}

/// Ends the current turn and gives the floor to `next` (or to nobody).
fn give_floor(
    open: &[QueueEntry],
    next: Option<Uuid>,
    agenda_item: Option<u32>,
    now: Timestamp,
) -> Vec<QueueEntry> {
    let mut changed = Vec::new();
    if let Some(current) = speaking(open) {
        changed.push(QueueEntry {
            state: TurnState::Done,
            ended_at: Some(now),
            ..current.clone()
        });
    }
    if let Some(entry) = next.and_then(|id| open.iter().find(|e| e.id == id)) {
        changed.push(QueueEntry {
            state: TurnState::Speaking,
            started_at: Some(now),
            agenda_item: agenda_item.or(entry.agenda_item),
            ..entry.clone()
        });
    }
    changed
}

/// Moves a waiting entry `step` places (−1 up, +1 down): the waiting entries are numbered
/// 1, 2, 3… in their present order with the two swapped, and those whose number changed are
/// returned, so ties left by concurrent raises are settled as a side effect.
fn move_by(open: &[QueueEntry], id: Uuid, step: isize) -> Result<Vec<QueueEntry>, QueueError> {
    let entry = find(open, id)?;
    if entry.state != TurnState::Waiting {
        return Err(QueueError::NotWaiting);
    }
    let mut order = waiting(open);
    let at = order
        .iter()
        .position(|e| e.id == id)
        .ok_or(QueueError::NotFound)?;
    let to = at
        .checked_add_signed(step)
        .filter(|to| *to < order.len())
        .ok_or(QueueError::AtEdge)?;
    order.swap(at, to);
    Ok(order
        .into_iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let position = i as i64 + 1;
            (e.position != position).then(|| QueueEntry {
                position,
                ..e.clone()
            })
        })
        .collect())
}

/// Speaking time of one stakeholder group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupTime {
    pub stakeholder_group: String,
    /// Turns begun (the current one included).
    pub turns: u32,
    pub spoken_ms: i64,
}

/// How long each group has held the floor up to `now`: one row per group of `groups` (the
/// deployment's order, zeros included, so an absent group shows as absent), then any other
/// group found in the entries.
pub fn speaking_time_by_group(
    groups: &[String],
    entries: &[QueueEntry],
    now: Timestamp,
) -> Vec<GroupTime> {
    let mut rows: Vec<GroupTime> = groups
        .iter()
        .map(|g| GroupTime {
            stakeholder_group: g.clone(),
            turns: 0,
            spoken_ms: 0,
        })
        .collect();
    for entry in entries.iter().filter(|e| e.started_at.is_some()) {
        let index = match rows
            .iter()
            .position(|r| r.stakeholder_group == entry.stakeholder_group)
        {
            Some(index) => index,
            None => {
                rows.push(GroupTime {
                    stakeholder_group: entry.stakeholder_group.clone(),
                    turns: 0,
                    spoken_ms: 0,
                });
                rows.len() - 1
            }
        };
        rows[index].turns += 1;
        rows[index].spoken_ms += entry.spoken_ms(now);
    }
    rows
}

/// When the current turn runs out, if the moderator set a limit and someone speaks.
pub fn turn_ends_at(open: &[QueueEntry], turn_seconds: Option<u32>) -> Option<Timestamp> {
    let start = speaking(open)?.started_at?;
    let limit = turn_seconds?;
    Timestamp::from_millisecond(start.as_millisecond() + i64::from(limit) * 1000).ok()
}

/// A written intervention: what a remote participant who could not be heard said instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Intervention {
    pub id: Uuid,
    pub meeting_id: Uuid,
    pub participant_id: Option<Uuid>,
    /// The author's name and group when they wrote.
    pub name: String,
    pub stakeholder_group: String,
    pub text: String,
    pub at: Timestamp,
    pub agenda_item: Option<u32>,
}

impl Intervention {
    /// Checks the text (required, at most [`MAX_INTERVENTION_CHARS`]) and builds the record.
    pub fn written(
        participant: &Participant,
        text: &str,
        agenda_item: Option<u32>,
        now: Timestamp,
    ) -> Result<Intervention, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let text = errors.text("text", text, MAX_INTERVENTION_CHARS);
        errors.finish(Intervention {
            id: crate::new_id(),
            meeting_id: participant.meeting_id,
            participant_id: Some(participant.id),
            name: participant.name.clone(),
            stakeholder_group: participant.stakeholder_group.clone(),
            text,
            at: now,
            agenda_item,
        })
    }
}

/// The moderator's settings: the speaking-time limit and the agenda item under discussion.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct QueueSettings {
    pub turn_seconds: Option<u32>,
    pub agenda_item: Option<u32>,
}

/// Reads a speaking-time limit as typed: whole minutes from 1 to [`MAX_TURN_MINUTES`], or empty
/// (or 0) for none.
pub fn turn_limit(field: &str, minutes: &str) -> Result<Option<u32>, ValidationErrors> {
    match minutes.trim() {
        "" | "0" => Ok(None),
        text => match text.parse::<u32>() {
            Ok(m) if (1..=MAX_TURN_MINUTES).contains(&m) => Ok(Some(m * 60)),
            _ => Err(ValidationErrors::single(field, ErrorCode::InvalidNumber)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> Timestamp {
        Timestamp::from_second(1_365_390_000 + seconds).unwrap()
    }

    fn hand(n: u128, group: &str, position: i64, state: TurnState) -> QueueEntry {
        QueueEntry {
            id: Uuid::from_u128(n),
            meeting_id: Uuid::nil(),
            participant_id: Some(Uuid::from_u128(100 + n)),
            name: format!("P{n}"),
            stakeholder_group: group.into(),
            remote: false,
            state,
            position,
            raised_at: at(n as i64),
            started_at: None,
            ended_at: None,
            agenda_item: None,
        }
    }

    fn ids(entries: &[QueueEntry]) -> Vec<(u128, TurnState, i64)> {
        entries
            .iter()
            .map(|e| (e.id.as_u128(), e.state, e.position))
            .collect()
    }

    #[test]
    fn call_next_ends_the_speaker_and_gives_the_floor_to_the_first_waiting() {
        let mut speaker = hand(1, "government", 1, TurnState::Speaking);
        speaker.started_at = Some(at(10));
        let open = [
            speaker,
            hand(3, "civil-society", 3, TurnState::Waiting),
            hand(2, "private-sector", 2, TurnState::Waiting),
        ];
        let changed = Command::CallNext.apply(&open, Some(1), at(70)).unwrap();
        assert_eq!(
            ids(&changed),
            [(1, TurnState::Done, 1), (2, TurnState::Speaking, 2)]
        );
        assert_eq!(changed[0].ended_at, Some(at(70)));
        assert_eq!(changed[1].started_at, Some(at(70)));
        assert_eq!(changed[1].agenda_item, Some(1));
        // Nobody waiting: the speaker is done and the floor is free.
        let alone = [open[0].clone()];
        let changed = Command::CallNext.apply(&alone, None, at(70)).unwrap();
        assert_eq!(ids(&changed), [(1, TurnState::Done, 1)]);
        assert!(
            Command::CallNext
                .apply(&[], None, at(70))
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn a_given_person_is_called_out_of_turn_only_while_waiting() {
        let open = [
            hand(1, "government", 1, TurnState::Waiting),
            hand(2, "civil-society", 2, TurnState::Waiting),
        ];
        let id2 = Uuid::from_u128(2);
        let changed = Command::Call(id2).apply(&open, None, at(5)).unwrap();
        assert_eq!(ids(&changed), [(2, TurnState::Speaking, 2)]);
        let speaking_now = [open[0].clone(), changed[0].clone()];
        assert_eq!(
            Command::Call(id2).apply(&speaking_now, None, at(6)),
            Err(QueueError::NotWaiting)
        );
        assert_eq!(
            Command::Call(Uuid::from_u128(9)).apply(&open, None, at(6)),
            Err(QueueError::NotFound)
        );
    }

    #[test]
    fn moving_swaps_neighbours_and_renumbers_ties() {
        // Two hands raised at once on PostgreSQL may share a position.
        let open = [
            hand(1, "government", 1, TurnState::Waiting),
            hand(2, "government", 1, TurnState::Waiting),
            hand(3, "government", 2, TurnState::Waiting),
            hand(4, "government", 0, TurnState::Speaking),
        ];
        let changed = Command::MoveUp(Uuid::from_u128(3))
            .apply(&open, None, at(0))
            .unwrap();
        // Order was 1, 2, 3 (1 before 2 by time); now 1, 3, 2, numbered 1, 2, 3: entry 3
        // keeps position 2, entry 2 goes from 1 to 3.
        assert_eq!(ids(&changed), [(2, TurnState::Waiting, 3)]);
        let changed = Command::MoveDown(Uuid::from_u128(1))
            .apply(&open, None, at(0))
            .unwrap();
        // Now 2, 1, 3: entry 2 keeps 1, entry 1 goes to 2, entry 3 to 3.
        assert_eq!(
            ids(&changed),
            [(1, TurnState::Waiting, 2), (3, TurnState::Waiting, 3)]
        );
        assert_eq!(
            Command::MoveUp(Uuid::from_u128(1)).apply(&open, None, at(0)),
            Err(QueueError::AtEdge)
        );
        assert_eq!(
            Command::MoveDown(Uuid::from_u128(3)).apply(&open, None, at(0)),
            Err(QueueError::AtEdge)
        );
        assert_eq!(
            Command::MoveUp(Uuid::from_u128(4)).apply(&open, None, at(0)),
            Err(QueueError::NotWaiting),
            "the speaker is not in the line"
        );
    }

    #[test]
    fn withdrawing_lowers_a_waiting_hand_and_ends_a_turn() {
        let mut speaker = hand(1, "government", 1, TurnState::Speaking);
        speaker.started_at = Some(at(0));
        let open = [speaker, hand(2, "government", 2, TurnState::Waiting)];
        let lowered = Command::Withdraw(Uuid::from_u128(2))
            .apply(&open, None, at(9))
            .unwrap();
        assert_eq!(ids(&lowered), [(2, TurnState::Withdrawn, 2)]);
        let ended = Command::Withdraw(Uuid::from_u128(1))
            .apply(&open, None, at(9))
            .unwrap();
        assert_eq!(ids(&ended), [(1, TurnState::Done, 1)]);
        assert_eq!(ended[0].ended_at, Some(at(9)));
    }

    #[test]
    fn speaking_time_counts_finished_turns_and_the_current_one_up_to_now() {
        let groups: Vec<String> = ["government", "civil-society", "academic-community"]
            .map(String::from)
            .to_vec();
        let mut done = hand(1, "government", 1, TurnState::Done);
        done.started_at = Some(at(0));
        done.ended_at = Some(at(90));
        let mut current = hand(2, "civil-society", 2, TurnState::Speaking);
        current.started_at = Some(at(100));
        let mut other = hand(3, "government", 3, TurnState::Done);
        other.started_at = Some(at(200));
        other.ended_at = Some(at(230));
        let waiting = hand(4, "technical-community", 4, TurnState::Waiting);
        let withdrawn = hand(5, "civil-society", 5, TurnState::Withdrawn);
        let entries = [done, current, other, waiting, withdrawn];
        let time = |now| -> Vec<(String, u32, i64)> {
            speaking_time_by_group(&groups, &entries, now)
                .into_iter()
                .map(|g| (g.stakeholder_group, g.turns, g.spoken_ms))
                .collect()
        };
        assert_eq!(
            time(at(130)),
            [
                ("government".into(), 2, 120_000),
                ("civil-society".into(), 1, 30_000),
                ("academic-community".into(), 0, 0),
            ]
        );
        // The same entries a minute later: only the current turn grew.
        assert_eq!(time(at(190))[1], ("civil-society".into(), 1, 90_000));
    }

    #[test]
    fn the_turn_ends_after_the_limit_from_its_start() {
        let mut speaker = hand(1, "government", 1, TurnState::Speaking);
        speaker.started_at = Some(at(10));
        let open = [speaker];
        assert_eq!(turn_ends_at(&open, Some(120)), Some(at(130)));
        assert_eq!(turn_ends_at(&open, None), None);
        assert_eq!(turn_ends_at(&[], Some(120)), None);
        assert_eq!(turn_limit("minutes", "3"), Ok(Some(180)));
        assert_eq!(turn_limit("minutes", ""), Ok(None));
        assert!(turn_limit("minutes", "61").is_err());
        assert!(turn_limit("minutes", "two").is_err());
    }

    #[test]
    fn a_new_hand_goes_last_and_keeps_who_raised_it() {
        let meeting = Uuid::from_u128(7);
        let janis = Participant {
            id: Uuid::from_u128(8),
            meeting_id: meeting,
            name: "Janis Karklins".into(),
            person_id: None,
            user_id: None,
            stakeholder_group: "government".into(),
            gender: None,
            role: crate::meeting::Role::Attendee,
            remote: true,
        };
        let open = [hand(1, "government", 4, TurnState::Waiting)];
        let entry = QueueEntry::raised(&janis, &open, Some(2), at(0));
        assert_eq!(
            (entry.position, entry.remote, entry.agenda_item),
            (5, true, Some(2))
        );
        assert_eq!(entry.stakeholder_group, "government");
        let written = Intervention::written(&janis, "  Can you hear me?  ", None, at(1)).unwrap();
        assert_eq!(written.text, "Can you hear me?");
        let too_long = "x".repeat(MAX_INTERVENTION_CHARS + 1);
        let errors = Intervention::written(&janis, &too_long, None, at(1)).unwrap_err();
        assert_eq!(errors.0[0].field, "text");
        assert!(Intervention::written(&janis, " ", None, at(1)).is_err());
    }

    #[test]
    fn commands_read_back_from_their_codes() {
        let id = Uuid::from_u128(3);
        for command in [
            Command::CallNext,
            Command::EndTurn,
            Command::Call(id),
            Command::MoveUp(id),
            Command::MoveDown(id),
            Command::Withdraw(id),
        ] {
            assert_eq!(
                Command::parse(command.code(), command.entry().or(Some(id))),
                Some(command)
            );
        }
        assert_eq!(Command::parse("call", None), None);
        assert_eq!(Command::parse("dance", Some(id)), None);
    }
}
