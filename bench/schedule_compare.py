"""Runs conference-scheduler (PyCon UK's ILP scheduler, PyPI) on an `agora schedule` instance
and writes its timetable as placements that `agora schedule --check` can judge.

The instance's hard constraints are given to it in its own terms: a slot per room and period
(capacity = the room's), an event's `unavailability` lists the slots it cannot use (room closed,
too small, not accessible; its own duration check covers slot length) and the events it shares
a person with. Its objective is left at the default (any feasible schedule): it has no notion
of theme spread or remote hours, so those are judged afterwards with Agora's `check`, the same
function for both. Its `tags` (events sharing a tag may not overlap) would turn theme clashes
into a hard rule; with tags = [theme] the model for 150 sessions passed 6 GiB while still
being built, so `TAGS=1` asks for them and the default leaves them out.

usage: python schedule_compare.py INSTANCE.json OUT.json
"""

import json
import os
import sys
import time
from datetime import datetime, timedelta

import pulp
from conference_scheduler import scheduler
from conference_scheduler.resources import Event, Slot


def main(instance_path, out_path):
    with open(instance_path) as f:
        inst = json.load(f)
    people = {p["id"]: p for p in inst.get("people", [])}
    base = datetime(2000, 1, 1)
    build = time.perf_counter()
    slots, where = [], []
    for room in inst["rooms"]:
        for slot in inst["slots"]:
            h, m = map(int, slot["start"].split(":"))
            starts = base + timedelta(days=slot["day"], hours=h, minutes=m)
            slots.append(Slot(venue=room["id"], starts_at=starts, duration=slot["minutes"],
                              capacity=room["capacity"], session=f"{slot['day']}-{slot['start']}"))
            where.append((room, slot))
    events = []
    for s in inst["sessions"]:
        needs_access = any(people.get(p, {}).get("accessibility_needs") for p in s.get("people", []))
        closed = [slots[i] for i, (room, slot) in enumerate(where)
                  if slot["id"] in room.get("unavailable", [])
                  or room["capacity"] < s.get("audience", 0)
                  or (needs_access and not room.get("accessible", False))]
        events.append(Event(name=s["id"], duration=s["minutes"], demand=s.get("audience", 0),
                            tags=[s["theme"]] if os.environ.get("TAGS") else [], unavailability=closed))
    for i, s in enumerate(inst["sessions"]):
        mine = set(s.get("people", []))
        clashing = [events[j] for j, o in enumerate(inst["sessions"]) if j != i and mine & set(o.get("people", []))]
        events[i].add_unavailability(*clashing)
    built = time.perf_counter()
    schedule = list(scheduler.schedule(events, slots, solver=pulp.PULP_CBC_CMD(msg=False)))
    solved = time.perf_counter()
    by_slot = {(s.venue, s.starts_at): i for i, s in enumerate(slots)}
    placements = []
    for item in schedule:
        room, slot = where[by_slot[(item.slot.venue, item.slot.starts_at)]]
        placements.append({"session": item.event.name, "room": room["id"], "slot": slot["id"]})
    with open(out_path, "w") as f:
        json.dump({"placements": placements}, f, indent=1)
    print(f"conference-scheduler: {len(placements)} of {len(events)} events placed; "
          f"inputs {built - build:.2f} s, scheduler.schedule (model and CBC) {solved - built:.2f} s")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
